package io.strongroom.rds;

import java.time.Instant;
import java.util.Map;

/**
 * A DB snapshot as DescribeDBSnapshots reports it.
 *
 * @param snapshotType awsbackup for the snapshots AWS Backup keeps as recovery points
 * @param status       creating or available
 * @param sourceArn    for a copy, the snapshot it was copied from; else null
 * @param originalCreated when the data was taken of the instance, before any copy
 */
public record DbSnapshot(String identifier, String arn, String instanceIdentifier, String resourceId,
                         Instant created, String engine, String engineVersion, int allocatedStorage, int port,
                         String availabilityZone, String storageType, boolean encrypted, String kmsKeyId,
                         String snapshotType, String status, Map<String, String> tags, String sourceArn,
                         Instant originalCreated) {
    public DbSnapshot {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        originalCreated = originalCreated == null ? created : originalCreated;
    }

    /** A snapshot that is no copy. */
    public DbSnapshot(String identifier, String arn, String instanceIdentifier, String resourceId, Instant created,
                      String engine, String engineVersion, int allocatedStorage, int port, String availabilityZone,
                      String storageType, boolean encrypted, String kmsKeyId, String snapshotType, String status,
                      Map<String, String> tags) {
        this(identifier, arn, instanceIdentifier, resourceId, created, engine, engineVersion, allocatedStorage, port,
                availabilityZone, storageType, encrypted, kmsKeyId, snapshotType, status, tags, null, null);
    }
}
