package io.strongroom.engine.backup;

import io.strongroom.engine.backup.schedule.CronSchedule;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Backup plans (spec 3): create, versions on every update, delete only without selections, templates, preview. */
public final class PlanService {
    static final int MAX_PLANS = 300;

    private final BackupStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final BackupOptions options;
    private Listener listener = (tx, plan, version) -> {
    };

    /** Told of every plan version stored (created, updated, deleted), in the transaction that stores it. */
    public interface Listener {
        void planChanged(Tx tx, BackupPlan plan, PlanVersion version);
    }

    /** The one listener (the scheduler): every path that stores a plan version goes through {@link #save}. */
    public void onChange(Listener value) {
        this.listener = value;
    }

    public PlanService(VaultService vaults, Clock clock, IdGenerator ids) {
        this.store = vaults.store();
        this.clock = clock;
        this.ids = ids;
        this.options = vaults.options();
    }

    /** A plan and the version asked for (the current one unless a VersionId was given). */
    public record PlanView(BackupPlan plan, PlanVersion version) {
    }

    /** One scheduled run of a rule, for GetBackupPlan's ScheduledRunsPreview. */
    public record ScheduledRun(Instant executionTime, String ruleId, String executionType) {
    }

    /**
     * Creates a plan; the same CreatorRequestId again returns the existing plan, the same name among the account's
     * plans that are not deleted is AlreadyExistsException.
     */
    public PlanView createBackupPlan(Tx tx, String account, String region, BackupPlanDocument document,
                                     Map<String, String> tags, String creatorRequestId) {
        BackupNames.creatorRequestId(creatorRequestId);
        BackupNames.tags(tags);
        List<BackupPlan> live = store.plans(tx, account, region).stream().filter(p -> !p.deleted()).toList();
        if (creatorRequestId != null) {
            Optional<BackupPlan> replay = live.stream()
                    .filter(p -> creatorRequestId.equals(p.creatorRequestId())).findFirst();
            if (replay.isPresent()) {
                return view(tx, replay.get(), null);
            }
        }
        BackupPlanDocument valid = PlanRules.validate(document, account, region, options, name -> ids.uuid(tx));
        List<BackupPlan> own = live.stream().filter(p -> !p.orgManaged()).toList();
        Optional<BackupPlan> sameName = own.stream().filter(p -> p.name().equals(valid.name())).findFirst();
        if (sameName.isPresent()) {
            throw BackupErrors.planExists(sameName.get().arn(), sameName.get().creatorRequestId());
        }
        if (own.size() >= MAX_PLANS) {
            throw BackupErrors.limitExceeded("Maximum number of backup plans (" + MAX_PLANS + ") per account and "
                    + "Region reached.");
        }
        return create(tx, account, region, ids.uuid(tx), valid, tags, creatorRequestId);
    }

    private PlanView create(Tx tx, String account, String region, String planId, BackupPlanDocument valid,
                            Map<String, String> tags, String creatorRequestId) {
        Instant now = Instant.now(clock);
        PlanVersion version = new PlanVersion(newVersionId(tx), valid, now, null);
        BackupPlan plan = new BackupPlan(account, region, planId, valid.name(), creatorRequestId, now,
                version.versionId(), null, null, tags);
        save(tx, plan, version);
        return new PlanView(plan, version);
    }

    /**
     * Every version saved and every deletion, by a member or by an organization's policy, passes here: it stores the
     * plan and its (new or deleted) current version, and tells the listener (the scheduler).
     */
    private void save(Tx tx, BackupPlan plan, PlanVersion version) {
        store.putVersion(tx, plan, version);
        store.putPlan(tx, plan);
        listener.planChanged(tx, plan, version);
    }

    BackupStore store() {
        return store;
    }

    /** VersionIds look like AWS's: the base64 of a UUID string. */
    private String newVersionId(Tx tx) {
        return Base64.getEncoder().encodeToString(ids.uuid(tx).getBytes(StandardCharsets.UTF_8));
    }

    /** The plan and version, current unless {@code versionId} names another; deleted plans stay readable. */
    public PlanView backupPlan(Tx tx, String account, String region, String planId, String versionId) {
        BackupPlan plan = plan(tx, account, region, planId);
        return view(tx, plan, versionId);
    }

