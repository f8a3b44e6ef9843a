package io.strongroom.engine.backup;

import io.strongroom.engine.backup.policy.OrgBackupPolicy;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Org-managed plans (spec 8.1): an account's effective backup policy becomes, for each plan key and each Region the
 * plan lists, the plan {@code orgs/<uuid>} with its selections, through PlanService's and SelectionService's own
 * save paths. Called in the transaction that changed the effective policy; follows every change (new version,
 * selections replaced, plans deleted with their recovery points kept). A policy that is incomplete or that AWS Backup
 * would refuse leaves the account's org plans as they are (decision D52).
 */
public final class OrgBackupPlans {
    private final PlanService plans;
    private final SelectionService selections;

    public OrgBackupPlans(PlanService plans, SelectionService selections) {
        this.plans = plans;
        this.selections = selections;
    }

    /** What happened to an account's effective policy: applied, or kept back and why. */
    public record Outcome(boolean applied, String problem) {
        static final Outcome APPLIED = new Outcome(true, null);
    }

    /** The id of the plan a policy's plan key makes in an account and Region: name-based, stable across changes. */
    public static String planId(String planKey, String account, String region) {
        byte[] name = (planKey + "/" + account + "/" + region).getBytes(StandardCharsets.UTF_8);
        return BackupPlan.ORG_PREFIX + UUID.nameUUIDFromBytes(name);
    }

    /** Makes the account's org plans those of {@code content}; null: the account has no backup policy any more. */
    public Outcome effectivePolicyChanged(Tx tx, String account, String content) {
        List<OrgBackupPolicy.Materialised> wanted;
        try {
            wanted = content == null ? List.of() : materialise(account, content);
        } catch (OrgBackupPolicy.Incomplete e) {
            return new Outcome(false, "incomplete: " + e.getMessage());
        } catch (ServiceException e) {
            return new Outcome(false, "refused by AWS Backup: " + e.getMessage());
        }
        Map<String, OrgBackupPolicy.Materialised> byId = new LinkedHashMap<>();
        wanted.forEach(m -> byId.put(planId(m.key(), account, m.region()), m));
        for (BackupPlan existing : plans.orgPlans(tx, account)) {
            if (!existing.deleted() && !byId.containsKey(existing.planId())) {
                selections.selections(tx, existing).forEach(s -> selections.deleteOrgSelection(tx, s));
                plans.deleteOrgPlan(tx, existing);
            }
        }
        byId.forEach((id, m) -> {
            plans.saveOrgPlan(tx, account, m.region(), id, m.document(), m.tags());
            syncSelections(tx, plans.livePlan(tx, account, m.region(), id), m.selections());
        });
        return Outcome.APPLIED;
    }

    /** Every plan in every Region, each checked as CreateBackupPlan and CreateBackupSelection would check it. */
    private List<OrgBackupPolicy.Materialised> materialise(String account, String content) {
        List<OrgBackupPolicy.Materialised> out = new ArrayList<>();
        for (OrgBackupPolicy.PlanSpec spec : OrgBackupPolicy.parse(content).plans()) {
            for (String region : spec.regions()) {
                OrgBackupPolicy.Materialised m = OrgBackupPolicy.materialise(spec, account, region);
                plans.validateOrgPlan(account, region, m.document());
                m.selections().forEach(SelectionService::validateOrgSelection);
                out.add(m);
            }
        }
        return out;
    }

    /** Selections equal to the wanted ones stay (same id); changed ones are replaced, as AWS has no update. */
    private void syncSelections(Tx tx, BackupPlan plan, List<SelectionService.CreateSelection> wanted) {
        Map<String, BackupSelection> current = new HashMap<>();
        for (BackupSelection s : selections.selections(tx, plan)) {
            current.put(s.name(), s);
        }
        for (SelectionService.CreateSelection in : wanted) {
            Optional<BackupSelection> kept = Optional.ofNullable(current.remove(in.name()));
            if (kept.isPresent() && same(kept.get(), in)) {
                continue;
            }
            kept.ifPresent(s -> selections.deleteOrgSelection(tx, s));
            selections.createOrgSelection(tx, plan, in);
        }
        current.values().forEach(s -> selections.deleteOrgSelection(tx, s));
    }

    private static boolean same(BackupSelection s, SelectionService.CreateSelection in) {
        BackupSelection asWanted = new BackupSelection(s.accountId(), s.region(), s.planId(), s.selectionId(),
                in.name(), in.iamRoleArn(), in.resources(), in.notResources(), in.listOfTags(), in.conditions(),
                s.created(), s.creatorRequestId());
        return asWanted.equals(s);
    }
}
