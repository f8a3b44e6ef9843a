package io.strongroom.api.rds;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.rds.DbCluster;
import io.strongroom.rds.DbClusterSnapshotService;
import io.strongroom.rds.DbClusters;
import io.strongroom.rds.DbInstance;
import io.strongroom.rds.DbSnapshotService;
import io.strongroom.rds.Inputs;
import io.strongroom.rds.RdsService;
import software.amazon.awssdk.services.rds.model.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RDS operations (DB instances, Aurora DB clusters, their tags): SDK shapes to the strongroom-rds engine and back. */
public final class RdsApi {
    private static final String ADDRESS = "127.0.0.1";

    private RdsApi() {
    }

    static String instanceArn(CallContext ctx, String identifier) {
        if (identifier != null && identifier.startsWith("arn:")) {
            return identifier;
        }
        return DbInstance.arn(ctx.region(), ctx.accountId(), identifier == null ? "*"
                : identifier.toLowerCase(java.util.Locale.ROOT));
    }

    static String clusterArn(CallContext ctx, String identifier) {
        if (identifier != null && identifier.startsWith("arn:")) {
            return identifier;
        }
        return DbCluster.arn(ctx.region(), ctx.accountId(), identifier == null ? "*"
                : identifier.toLowerCase(java.util.Locale.ROOT));
    }

