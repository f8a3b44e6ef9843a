package io.strongroom.server.dashboard;

import io.strongroom.engine.backup.BackupAudit;
import io.strongroom.engine.backup.ControlEvaluator;
import io.strongroom.engine.backup.Framework;
import io.strongroom.engine.backup.ProtectionOverview;
import io.strongroom.engine.backup.SelectionService;
import io.strongroom.engine.cloudtrail.EventHistory;
import io.strongroom.engine.cloudtrail.TrailEvent;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.engine.organizations.PolicyTypes;
import io.strongroom.kernel.ServiceException;
import io.strongroom.orgpolicy.EffectivePolicy;
import io.strongroom.storage.Store;
import io.strongroom.storage.Tx;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the dashboard pages show, gathered from the engine services in one read transaction per page. The pages
 * only render these records; nothing here knows HTTP or HTML.
 */
public final class DashboardReadModel {
    /** How many of the newest events per account and Region are searched for denied calls. */
    private static final int TRAIL_WINDOW = 500;

    private final Store store;
    private final Organizations organizations;
    private final ProtectionOverview overview;
    private final BackupAudit audit;
    private final SelectionService selections;
    private final EventHistory history;

    public DashboardReadModel(Store store, Organizations organizations, ProtectionOverview overview, BackupAudit audit,
                              SelectionService selections, EventHistory history) {
        this.store = store;
        this.organizations = organizations;
        this.overview = overview;
        this.audit = audit;
        this.selections = selections;
        this.history = history;
    }

    /** The accounts and Regions a signed-in viewer may see. */
    public record Scope(String viewer, List<String> accounts, List<String> regions) {
    }

    /** An account, the OUs above it, and its resources in every Region of the scope. */
    public record AccountView(String accountId, String name, List<String> organizationalUnits,
                              Map<String, List<ProtectionOverview.ResourceStatus>> resourcesByRegion) {
        public List<ProtectionOverview.ResourceStatus> resources() {
            return resourcesByRegion.values().stream().flatMap(List::stream).toList();
        }
    }

    public record FrameworkView(String accountId, String region, String name,
                                List<ControlEvaluator.ControlResult> controls) {
    }

    /** A denied call from the trail and the Authorizer's explanation of it (null when none was recorded). */
    public record DeniedCall(TrailEvent event, String explanation) {
    }

    /** Why a resource is or is not protected: every selection's verdict, and the account's effective backup policy. */
    public record Why(String arn, String accountId, String region, List<SelectionService.Explanation> selections,
                      Optional<EffectivePolicy> backupPolicy) {
        public boolean protectedNow() {
            return selections.stream().anyMatch(SelectionService.Explanation::selected);
        }
    }

    /** The organization tree with each account's resources. */
    public List<AccountView> tree(Scope scope) {
        return store.read(tx -> {
            Map<String, Organizations.AccountPlace> places = new TreeMap<>();
            for (String account : scope.accounts()) {
                organizations.accountPlaces(tx, account).forEach(p -> places.putIfAbsent(p.accountId(), p));
            }
            List<AccountView> out = new ArrayList<>();
            for (String account : scope.accounts()) {
                Organizations.AccountPlace place = places.get(account);
                Map<String, List<ProtectionOverview.ResourceStatus>> byRegion = new TreeMap<>();
                for (String region : scope.regions()) {
                    byRegion.put(region, overview.resources(tx, account, region));
                }
                out.add(new AccountView(account, place == null ? account : place.name(),
                        place == null ? List.of() : place.organizationalUnits(), byRegion));
            }
            return out;
        });
    }

    /** Every framework of every account and Region of the scope, evaluated now. */
    public List<FrameworkView> frameworks(Scope scope) {
        return store.read(tx -> {
            List<FrameworkView> out = new ArrayList<>();
            for (String account : scope.accounts()) {
                for (String region : scope.regions()) {
                    for (Framework f : audit.frameworks().all(tx, account, region)) {
                        out.add(new FrameworkView(account, region, f.name(), audit.evaluator().evaluate(tx, f,
                                ControlEvaluator.Detail.FAILING_SUBJECTS)));
                    }
                }
            }
            return out;
        });
    }

    /** Jobs per day, summed over the scope. */
    public List<ProtectionOverview.DailyJobs> jobsPerDay(Scope scope) {
        return store.read(tx -> {
            Map<LocalDate, int[]> sum = new TreeMap<>();
            for (String account : scope.accounts()) {
                for (String region : scope.regions()) {
                    for (ProtectionOverview.DailyJobs d : overview.jobsPerDay(tx, account, region)) {
                        int[] n = sum.computeIfAbsent(d.day(), k -> new int[4]);
                        n[0] += d.backups();
                        n[1] += d.copies();
                        n[2] += d.restores();
                        n[3] += d.failures();
                    }
                }
            }
            List<ProtectionOverview.DailyJobs> out = new ArrayList<>();
            sum.forEach((day, n) -> out.add(new ProtectionOverview.DailyJobs(day, n[0], n[1], n[2], n[3])));
            return out;
        });
    }

    /** Why a resource of the scope is (un)protected; empty when it is not a resource of the scope. */
    public Optional<Why> why(Scope scope, String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !scope.accounts().contains(parts[4])) {
            return Optional.empty();
        }
        String region = parts[3].isEmpty() ? scope.regions().get(0) : parts[3];
        String account = parts[4];
        return store.read(tx -> {
            try {
                List<SelectionService.Explanation> verdicts = selections.explain(tx, account, region, arn);
                return Optional.of(new Why(arn, account, region, verdicts,
                        organizations.explainEffectivePolicy(tx, account, PolicyTypes.BACKUP)));
            } catch (ServiceException e) {
                return Optional.empty(); // no such resource
            }
        });
    }

    /** The denied calls among the newest events of the scope, newest first. */
    public List<DeniedCall> deniedCalls(Scope scope) {
        return store.read(tx -> {
            List<DeniedCall> out = new ArrayList<>();
            for (String account : scope.accounts()) {
                for (String region : scope.regions()) {
                    denied(tx, account, region, out);
                }
            }
            out.sort((a, b) -> b.event().eventTime().compareTo(a.event().eventTime()));
            return out;
        });
    }

    private void denied(Tx tx, String account, String region, List<DeniedCall> out) {
        for (TrailEvent e : history.newestFailed(tx, account, region, TRAIL_WINDOW)) {
            if (e.errorCode().contains("AccessDenied") || "UnauthorizedOperation".equals(e.errorCode())) {
                out.add(new DeniedCall(e, history.denial(tx, e.eventId()).orElse(null)));
            }
        }
    }

    /** The account's effective backup policy with each level's contribution; empty outside an organization. */
    public Optional<EffectivePolicy> effectiveBackupPolicy(Scope scope, String account) {
        if (!scope.accounts().contains(account)) {
            return Optional.empty();
        }
        return store.read(tx -> organizations.explainEffectivePolicy(tx, account, PolicyTypes.BACKUP));
    }
}
