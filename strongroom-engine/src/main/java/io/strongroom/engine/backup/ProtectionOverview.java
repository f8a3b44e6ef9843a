package io.strongroom.engine.backup;

import io.strongroom.resource.ProtectedResource;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Read-only answers for an auditor's overview of one account and Region: each resource with the plans that
 * select it, its newest recovery point and every vault a point of it lives in, and the jobs per day. It reads
 * the same records the services write and never changes anything.
 */
public final class ProtectionOverview {
    /** Fresh: the newest point is younger than the plans' longest gap; STALE: older; UNPROTECTED: no plan. */
    public enum Status { FRESH, STALE, UNPROTECTED }

    private final VaultService vaults;
    private final SelectionService selections;
    private final Clock clock;
    private final JobStore jobs = new JobStore();

    public ProtectionOverview(VaultService vaults, SelectionService selections, Clock clock) {
        this.vaults = vaults;
        this.selections = selections;
        this.clock = clock;
    }

    /** A vault that holds at least one completed point of a resource, and its Vault Lock as of now. */
    public record Holding(String vaultArn, String accountId, String region, String vaultName, String vaultType,
                          int points, String lockMode, Duration coolingOffLeft) {
    }

    /** A plan whose selection picks the resource, and how often its most frequent rule runs (null: unknown). */
    public record Coverage(String planId, String planName, String selectionName, Duration frequency) {
    }

    /** One resource and how well it is protected now. */
    public record ResourceStatus(String arn, String name, String resourceType, Map<String, String> tags,
                                 List<Coverage> coverage, Instant lastRecoveryPoint, Duration age, Status status,
                                 List<Holding> vaults) {
    }

    /** Jobs of one kind counted per UTC day of their creation; failures are jobs that ended FAILED or ABORTED. */
    public record DailyJobs(LocalDate day, int backups, int copies, int restores, int failures) {
    }

    public List<ResourceStatus> resources(Tx tx, String account, String region) {
        Instant now = Instant.now(clock);
        // Which plans pick which resource, kept while the account's inventory and plans stand still (D71).
        SelectionCoverage coverage = selections.coverage(tx, account, region);
        // Completed points in any account and Region (copies count), summarised per vault (D63), read fresh.
        Map<String, List<BackupTallies.Holding>> held = jobs.tallies().holdings(tx, account, region);
        Map<String, Holding> vaultsSeen = new java.util.HashMap<>();
        List<ResourceStatus> out = new ArrayList<>();
        for (SelectionCoverage.Covered covered : coverage.resources()) {
            ProtectedResource r = covered.resource();
            List<BackupTallies.Holding> points = held.getOrDefault(r.arn(), List.of());
            List<Coverage> covering = covered.coverings().stream().map(c -> new Coverage(c.plan().planId(),
                    c.plan().name(), c.selection().name(), c.frequency())).toList();
            Instant last = points.stream().map(BackupTallies.Holding::newest).max(Comparator.naturalOrder())
                    .orElse(null);
            Duration age = last == null ? null : Duration.between(last, now);
            out.add(new ResourceStatus(r.arn(), r.name(), r.resourceType(), r.tags(), covering, last, age,
                    status(covering, age), holdings(tx, points, now, vaultsSeen)));
        }
        return out;
    }

    /** Every backup, copy and restore job of the account and Region, counted per day, oldest day first. */
    public List<DailyJobs> jobsPerDay(Tx tx, String account, String region) {
        List<DailyJobs> out = new ArrayList<>();
        for (BackupTallies.DayCount d : jobs.tallies().jobsPerDay(tx, account, region)) {
            out.add(new DailyJobs(LocalDate.parse(d.day()), (int) d.backups(), (int) d.copies(), (int) d.restores(),
                    (int) d.failures()));
        }
        return out;
    }

    private static Status status(List<Coverage> coverage, Duration age) {
        if (coverage.isEmpty()) {
            return Status.UNPROTECTED;
        }
        Duration allowed = coverage.stream().map(Coverage::frequency).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        if (age == null) {
            return Status.STALE;
        }
        return allowed == null || age.compareTo(allowed) <= 0 ? Status.FRESH : Status.STALE;
    }

    /** Each vault holding points of the resource with its lock now; a vault read once per page. */
    private List<Holding> holdings(Tx tx, List<BackupTallies.Holding> held, Instant now, Map<String, Holding> seen) {
        List<Holding> out = new ArrayList<>();
        for (BackupTallies.Holding h : held) {
            Holding vault = seen.computeIfAbsent(h.vaultArn(), arn -> {
                VaultLock lock = vaults.store().vault(tx, h.accountId(), h.region(), h.vaultName())
                        .map(BackupVault::lock).orElse(null);
                String mode = lock == null ? null : lock.compliance() ? "COMPLIANCE" : "GOVERNANCE";
                Duration coolingOff = lock != null && lock.compliance() && now.isBefore(lock.lockDate())
                        ? Duration.between(now, lock.lockDate()) : null;
                return new Holding(arn, h.accountId(), h.region(), h.vaultName(), h.vaultType(), 0, mode, coolingOff);
            });
            out.add(new Holding(h.vaultArn(), h.accountId(), h.region(), h.vaultName(), h.vaultType(),
                    (int) h.points(), vault.lockMode(), vault.coolingOffLeft()));
        }
        out.sort(Comparator.comparing(Holding::vaultArn));
        return out;
    }
}
