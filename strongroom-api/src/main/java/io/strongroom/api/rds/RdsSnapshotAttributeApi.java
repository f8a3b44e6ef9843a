package io.strongroom.api.rds;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.rds.DbClusterSnapshotService;
import io.strongroom.rds.DbSnapshotService;
import io.strongroom.rds.SnapshotShares;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshotAttribute;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshotAttributesResult;
import software.amazon.awssdk.services.rds.model.DBSnapshotAttribute;
import software.amazon.awssdk.services.rds.model.DBSnapshotAttributesResult;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotAttributesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotAttributesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotAttributesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotAttributesResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterSnapshotAttributeRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterSnapshotAttributeResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbSnapshotAttributeRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbSnapshotAttributeResponse;

import java.util.List;

/**
 * Sharing manual DB snapshots and DB cluster snapshots (D144): the {@code restore} attribute, account ids and
 * {@code all}, through Modify/Describe DB(Cluster)SnapshotAttribute(s).
 */
final class RdsSnapshotAttributeApi {
    private RdsSnapshotAttributeApi() {
    }

    static void register(ServiceApi.Builder api, DbSnapshotService snapshots,
                         DbClusterSnapshotService clusterSnapshots) {
        api.write("ModifyDBSnapshotAttribute", ModifyDbSnapshotAttributeRequest.class, "rds:ModifyDBSnapshotAttribute",
                (ctx, q) -> AccessRequirement.of("rds:ModifyDBSnapshotAttribute",
                        RdsSnapshotApi.snapshotArn(ctx, q.dbSnapshotIdentifier())),
                (ctx, q) -> ModifyDbSnapshotAttributeResponse.builder().dbSnapshotAttributesResult(
                        snapshotAttributes(q.dbSnapshotIdentifier(), snapshots.modifyAttribute(ctx.tx(),
                                ctx.accountId(), ctx.region(), q.dbSnapshotIdentifier(), q.attributeName(),
                                q.valuesToAdd(), q.valuesToRemove()))).build());
        api.read("DescribeDBSnapshotAttributes", DescribeDbSnapshotAttributesRequest.class,
                "rds:DescribeDBSnapshotAttributes",
                (ctx, q) -> AccessRequirement.of("rds:DescribeDBSnapshotAttributes",
                        RdsSnapshotApi.snapshotArn(ctx, q.dbSnapshotIdentifier())),
                (ctx, q) -> DescribeDbSnapshotAttributesResponse.builder().dbSnapshotAttributesResult(
                        snapshotAttributes(q.dbSnapshotIdentifier(), snapshots.attributes(ctx.tx(), ctx.accountId(),
                                ctx.region(), q.dbSnapshotIdentifier()))).build());
        api.write("ModifyDBClusterSnapshotAttribute", ModifyDbClusterSnapshotAttributeRequest.class,
                "rds:ModifyDBClusterSnapshotAttribute",
                (ctx, q) -> AccessRequirement.of("rds:ModifyDBClusterSnapshotAttribute",
                        RdsSnapshotApi.clusterSnapshotArn(ctx, q.dbClusterSnapshotIdentifier())),
                (ctx, q) -> ModifyDbClusterSnapshotAttributeResponse.builder().dbClusterSnapshotAttributesResult(
                        clusterSnapshotAttributes(q.dbClusterSnapshotIdentifier(), clusterSnapshots.modifyAttribute(
                                ctx.tx(), ctx.accountId(), ctx.region(), q.dbClusterSnapshotIdentifier(),
                                q.attributeName(), q.valuesToAdd(), q.valuesToRemove()))).build());
        api.read("DescribeDBClusterSnapshotAttributes", DescribeDbClusterSnapshotAttributesRequest.class,
                "rds:DescribeDBClusterSnapshotAttributes",
                (ctx, q) -> AccessRequirement.of("rds:DescribeDBClusterSnapshotAttributes",
                        RdsSnapshotApi.clusterSnapshotArn(ctx, q.dbClusterSnapshotIdentifier())),
                (ctx, q) -> DescribeDbClusterSnapshotAttributesResponse.builder().dbClusterSnapshotAttributesResult(
                        clusterSnapshotAttributes(q.dbClusterSnapshotIdentifier(), clusterSnapshots.attributes(
                                ctx.tx(), ctx.accountId(), ctx.region(), q.dbClusterSnapshotIdentifier()))).build());
        String modify = "The restore attribute of a manual snapshot of the caller's: up to 20 account ids and all; "
                + "encrypted snapshots are not made public, nor shared when under the aws/rds key; AWS Backup's "
                + "snapshots are refused (D144)";
        String describe = "The restore attribute of a manual snapshot of the caller's (empty for AWS Backup's, D144)";
        api.note("ModifyDBSnapshotAttribute", modify);
        api.note("ModifyDBClusterSnapshotAttribute", modify);
        api.note("DescribeDBSnapshotAttributes", describe);
        api.note("DescribeDBClusterSnapshotAttributes", describe);
    }

    /** The identifier as RDS reports it: lower-case, the end of an ARN (which names the caller's own). */
    private static String identifier(String given, String arnPart) {
        String id = given.startsWith("arn:") ? given.substring(given.lastIndexOf(arnPart) + arnPart.length()) : given;
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    private static DBSnapshotAttributesResult snapshotAttributes(String given, List<String> grantees) {
        return DBSnapshotAttributesResult.builder().dbSnapshotIdentifier(identifier(given, ":snapshot:")).dbSnapshotAttributes(
                DBSnapshotAttribute.builder().attributeName(SnapshotShares.RESTORE).attributeValues(grantees)
                        .build()).build();
    }

    private static DBClusterSnapshotAttributesResult clusterSnapshotAttributes(String given, List<String> grantees) {
        return DBClusterSnapshotAttributesResult.builder().dbClusterSnapshotIdentifier(identifier(given,
                ":cluster-snapshot:"))
                .dbClusterSnapshotAttributes(DBClusterSnapshotAttribute.builder()
                        .attributeName(SnapshotShares.RESTORE).attributeValues(grantees).build()).build();
    }
}
