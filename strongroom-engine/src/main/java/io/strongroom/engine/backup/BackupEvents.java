package io.strongroom.engine.backup;

import io.strongroom.engine.cloudtrail.EventHistory;
import io.strongroom.engine.cloudtrail.TrailEvent;
import io.strongroom.engine.cloudtrail.TrailResource;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Backup's own CloudTrail events (spec 5, 6): BackupJobStarted/Completed, RestoreStarted/Completed,
 * CopyJobStarted/Completed, BackupDeleted and BackupTransitionedToCold, recorded in the account the job or recovery
 * point belongs to, as {@code AwsServiceEvent}s invoked by backup.amazonaws.com.
 */
public final class BackupEvents {
    static final String SOURCE = "backup.amazonaws.com";

    private final EventHistory history;
    private final Clock clock;

    public BackupEvents(EventHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    /** Events nobody records (tests of the engine alone). */
    static BackupEvents none(Clock clock) {
        return new BackupEvents(null, clock);
    }

    void backupJob(Tx tx, String eventName, BackupJob job) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backupJobId", job.jobId());
        details.put("backupVaultArn", job.vaultArn());
        details.put("resourceArn", job.resourceArn());
        details.put("resourceType", job.resourceType());
        details.put("state", job.state());
        details.put("recoveryPointArn", job.recoveryPointArn());
        details.put("statusMessage", job.statusMessage());
        details.put("bytesTransferred", job.backupSizeInBytes());
        details.put("creationDate", job.creationDate().toString());
        record(tx, eventName, job.accountId(), job.region(), details, List.of(
                new TrailResource(job.vaultArn(), job.accountId(), "AWS::Backup::BackupVault")));
    }

    void restoreJob(Tx tx, String eventName, RestoreJob job) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("restoreJobId", job.jobId());
        details.put("recoveryPointArn", job.recoveryPointArn());
        details.put("backupVaultArn", job.vaultArn());
        details.put("sourceResourceArn", job.sourceResourceArn());
        details.put("resourceType", job.resourceType());
        details.put("status", job.status());
        details.put("statusMessage", job.statusMessage());
        details.put("createdResourceArn", job.createdResourceArn());
        details.put("creationDate", job.creationDate().toString());
        record(tx, eventName, job.accountId(), job.region(), details, List.of());
    }

    void recoveryPoint(Tx tx, String eventName, RecoveryPoint point, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recoveryPointArn", point.arn());
        details.put("backupVaultArn", point.vaultArn());
        details.put("resourceArn", point.resourceArn());
        details.put("resourceType", point.resourceType());
        details.put("status", point.status());
        details.put("storageClass", point.storageClass());
        details.putAll(extra);
        record(tx, eventName, point.accountId(), point.region(), details, List.of(
                new TrailResource(point.vaultArn(), point.accountId(), "AWS::Backup::BackupVault")));
    }

    void record(Tx tx, String eventName, String account, String region, Map<String, Object> details,
                List<TrailResource> resources) {
        if (history == null) {
            return;
        }
        details.values().removeIf(java.util.Objects::isNull);
        history.record(tx, new TrailEvent(history.newEventId(tx), Instant.now(clock), SOURCE, eventName, region,
                account, null, SOURCE, SOURCE, SOURCE, null, null, null, details, null, false, resources,
                TrailEvent.SERVICE_EVENT));
    }
}
