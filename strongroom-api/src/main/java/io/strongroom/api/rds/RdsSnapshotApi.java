package io.strongroom.api.rds;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.rds.DbCluster;
import io.strongroom.rds.DbClusterSnapshot;
import io.strongroom.rds.DbClusterSnapshotService;
import io.strongroom.rds.DbInstance;
import io.strongroom.rds.DbSnapshot;
import io.strongroom.rds.DbSnapshotService;
import io.strongroom.rds.Inputs;
import io.strongroom.rds.ManualDbClusterSnapshots;
import io.strongroom.rds.ManualDbSnapshots;
import io.strongroom.rds.SnapshotTypes;
import software.amazon.awssdk.services.rds.model.*;

import java.util.List;

/** RDS's DB snapshot and DB cluster snapshot operations: SDK shapes to the strongroom-rds engine and back. */
final class RdsSnapshotApi {
    private RdsSnapshotApi() {
    }

    static void register(ServiceApi.Builder api, DbSnapshotService snapshots,
                         DbClusterSnapshotService clusterSnapshots) {
        registerInstanceSnapshots(api, snapshots);
        registerClusterSnapshots(api, clusterSnapshots);
    }

    static String snapshotArn(CallContext ctx, String identifier) {
        return snapshotArn(ctx, "snapshot", identifier);
    }

