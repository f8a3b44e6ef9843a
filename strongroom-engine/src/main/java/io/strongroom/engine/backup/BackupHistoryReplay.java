package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Earlier days of an organisation's backups, made from one day the engine really ran: each completed backup job
 * with its recovery point and its completed copy (with the copy's point) is written again as if it had run
 * {@code n} days before, with fresh ids, through the same store layer the services use. For benchmarks that need a
 * year of history without running a year of backups; nothing in the server calls it.
 */
public final class BackupHistoryReplay {
    private final JobStore jobs = new JobStore();

    /** One resource's day: its backup job, the point it made, and the copy of that point with the copy's point. */
    public record Day(BackupJob job, RecoveryPoint point, CopyJob copy, RecoveryPoint copied) {
    }

    /** The accounts that ran backup jobs, in order. */
    public List<String> accountsWithJobs(Tx tx) {
        return jobs.backupJobs(tx, null, null).stream().map(BackupJob::accountId).distinct().sorted().toList();
    }

    /** The completed backup jobs of an account and Region with their points and (if any) completed copies. */
    public List<Day> days(Tx tx, String account, String region) {
        Map<String, CopyJob> copyBySource = new HashMap<>();
        for (CopyJob c : jobs.copyJobs(tx, account, region)) {
            if (CopyJob.COMPLETED.equals(c.state())) {
                copyBySource.put(c.sourceRecoveryPointArn(), c);
            }
        }
        List<Day> out = new ArrayList<>();
        for (BackupJob j : jobs.backupJobs(tx, account, region)) {
            if (!BackupJob.COMPLETED.equals(j.state())) {
                continue;
            }
            Optional<RecoveryPoint> point = jobs.point(tx, j.recoveryPointArn());
            CopyJob copy = copyBySource.get(j.recoveryPointArn());
            RecoveryPoint copied = copy == null ? null : jobs.point(tx, copy.destinationRecoveryPointArn()).orElse(null);
            point.ifPresent(p -> out.add(new Day(j, p, copy, copied)));
        }
        return out;
    }

    /**
     * Writes {@code day} again {@code daysBack} days earlier; the local point only when {@code keepLocal} (a point
     * older than its lifecycle would have been deleted), the copy and its point when the day had one.
     */
    public void replay(Tx tx, Day day, int daysBack, boolean keepLocal) {
        Duration back = Duration.ofDays(daysBack);
        String seed = day.job().jobId() + "/" + daysBack;
        BackupJob template = day.job();
        RecoveryPoint p = day.point();
        Instant created = p.creationDate().minus(back);
        String pointId = uuid(seed + "/point");
        String pointArn = arn(p, pointId, template.jobId(), created);
        String jobId = uuid(seed + "/job").toUpperCase(java.util.Locale.ROOT);
        jobs.putBackupJob(tx, new BackupJob(jobId, template.accountId(), template.region(), template.vaultName(),
                template.resourceArn(), template.resourceType(), template.resourceName(), template.iamRoleArn(),
                template.state(), template.statusMessage(), minus(template.creationDate(), back),
                minus(template.initiationDate(), back), minus(template.completionDate(), back),
                minus(template.startBy(), back), minus(template.expectedCompletionDate(), back), template.lifecycle(),
                template.recoveryPointTags(), template.backupOptions(), pointArn, template.backupSizeInBytes(),
                template.createdBy(), null, template.creatorArn()));
        if (keepLocal) {
            jobs.putPoint(tx, shifted(p, pointArn, pointId, p.sourceVaultArn(), back));
        }
        if (day.copy() == null || day.copied() == null) {
            return;
        }
        CopyJob c = day.copy();
        RecoveryPoint q = day.copied();
        String copyPointId = uuid(seed + "/copy-point");
        String copyArn = arn(q, copyPointId, template.jobId(), created);
        jobs.putPoint(tx, shifted(q, copyArn, copyPointId, q.sourceVaultArn(), back));
        jobs.putCopyJob(tx, new CopyJob(uuid(seed + "/copy").toUpperCase(java.util.Locale.ROOT), c.accountId(),
                c.region(), c.sourceVaultArn(), pointArn, c.destinationVaultArn(), c.resourceArn(), c.resourceType(),
                c.resourceName(), c.iamRoleArn(), c.state(), c.statusMessage(), minus(c.creationDate(), back),
                minus(c.completionDate(), back), minus(c.expectedCompletionDate(), back), c.lifecycle(),
                c.destinationLifecycle(), copyArn, c.destinationEncryptionKeyArn(), c.destinationVaultType(),
                c.destinationVaultLocked(), c.backupSizeInBytes(), c.createdBy(), jobId, null));
    }

    private static RecoveryPoint shifted(RecoveryPoint p, String arn, String storageId, String sourceVault,
                                         Duration back) {
        return new RecoveryPoint(arn, storageId, p.accountId(), p.region(), p.vaultName(), sourceVault,
                p.resourceArn(), p.resourceType(), p.resourceName(), p.createdBy(), p.iamRoleArn(), p.status(),
                p.statusMessage(), p.creationDate().minus(back), minus(p.completionDate(), back),
                p.backupSizeInBytes(), p.lifecycle(), p.encryptionKeyArn(), p.storageClass(), null,
                p.restoreMetadata(), p.resourceTags(), p.vaultType(), p.tags());
    }

    /** An ARN of the template's form with a new id: DynamoDB's own backups carry their creation time. */
    private static String arn(RecoveryPoint template, String id, String jobId, Instant created) {
        String form = template.arn().contains(":table/") && template.arn().contains("/backup/")
                ? ResourceTypes.DYNAMODB_BACKUP : ResourceTypes.BACKUP_FORM;
        return RecoveryPointArns.of(form, template.region(), template.accountId(), id, jobId,
                template.resourceName(), created);
    }

    private static Instant minus(Instant at, Duration back) {
        return at == null ? null : at.minus(back);
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
