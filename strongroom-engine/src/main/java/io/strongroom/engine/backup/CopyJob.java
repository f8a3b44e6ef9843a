package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.Map;

/**
 * A copy job (spec 5.5, 7): recorded in the source account, CREATED until the clock reaches it, RUNNING while the
 * recovery point's bytes move into the destination vault, then COMPLETED or FAILED (a prerequisite of spec 7.1 not
 * met, named in the status message).
 *
 * @param lifecycle                  the lifecycle StartCopyJob asked for; null: the source point's
 * @param destinationLifecycle       the copy's effective lifecycle, known once the job runs
 * @param destinationRecoveryPointArn the copy, once the job runs
 * @param createdBy                  plan id, version, ARN and rule id of a plan's copy action; empty on demand
 */
public record CopyJob(String jobId, String accountId, String region, String sourceVaultArn,
                      String sourceRecoveryPointArn, String destinationVaultArn, String resourceArn,
                      String resourceType, String resourceName, String iamRoleArn, String state,
                      String statusMessage, Instant creationDate, Instant completionDate,
                      Instant expectedCompletionDate, Lifecycle lifecycle, Lifecycle destinationLifecycle,
                      String destinationRecoveryPointArn, String destinationEncryptionKeyArn,
                      String destinationVaultType, Boolean destinationVaultLocked, long backupSizeInBytes,
                      Map<String, String> createdBy, String createdByBackupJobId, String idempotencyToken) {
    public static final String CREATED = "CREATED";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    public CopyJob {
        createdBy = createdBy == null ? Map.of() : Map.copyOf(createdBy);
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

    /** LOCKED or UNLOCKED once the destination vault is known; null before. */
    public String destinationVaultLockState() {
        return destinationVaultLocked == null ? null : destinationVaultLocked ? "LOCKED" : "UNLOCKED";
    }

    CopyJob withState(String newState, String message, Instant completed) {
        return new CopyJob(jobId, accountId, region, sourceVaultArn, sourceRecoveryPointArn, destinationVaultArn,
                resourceArn, resourceType, resourceName, iamRoleArn, newState, message, creationDate, completed,
                expectedCompletionDate, lifecycle, destinationLifecycle, destinationRecoveryPointArn,
                destinationEncryptionKeyArn, destinationVaultType, destinationVaultLocked, backupSizeInBytes,
                createdBy, createdByBackupJobId, idempotencyToken);
    }

    /** Turned RUNNING towards {@code destination}, a point in {@code vault}. */
    CopyJob running(RecoveryPoint destination, BackupVault vault) {
        return new CopyJob(jobId, accountId, region, sourceVaultArn, sourceRecoveryPointArn, destinationVaultArn,
                resourceArn, resourceType, resourceName, iamRoleArn, RUNNING, null, creationDate, null,
                expectedCompletionDate, lifecycle, destination.lifecycle(), destination.arn(),
                destination.encryptionKeyArn(), vault.vaultType(), vault.locked(), backupSizeInBytes, createdBy,
                createdByBackupJobId, idempotencyToken);
    }

    CopyJob transferred(long size, Instant expectedCompletion) {
        return new CopyJob(jobId, accountId, region, sourceVaultArn, sourceRecoveryPointArn, destinationVaultArn,
                resourceArn, resourceType, resourceName, iamRoleArn, state, statusMessage, creationDate,
                completionDate, expectedCompletion, lifecycle, destinationLifecycle, destinationRecoveryPointArn,
                destinationEncryptionKeyArn, destinationVaultType, destinationVaultLocked, size, createdBy,
                createdByBackupJobId, idempotencyToken);
    }
}
