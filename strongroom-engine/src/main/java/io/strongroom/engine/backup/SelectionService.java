package io.strongroom.engine.backup;

import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.cache.GenerationCache;
import io.strongroom.engine.iam.IamDirectory;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.resource.Inventories;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Backup selections (spec 4): create with the role checked (it exists in the plan's account and trusts
 * backup.amazonaws.com; the caller's iam:PassRole was asked of the Authorizer before), get, list, delete, and which
 * resources a selection picks now through the resource providers of its account and Region.
 */
public final class SelectionService {
    static final String BACKUP_SERVICE = "backup.amazonaws.com";
    static final int MAX_SELECTIONS = 100;
    static final int MAX_TAGS_OR_CONDITIONS = 30;
    static final int MAX_ARNS = 500;
    static final int MAX_WILDCARD_ARNS = 30;

    private final BackupStore store;
    private final PlanService plans;
    private final RegionSettingsService settings;
    private final IamDirectory iam;
    private final Authorizer authorizer;
    private final List<ResourceProvider> providers;
    private final Clock clock;
    private final IdGenerator ids;
    /** Keyed by [account, region]; the generations live in the store, so every server sharing it agrees (D71). */
    private final GenerationCache<List<String>, List<ProtectedResource>> inventories =
            new GenerationCache<>((tx, key) -> Inventories.current(tx, key.get(0), key.get(1)));
    private final GenerationCache<List<String>, SelectionCoverage> coverage;

    public SelectionService(VaultService vaults, PlanService plans, RegionSettingsService settings, IamDirectory iam,
                            Authorizer authorizer, List<ResourceProvider> providers, Clock clock, IdGenerator ids) {
        this.store = vaults.store();
        this.plans = plans;
        this.settings = settings;
        this.iam = iam;
        this.authorizer = authorizer;
        this.providers = List.copyOf(providers);
        this.clock = clock;
        this.ids = ids;
        this.coverage = new GenerationCache<>((tx, key) -> List.of(Inventories.current(tx, key.get(0), key.get(1)),
                store.plansGenerationNow(tx, key.get(0), key.get(1))));
    }

    /** What CreateBackupSelection takes. */
    public record CreateSelection(String name, String iamRoleArn, List<String> resources, List<String> notResources,
                                  List<TagCondition> listOfTags, SelectionConditions conditions) {
    }

    public BackupSelection createBackupSelection(Tx tx, String account, String region, String planId,
                                                 CreateSelection in, String creatorRequestId) {
        if (in == null) {
            throw BackupErrors.missingParameter("BackupSelection");
        }
        BackupPlan plan = plans.memberChangeablePlan(tx, account, region, planId);
        BackupNames.creatorRequestId(creatorRequestId);
        List<BackupSelection> existing = store.selections(tx, planId);
        if (creatorRequestId != null) {
            Optional<BackupSelection> replay = existing.stream()
                    .filter(s -> creatorRequestId.equals(s.creatorRequestId())).findFirst();
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        validate(in);
        checkRole(tx, account, in.iamRoleArn());
        if (existing.stream().anyMatch(s -> s.name().equals(in.name()))) {
            throw BackupErrors.selectionExists(in.name());
        }
        if (existing.size() >= MAX_SELECTIONS) {
            throw BackupErrors.limitExceeded("A backup plan can have at most " + MAX_SELECTIONS + " selections.");
        }
        return save(tx, plan, in, creatorRequestId);
    }

    private BackupSelection save(Tx tx, BackupPlan plan, CreateSelection in, String creatorRequestId) {
        BackupSelection selection = new BackupSelection(plan.accountId(), plan.region(), plan.planId(), ids.uuid(tx),
                in.name(), in.iamRoleArn(), in.resources(), in.notResources(), in.listOfTags(), in.conditions(),
                Instant.now(clock), creatorRequestId);
        store.putSelection(tx, selection);
        return selection;
    }

    // The internal path of org-managed plans (OrgBackupPlans). The role is not checked: AWS materialises the
    // policy's selection even when the role is missing in the account, and the jobs then fail (spec 3.5).

    /** Checks an org selection as CreateBackupSelection does, except for the role's existence and trust. */
    static void validateOrgSelection(CreateSelection in) {
        validate(in);
        if (in.iamRoleArn() == null || !BackupNames.ROLE_ARN.matcher(in.iamRoleArn()).matches()) {
            throw BackupErrors.invalidParameter("Invalid IamRoleArn " + in.iamRoleArn() + ": it must be the ARN of "
                    + "an IAM role.");
        }
    }

    BackupSelection createOrgSelection(Tx tx, BackupPlan plan, CreateSelection in) {
        return save(tx, plan, in, null);
    }

    List<BackupSelection> selections(Tx tx, BackupPlan plan) {
        return store.selections(tx, plan.planId());
    }

    void deleteOrgSelection(Tx tx, BackupSelection selection) {
        store.deleteSelection(tx, selection);
    }

    private static void validate(CreateSelection in) {
        BackupNames.selectionName(in.name());
        for (List<String> arns : List.of(in.resources() == null ? List.<String>of() : in.resources(),
                in.notResources() == null ? List.<String>of() : in.notResources())) {
            long wildcards = arns.stream().filter(a -> a.contains("*")).count();
            if (arns.size() > MAX_ARNS || wildcards > MAX_WILDCARD_ARNS) {
                throw BackupErrors.limitExceeded("Resources and NotResources take at most " + MAX_ARNS + " ARNs, or "
                        + MAX_WILDCARD_ARNS + " with wildcards.");
            }
            for (String arn : arns) {
                if (arn == null || !(arn.equals("*") || arn.startsWith("arn:"))) {
                    throw BackupErrors.invalidParameter("Invalid resource ARN " + arn + " in the backup selection.");
                }
            }
        }
        List<TagCondition> tags = in.listOfTags() == null ? List.of() : in.listOfTags();
        SelectionConditions conditions = in.conditions() == null ? SelectionConditions.NONE : in.conditions();
        if (tags.size() > MAX_TAGS_OR_CONDITIONS || conditions.size() > MAX_TAGS_OR_CONDITIONS) {
            throw BackupErrors.limitExceeded("A backup selection takes at most " + MAX_TAGS_OR_CONDITIONS
                    + " tags and " + MAX_TAGS_OR_CONDITIONS + " conditions.");
        }
        for (TagCondition tag : tags) {
            if (!"STRINGEQUALS".equals(tag.conditionType())) {
                throw BackupErrors.invalidParameter("Invalid ConditionType " + tag.conditionType()
                        + ": ListOfTags takes STRINGEQUALS only.");
            }
            if (tag.key() == null || tag.key().isEmpty() || tag.value() == null) {
                throw BackupErrors.invalidParameter("Every ListOfTags entry needs a ConditionKey and a "
                        + "ConditionValue.");
            }
        }
        conditions.all().forEach(c -> {
            if (c.key() == null || !c.key().startsWith("aws:ResourceTag/") || c.key().length() == 16
                    || c.value() == null) {
                throw BackupErrors.invalidParameter("Invalid condition key " + c.key() + ": Conditions take "
                        + "aws:ResourceTag/<key> keys with a value.");
            }
        });
    }

    /** The role must be a role of the plan's account that AWS Backup may assume (spec 4.1, 11; decision D37). */
    private void checkRole(Tx tx, String account, String roleArn) {
        if (roleArn == null || roleArn.isEmpty()) {
            throw BackupErrors.missingParameter("IamRoleArn");
        }
        var m = BackupNames.ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw BackupErrors.invalidParameter("Invalid IamRoleArn " + roleArn + ": it must be the ARN of an IAM "
                    + "role.");
        }
        if (!m.group(1).equals(account)) {
            throw BackupErrors.invalidParameter("IAM role " + roleArn + " is not a role of account " + account + ".");
        }
        IamRole role = iam.roleByArn(tx, roleArn).orElseThrow(
                () -> BackupErrors.invalidParameter("IAM role " + roleArn + " does not exist."));
        if (!authorizer.authorizeServiceAssumeRole(tx, BACKUP_SERVICE, role).allowed()) {
            throw BackupErrors.invalidParameter("IAM role " + roleArn + " cannot be assumed by AWS Backup: its trust "
                    + "policy does not allow " + BACKUP_SERVICE + " to call sts:AssumeRole.");
        }
    }

    public BackupSelection backupSelection(Tx tx, String account, String region, String planId, String selectionId) {
        plans.plan(tx, account, region, planId);
        return store.selection(tx, planId, selectionId)
                .orElseThrow(() -> BackupErrors.selectionNotFound(selectionId));
    }

    public void deleteBackupSelection(Tx tx, String account, String region, String planId, String selectionId) {
        BackupSelection selection = backupSelection(tx, account, region, planId, selectionId);
        plans.memberChangeablePlan(tx, account, region, planId);
        store.deleteSelection(tx, selection);
    }

    public Page<BackupSelection> listBackupSelections(Tx tx, String account, String region, String planId,
                                                      Integer maxResults, String nextToken) {
        plans.plan(tx, account, region, planId);
        return Page.of(store.selections(tx, planId), BackupSelection::selectionId, maxResults, nextToken);
    }

    /** The resources a plan's selection picks now, by ids. */
    public List<ProtectedResource> selectedResources(Tx tx, String account, String region, String planId,
                                                     String selectionId) {
        return selectedResources(tx, backupSelection(tx, account, region, planId, selectionId));
    }

    /** The resources of the selection's account and Region that it picks now (the scheduler's question). */
    public List<ProtectedResource> selectedResources(Tx tx, BackupSelection selection) {
        return selectedResources(tx, selection, resources(tx, selection.accountId(), selection.region()));
    }

    /**
     * The ones of {@code resources} (every resource of the selection's account and Region, listed once by a caller
     * that asks this of several selections) that the selection picks now.
     */
    public List<ProtectedResource> selectedResources(Tx tx, BackupSelection selection,
                                                     List<ProtectedResource> resources) {
        RegionSettings region = settings.settings(tx, selection.accountId(), selection.region());
        return resources.stream().filter(r -> SelectionMatcher.selects(selection, r, region::optedIn)).toList();
    }

    /** One selection's verdict on one resource, for "why is this resource (un)protected". */
    public record Explanation(String planId, String planName, String selectionId, String selectionName,
                              boolean selected, String reason) {
    }

    /** Every live plan's selections of the resource's account and Region, and what each says about it. */
    public List<Explanation> explain(Tx tx, String account, String region, String resourceArn) {
        ProtectedResource resource = providers.stream().filter(p -> p.owns(resourceArn)).findFirst()
                .flatMap(p -> p.find(tx, resourceArn))
                .filter(r -> r.accountId().equals(account) && r.region().equals(region))
                .orElseThrow(() -> BackupErrors.resourceNotFound(resourceArn));
        RegionSettings regionSettings = settings.settings(tx, account, region);
        List<Explanation> out = new ArrayList<>();
        for (BackupPlan plan : store.plans(tx, account, region)) {
            if (plan.deleted()) {
                continue;
            }
            for (BackupSelection s : store.selections(tx, plan.planId())) {
                SelectionMatcher.Verdict v = SelectionMatcher.evaluate(s, resource, regionSettings::optedIn);
                out.add(new Explanation(plan.planId(), plan.name(), s.selectionId(), s.name(), v.selected(),
                        v.reason()));
            }
        }
        return out;
    }

    /**
     * Every resource of the account and Region, in ARN order (without sizes: selections read tags and ARNs), listed
     * again only when a resource record of the account and Region was written (D71). Unmodifiable.
     */
    public List<ProtectedResource> resources(Tx tx, String account, String region) {
        return inventories.get(tx, List.of(account, region), () -> {
            List<ProtectedResource> all = new ArrayList<>();
            providers.forEach(p -> all.addAll(p.inventory(tx, account, region)));
            all.sort(Comparator.comparing(ProtectedResource::arn));
            return List.copyOf(all);
        });
    }

    /**
     * Which live plans' selections pick each resource of the account and Region now: matched again only when a
     * resource record, a plan, a version, a selection or the Region's opt-in of the account and Region was written.
     */
    public SelectionCoverage coverage(Tx tx, String account, String region) {
        return coverage.get(tx, List.of(account, region), () -> SelectionCoverage.match(tx, store,
                resources(tx, account, region), settings.settings(tx, account, region), account, region));
    }
}
