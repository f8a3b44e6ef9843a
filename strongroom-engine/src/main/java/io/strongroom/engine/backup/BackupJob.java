package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.Map;

/**
 * A backup job (spec 5.1, 5.2): CREATED until the clock reaches it, RUNNING while its data moves into the vault, then
 * COMPLETED, FAILED, EXPIRED (start window passed) or ABORTED (StopBackupJob).
 *
 * @param createdBy plan id, version, ARN and rule id for a scheduled job; empty on demand
 */
public record BackupJob(String jobId, String accountId, String region, String vaultName, String resourceArn,
                        String resourceType, String resourceName, String iamRoleArn, String state,
                        String statusMessage, Instant creationDate, Instant initiationDate, Instant completionDate,
                        Instant startBy, Instant expectedCompletionDate, Lifecycle lifecycle,
                        Map<String, String> recoveryPointTags, Map<String, String> backupOptions,
                        String recoveryPointArn, long backupSizeInBytes, Map<String, String> createdBy,
                        String idempotencyToken, String creatorArn) {
    public static final String CREATED = "CREATED";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String EXPIRED = "EXPIRED";
    public static final String ABORTED = "ABORTED";

    public BackupJob {
        recoveryPointTags = recoveryPointTags == null ? Map.of() : Map.copyOf(recoveryPointTags);
        backupOptions = backupOptions == null ? Map.of() : Map.copyOf(backupOptions);
        createdBy = createdBy == null ? Map.of() : Map.copyOf(createdBy);
    }

    public String vaultArn() {
        return BackupVault.arn(region, accountId, vaultName);
    }

    public boolean finished() {
        return !CREATED.equals(state) && !RUNNING.equals(state);
    }

    /** RUNNING with its data move not recorded yet: the job ends only once a node moves its data (D64). */
    boolean awaitsData() {
        return RUNNING.equals(state) && expectedCompletionDate == null;
    }

    /** The console's message category: SUCCESS for a clean completion, else the state. */
    public String messageCategory() {
        return COMPLETED.equals(state) && statusMessage == null ? "SUCCESS" : state;
    }

    BackupJob withState(String newState, String message, Instant completed) {
        return new BackupJob(jobId, accountId, region, vaultName, resourceArn, resourceType, resourceName,
                iamRoleArn, newState, message, creationDate, initiationDate, completed, startBy,
                expectedCompletionDate, lifecycle, recoveryPointTags, backupOptions, recoveryPointArn,
                backupSizeInBytes, createdBy, idempotencyToken, creatorArn);
    }

    BackupJob running(Instant initiated, String pointArn) {
        return new BackupJob(jobId, accountId, region, vaultName, resourceArn, resourceType, resourceName,
                iamRoleArn, RUNNING, null, creationDate, initiated, null, startBy, expectedCompletionDate, lifecycle,
                recoveryPointTags, backupOptions, pointArn, backupSizeInBytes, createdBy, idempotencyToken,
                creatorArn);
    }

    BackupJob transferred(long size, Instant expectedCompletion) {
        return new BackupJob(jobId, accountId, region, vaultName, resourceArn, resourceType, resourceName,
                iamRoleArn, state, statusMessage, creationDate, initiationDate, completionDate, startBy,
                expectedCompletion, lifecycle, recoveryPointTags, backupOptions, recoveryPointArn, size, createdBy,
                idempotencyToken, creatorArn);
    }
}
