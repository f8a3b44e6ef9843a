package io.strongroom.rds;

import io.strongroom.storage.Tx;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DescribeDBClusterSnapshots over the cluster snapshots an account has in a Region: those AWS Backup keeps for
 * Aurora DB clusters ({@link BackupDbClusterSnapshots}, type {@code awsbackup}); CreateDBClusterSnapshot is not
 * served, so there are no manual or automated ones (D114).
 */
public final class DbClusterSnapshotService {
    private static final Set<String> FILTERS = Set.of("db-cluster-id", "db-cluster-snapshot-id", "snapshot-type",
            "engine");

    private final BackupDbClusterSnapshots backupSnapshots;

    public DbClusterSnapshotService(BackupDbClusterSnapshots backupSnapshots) {
        this.backupSnapshots = backupSnapshots;
    }

    public record SnapshotPage(List<DbClusterSnapshot> snapshots, String marker) {
    }

    /**
     * As RDS answers DescribeDBSnapshots (D108): without SnapshotType, automated and manual snapshots (none here)
     * unless a snapshot identifier names one; with {@code awsbackup}, AWS Backup's. An identifier that names no
     * snapshot is DBClusterSnapshotNotFoundFault.
     */
    public SnapshotPage describe(Tx tx, String account, String region, String clusterIdentifier,
                                 String snapshotIdentifier, String snapshotType, String clusterResourceId,
                                 List<Inputs.Filter> filters, Integer maxRecords, String marker) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> RdsService.checkFilter(f, FILTERS));
        SnapshotTypes.check(snapshotType);
        String snapshotId = snapshotIdentifier == null || snapshotIdentifier.isEmpty() ? null
                : RdsService.idOf(snapshotIdentifier, ":cluster-snapshot:");
        String clusterId = clusterIdentifier == null || clusterIdentifier.isEmpty() ? null
                : RdsService.idOf(clusterIdentifier, ":cluster:");
        List<DbClusterSnapshot> candidates = snapshotId == null ? backupSnapshots.list(tx, account, region)
                : backupSnapshots.find(tx, account, region, snapshotId).stream().toList();
        List<DbClusterSnapshot> matching = candidates.stream()
                .filter(s -> SnapshotTypes.listed(snapshotId, snapshotType, s.identifier(), s.snapshotType()))
                .filter(s -> clusterId == null || clusterId.equals(s.clusterIdentifier()))
                // the points do not keep the cluster's resource id, so none matches one (D114)
                .filter(s -> clusterResourceId == null || clusterResourceId.isEmpty())
                .filter(s -> fs.stream().allMatch(f -> switch (f.name()) {
                    case "db-cluster-id" -> RdsService.anyId(f.values(), s.clusterIdentifier(), ":cluster:");
                    case "db-cluster-snapshot-id" -> RdsService.anyId(f.values(), s.identifier(),
                            ":cluster-snapshot:");
                    case "snapshot-type" -> f.values().contains(s.snapshotType());
                    case "engine" -> f.values().contains(s.engine());
                    default -> false;
                }))
                .sorted(Comparator.comparing(DbClusterSnapshot::identifier)).toList();
        if (snapshotId != null && matching.isEmpty()) {
            throw RdsErrors.clusterSnapshotNotFound(snapshotIdentifier.toLowerCase(Locale.ROOT));
        }
        RdsService.Page<DbClusterSnapshot> page = RdsService.page(matching, DbClusterSnapshot::identifier,
                maxRecords, marker);
        return new SnapshotPage(page.items(), page.marker());
    }
}
