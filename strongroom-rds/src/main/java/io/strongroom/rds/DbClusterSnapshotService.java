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

    /**
     * RestoreDBClusterFromSnapshot from a manual snapshot of the caller's or, by ARN, one shared with it (D144); AWS
     * Backup's are restored by AWS Backup (D130).
     */
    public DbCluster restore(Tx tx, String account, String region, String snapshotIdentifier,
                             ManualDbClusterSnapshots.Restore in) {
        return manual.restore(tx, account, ownOrShared(tx, account, region, snapshotIdentifier, "SnapshotIdentifier",
                "restore it with AWS Backup's StartRestoreJob"), in);
    }

    /**
     * CopyDBClusterSnapshot within the Region (D137): a manual cluster snapshot of the caller's, or one shared with
     * it named by ARN (D144), becomes another; AWS Backup's are copied with AWS Backup's StartCopyJob.
     */
    public DbClusterSnapshot copy(Tx tx, String account, String region, String source, String sourceRegion,
                                  String preSignedUrl, Inputs.CopySnapshot in) {
        SnapshotCopies.checkSource(source, sourceRegion, preSignedUrl, region);
        ManualDbClusterSnapshot s = ownOrShared(tx, account, region, source, "SourceDBClusterSnapshotIdentifier",
                "copy it with AWS Backup's StartCopyJob");
        SnapshotCopies.checkSharedKey(s, account, in);
        return manual.copy(tx, account, s, in).describe("available");
    }

    /** ModifyDBClusterSnapshotAttribute (D144): who else may copy and restore a manual cluster snapshot. */
    public List<String> modifyAttribute(Tx tx, String account, String region, String snapshotIdentifier,
                                        String attributeName, List<String> add, List<String> remove) {
        return manual.modifyAttribute(tx, own(tx, account, region, snapshotIdentifier, "DBClusterSnapshotIdentifier",
                "only manual snapshots can be shared; share a copy made with CopyDBClusterSnapshot"), attributeName,
                add, remove);
    }

    /** DescribeDBClusterSnapshotAttributes (D144). */
    public List<String> attributes(Tx tx, String account, String region, String snapshotIdentifier) {
        return manual.attributes(tx, account, region, snapshotIdentifier, "DBClusterSnapshotIdentifier",
                id -> backupSnapshots.find(tx, account, region, id).isPresent(), RdsErrors::clusterSnapshotNotFound);
    }

    private ManualDbClusterSnapshot ownOrShared(Tx tx, String account, String region, String snapshotIdentifier,
                                                String parameter, String instead) {
        return manual.ownOrShared(tx, account, region, snapshotIdentifier,
                () -> own(tx, account, region, snapshotIdentifier, parameter, instead),
                RdsErrors::clusterSnapshotNotFound);
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
     * ones, D130) unless a snapshot identifier names one, and those shared with the caller with IncludeShared and
     * IncludePublic (D144); with {@code awsbackup}, AWS Backup's. An identifier that names no snapshot is
     * DBClusterSnapshotNotFoundFault.
     */
    public SnapshotPage describe(Tx tx, String account, String region, String clusterIdentifier,
                                 String snapshotIdentifier, SnapshotTypes.Asked asked, String clusterResourceId,
                                 List<Inputs.Filter> filters, Integer maxRecords, String marker) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> DescribeRequests.checkFilter(f, FILTERS));
        String snapshotId = snapshotIdentifier == null || snapshotIdentifier.isEmpty() ? null
                : DescribeRequests.idOf(snapshotIdentifier, ":cluster-snapshot:");
        String clusterId = clusterIdentifier == null || clusterIdentifier.isEmpty() ? null
                : DescribeRequests.idOf(clusterIdentifier, ":cluster:");
        List<DbClusterSnapshot> candidates = manual.candidates(tx, account, region, snapshotIdentifier, asked,
                s -> s.describe("available"), ManualDbClusterSnapshot::describeShared,
                () -> backupSnapshots.list(tx, account, region), id -> backupSnapshots.find(tx, account, region, id));
        List<DbClusterSnapshot> matching = candidates.stream()
                .filter(s -> asked.listed(snapshotId, s.identifier(), s.snapshotType()))
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
                .sorted(Comparator.comparing(DbClusterSnapshotService::order)).toList();
        if (snapshotId != null && matching.isEmpty()) {
            throw RdsErrors.clusterSnapshotNotFound(snapshotIdentifier.toLowerCase(Locale.ROOT));
        }
        DescribeRequests.Page<DbClusterSnapshot> page = DescribeRequests.page(matching,
                DbClusterSnapshotService::order, maxRecords, marker);
        return new SnapshotPage(page.items(), page.marker());
    }

    private static String order(DbClusterSnapshot s) {
        return SnapshotTypes.order(s.identifier(), s.arn());
    }
}