    private PlanView view(Tx tx, BackupPlan plan, String versionId) {
        String wanted = versionId == null || versionId.isEmpty() ? plan.versionId() : versionId;
        PlanVersion version = store.version(tx, plan.planId(), wanted)
                .orElseThrow(() -> BackupErrors.planNotFound(plan.planId()));
        return new PlanView(plan, version);
    }

    BackupPlan plan(Tx tx, String account, String region, String planId) {
        if (planId == null || planId.isEmpty()) {
            throw BackupErrors.missingParameter("BackupPlanId");
        }
        return store.plan(tx, account, region, planId).orElseThrow(() -> BackupErrors.planNotFound(planId));
    }

    /** A plan that is not deleted: what updates, selections and tags need. */
    BackupPlan livePlan(Tx tx, String account, String region, String planId) {
        BackupPlan plan = plan(tx, account, region, planId);
        if (plan.deleted()) {
            throw BackupErrors.planNotFound(planId);
        }
        return plan;
    }

    /** A full replacement of the plan's document, as a new version; rules keep their ids by name. */
    public PlanView updateBackupPlan(Tx tx, String account, String region, String planId,
                                     BackupPlanDocument document) {
        BackupPlan plan = memberChangeablePlan(tx, account, region, planId);
        BackupPlanDocument valid = validateKeepingRuleIds(tx, plan, document);
        Optional<BackupPlan> sameName = store.plans(tx, account, region).stream()
                .filter(p -> !p.deleted() && !p.orgManaged() && !p.planId().equals(planId)
                        && p.name().equals(valid.name())).findFirst();
        if (sameName.isPresent()) {
            throw BackupErrors.planExists(sameName.get().arn(), sameName.get().creatorRequestId());
        }
        return newVersion(tx, plan, valid, plan.tags());
    }

    /** The document validated as UpdateBackupPlan does: rules keep the ids of the current version's by name. */
    BackupPlanDocument validateKeepingRuleIds(Tx tx, BackupPlan plan, BackupPlanDocument document) {
        PlanVersion current = view(tx, plan, null).version();
        Map<String, String> idsByName = current.document().rules().stream()
                .collect(Collectors.toMap(BackupRule::ruleName, BackupRule::ruleId));
        Function<String, String> ruleId = name -> idsByName.containsKey(name) ? idsByName.get(name) : ids.uuid(tx);
        return PlanRules.validate(document, plan.accountId(), plan.region(), options, ruleId);
    }

    private PlanView newVersion(Tx tx, BackupPlan plan, BackupPlanDocument valid, Map<String, String> tags) {
        PlanVersion version = new PlanVersion(newVersionId(tx), valid, Instant.now(clock), null);
        BackupPlan updated = plan.withVersion(valid.name(), version.versionId()).withTags(tags);
        save(tx, updated, version);
        return new PlanView(updated, version);
    }

    /** Deletes the current version; older versions stay readable; refused while selections exist (spec 3.1). */
    public PlanView deleteBackupPlan(Tx tx, String account, String region, String planId) {
        BackupPlan plan = memberChangeablePlan(tx, account, region, planId);
        if (!store.selections(tx, planId).isEmpty()) {
            throw BackupErrors.planHasSelections(planId);
        }
        return delete(tx, plan);
    }

    private PlanView delete(Tx tx, BackupPlan plan) {
        Instant now = Instant.now(clock);
        PlanVersion version = view(tx, plan, null).version().deletedAt(now);
        BackupPlan deleted = plan.deletedAt(now);
        save(tx, deleted, version);
        return new PlanView(deleted, version);
    }

    /** A live plan the member may change: not one an organization's backup policy manages (spec 8.1, D52). */
    BackupPlan memberChangeablePlan(Tx tx, String account, String region, String planId) {
        BackupPlan plan = livePlan(tx, account, region, planId);
        if (plan.orgManaged()) {
            throw BackupErrors.orgManagedPlan(planId);
        }
        return plan;
    }

    // The internal path of org-managed plans (OrgBackupPlans): the same validation and save points as the
    // members' calls, without the member's namespace, quota and read-only checks.

    /** The org-managed plans of an account in every Region, deleted ones included. */
    List<BackupPlan> orgPlans(Tx tx, String account) {
        return store.plans(tx, account).stream().filter(BackupPlan::orgManaged).toList();
    }

