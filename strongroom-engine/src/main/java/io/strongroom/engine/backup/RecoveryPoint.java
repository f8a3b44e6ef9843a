package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.Map;

/**
 * A recovery point as AWS Backup reports it. Its bytes live in the vault storage under {@link #storageId()} in the
 * storage vault of its backup vault; everything else is this record.
 *
 * @param storageId       the point's id in the vault storage (unique across the server)
 * @param sourceVaultArn  the vault it was copied from; null for a point a backup job made
 * @param status          CREATING, COMPLETED, DELETING, EXPIRED
 * @param storageClass    WARM or COLD
 * @param restoreMetadata what GetRecoveryPointRestoreMetadata reports (the provider's snapshot metadata)
 * @param resourceTags    the resource's tags when it was backed up (CopySourceTagsToRestoredResource)
 * @param createdBy       plan id, version, ARN and rule id when a plan made it; empty on demand
 * @param tags            the recovery point's own tags (RecoveryPointTags, TagResource)
 */
public record RecoveryPoint(String arn, String storageId, String accountId, String region, String vaultName,
                            String sourceVaultArn, String resourceArn, String resourceType, String resourceName,
                            Map<String, String> createdBy, String iamRoleArn, String status, String statusMessage,
                            Instant creationDate, Instant completionDate, long backupSizeInBytes,
                            Lifecycle lifecycle, String encryptionKeyArn, String storageClass,
                            Instant lastRestoreTime, Map<String, String> restoreMetadata,
                            Map<String, String> resourceTags, String vaultType, Map<String, String> tags) {
    public static final String CREATING = "CREATING";
    public static final String COMPLETED = "COMPLETED";
    public static final String DELETING = "DELETING";
    /** AWS's status of a point past its retention that is not yet deleted: it keeps no backup of the service's. */
    public static final String EXPIRED = "EXPIRED";
    public static final String WARM = "WARM";
    public static final String COLD = "COLD";

    public RecoveryPoint {
        createdBy = createdBy == null ? Map.of() : Map.copyOf(createdBy);
        restoreMetadata = restoreMetadata == null ? Map.of() : Map.copyOf(restoreMetadata);
        resourceTags = resourceTags == null ? Map.of() : Map.copyOf(resourceTags);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public String vaultArn() {
        return BackupVault.arn(region, accountId, vaultName);
    }

    /** When it moves to cold storage, from its creation date and lifecycle; null when never. */
    public Instant moveToColdStorageAt() {
        return lifecycle == null ? null : at(lifecycle.moveToColdStorageAfterDays());
    }

    /** When it is deleted, from its creation date and lifecycle; null when kept forever. */
    public Instant deleteAt() {
        return lifecycle == null ? null : at(lifecycle.deleteAfterDays());
    }

    private Instant at(Long days) {
        return days == null || days < 0 ? null : creationDate.plus(java.time.Duration.ofDays(days));
    }

    RecoveryPoint with(String newStatus, String message) {
        return new RecoveryPoint(arn, storageId, accountId, region, vaultName, sourceVaultArn, resourceArn,
                resourceType, resourceName, createdBy, iamRoleArn, newStatus, message, creationDate, completionDate,
                backupSizeInBytes, lifecycle, encryptionKeyArn, storageClass, lastRestoreTime, restoreMetadata,
                resourceTags, vaultType, tags);
    }

    /** The data is in the vault: its size, the snapshot's restore metadata and the resource's tags at the time. */
    RecoveryPoint written(long size, Map<String, String> metadata, Map<String, String> sourceTags) {
        return new RecoveryPoint(arn, storageId, accountId, region, vaultName, sourceVaultArn, resourceArn,
                resourceType, resourceName, createdBy, iamRoleArn, status, statusMessage, creationDate,
                completionDate, size, lifecycle, encryptionKeyArn, storageClass, lastRestoreTime, metadata,
                sourceTags, vaultType, tags);
    }

    RecoveryPoint completed(Instant at) {
        return new RecoveryPoint(arn, storageId, accountId, region, vaultName, sourceVaultArn, resourceArn,
                resourceType, resourceName, createdBy, iamRoleArn, COMPLETED, null, creationDate, at,
                backupSizeInBytes, lifecycle, encryptionKeyArn, storageClass, lastRestoreTime, restoreMetadata,
                resourceTags, vaultType, tags);
    }

    RecoveryPoint withLifecycle(Lifecycle value) {
        return new RecoveryPoint(arn, storageId, accountId, region, vaultName, sourceVaultArn, resourceArn,
                resourceType, resourceName, createdBy, iamRoleArn, status, statusMessage, creationDate,
                completionDate, backupSizeInBytes, value, encryptionKeyArn, storageClass, lastRestoreTime,
                restoreMetadata, resourceTags, vaultType, tags);
    }

    RecoveryPoint withStorageClass(String value) {
        return new RecoveryPoint(arn, storageId, accountId, region, vaultName, sourceVaultArn, resourceArn,
                resourceType, resourceName, createdBy, iamRoleArn, status, statusMessage, creationDate,
                completionDate, backupSizeInBytes, lifecycle, encryptionKeyArn, value, lastRestoreTime,
                restoreMetadata, resourceTags, vaultType, tags);
    }

    RecoveryPoint restoredAt(Instant at) {
        return new RecoveryPoint(arn, storageId, accountId, region, vaultName, sourceVaultArn, resourceArn,
                resourceType, resourceName, createdBy, iamRoleArn, status, statusMessage, creationDate,
                completionDate, backupSizeInBytes, lifecycle, encryptionKeyArn, storageClass, at, restoreMetadata,
                resourceTags, vaultType, tags);
    }

    RecoveryPoint withTags(Map<String, String> value) {
        return new RecoveryPoint(arn, storageId, accountId, region, vaultName, sourceVaultArn, resourceArn,
                resourceType, resourceName, createdBy, iamRoleArn, status, statusMessage, creationDate,
                completionDate, backupSizeInBytes, lifecycle, encryptionKeyArn, storageClass, lastRestoreTime,
                restoreMetadata, resourceTags, vaultType, value);
    }
}