    /** aws:RequestTag/key and aws:TagKeys for calls that set tags, so SCPs can require tags on creation. */
    static AccessRequirement tagging(String action, String resource, Map<String, String> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, List.of(v == null ? "" : v)));
        if (!tags.isEmpty()) {
            keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        return new AccessRequirement(List.of(action), List.of(resource), keys, false);
    }

    public static ServiceApi create(RdsService rds, DbSnapshotService snapshots,
                                    DbClusterSnapshotService clusterSnapshots) {
        ServiceApi.Builder api = ServiceApi.builder("rds");
        RdsSnapshotApi.register(api, snapshots, clusterSnapshots);
        RdsSnapshotAttributeApi.register(api, snapshots, clusterSnapshots);

        // ---- DB instances
        api.write("CreateDBInstance", CreateDbInstanceRequest.class, "rds:CreateDBInstance",
                (ctx, q) -> tagging("rds:CreateDBInstance", instanceArn(ctx, q.dbInstanceIdentifier()), tags(q.tags())),
                (ctx, q) -> {
                    DbInstance i = rds.createDbInstance(ctx.tx(), ctx.accountId(), ctx.region(),
                            new Inputs.CreateDbInstance(q.dbInstanceIdentifier(), q.dbInstanceClass(), q.engine(),
                                    q.engineVersion(), q.allocatedStorage(), q.storageType(), q.masterUsername(),
                                    q.masterUserPassword(), q.manageMasterUserPassword(), q.dbName(), q.port(),
                                    q.availabilityZone(), q.multiAZ(), q.storageEncrypted(), q.kmsKeyId(),
                                    q.deletionProtection(), q.copyTagsToSnapshot(), q.backupRetentionPeriod(),
                                    q.dbClusterIdentifier(), tags(q.tags())));
                    return CreateDbInstanceResponse.builder().dbInstance(describe(i, "creating")).build();
                });
        api.read("DescribeDBInstances", DescribeDbInstancesRequest.class, "rds:DescribeDBInstances",
                (ctx, q) -> AccessRequirement.of("rds:DescribeDBInstances", instanceArn(ctx, q.dbInstanceIdentifier())),
                (ctx, q) -> {
                    RdsService.InstancePage page = rds.describeInstances(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.dbInstanceIdentifier(), filters(q.filters()), q.maxRecords(), q.marker());
                    return DescribeDbInstancesResponse.builder()
                            .dbInstances(page.instances().stream().map(i -> describe(i, "available")).toList())
                            .marker(page.marker()).build();
                });
        api.write("DeleteDBInstance", DeleteDbInstanceRequest.class, "rds:DeleteDBInstance",
                (ctx, q) -> AccessRequirement.of("rds:DeleteDBInstance", instanceArn(ctx, q.dbInstanceIdentifier())),
                (ctx, q) -> {
                    DbInstance i = rds.deleteDbInstance(ctx.tx(), ctx.accountId(), ctx.region(),
                            required(q.dbInstanceIdentifier(), "DBInstanceIdentifier"),
                            Boolean.TRUE.equals(q.skipFinalSnapshot()), q.finalDBSnapshotIdentifier());
                    return DeleteDbInstanceResponse.builder().dbInstance(describe(i, "deleting")).build();
                });
        api.write("ModifyDBInstance", ModifyDbInstanceRequest.class, "rds:ModifyDBInstance",
                (ctx, q) -> AccessRequirement.of("rds:ModifyDBInstance", instanceArn(ctx, q.dbInstanceIdentifier())),
                (ctx, q) -> {
                    DbInstance i = rds.modifyDbInstance(ctx.tx(), ctx.accountId(), ctx.region(),
                            new Inputs.ModifyDbInstance(q.dbInstanceIdentifier(), q.dbInstanceClass(),
                                    q.allocatedStorage(), q.masterUserPassword(), q.deletionProtection(),
                                    q.newDBInstanceIdentifier()));
                    return ModifyDbInstanceResponse.builder().dbInstance(describe(i, "available")).build();
                });

        // ---- DB clusters
        api.write("CreateDBCluster", CreateDbClusterRequest.class, "rds:CreateDBCluster",
                (ctx, q) -> tagging("rds:CreateDBCluster", clusterArn(ctx, q.dbClusterIdentifier()), tags(q.tags())),
                (ctx, q) -> {
                    DbCluster c = rds.clusters().create(ctx.tx(), ctx.accountId(), ctx.region(),
                            new Inputs.CreateDbCluster(q.dbClusterIdentifier(), q.engine(), q.engineVersion(),
                                    q.masterUsername(), q.masterUserPassword(), q.manageMasterUserPassword(),
                                    q.databaseName(), q.port(), q.availabilityZones(), q.storageEncrypted(),
                                    q.kmsKeyId(), q.deletionProtection(), q.copyTagsToSnapshot(),
                                    q.backupRetentionPeriod(), tags(q.tags())));
                    return CreateDbClusterResponse.builder().dbCluster(describe(c, List.of(), "creating")).build();
                });
        api.read("DescribeDBClusters", DescribeDbClustersRequest.class, "rds:DescribeDBClusters",
                (ctx, q) -> AccessRequirement.of("rds:DescribeDBClusters", clusterArn(ctx, q.dbClusterIdentifier())),
                (ctx, q) -> {
                    DbClusters.ClusterPage page = rds.clusters().describe(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.dbClusterIdentifier(), filters(q.filters()), q.maxRecords(), q.marker());
                    return DescribeDbClustersResponse.builder()
                            .dbClusters(page.clusters().stream()
                                    .map(c -> describe(c, rds.members(ctx.tx(), c), "available")).toList())
                            .marker(page.marker()).build();
                });
        api.write("DeleteDBCluster", DeleteDbClusterRequest.class, "rds:DeleteDBCluster",
                (ctx, q) -> AccessRequirement.of("rds:DeleteDBCluster", clusterArn(ctx, q.dbClusterIdentifier())),
                (ctx, q) -> {
                    DbCluster c = rds.clusters().delete(ctx.tx(), ctx.accountId(), ctx.region(),
                            required(q.dbClusterIdentifier(), "DBClusterIdentifier"),
                            Boolean.TRUE.equals(q.skipFinalSnapshot()), q.finalDBSnapshotIdentifier());
                    return DeleteDbClusterResponse.builder().dbCluster(describe(c, List.of(), "deleting")).build();
                });
        api.write("ModifyDBCluster", ModifyDbClusterRequest.class, "rds:ModifyDBCluster",
                (ctx, q) -> AccessRequirement.of("rds:ModifyDBCluster", clusterArn(ctx, q.dbClusterIdentifier())),
                (ctx, q) -> {
                    DbCluster c = rds.clusters().modify(ctx.tx(), ctx.accountId(), ctx.region(),
                            new Inputs.ModifyDbCluster(q.dbClusterIdentifier(), q.masterUserPassword(),
                                    q.deletionProtection(), q.newDBClusterIdentifier(), q.port()));
                    return ModifyDbClusterResponse.builder()
                            .dbCluster(describe(c, rds.members(ctx.tx(), c), "available")).build();
                });

        // ---- tags
        api.write("AddTagsToResource", AddTagsToResourceRequest.class, "rds:AddTagsToResource",
                (ctx, q) -> tagging("rds:AddTagsToResource", resource(q.resourceName()), tags(q.tags())),
                (ctx, q) -> {
                    rds.addTags(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceName(), tags(q.tags()));
                    return AddTagsToResourceResponse.builder().build();
                });
        api.write("RemoveTagsFromResource", RemoveTagsFromResourceRequest.class, "rds:RemoveTagsFromResource",
                (ctx, q) -> new AccessRequirement(List.of("rds:RemoveTagsFromResource"),
                        List.of(resource(q.resourceName())), q.tagKeys() == null || q.tagKeys().isEmpty() ? Map.of()
                        : Map.of("aws:TagKeys", q.tagKeys()), false),
                (ctx, q) -> {
                    rds.removeTags(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceName(), q.tagKeys());
                    return RemoveTagsFromResourceResponse.builder().build();
                });
        api.read("ListTagsForResource", ListTagsForResourceRequest.class, "rds:ListTagsForResource",
                (ctx, q) -> AccessRequirement.of("rds:ListTagsForResource", resource(q.resourceName())),
                (ctx, q) -> ListTagsForResourceResponse.builder()
                        .tagList(sdkTags(rds.tags(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceName())))
                        .build());

        api.note("CreateDBInstance", "Engine postgres, or aurora-postgresql as a member of a cluster; every instance "
                + "is a real SQL database (H2 in PostgreSQL mode) on its Endpoint 127.0.0.1:<port>; available once "
                + "the call returns; no Multi-AZ, Secrets Manager passwords, read replicas or snapshots");
        api.note("DescribeDBInstances", "Filters db-instance-id, db-cluster-id, engine, dbi-resource-id; "
                + "MaxRecords/Marker");
        api.note("DeleteDBInstance", "A standalone instance's FinalDBSnapshotIdentifier is a manual DB snapshot "
                + "(D128); drops the database and its files");
        api.note("ModifyDBInstance", "DBInstanceClass, AllocatedStorage, MasterUserPassword, DeletionProtection; "
                + "applied at once whatever ApplyImmediately says");
        api.note("CreateDBCluster", "Engine aurora-postgresql; the cluster owns the database its instances share");
        api.note("DescribeDBClusters", "Filters db-cluster-id, engine, db-cluster-resource-id; MaxRecords/Marker");
        api.note("DeleteDBCluster", "Refused while the cluster has instances; FinalDBSnapshotIdentifier is a manual "
                + "DB cluster snapshot (D130); drops the database and its files");
        api.note("ModifyDBCluster", "MasterUserPassword and DeletionProtection");
        api.note("AddTagsToResource", "DB instances, clusters and manual DB and DB cluster snapshots");
        api.note("RemoveTagsFromResource", "DB instances, clusters and manual DB and DB cluster snapshots");
        api.note("ListTagsForResource", "DB instances, clusters and manual DB and DB cluster snapshots; Filters are "
                + "not supported");
        return api.build();
    }

    /** The ARN the authorizer sees for a tagging call (a malformed one is refused by the engine). */
    private static String resource(String arn) {
        return arn == null || arn.isEmpty() ? "*" : arn;
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw io.strongroom.rds.RdsErrors.missing(name);
        }
        return value;
    }

    static DBInstance describe(DbInstance i, String status) {
        return DBInstance.builder().dbInstanceIdentifier(i.identifier()).dbInstanceClass(i.dbInstanceClass())
                .engine(i.engine()).engineVersion(i.engineVersion()).dbInstanceStatus(status)
                .masterUsername(i.masterUsername()).dbName(i.dbNameGiven() ? i.dbName() : null)
                .endpoint(Endpoint.builder().address(ADDRESS).port(i.port()).hostedZoneId("Z29XKXDKYMONMX").build())
                .allocatedStorage(i.allocatedStorage()).instanceCreateTime(i.created())
                .preferredBackupWindow("03:00-03:30").backupRetentionPeriod(i.backupRetentionPeriod())
                .dbSecurityGroups(List.of()).vpcSecurityGroups(List.of()).dbParameterGroups(List.of())
                .availabilityZone(i.availabilityZone()).preferredMaintenanceWindow("sun:05:00-sun:05:30")
                .pendingModifiedValues(PendingModifiedValues.builder().build()).multiAZ(false)
                .autoMinorVersionUpgrade(true).readReplicaDBInstanceIdentifiers(List.of())
                .licenseModel("postgresql-license").publiclyAccessible(false).storageType(i.storageType())
                .dbInstancePort(0).dbClusterIdentifier(i.clusterIdentifier()).storageEncrypted(i.storageEncrypted())
                .kmsKeyId(i.kmsKeyId()).dbiResourceId(i.resourceId()).caCertificateIdentifier("rds-ca-rsa2048-g1")
                .copyTagsToSnapshot(i.copyTagsToSnapshot()).monitoringInterval(0).dbInstanceArn(i.arn())
                .iamDatabaseAuthenticationEnabled(false).performanceInsightsEnabled(false)
                .deletionProtection(i.deletionProtection()).tagList(sdkTags(i.tags())).networkType("IPV4")
                .build();
    }

    static DBCluster describe(DbCluster c, List<DbInstance> members, String status) {
        List<DBClusterMember> memberList = new ArrayList<>();
        for (int n = 0; n < members.size(); n++) {
            memberList.add(DBClusterMember.builder().dbInstanceIdentifier(members.get(n).identifier())
                    .isClusterWriter(n == 0).dbClusterParameterGroupStatus("in-sync").promotionTier(1).build());
        }
        return DBCluster.builder().dbClusterIdentifier(c.identifier()).availabilityZones(c.availabilityZones())
                .backupRetentionPeriod(c.backupRetentionPeriod())
                .databaseName(c.databaseNameGiven() ? c.databaseName() : null)
                .dbClusterParameterGroup("default.aurora-postgresql" + c.engineVersion().split("\\.")[0])
                .status(status).endpoint(ADDRESS).readerEndpoint(ADDRESS).multiAZ(members.size() > 1)
                .engine(c.engine()).engineVersion(c.engineVersion()).port(c.port()).masterUsername(c.masterUsername())
                .preferredBackupWindow("03:00-03:30").preferredMaintenanceWindow("sun:05:00-sun:05:30")
                .readReplicaIdentifiers(List.of()).dbClusterMembers(memberList).vpcSecurityGroups(List.of())
                .hostedZoneId("Z29XKXDKYMONMX").storageEncrypted(c.storageEncrypted()).kmsKeyId(c.kmsKeyId())
                .dbClusterResourceId(c.resourceId()).dbClusterArn(c.arn()).associatedRoles(List.of())
                .iamDatabaseAuthenticationEnabled(false).clusterCreateTime(c.created()).engineMode("provisioned")
                .deletionProtection(c.deletionProtection()).httpEndpointEnabled(false)
                .copyTagsToSnapshot(c.copyTagsToSnapshot()).crossAccountClone(false).tagList(sdkTags(c.tags()))
                .networkType("IPV4").build();
    }

    static List<Inputs.Filter> filters(List<Filter> filters) {
        List<Inputs.Filter> out = new ArrayList<>();
        if (filters != null) {
            filters.forEach(f -> out.add(new Inputs.Filter(f.name(), f.values())));
        }
        return out;
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.key(), t.value()));
        }
        return out;
    }

    static List<Tag> sdkTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
