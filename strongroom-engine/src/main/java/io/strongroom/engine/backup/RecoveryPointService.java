package io.strongroom.engine.backup;

import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Recovery points (spec 6): describe, list by vault and by resource, restore metadata, DeleteRecoveryPoint and
 * UpdateRecoveryPointLifecycle under Vault Lock and legal holds, cold-storage transitions and expiry on the clock, and
 * the protected resources they make.
 */
public final class RecoveryPointService {
    public static final String TIMER = "backup.recovery-point";
    private static final String COLD = "cold";
    private static final String EXPIRE = "expire";
    private static final String DELETE = "delete";
    static final java.time.Duration DELETION_TIME = java.time.Duration.ofMinutes(1);

    private final JobRuntime rt;
    private Holds holds = Holds.NONE;
    private Removal removal = Removal.NONE;

    RecoveryPointService(JobRuntime rt) {
        this.rt = rt;
    }

    /** Whether a legal hold keeps a recovery point (spec 10.1). */
    @FunctionalInterface
    public interface Holds {
        Holds NONE = (tx, point) -> false;

        boolean held(Tx tx, RecoveryPoint point);
    }

    public void holds(Holds value) {
        this.holds = value;
    }

    /**
     * What another context keeps about a recovery point and must forget with it (EC2's tag edits of the point's
     * snapshots and images, D122). Called in the transaction that removes the point, for every point removed: it
     * should cost nothing for points it keeps nothing about.
     */
    @FunctionalInterface
    public interface Removal {
        Removal NONE = (tx, point) -> {
        };

        void removed(Tx tx, RecoveryPoint point);
    }

    public void removal(Removal value) {
        this.removal = value;
    }

    public RecoveryPoint describe(Tx tx, String account, String region, String vaultName, String arn) {
        BackupVault vault = rt.vaults.vault(tx, account, region, vaultName);
        return inVault(tx, vault, arn);
    }

