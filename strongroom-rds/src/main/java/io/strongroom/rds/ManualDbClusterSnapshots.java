package io.strongroom.rds;

import io.strongroom.rds.codec.RdsSnapshots;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * RDS's own manual snapshots of Aurora DB clusters (D130), as {@link ManualDbSnapshots} keeps those of DB instances
 * (D128): CreateDBClusterSnapshot keeps the cluster's configuration and a consistent SQL script of its database in
 * the store, in the call's transaction, and RestoreDBClusterFromSnapshot makes a new cluster, without instances, from
 * them. The snapshot is {@code rds.db-cluster-snapshots} under {@code <account>/<region>/<identifier>}; its bytes
 * (the format of AWS Backup's Aurora points, {@link RdsSnapshots}) are {@code rds.db-cluster-snapshot-data} records
 * of at most 1 MiB ({@link ManualSnapshots}).
 */
public final class ManualDbClusterSnapshots extends ManualSnapshots<ManualDbClusterSnapshot> {
    ManualDbClusterSnapshots(RdsService rds, Clock clock) {
        super(rds, clock, "rds.db-cluster-snapshots", "rds.db-cluster-snapshot-data", ManualDbClusterSnapshot.class,
                "cluster-snapshot");
    }

    /**
     * CreateDBClusterSnapshot. Tags given to the call are the snapshot's; without them a cluster with
     * CopyTagsToSnapshot gives its own.
     */
    public ManualDbClusterSnapshot create(Tx tx, String account, String region, String snapshotIdentifier,
                                          String clusterIdentifier, Map<String, String> tags) {
        String id = RdsRules.snapshotIdentifier("DBClusterSnapshotIdentifier", snapshotIdentifier);
        if (clusterIdentifier == null || clusterIdentifier.isBlank()) {
            throw RdsErrors.missing("DBClusterIdentifier");
        }
        DbCluster cluster = rds.clusters().get(tx, account, region,
                DescribeRequests.idOf(clusterIdentifier, ":cluster:"));
        return take(tx, cluster, id, tags);
    }

    /** CreateDBClusterSnapshot, and the final snapshot of DeleteDBCluster. */
    ManualDbClusterSnapshot take(Tx tx, DbCluster cluster, String id, Map<String, String> tags) {
        Map<String, String> own = RdsRules.snapshotTags(tags, cluster.copyTagsToSnapshot(), cluster.tags());
        return keep(tx, cluster.accountId(), cluster.region(), id, () -> RdsErrors.clusterSnapshotAlreadyExists(id),
                () -> RdsSnapshots.write(null, cluster, new String(rds.script(cluster.databaseKey(),
                        cluster.databaseName()), StandardCharsets.UTF_8)),
                (bytes, chunks) -> new ManualDbClusterSnapshot(id, cluster, Instant.now(clock), own, bytes, chunks));
    }

    @Override
    ManualDbClusterSnapshot withTags(ManualDbClusterSnapshot s, Map<String, String> tags) {
        return new ManualDbClusterSnapshot(s.identifier(), s.cluster(), s.created(), tags, s.bytes(), s.chunks(),
                s.copiedFrom());
    }

    /**
     * CopyDBClusterSnapshot (D137): a new manual cluster snapshot of {@code account} holding the source's database,
     * encrypted with the KmsKeyId given or else the source's key; an unencrypted snapshot stays so.
     */
    ManualDbClusterSnapshot copy(Tx tx, String account, ManualDbClusterSnapshot source, Inputs.CopySnapshot in) {
        String id = RdsRules.snapshotIdentifier("TargetDBClusterSnapshotIdentifier", in.targetIdentifier());
        DbCluster c = source.cluster();
        if (in.kmsKeyId() != null && !c.storageEncrypted()) {
            throw RdsErrors.invalidParameterCombination("KmsKeyId can only be specified when copying an encrypted "
                    + "DB cluster snapshot.");
        }
        DbCluster copied = c.copiedTo(account, in.kmsKeyId() == null ? c.kmsKeyId()
                : RdsRules.kmsKeyArn(account, source.region(), in.kmsKeyId()));
        Map<String, String> tags = RdsRules.snapshotTags(in.tags(), in.copyTags(), source.tags());
        Instant now = Instant.now(clock);
        return copy(tx, account, source, id, () -> RdsErrors.clusterSnapshotAlreadyExists(id),
                data -> RdsSnapshots.write(null, copied, RdsSnapshots.read(data).script()),
                (bytes, chunks) -> new ManualDbClusterSnapshot(id, copied, now, tags, bytes, chunks, source.arn()));
    }

    /**
     * What RestoreDBClusterFromSnapshot takes besides the snapshot: {@code engine} (required by the model) must be
     * the snapshot's, {@code engineVersion} too when given; null members take the snapshot's.
     */
    public record Restore(String clusterIdentifier, String engine, String engineVersion, Integer port,
                          Boolean deletionProtection, Map<String, String> tags) {
    }

    /**
     * RestoreDBClusterFromSnapshot: a new DB cluster of {@code account} (the owner, or an account the snapshot is
     * shared with, D144), without instances, holding exactly the snapshot's database.
     */
    DbCluster restore(Tx tx, String account, ManualDbClusterSnapshot snapshot, Restore in) {
        String id = RdsRules.identifier("DBClusterIdentifier", in.clusterIdentifier());
        String region = snapshot.region();
        if (in.engine() == null || in.engine().isBlank()) {
            throw RdsErrors.missing("Engine");
        }
        if (!in.engine().equals(snapshot.cluster().engine())) {
            throw RdsErrors.invalidParameterCombination("The engine of the snapshot (" + snapshot.cluster().engine()
                    + ") does not match the requested engine " + in.engine() + ".");
        }
        if (in.engineVersion() != null && !in.engineVersion().equals(snapshot.cluster().engineVersion())) {
            throw RdsErrors.invalidParameterCombination("Restoring into another engine version is not served by "
                    + "Strongroom: the snapshot's is " + snapshot.cluster().engineVersion() + ".");
        }
        RdsRules.port(in.port());
        Map<String, String> tags = in.tags() == null ? Map.of() : in.tags();
        RdsRules.tags(tags);
        if (rds.clusters().find(tx, account, region, id).isPresent()) {
            throw RdsErrors.clusterAlreadyExists();
        }
        RdsSnapshots.Data data = RdsSnapshots.read(bytes(tx, snapshot));
        return rds.clusters().createRestored(tx, data.cluster(), account, region, id, in.port(),
                Boolean.TRUE.equals(in.deletionProtection()), tags, data.script().getBytes(StandardCharsets.UTF_8));
    }
}
