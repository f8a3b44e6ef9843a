package io.strongroom.resource;

import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One protectable resource type. Providers know nothing of vaults or KMS: they list and describe their
 * resources, produce a snapshot of one, and create a new resource from a snapshot.
 */
public interface ResourceProvider {
    /** AWS Backup's resource type name (DynamoDB, S3, RDS, EBS, EC2, EFS). */
    String resourceType();

    /** Whether an ARN names a resource of this provider. */
    boolean owns(String arn);

    /** Every resource of this type in an account and region. */
    List<ProtectedResource> list(Tx tx, String accountId, String region);

    /**
     * Every resource of this type in an account and region as selections, controls and the dashboard see them (ARN,
     * name, tags), for thousands of resources at a time: {@code sizeBytes} is 0 where knowing it means reading the
     * resource's data. The default is {@link #list}.
     */
    default List<ProtectedResource> inventory(Tx tx, String accountId, String region) {
        return list(tx, accountId, region);
    }

    Optional<ProtectedResource> describe(Tx tx, String arn);

    /**
     * One resource as the {@link #inventory} sees it, for callers that need what it is and whose it is but not its
     * size (a backup job checking its resource, tagging, selection verdicts): {@code sizeBytes} is 0 where knowing it
     * means reading the resource's data. The default is {@link #describe}.
     */
    default Optional<ProtectedResource> find(Tx tx, String arn) {
        return describe(tx, arn);
    }

    /** The resource's data and configuration at this moment, consistently (inside the caller's transaction). */
    Snapshot snapshot(Tx tx, String arn);

    /**
     * Creates a new resource from a snapshot, as StartRestoreJob does with {@code metadata} (the restore
     * metadata the caller passed, keys compared without case). Throws {@link RestoreRejected} with a
     * status message when the metadata asks for something impossible (missing target name, name in use).
     */
    ProtectedResource restore(Tx tx, String accountId, String region, Snapshot snapshot, Map<String, String> metadata);

    /** Adds or replaces tags on an existing resource (the Resource Groups Tagging API's TagResources). */
    void tag(Tx tx, String arn, Map<String, String> tags);

    /** Removes tags from an existing resource; absent keys are ignored. */
    void untag(Tx tx, String arn, List<String> keys);

    /**
     * Deletes a resource a restore test made, as AWS Backup does once its validation window ends; false when this
     * provider does not delete restored resources (D124).
     */
    default boolean deleteRestored(Tx tx, String arn) {
        return false;
    }

    /** Thrown when a restore cannot proceed; the message becomes the restore job's StatusMessage. */
    final class RestoreRejected extends RuntimeException {
        public RestoreRejected(String statusMessage) {
            super(statusMessage, null, false, false);
        }
    }
}
