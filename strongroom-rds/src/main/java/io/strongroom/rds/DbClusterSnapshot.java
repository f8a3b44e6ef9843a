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
 */
public record DbClusterSnapshot(String identifier, String arn, String clusterIdentifier, Instant created,
                                Instant clusterCreated, String engine, String engineVersion, int port,
                                List<String> availabilityZones, boolean encrypted, String kmsKeyId,
                                String snapshotType, String status, Map<String, String> tags) {
    public DbClusterSnapshot {
        availabilityZones = availabilityZones == null ? List.of() : List.copyOf(availabilityZones);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
