package io.strongroom.engine.backup;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of what AWS Backup's jobs make: recovery points ({@code backup.recovery-points} under
 * {@code <account>/<region>/<vault>/<storage-id>}, found by ARN through {@code backup.recovery-point-arns}), backup
 * restore and copy jobs ({@code backup.backup-jobs}, {@code backup.restore-jobs}, {@code backup.copy-jobs} under
 * {@code <account>/<region>/<id>}) and
 * the idempotency tokens that name a job ({@code backup.job-tokens}) and the data moves in flight with the node moving
 * each ({@code backup.moves-in-flight} under {@code <kind>/<account>/<region>/<id>}, D60).
 */
final class JobStore {
    private static final String ARN_INDEX = "backup.recovery-point-arns";
    private static final String TOKENS = "backup.job-tokens";
    /** {@code <account>/<region>/<resource-arn>} -> the backup job RUNNING for that resource (one at a time). */
    private static final String RUNNING_BY_RESOURCE = "backup.running-backup-jobs";

    private final Collection<RecoveryPoint> points = new Collection<>("backup.recovery-points",
            JsonCodec.of(RecoveryPoint.class));
    private final Collection<BackupJob> backupJobs = new Collection<>("backup.backup-jobs",
            JsonCodec.of(BackupJob.class));
    private final Collection<RestoreJob> restoreJobs = new Collection<>("backup.restore-jobs",
            JsonCodec.of(RestoreJob.class));
    private final Collection<CopyJob> copyJobs = new Collection<>("backup.copy-jobs", JsonCodec.of(CopyJob.class));
    private final Collection<InFlightMove> moves = new Collection<>("backup.moves-in-flight",
            JsonCodec.of(InFlightMove.class));

    private static String vaultScope(String account, String region, String vault) {
        return account + "/" + region + "/" + vault + "/";
    }

    private static String key(RecoveryPoint p) {
        return vaultScope(p.accountId(), p.region(), p.vaultName()) + p.storageId();
    }

    Optional<RecoveryPoint> point(Tx tx, String arn) {
        return tx.get(ARN_INDEX, arn).flatMap(r -> points.get(tx, new String(r.value(), StandardCharsets.UTF_8)));
    }

    List<RecoveryPoint> points(Tx tx, String account, String region, String vault) {
        return points.list(tx, vaultScope(account, region, vault));
    }

    /** Every recovery point of an account in a Region, all vaults. */
    List<RecoveryPoint> points(Tx tx, String account, String region) {
        return points.list(tx, account + "/" + region + "/");
    }

    /** Every recovery point of every account and Region (copies of a resource made elsewhere). */
    List<RecoveryPoint> allPoints(Tx tx) {
        return points.list(tx, "");
    }

    void putPoint(Tx tx, RecoveryPoint p) {
        String key = key(p);
        points.put(tx, key, p);
        tx.put(ARN_INDEX, p.arn(), key.getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }

    void deletePoint(Tx tx, RecoveryPoint p) {
        points.delete(tx, key(p));
        tx.delete(ARN_INDEX, p.arn(), Tx.ANY);
    }

    Optional<BackupJob> backupJob(Tx tx, String account, String region, String jobId) {
        return backupJobs.get(tx, account + "/" + region + "/" + jobId);
    }

    /** Jobs of one account in a Region; {@code account} null: of every account in every Region. */
    List<BackupJob> backupJobs(Tx tx, String account, String region) {
        return backupJobs.list(tx, account == null ? "" : account + "/" + region + "/");
    }

    void putBackupJob(Tx tx, BackupJob job) {
        backupJobs.put(tx, job.accountId() + "/" + job.region() + "/" + job.jobId(), job);
        JobWindows.record(tx, JobWindows.BACKUP, job.accountId(), job.region(), job.jobId(), job.completionDate());
        String running = job.accountId() + "/" + job.region() + "/" + job.resourceArn();
        if (BackupJob.RUNNING.equals(job.state())) {
            tx.put(RUNNING_BY_RESOURCE, running, job.jobId().getBytes(StandardCharsets.UTF_8), Tx.ANY);
        } else if (job.finished() && runningJob(tx, job.accountId(), job.region(), job.resourceArn())
                .filter(job.jobId()::equals).isPresent()) {
            tx.delete(RUNNING_BY_RESOURCE, running, Tx.ANY);
        }
    }

    /** The id of the backup job RUNNING for a resource, if any: an index, so the check costs no scan of jobs. */
    Optional<String> runningJob(Tx tx, String account, String region, String resourceArn) {
        return tx.get(RUNNING_BY_RESOURCE, account + "/" + region + "/" + resourceArn)
                .map(r -> new String(r.value(), StandardCharsets.UTF_8));
    }

    Optional<RestoreJob> restoreJob(Tx tx, String account, String region, String jobId) {
        return restoreJobs.get(tx, account + "/" + region + "/" + jobId);
    }

    List<RestoreJob> restoreJobs(Tx tx, String account, String region) {
        return restoreJobs.list(tx, account == null ? "" : account + "/" + region + "/");
    }

    void putRestoreJob(Tx tx, RestoreJob job) {
        restoreJobs.put(tx, job.accountId() + "/" + job.region() + "/" + job.jobId(), job);
        JobWindows.record(tx, JobWindows.RESTORE, job.accountId(), job.region(), job.jobId(), job.completionDate());
    }

    Optional<CopyJob> copyJob(Tx tx, String account, String region, String jobId) {
        return copyJobs.get(tx, account + "/" + region + "/" + jobId);
    }

    /** Copy jobs of one account in a Region; {@code account} null: of every account in every Region. */
    List<CopyJob> copyJobs(Tx tx, String account, String region) {
        return copyJobs.list(tx, account == null ? "" : account + "/" + region + "/");
    }

    void putCopyJob(Tx tx, CopyJob job) {
        copyJobs.put(tx, job.accountId() + "/" + job.region() + "/" + job.jobId(), job);
        JobWindows.record(tx, JobWindows.COPY, job.accountId(), job.region(), job.jobId(), job.completionDate());
    }

    /** The job an idempotency token already started, if any. */
    Optional<String> jobOfToken(Tx tx, String kind, String account, String region, String token) {
        return tx.get(TOKENS, kind + "/" + account + "/" + region + "/" + token)
                .map(r -> new String(r.value(), StandardCharsets.UTF_8));
    }

    void putToken(Tx tx, String kind, String account, String region, String token, String jobId) {
        tx.put(TOKENS, kind + "/" + account + "/" + region + "/" + token, jobId.getBytes(StandardCharsets.UTF_8),
                Tx.ANY);
    }

    /** Records that {@code move.node()} moves the job's data from now on (whoever moved it before). */
    void putMove(Tx tx, InFlightMove move) {
        moves.put(tx, move.key(), move);
    }

    /** The node moving a job's data, if its move is in flight. */
    Optional<String> moveOwner(Tx tx, String kind, String account, String region, String jobId) {
        return moves.get(tx, InFlightMove.key(kind, account, region, jobId)).map(InFlightMove::node);
    }

    void deleteMove(Tx tx, String kind, String account, String region, String jobId) {
        moves.delete(tx, InFlightMove.key(kind, account, region, jobId));
    }

    /** Every move in flight. */
    List<InFlightMove> moves(Tx tx) {
        return moves.list(tx, "");
    }
}
