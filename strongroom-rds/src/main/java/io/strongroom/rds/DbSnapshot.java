package io.strongroom.rds;

import java.time.Instant;
import java.util.Map;

/**
 * A DB snapshot as DescribeDBSnapshots reports it.
 *
 * @param snapshotType awsbackup for the snapshots AWS Backup keeps as recovery points
 * @param status       creating or available
 */
public record DbSnapshot(String identifier, String arn, String instanceIdentifier, String resourceId,
                         Instant created, String engine, String engineVersion, int allocatedStorage, int port,
                         String availabilityZone, String storageType, boolean encrypted, String kmsKeyId,
                         String snapshotType, String status, Map<String, String> tags) {
    public DbSnapshot {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
