package io.strongroom.rds;

import io.strongroom.storage.Tx;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The DB cluster snapshots an account has in a Region: its manual ones ({@link ManualDbClusterSnapshots}, D130) and
 * those AWS Backup keeps for Aurora DB clusters ({@link BackupDbClusterSnapshots}, type {@code awsbackup}, D114),
 * which RDS neither deletes nor restores here; there are no automated ones.
 */
public final class DbClusterSnapshotService {
    private static final Set<String> FILTERS = Set.of("db-cluster-id", "db-cluster-snapshot-id", "snapshot-type",
            "engine");

    private final ManualDbClusterSnapshots manual;
    private final BackupDbClusterSnapshots backupSnapshots;

    public DbClusterSnapshotService(ManualDbClusterSnapshots manual, BackupDbClusterSnapshots backupSnapshots) {
        this.manual = manual;
        this.backupSnapshots = backupSnapshots;
    }

    public DbClusterSnapshot create(Tx tx, String account, String region, String snapshotIdentifier,
                                    String clusterIdentifier, Map<String, String> tags) {
        return manual.create(tx, account, region, snapshotIdentifier, clusterIdentifier, tags).describe("available");
    }

    /** DeleteDBClusterSnapshot: a manual snapshot goes; AWS Backup's stay AWS Backup's to delete. */
    public DbClusterSnapshot delete(Tx tx, String account, String region, String snapshotIdentifier) {
        return manual.delete(tx, own(tx, account, region, snapshotIdentifier, "DBClusterSnapshotIdentifier",
                "delete it with AWS Backup's DeleteRecoveryPoint")).describe("deleted");
    }

    /** RestoreDBClusterFromSnapshot from a manual snapshot; AWS Backup's are restored by AWS Backup (D130). */
    public DbCluster restore(Tx tx, String account, String region, String snapshotIdentifier,
                             ManualDbClusterSnapshots.Restore in) {
        return manual.restore(tx, own(tx, account, region, snapshotIdentifier, "SnapshotIdentifier",
                "restore it with AWS Backup's StartRestoreJob"), in);
    }

    /**
     * CopyDBClusterSnapshot within the Region (D137): a manual cluster snapshot of the caller's becomes another;
     * AWS Backup's are copied with AWS Backup's StartCopyJob.
     */
    public DbClusterSnapshot copy(Tx tx, String account, String region, String source, String sourceRegion,
                                  String preSignedUrl, Inputs.CopySnapshot in) {
        SnapshotCopies.checkSource(source, sourceRegion, preSignedUrl, account, region,
                RdsErrors::clusterSnapshotNotFound);
        ManualDbClusterSnapshot s = own(tx, account, region, source, "SourceDBClusterSnapshotIdentifier",
                "copy it with AWS Backup's StartCopyJob");
        return manual.copy(tx, account, s, in).describe("available");
    }

    private ManualDbClusterSnapshot own(Tx tx, String account, String region, String snapshotIdentifier,
                                        String parameter, String instead) {
        return ManualSnapshots.manualOnly(snapshotIdentifier, parameter, ":cluster-snapshot:",
                id -> manual.find(tx, account, region, id),
                id -> backupSnapshots.find(tx, account, region, id).isPresent(),
                id -> RdsErrors.invalidClusterSnapshotState("DB cluster snapshot " + id + " is kept by AWS Backup "
                        + "as a recovery point: " + instead + "."), RdsErrors::clusterSnapshotNotFound);
    }

    public record SnapshotPage(List<DbClusterSnapshot> snapshots, String marker) {
    }

    /**
     * As RDS answers DescribeDBSnapshots (D108): without SnapshotType, automated and manual snapshots (the manual
     * ones, D130) unless a snapshot identifier names one; with {@code awsbackup}, AWS Backup's. An identifier that
     * names no snapshot is DBClusterSnapshotNotFoundFault.
     */
    public SnapshotPage describe(Tx tx, String account, String region, String clusterIdentifier,
                                 String snapshotIdentifier, String snapshotType, String clusterResourceId,
                                 List<Inputs.Filter> filters, Integer maxRecords, String marker) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> DescribeRequests.checkFilter(f, FILTERS));
        SnapshotTypes.check(snapshotType);
        String snapshotId = snapshotIdentifier == null || snapshotIdentifier.isEmpty() ? null
                : DescribeRequests.idOf(snapshotIdentifier, ":cluster-snapshot:");
        String clusterId = clusterIdentifier == null || clusterIdentifier.isEmpty() ? null
                : DescribeRequests.idOf(clusterIdentifier, ":cluster:");
        List<DbClusterSnapshot> candidates = SnapshotTypes.candidates(snapshotId,
                () -> manual.list(tx, account, region).stream().map(s -> s.describe("available")).toList(),
                () -> backupSnapshots.list(tx, account, region),
                id -> manual.find(tx, account, region, id).map(s -> s.describe("available")),
                id -> backupSnapshots.find(tx, account, region, id));
        List<DbClusterSnapshot> matching = candidates.stream()
                .filter(s -> SnapshotTypes.listed(snapshotId, snapshotType, s.identifier(), s.snapshotType()))
                .filter(s -> clusterId == null || clusterId.equals(s.clusterIdentifier()))
                // the points do not keep the cluster's resource id, so none matches one (D114)
                .filter(s -> clusterResourceId == null || clusterResourceId.isEmpty())
                .filter(s -> fs.stream().allMatch(f -> switch (f.name()) {
                    case "db-cluster-id" -> DescribeRequests.anyId(f.values(), s.clusterIdentifier(), ":cluster:");
                    case "db-cluster-snapshot-id" -> DescribeRequests.anyId(f.values(), s.identifier(),
                            ":cluster-snapshot:");
                    case "snapshot-type" -> f.values().contains(s.snapshotType());
                    case "engine" -> f.values().contains(s.engine());
                    default -> false;
                }))
                .sorted(Comparator.comparing(DbClusterSnapshot::identifier)).toList();
        if (snapshotId != null && matching.isEmpty()) {
            throw RdsErrors.clusterSnapshotNotFound(snapshotIdentifier.toLowerCase(Locale.ROOT));
        }
        DescribeRequests.Page<DbClusterSnapshot> page = DescribeRequests.page(matching, DbClusterSnapshot::identifier,
                maxRecords, marker);
        return new SnapshotPage(page.items(), page.marker());
    }
}
