package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.Map;

/**
 * A restore job (spec 5.6): PENDING until the clock reaches it, RUNNING while a new resource is made from the recovery
 * point's data, then COMPLETED (with the created resource's ARN), FAILED or ABORTED.
 */
public record RestoreJob(String jobId, String accountId, String region, String recoveryPointArn,
                         String vaultArn, String sourceResourceArn, String resourceType, String iamRoleArn,
                         String status, String statusMessage, Instant creationDate, Instant completionDate,
                         Instant recoveryPointCreationDate, long backupSizeInBytes, String createdResourceArn,
                         Map<String, String> metadata, boolean copySourceTags, String idempotencyToken,
                         Testing testing) {
    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    public RestoreJob {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * What a restore job a restore testing plan started carries (null for StartRestoreJob's): the plan, the selection,
     * the validation its caller reports and the deletion of the restored resource (D124).
     */
    public record Testing(String planArn, String selectionName, int validationWindowHours, String validationStatus,
                          String validationStatusMessage, String deletionStatus, String deletionStatusMessage) {
        Testing validated(String status, String message) {
            return new Testing(planArn, selectionName, validationWindowHours, status, message, deletionStatus,
                    deletionStatusMessage);
        }

        Testing deletion(String status, String message) {
            return new Testing(planArn, selectionName, validationWindowHours, validationStatus,
                    validationStatusMessage, status, message);
        }
    }

    public boolean finished() {
        return !PENDING.equals(status) && !RUNNING.equals(status);
    }

    /** RUNNING with no resource restored yet: the job ends only once a node restores it (D64). */
    boolean awaitsData() {
        return RUNNING.equals(status) && createdResourceArn == null;
    }

    RestoreJob withStatus(String newStatus, String message, Instant completed, String createdArn) {
        return new RestoreJob(jobId, accountId, region, recoveryPointArn, vaultArn, sourceResourceArn, resourceType,
                iamRoleArn, newStatus, message, creationDate, completed, recoveryPointCreationDate,
                backupSizeInBytes, createdArn, metadata, copySourceTags, idempotencyToken, testing);
    }

    RestoreJob withTesting(Testing value) {
        return new RestoreJob(jobId, accountId, region, recoveryPointArn, vaultArn, sourceResourceArn, resourceType,
                iamRoleArn, status, statusMessage, creationDate, completionDate, recoveryPointCreationDate,
                backupSizeInBytes, createdResourceArn, metadata, copySourceTags, idempotencyToken, value);
    }
}