    /** Creates the org plan, revives it (deleted earlier) or saves a new version when document or tags changed. */
    void saveOrgPlan(Tx tx, String account, String region, String planId, BackupPlanDocument document,
                     Map<String, String> tags) {
        Optional<BackupPlan> existing = store.plan(tx, account, region, planId);
        if (existing.isEmpty()) {
            create(tx, account, region, planId, PlanRules.validate(document, account, region, options,
                    name -> ids.uuid(tx)), tags, null);
            return;
        }
        BackupPlan plan = existing.get();
        BackupPlanDocument valid = validateKeepingRuleIds(tx, plan, document);
        if (plan.deleted()) {
            newVersion(tx, plan.revived(), valid, tags);
        } else if (!valid.equals(view(tx, plan, null).version().document()) || !tags.equals(plan.tags())) {
            newVersion(tx, plan, valid, tags);
        }
    }

    /**
     * GetBackupPlanFromJSON: the document as CreateBackupPlan would make it (defaults filled in, AWS's refusals), with
     * no rule ids, since nothing is saved (D123).
     */
    public BackupPlanDocument planFromDocument(String account, String region, BackupPlanDocument document) {
        return PlanRules.validate(document, account, region, options, name -> null);
    }

    /** Validates an org plan document as CreateBackupPlan would, without saving anything. */
    void validateOrgPlan(String account, String region, BackupPlanDocument document) {
        PlanRules.validate(document, account, region, options, name -> name);
    }

    void deleteOrgPlan(Tx tx, BackupPlan plan) {
        delete(tx, plan);
    }

    public Page<PlanView> listBackupPlans(Tx tx, String account, String region, boolean includeDeleted,
                                          Integer maxResults, String nextToken) {
        List<PlanView> all = store.plans(tx, account, region).stream()
                .filter(p -> includeDeleted || !p.deleted())
                .map(p -> view(tx, p, null)).toList();
        return Page.of(all, v -> v.plan().planId(), maxResults, nextToken);
    }

    public Page<PlanVersion> listBackupPlanVersions(Tx tx, String account, String region, String planId,
                                                    Integer maxResults, String nextToken) {
        BackupPlan plan = plan(tx, account, region, planId);
        List<PlanVersion> all = store.versions(tx, plan.planId());
        // Newest first, as the console shows them; the token orders by creation time then id.
        return Page.of(all, v -> String.format("%020d", Long.MAX_VALUE - v.created().toEpochMilli()) + v.versionId(),
                maxResults, nextToken);
    }

    /** The next {@code count} (0–10) runs of the plan's rules after now, earliest first (spec 3.3). */
    public List<ScheduledRun> scheduledRuns(PlanVersion version, Integer count) {
        if (count == null || count == 0) {
            return List.of();
        }
        if (count < 0 || count > 10) {
            throw BackupErrors.invalidParameter("MaxScheduledRunsPreview must be between 0 and 10.");
        }
        Instant now = Instant.now(clock);
        List<ScheduledRun> runs = new ArrayList<>();
        for (BackupRule rule : version.document().rules()) {
            CronSchedule cron = CronSchedule.parse(rule.scheduleExpression());
            for (Instant at : cron.next(now, ZoneId.of(rule.scheduleExpressionTimezone()), count)) {
                runs.add(new ScheduledRun(at, rule.ruleId(), rule.continuous() ? "CONTINUOUS_AND_SNAPSHOTS"
                        : "SNAPSHOTS"));
            }
        }
        return runs.stream().sorted(Comparator.comparing(ScheduledRun::executionTime)
                .thenComparing(ScheduledRun::ruleId)).limit(count).toList();
    }

    public Page<PlanTemplates.Template> listTemplates(Integer maxResults, String nextToken) {
        return Page.of(PlanTemplates.ALL, PlanTemplates.Template::id, maxResults, nextToken);
    }

    public BackupPlanDocument template(String templateId) {
        return PlanTemplates.byId(templateId).map(PlanTemplates.Template::document)
                .orElseThrow(() -> BackupErrors.notFound("Backup plan template " + templateId + " does not exist."));
    }

    void saveTags(Tx tx, BackupPlan plan, Map<String, String> tags) {
        store.putPlan(tx, plan.withTags(tags));
    }
}