    private RecoveryPoint inVault(Tx tx, BackupVault vault, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw BackupErrors.missingParameter("RecoveryPointArn");
        }
        return rt.jobs.point(tx, arn).filter(p -> p.vaultArn().equals(vault.arn()))
                .orElseThrow(() -> BackupErrors.notFound("Recovery point " + arn + " was not found in backup vault "
                        + vault.name() + "."));
    }

    /** A recovery point of the caller's account, wherever it is (StartRestoreJob, StartCopyJob). */
    RecoveryPoint owned(Tx tx, String account, String region, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw BackupErrors.missingParameter("RecoveryPointArn");
        }
        return rt.jobs.point(tx, arn).filter(p -> p.accountId().equals(account) && p.region().equals(region))
                .orElseThrow(() -> BackupErrors.notFound("Recovery point " + arn + " was not found."));
    }

    public Map<String, String> restoreMetadata(Tx tx, String account, String region, String vaultName, String arn) {
        return describe(tx, account, region, vaultName, arn).restoreMetadata();
    }

    /** ListRecoveryPointsByBackupVault's filters. */
    public record PointFilter(String resourceArn, String resourceType, String planId, Instant createdBefore,
                              Instant createdAfter) {
    }

    public Page<RecoveryPoint> listByVault(Tx tx, String account, String region, String vaultName, PointFilter f,
                                           Integer maxResults, String token) {
        BackupVault vault = rt.vaults.vault(tx, account, region, vaultName);
        Predicate<RecoveryPoint> keep = p -> (f.resourceType() == null || f.resourceType().equals(p.resourceType()))
                && (f.planId() == null || f.planId().equals(p.createdBy().get("BackupPlanId")))
                && (f.createdBefore() == null || p.creationDate().isBefore(f.createdBefore()))
                && (f.createdAfter() == null || p.creationDate().isAfter(f.createdAfter()));
        return rt.jobs.pointsOfVault(tx, account, region, vault.name(), f.resourceArn(), f.createdAfter(),
                f.createdBefore(), keep, maxResults, token);
    }

    public Page<RecoveryPoint> listByResource(Tx tx, String account, String region, String resourceArn,
                                              Integer maxResults, String token) {
        if (resourceArn == null || resourceArn.isEmpty()) {
            throw BackupErrors.missingParameter("ResourceArn");
        }
        return rt.jobs.pointsOfResource(tx, account, region, resourceArn, maxResults, token);
    }

    /**
     * The points in an account's vaults of a Region (of its own resources, or copied in from elsewhere) that are
     * another service's own backups: their resource's ARN starts with {@code resourceArnPrefix}, their own ARN with
     * {@code pointArnPrefix}, and they have not expired (an expired point keeps no backup). What EC2, RDS and DynamoDB
     * show of AWS Backup's snapshots, images and backups (D106, D108, D112, D113).
     */
    public List<RecoveryPoint> servicePoints(Tx tx, String account, String region, String resourceArnPrefix,
                                             String pointArnPrefix) {
        return rt.jobs.pointsOfResourcesUnder(tx, account, region, resourceArnPrefix).stream()
                .filter(p -> p.arn().startsWith(pointArnPrefix) && !RecoveryPoint.EXPIRED.equals(p.status()))
                .toList();
    }

    /**
     * The point {@link #servicePoints} would list under {@code pointArn}, found through the ARN index: a call that
     * names one backup reads that point, not the account's history.
     */
    public Optional<RecoveryPoint> servicePoint(Tx tx, String account, String region, String resourceArnPrefix,
                                                String pointArn) {
        return rt.jobs.point(tx, pointArn).filter(p -> p.accountId().equals(account) && p.region().equals(region)
                && p.resourceArn().startsWith(resourceArnPrefix) && !RecoveryPoint.EXPIRED.equals(p.status()));
    }

    /** DeleteRecoveryPoint: the point turns DELETING and is gone a minute later on the clock. */
    public void delete(Tx tx, String account, String region, String vaultName, String arn) {
        BackupVault vault = rt.vaults.vault(tx, account, region, vaultName);
        RecoveryPoint point = inVault(tx, vault, arn);
        if (vault.locked()) {
            throw BackupErrors.invalidRequest("Recovery point " + arn + " cannot be deleted: backup vault "
                    + vault.name() + " is locked by Vault Lock.");
        }
        if (holds.held(tx, point)) {
            throw BackupErrors.invalidRequest("The recovery point cannot be deleted because it has active legal "
                    + "hold(s)");
        }
        if (!RecoveryPoint.COMPLETED.equals(point.status())) {
            throw BackupErrors.invalidResourceState("Recovery point " + arn + " is " + point.status()
                    + "; it cannot be deleted now.");
        }
        rt.jobs.putPoint(tx, point.with(RecoveryPoint.DELETING, null));
        // A minute on the clock, so DELETING can be seen: due timers run right after every write call (D44).
        schedule(tx, point, DELETE, Instant.now(rt.clock).plus(DELETION_TIME));
    }

    public RecoveryPoint updateLifecycle(Tx tx, String account, String region, String vaultName, String arn,
                                         Lifecycle lifecycle) {
        BackupVault vault = rt.vaults.vault(tx, account, region, vaultName);
        RecoveryPoint point = inVault(tx, vault, arn);
        Lifecycles.problem(lifecycle, false).ifPresent(m -> {
            throw BackupErrors.invalidParameter(m);
        });
        if (vault.locked()) {
            throw BackupErrors.invalidRequest("The lifecycle of recovery point " + arn + " cannot be changed: backup "
                    + "vault " + vault.name() + " is locked by Vault Lock.");
        }
        if (!RecoveryPoint.COMPLETED.equals(point.status())) {
            throw BackupErrors.invalidResourceState("Recovery point " + arn + " is " + point.status() + ".");
        }
        Long cold = lifecycle == null ? null : lifecycle.moveToColdStorageAfterDays();
        Long wasCold = point.lifecycle() == null ? null : point.lifecycle().moveToColdStorageAfterDays();
        if (RecoveryPoint.COLD.equals(point.storageClass()) && !java.util.Objects.equals(cold, wasCold)) {
            throw BackupErrors.invalidRequest("MoveToColdStorageAfterDays cannot be changed once the recovery point "
                    + "is in cold storage.");
        }
        if (cold != null && !rt.capabilities(tx, account, region, point.resourceType()).coldStorage()) {
            throw BackupErrors.invalidParameter("Invalid lifecycle. Resource type " + point.resourceType()
                    + " does not support cold storage.");
        }
        RecoveryPoint updated = point.withLifecycle(lifecycle);
        rt.jobs.putPoint(tx, updated);
        scheduleLifecycle(tx, updated);
        Instant now = Instant.now(rt.clock);
        tx.afterCommit(() -> rt.data.retain(vault, point.storageId(),
                VaultData.retention(vault, updated.deleteAt(), now)));
        return updated;
    }

    /** Timers for a completed point's cold transition and expiry (replacing earlier ones). */
    void scheduleLifecycle(Tx tx, RecoveryPoint point) {
        lifecycleTimers(tx, point, true);
    }

    /**
     * The lifecycle timers of a point that has just completed. Only a completed point has any, so there is none to
     * cancel: a statement fewer for each job that completes (D87).
     */
    void scheduleFirstLifecycle(Tx tx, RecoveryPoint point) {
        lifecycleTimers(tx, point, false);
    }

    private void lifecycleTimers(Tx tx, RecoveryPoint point, boolean cancelOthers) {
        Instant cold = point.moveToColdStorageAt();
        boolean coldCapable = rt.capabilities(tx, point.accountId(), point.region(), point.resourceType())
                .coldStorage();
        if (cold != null && coldCapable && RecoveryPoint.WARM.equals(point.storageClass())) {
            schedule(tx, point, COLD, cold);
        } else if (cancelOthers) {
            tx.timers().cancel(timerKey(point, COLD));
        }
        Instant delete = point.deleteAt();
        if (delete != null) {
            schedule(tx, point, EXPIRE, delete);
        } else if (cancelOthers) {
            tx.timers().cancel(timerKey(point, EXPIRE));
        }
    }

    public void onTimer(Tx tx, Timer timer) {
        String[] payload = new String(timer.payload(), StandardCharsets.UTF_8).split("\n", 2);
        Optional<RecoveryPoint> found = rt.jobs.point(tx, payload[1]);
        if (found.isEmpty()) {
            return;
        }
        RecoveryPoint point = found.get();
        Instant now = Instant.now(rt.clock);
        switch (payload[0]) {
            case COLD -> {
                if (RecoveryPoint.COMPLETED.equals(point.status()) && RecoveryPoint.WARM.equals(point.storageClass())
                        && point.moveToColdStorageAt() != null && !now.isBefore(point.moveToColdStorageAt())) {
                    RecoveryPoint cold = point.withStorageClass(RecoveryPoint.COLD);
                    rt.jobs.putPoint(tx, cold);
                    rt.events.recoveryPoint(tx, "BackupTransitionedToCold", cold, Map.of());
                }
            }
            case EXPIRE -> {
                if (point.deleteAt() != null && !now.isBefore(point.deleteAt())) {
                    if (holds.held(tx, point)) {
                        return; // kept past its expiry until every hold is released
                    }
                    remove(tx, point, "expired");
                }
            }
            case DELETE -> {
                if (RecoveryPoint.DELETING.equals(point.status())) {
                    remove(tx, point, "deleted by request");
                }
            }
            default -> {
            }
        }
    }

    /** Expiry of a point whose hold was released after its DeleteAt (legal holds call it). */
    void expireIfDue(Tx tx, RecoveryPoint point) {
        if (point.deleteAt() != null && !Instant.now(rt.clock).isBefore(point.deleteAt())
                && !holds.held(tx, point)) {
            remove(tx, point, "expired");
        }
    }

    private void remove(Tx tx, RecoveryPoint point, String reason) {
        discard(tx, point);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reason", reason);
        rt.events.recoveryPoint(tx, "BackupDeleted", point.with(RecoveryPoint.DELETING, null), extra);
    }

    /** Removes a point's record now and its data once that commits. */
    void discard(Tx tx, RecoveryPoint point) {
        rt.jobs.deletePoint(tx, point);
        removal.removed(tx, point);
        tx.timers().cancel(timerKey(point, COLD));
        tx.timers().cancel(timerKey(point, EXPIRE));
        Optional<BackupVault> vault = rt.vault(tx, point.accountId(), point.region(), point.vaultName());
        // Beside the instant's moves: a day's expiries remove their bytes in parallel, sharing directory fsyncs.
        vault.ifPresent(v -> tx.afterCommit(() -> rt.moves.alongside(() -> rt.data.delete(v, point.storageId()))));
    }

    private static String timerKey(RecoveryPoint point, String phase) {
        return TIMER + "/" + point.storageId() + "/" + phase;
    }

    private static void schedule(Tx tx, RecoveryPoint point, String phase, Instant due) {
        tx.timers().schedule(timerKey(point, phase), TIMER, due,
                (phase + "\n" + point.arn()).getBytes(StandardCharsets.UTF_8));
    }

    /** A resource with at least one completed recovery point, as ListProtectedResources reports it. */
    public record Protected(String resourceArn, String resourceType, String resourceName, Instant lastBackupTime,
                            String lastBackupVaultArn, String lastRecoveryPointArn) {
    }

    /**
     * ListProtectedResources (vault null) and ListProtectedResourcesByBackupVault: each resource with a completed
     * point, as its newest one, in ARN order.
     */
    public Page<Protected> protectedResources(Tx tx, String account, String region, String vaultName,
                                              Integer maxResults, String token) {
        Page<RecoveryPoint> newest = rt.jobs.newestPointPerResource(tx, account, region, vaultName,
                RecoveryPointService::completed, maxResults, token);
        return new Page<>(newest.items().stream().map(RecoveryPointService::protectedBy).toList(),
                newest.nextToken());
    }

    public Protected protectedResource(Tx tx, String account, String region, String resourceArn) {
        return rt.jobs.newestPoint(tx, account, region, null, resourceArn, RecoveryPointService::completed)
                .map(RecoveryPointService::protectedBy)
                .orElseThrow(() -> BackupErrors.notFound("Resource " + resourceArn + " is not protected: it has no "
                        + "recovery point."));
    }

    private static boolean completed(RecoveryPoint p) {
        return RecoveryPoint.COMPLETED.equals(p.status());
    }

    private static Protected protectedBy(RecoveryPoint p) {
        return new Protected(p.resourceArn(), p.resourceType(), p.resourceName(), p.creationDate(), p.vaultArn(),
                p.arn());
    }

    /** Saves new tags of a recovery point (BackupTags). */
    void saveTags(Tx tx, RecoveryPoint point, Map<String, String> tags) {
        rt.jobs.putPoint(tx, point.withTags(tags));
    }
}