    /** The snapshot named, as an ARN, or every resource when the call names none (D108's form). */
    private static String snapshotArn(CallContext ctx, String type, String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            return "*";
        }
        return identifier.startsWith("arn:") ? identifier : "arn:aws:rds:" + ctx.region() + ":" + ctx.accountId()
                + ":" + type + ":" + identifier.toLowerCase(java.util.Locale.ROOT);
    }

    private static void registerInstanceSnapshots(ServiceApi.Builder api, DbSnapshotService snapshots) {
        api.write("CreateDBSnapshot", CreateDbSnapshotRequest.class, "rds:CreateDBSnapshot",
                // on the new snapshot with its tags, and on the instance it is taken of
                (ctx, q) -> RdsApi.tagging("rds:CreateDBSnapshot", snapshotArn(ctx, q.dbSnapshotIdentifier()),
                        RdsApi.tags(q.tags())).and(AccessRequirement.of("rds:CreateDBSnapshot",
                        RdsApi.instanceArn(ctx, q.dbInstanceIdentifier()))),
                (ctx, q) -> CreateDbSnapshotResponse.builder().dbSnapshot(describe(snapshots.create(ctx.tx(),
                        ctx.accountId(), ctx.region(), q.dbSnapshotIdentifier(), q.dbInstanceIdentifier(),
                        RdsApi.tags(q.tags())))).build());
        api.write("DeleteDBSnapshot", DeleteDbSnapshotRequest.class, "rds:DeleteDBSnapshot",
                (ctx, q) -> AccessRequirement.of("rds:DeleteDBSnapshot", snapshotArn(ctx, q.dbSnapshotIdentifier())),
                (ctx, q) -> DeleteDbSnapshotResponse.builder().dbSnapshot(describe(snapshots.delete(ctx.tx(),
                        ctx.accountId(), ctx.region(), q.dbSnapshotIdentifier()))).build());
        api.write("RestoreDBInstanceFromDBSnapshot", RestoreDbInstanceFromDbSnapshotRequest.class,
                "rds:RestoreDBInstanceFromDBSnapshot",
                // on the new instance with its tags, and on the snapshot it is made from
                (ctx, q) -> RdsApi.tagging("rds:RestoreDBInstanceFromDBSnapshot", RdsApi.instanceArn(ctx,
                        q.dbInstanceIdentifier()), RdsApi.tags(q.tags())).and(AccessRequirement.of(
                        "rds:RestoreDBInstanceFromDBSnapshot", snapshotArn(ctx, q.dbSnapshotIdentifier()))),
                (ctx, q) -> {
                    DbInstance i = snapshots.restore(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.dbSnapshotIdentifier(), new ManualDbSnapshots.Restore(q.dbInstanceIdentifier(),
                                    q.dbInstanceClass(), q.port(), q.availabilityZone(), q.deletionProtection(),
                                    RdsApi.tags(q.tags())));
                    return RestoreDbInstanceFromDbSnapshotResponse.builder().dbInstance(RdsApi.describe(i, "creating"))
                            .build();
                });
        api.note("CreateDBSnapshot", "Of a standalone DB instance: its configuration and a consistent SQL script of "
                + "its database, kept in the store and available when the call returns; the instance's tags when "
                + "none are given and CopyTagsToSnapshot is set; 100 per Region (D128)");
        api.note("DeleteDBSnapshot", "Manual snapshots; AWS Backup's are refused with InvalidDBSnapshotState (D128)");
        api.note("RestoreDBInstanceFromDBSnapshot", "From a manual snapshot: a new instance holding exactly its "
                + "database, with DBInstanceClass, Port, AvailabilityZone, DeletionProtection and Tags; other "
                + "members are not honoured; AWS Backup's snapshots are restored with StartRestoreJob (D128)");
        api.write("CopyDBSnapshot", CopyDbSnapshotRequest.class, "rds:CopyDBSnapshot",
                // on the new snapshot with its tags, and on the snapshot it copies
                (ctx, q) -> RdsApi.tagging("rds:CopyDBSnapshot", snapshotArn(ctx, q.targetDBSnapshotIdentifier()),
                        RdsApi.tags(q.tags())).and(AccessRequirement.of("rds:CopyDBSnapshot",
                        snapshotArn(ctx, q.sourceDBSnapshotIdentifier()))),
                (ctx, q) -> CopyDbSnapshotResponse.builder().dbSnapshot(describe(snapshots.copy(ctx.tx(),
                        ctx.accountId(), ctx.region(), q.sourceDBSnapshotIdentifier(), q.sourceRegion(),
                        q.preSignedUrl(), copy(q.targetDBSnapshotIdentifier(), q.kmsKeyId(), q.copyTags(),
                        q.tags())))).build());
        api.note("CopyDBSnapshot", "Of a manual snapshot of the caller's, within the Region: a new manual snapshot "
                + "holding the same database, available when the call returns; KmsKeyId re-encrypts the copy (or "
                + "encrypts that of an unencrypted snapshot); CopyTags, Tags; other Regions and AWS Backup's "
                + "snapshots are refused; option groups and Outposts members are not honoured (D137)");
        api.read("DescribeDBSnapshots", DescribeDbSnapshotsRequest.class, "rds:DescribeDBSnapshots",
                (ctx, q) -> AccessRequirement.of("rds:DescribeDBSnapshots", snapshotArn(ctx,
                        q.dbSnapshotIdentifier())),
                (ctx, q) -> {
                    DbSnapshotService.SnapshotPage page = snapshots.describe(ctx.tx(), ctx.accountId(),
                            ctx.region(), q.dbInstanceIdentifier(), q.dbSnapshotIdentifier(),
                            new SnapshotTypes.Asked(q.snapshotType(), q.includeShared(), q.includePublic()),
                            q.dbiResourceId(), RdsApi.filters(q.filters()), q.maxRecords(), q.marker());
                    return DescribeDbSnapshotsResponse.builder()
                            .dbSnapshots(page.snapshots().stream().map(RdsSnapshotApi::describe).toList())
                            .marker(page.marker()).build();
                });
        api.note("DescribeDBSnapshots", "Manual snapshots (D128) and those AWS Backup keeps for DB instances "
                + "(SnapshotType awsbackup, D108); no automated ones; those other accounts share with the caller with "
                + "IncludeShared/IncludePublic, SnapshotType shared/public or by ARN (D144); filters "
                + "db-instance-id, db-snapshot-id, dbi-resource-id, snapshot-type, engine");
    }

    private static void registerClusterSnapshots(ServiceApi.Builder api, DbClusterSnapshotService snapshots) {
        api.write("CreateDBClusterSnapshot", CreateDbClusterSnapshotRequest.class, "rds:CreateDBClusterSnapshot",
                // on the new snapshot with its tags, and on the cluster it is taken of
                (ctx, q) -> RdsApi.tagging("rds:CreateDBClusterSnapshot", clusterSnapshotArn(ctx,
                        q.dbClusterSnapshotIdentifier()), RdsApi.tags(q.tags())).and(AccessRequirement.of(
                        "rds:CreateDBClusterSnapshot", RdsApi.clusterArn(ctx, q.dbClusterIdentifier()))),
                (ctx, q) -> CreateDbClusterSnapshotResponse.builder().dbClusterSnapshot(describe(snapshots.create(
                        ctx.tx(), ctx.accountId(), ctx.region(), q.dbClusterSnapshotIdentifier(),
                        q.dbClusterIdentifier(), RdsApi.tags(q.tags())))).build());
        api.write("DeleteDBClusterSnapshot", DeleteDbClusterSnapshotRequest.class, "rds:DeleteDBClusterSnapshot",
                (ctx, q) -> AccessRequirement.of("rds:DeleteDBClusterSnapshot", clusterSnapshotArn(ctx,
                        q.dbClusterSnapshotIdentifier())),
                (ctx, q) -> DeleteDbClusterSnapshotResponse.builder().dbClusterSnapshot(describe(snapshots.delete(
                        ctx.tx(), ctx.accountId(), ctx.region(), q.dbClusterSnapshotIdentifier()))).build());
        api.write("RestoreDBClusterFromSnapshot", RestoreDbClusterFromSnapshotRequest.class,
                "rds:RestoreDBClusterFromSnapshot",
                // on the new cluster with its tags, and on the snapshot it is made from
                (ctx, q) -> RdsApi.tagging("rds:RestoreDBClusterFromSnapshot", RdsApi.clusterArn(ctx,
                        q.dbClusterIdentifier()), RdsApi.tags(q.tags())).and(AccessRequirement.of(
                        "rds:RestoreDBClusterFromSnapshot", clusterSnapshotArn(ctx, q.snapshotIdentifier()))),
                (ctx, q) -> {
                    DbCluster c = snapshots.restore(ctx.tx(), ctx.accountId(), ctx.region(), q.snapshotIdentifier(),
                            new ManualDbClusterSnapshots.Restore(q.dbClusterIdentifier(), q.engine(),
                                    q.engineVersion(), q.port(), q.deletionProtection(), RdsApi.tags(q.tags())));
                    return RestoreDbClusterFromSnapshotResponse.builder().dbCluster(RdsApi.describe(c, List.of(),
                            "creating")).build();
                });
        api.note("CreateDBClusterSnapshot", "Of an Aurora DB cluster: its configuration and a consistent SQL script "
                + "of its database, kept in the store and available when the call returns; the cluster's tags when "
                + "none are given and CopyTagsToSnapshot is set; 100 per Region (D130)");
        api.note("DeleteDBClusterSnapshot", "Manual cluster snapshots; AWS Backup's are refused with "
                + "InvalidDBClusterSnapshotStateFault (D130)");
        api.note("RestoreDBClusterFromSnapshot", "From a manual cluster snapshot: a new cluster without instances "
                + "holding exactly its database (add instances with CreateDBInstance); Engine must be the "
                + "snapshot's; Port, DeletionProtection and Tags; other members are not honoured; AWS Backup's "
                + "snapshots are restored with StartRestoreJob (D130)");
        api.write("CopyDBClusterSnapshot", CopyDbClusterSnapshotRequest.class, "rds:CopyDBClusterSnapshot",
                // on the new snapshot with its tags, and on the snapshot it copies
                (ctx, q) -> RdsApi.tagging("rds:CopyDBClusterSnapshot", clusterSnapshotArn(ctx,
                        q.targetDBClusterSnapshotIdentifier()), RdsApi.tags(q.tags())).and(AccessRequirement.of(
                        "rds:CopyDBClusterSnapshot", clusterSnapshotArn(ctx, q.sourceDBClusterSnapshotIdentifier()))),
                (ctx, q) -> CopyDbClusterSnapshotResponse.builder().dbClusterSnapshot(describe(snapshots.copy(
                        ctx.tx(), ctx.accountId(), ctx.region(), q.sourceDBClusterSnapshotIdentifier(),
                        q.sourceRegion(), q.preSignedUrl(), copy(q.targetDBClusterSnapshotIdentifier(),
                        q.kmsKeyId(), q.copyTags(), q.tags())))).build());
        api.note("CopyDBClusterSnapshot", "Of a manual cluster snapshot of the caller's, within the Region: a new "
                + "manual cluster snapshot holding the same database, available when the call returns; KmsKeyId "
                + "re-encrypts the copy of an encrypted snapshot; CopyTags, Tags; other Regions and AWS Backup's "
                + "snapshots are refused (D137)");
        api.read("DescribeDBClusterSnapshots", DescribeDbClusterSnapshotsRequest.class,
                "rds:DescribeDBClusterSnapshots",
                (ctx, q) -> AccessRequirement.of("rds:DescribeDBClusterSnapshots",
                        clusterSnapshotArn(ctx, q.dbClusterSnapshotIdentifier())),
                (ctx, q) -> {
                    DbClusterSnapshotService.SnapshotPage page = snapshots.describe(ctx.tx(), ctx.accountId(),
                            ctx.region(), q.dbClusterIdentifier(), q.dbClusterSnapshotIdentifier(),
                            new SnapshotTypes.Asked(q.snapshotType(), q.includeShared(), q.includePublic()),
                            q.dbClusterResourceId(), RdsApi.filters(q.filters()), q.maxRecords(),
                            q.marker());
                    return DescribeDbClusterSnapshotsResponse.builder()
                            .dbClusterSnapshots(page.snapshots().stream().map(RdsSnapshotApi::describe).toList())
                            .marker(page.marker()).build();
                });
        api.note("DescribeDBClusterSnapshots", "Manual cluster snapshots (D130) and those AWS Backup keeps for "
                + "Aurora DB clusters (SnapshotType awsbackup, D114); no automated ones; those other accounts share "
                + "with the caller with IncludeShared/IncludePublic, SnapshotType shared/public or by ARN (D144); "
                + "filters db-cluster-id, db-cluster-snapshot-id, snapshot-type, engine; MaxRecords/Marker");
    }

    static String clusterSnapshotArn(CallContext ctx, String identifier) {
        return snapshotArn(ctx, "cluster-snapshot", identifier);
    }

    private static Inputs.CopySnapshot copy(String target, String kmsKeyId, Boolean copyTags, List<Tag> tags) {
        return new Inputs.CopySnapshot(target, kmsKeyId == null || kmsKeyId.isEmpty() ? null : kmsKeyId,
                Boolean.TRUE.equals(copyTags), RdsApi.tags(tags));
    }

    static DBClusterSnapshot describe(DbClusterSnapshot s) {
        return DBClusterSnapshot.builder().dbClusterSnapshotIdentifier(s.identifier())
                .dbClusterSnapshotArn(s.arn()).dbClusterIdentifier(s.clusterIdentifier())
                .sourceDBClusterSnapshotArn(s.sourceArn())
                .snapshotCreateTime(s.created()).clusterCreateTime(s.clusterCreated()).engine(s.engine())
                .engineMode("provisioned").engineVersion(s.engineVersion()).allocatedStorage(0).port(s.port())
                .availabilityZones(s.availabilityZones()).storageEncrypted(s.encrypted()).kmsKeyId(s.kmsKeyId())
                .snapshotType(s.snapshotType()).status(s.status())
                .percentProgress("creating".equals(s.status()) ? 0 : 100)
                .licenseModel("aurora-postgresql".equals(s.engine()) ? "postgresql-license" : s.engine())
                .iamDatabaseAuthenticationEnabled(false)
                .tagList(s.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue())
                        .build()).toList()).build();
    }

    static DBSnapshot describe(DbSnapshot s) {
        return DBSnapshot.builder().dbSnapshotIdentifier(s.identifier()).dbSnapshotArn(s.arn())
                .dbInstanceIdentifier(s.instanceIdentifier()).dbiResourceId(s.resourceId())
                .snapshotCreateTime(s.created()).originalSnapshotCreateTime(s.originalCreated())
                .sourceDBSnapshotIdentifier(s.sourceArn())
                .sourceRegion(s.sourceArn() == null ? null : s.sourceArn().split(":")[3]).engine(s.engine())
                .engineVersion(s.engineVersion()).allocatedStorage(s.allocatedStorage()).port(s.port())
                .availabilityZone(s.availabilityZone()).storageType(s.storageType()).encrypted(s.encrypted())
                .kmsKeyId(s.kmsKeyId()).snapshotType(s.snapshotType()).status(s.status())
                .percentProgress("available".equals(s.status()) ? 100 : 0).licenseModel("postgresql-license")
                .snapshotTarget("region").iamDatabaseAuthenticationEnabled(false)
                .tagList(s.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue())
                        .build()).toList()).build();
    }

}
