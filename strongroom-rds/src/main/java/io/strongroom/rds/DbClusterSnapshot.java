package io.strongroom.rds;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A DB cluster snapshot as DescribeDBClusterSnapshots reports it.
 *
 * @param clusterCreated    when the cluster was created, or null where the point does not say
 * @param availabilityZones the cluster's zones, where its instances can be restored
 * @param snapshotType      awsbackup for the snapshots AWS Backup keeps as recovery points
 * @param status            creating or available
 * @param sourceArn         for a copy, the snapshot it was copied from; else null
 */
public record DbClusterSnapshot(String identifier, String arn, String clusterIdentifier, Instant created,
                                Instant clusterCreated, String engine, String engineVersion, int port,
                                List<String> availabilityZones, boolean encrypted, String kmsKeyId,
                                String snapshotType, String status, Map<String, String> tags, String sourceArn) {
    public DbClusterSnapshot {
        availabilityZones = availabilityZones == null ? List.of() : List.copyOf(availabilityZones);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A snapshot that is no copy. */
    public DbClusterSnapshot(String identifier, String arn, String clusterIdentifier, Instant created,
                             Instant clusterCreated, String engine, String engineVersion, int port,
                             List<String> availabilityZones, boolean encrypted, String kmsKeyId, String snapshotType,
                             String status, Map<String, String> tags) {
        this(identifier, arn, clusterIdentifier, created, clusterCreated, engine, engineVersion, port,
                availabilityZones, encrypted, kmsKeyId, snapshotType, status, tags, null);
    }
}
