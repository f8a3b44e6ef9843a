package io.strongroom.engine.backup;

import io.strongroom.resource.ProtectedResource;
import io.strongroom.storage.Tx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which live plans' selections pick each resource of an account and Region: every provider's inventory matched once
 * against every selection. It depends only on records whose writes move the account's inventory generation (resource
 * records) or its plans generation (plans, versions, selections, Region opt-in), so {@link SelectionService} keeps it
 * per pair of generations and the dashboard and the controls read it instead of matching again (D71). Nothing in it
 * depends on the time: ages and deadlines are computed by the readers from the stored instants.
 *
 * @param resources every resource of the account and Region, in ARN order, with the selections that pick it
 * @param plans     the live plans with their current versions, in plan id order
 */
public record SelectionCoverage(List<Covered> resources, List<PlanService.PlanView> plans) {
    public SelectionCoverage {
        resources = List.copyOf(resources);
        plans = List.copyOf(plans);
    }

    /** A resource and the selections that pick it, plan by plan (empty: none does). */
    public record Covered(ProtectedResource resource, List<Covering> coverings) {
        public Covered {
            coverings = List.copyOf(coverings);
        }
    }

    /**
     * A live plan whose selection picks a resource, the plan's rules, how often its most frequent rule runs
     * (continuous backup counts as hourly; null when no rule's schedule is known) and the vaults its rules copy to.
     * One instance per selection, shared by every resource it picks.
     */
    public record Covering(BackupPlan plan, BackupSelection selection, List<BackupRule> rules, Duration frequency,
                           List<String> copyDestinations) {
        String describe() {
            return "selection " + selection.name() + " of plan " + plan.name();
        }
    }

    static SelectionCoverage match(Tx tx, BackupStore store, List<ProtectedResource> resources,
                                   RegionSettings settings, String account, String region) {
        List<PlanService.PlanView> plans = new ArrayList<>();
        Map<String, List<Covering>> byArn = new HashMap<>();
        for (BackupPlan plan : store.plans(tx, account, region)) {
            if (plan.deleted()) {
                continue;
            }
            PlanVersion version = store.version(tx, plan.planId(), plan.versionId()).orElse(null);
            if (version == null) {
                continue;
            }
            plans.add(new PlanService.PlanView(plan, version));
            List<BackupRule> rules = version.document().rules();
            Duration frequency = rules.stream()
                    .map(rule -> rule.continuous() ? Duration.ofHours(1) : ControlEvaluator.longestGap(rule))
                    .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
            List<String> destinations = rules.stream().flatMap(rule -> rule.copyActions().stream())
                    .map(CopyAction::destinationBackupVaultArn).toList();
            for (BackupSelection s : store.selections(tx, plan.planId())) {
                Covering covering = new Covering(plan, s, rules, frequency, destinations);
                for (ProtectedResource r : resources) {
                    if (SelectionMatcher.selects(s, r, settings::optedIn)) {
                        byArn.computeIfAbsent(r.arn(), k -> new ArrayList<>()).add(covering);
                    }
                }
            }
        }
        return new SelectionCoverage(resources.stream()
                .map(r -> new Covered(r, byArn.getOrDefault(r.arn(), List.of()))).toList(), plans);
    }
}
