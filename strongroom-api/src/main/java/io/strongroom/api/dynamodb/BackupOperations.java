package io.strongroom.api.dynamodb;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.dynamodb.DynamoDbService;
import io.strongroom.dynamodb.Inputs;
import io.strongroom.dynamodb.SecondaryIndex;
import io.strongroom.dynamodb.Table;
import io.strongroom.dynamodb.TableBackup;
import io.strongroom.dynamodb.TableBackupService;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexInfo;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexInfo;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.SourceTableDetails;
import software.amazon.awssdk.services.dynamodb.model.SourceTableFeatureDetails;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.strongroom.api.dynamodb.DynamoDbShapes.keySchema;
import static io.strongroom.api.dynamodb.DynamoDbShapes.projection;

/**
 * DynamoDB's backup calls. CreateBackup, DeleteBackup and RestoreTableFromBackup work on DynamoDB's own backups
 * (D117); DescribeBackup describes those and the backups AWS Backup keeps as recovery points of tables, ListBackups
 * lists DynamoDB's own only (D112). ListBackups has no resource-level permission (AWS: it cannot be granted on a
 * table), so it is authorized on {@code *}; CreateBackup on the table's ARN; the others on the backup's ARN, and
 * RestoreTableFromBackup also needs the item reads and writes AWS's guide lists, on the target table.
 * RestoreTableToPointInTime (D121) is authorized on the source table, with the same item calls on the target.
 */
final class BackupOperations {
    private BackupOperations() {
    }

    static void register(ServiceApi.Builder api, TableBackupService backups, DynamoDbService db) {
        api.read("ListBackups", ListBackupsRequest.class, "dynamodb:ListBackups",
                (ctx, q) -> AccessRequirement.of("dynamodb:ListBackups", "*"),
                (ctx, q) -> {
                    TableBackupService.BackupPage page = backups.listBackups(ctx.tx(), ctx.accountId(), ctx.region(),
                            new Inputs.ListBackups(q.tableName(), q.limit(), q.timeRangeLowerBound(),
                                    q.timeRangeUpperBound(), q.exclusiveStartBackupArn(), q.backupTypeAsString()));
                    return ListBackupsResponse.builder()
                            .backupSummaries(page.backups().stream().map(BackupOperations::summary).toList())
                            .lastEvaluatedBackupArn(page.lastEvaluatedBackupArn()).build();
                });
        api.read("DescribeBackup", DescribeBackupRequest.class, "dynamodb:DescribeBackup",
                (ctx, q) -> AccessRequirement.of("dynamodb:DescribeBackup", q.backupArn() == null
                        ? DynamoDbApi.tableArn(ctx, null) + "/backup/*" : q.backupArn()),
                (ctx, q) -> DescribeBackupResponse.builder().backupDescription(description(
                        backups.describeBackup(ctx.tx(), ctx.accountId(), ctx.region(), q.backupArn()))).build());
        api.write("CreateBackup", CreateBackupRequest.class, "dynamodb:CreateBackup",
                (ctx, q) -> AccessRequirement.of("dynamodb:CreateBackup", q.tableName() != null
                        && q.tableName().startsWith("arn:") ? q.tableName() : DynamoDbApi.tableArn(ctx, q.tableName())),
                (ctx, q) -> CreateBackupResponse.builder().backupDetails(description(backups.createBackup(ctx.tx(),
                        ctx.accountId(), ctx.region(), q.tableName(), q.backupName())).backupDetails()).build());
        api.write("DeleteBackup", DeleteBackupRequest.class, "dynamodb:DeleteBackup",
                (ctx, q) -> AccessRequirement.of("dynamodb:DeleteBackup", backupArn(ctx, q.backupArn())),
                (ctx, q) -> DeleteBackupResponse.builder().backupDescription(description(
                        backups.deleteBackup(ctx.tx(), ctx.accountId(), ctx.region(), q.backupArn()))).build());
        api.write("RestoreTableFromBackup", RestoreTableFromBackupRequest.class, "dynamodb:RestoreTableFromBackup",
                (ctx, q) -> restoreAccess(ctx, q),
                (ctx, q) -> RestoreTableFromBackupResponse.builder().tableDescription(DynamoDbShapes.table(
                        backups.restoreTableFromBackup(ctx.tx(), ctx.accountId(), ctx.region(), restore(q))))
                        .build());
        api.write("RestoreTableToPointInTime", RestoreTableToPointInTimeRequest.class,
                "dynamodb:RestoreTableToPointInTime",
                (ctx, q) -> pointInTimeAccess(ctx, q),
                (ctx, q) -> RestoreTableToPointInTimeResponse.builder().tableDescription(DynamoDbShapes.table(
                        db.restoreTableToPointInTime(ctx.tx(), ctx.accountId(), ctx.region(), pointInTime(q))))
                        .build());
        api.note("ListBackups", "lists DynamoDB's own backups only, as AWS documents, not AWS Backup's, whatever "
                + "the BackupType (D112, D117)");
        api.note("DescribeBackup", "for AWS Backup's backups, SourceTableDetails only while the backed-up table still "
                + "exists and UpdateTable has not changed its definition since, without ItemCount and "
                + "TableSizeBytes, and BackupName is Strongroom's (D112, D115)");
        api.note("CreateBackup", "a consistent copy of the table's definition and items, AVAILABLE when the call "
                + "answers (D117)");
        api.note("DeleteBackup", "refuses AWS Backup's backups with a ValidationException of Strongroom's words, "
                + "AWS documenting the refusal but not its error (D117)");
        api.note("RestoreTableFromBackup", "the new table is ACTIVE at once; AWS Backup's backups are restored "
                + "through StartRestoreJob, KMS encryption and OnDemandThroughputOverride are refused (D117)");
        api.note("RestoreTableToPointInTime", "restores the items as they were at the time from the history kept "
                + "while point-in-time recovery is enabled; the new table is ACTIVE at once; KMS encryption and "
                + "OnDemandThroughputOverride are refused (D121)");
    }

    /**
     * dynamodb:RestoreTableToPointInTime on the source table, and on the new table the item calls a restore needs,
     * as for RestoreTableFromBackup.
     */
    private static AccessRequirement pointInTimeAccess(io.strongroom.api.CallContext ctx,
                                                       RestoreTableToPointInTimeRequest q) {
        String source = q.sourceTableArn() != null ? q.sourceTableArn()
                : DynamoDbApi.tableArn(ctx, q.sourceTableName());
        return AccessRequirement.of("dynamodb:RestoreTableToPointInTime", source)
                .and(new AccessRequirement(RESTORE_ITEM_ACTIONS, List.of(DynamoDbApi.tableArn(ctx,
                        q.targetTableName())), java.util.Map.of(), false));
    }

    static Inputs.RestoreToPointInTime pointInTime(RestoreTableToPointInTimeRequest q) {
        Inputs.RestoreFromBackup target = target(q.targetTableName(), null, q.billingModeOverrideAsString(),
                q.provisionedThroughputOverride(), q.hasGlobalSecondaryIndexOverride()
                        ? q.globalSecondaryIndexOverride() : null, q.hasLocalSecondaryIndexOverride()
                        ? q.localSecondaryIndexOverride() : null, q.sseSpecificationOverride(),
                q.onDemandThroughputOverride() != null);
        return new Inputs.RestoreToPointInTime(q.sourceTableArn(), q.sourceTableName(), q.useLatestRestorableTime(),
                q.restoreDateTime(), target);
    }

    private static String backupArn(io.strongroom.api.CallContext ctx, String arn) {
        return arn == null ? DynamoDbApi.tableArn(ctx, null) + "/backup/*" : arn;
    }

    /**
     * dynamodb:RestoreTableFromBackup on the backup, and on the new table the item calls AWS's guide says a restore
     * needs ("DynamoDB read and write permissions on the target table are necessary").
     */
    private static AccessRequirement restoreAccess(io.strongroom.api.CallContext ctx,
                                                   RestoreTableFromBackupRequest q) {
        return AccessRequirement.of("dynamodb:RestoreTableFromBackup", backupArn(ctx, q.backupArn()))
                .and(new AccessRequirement(RESTORE_ITEM_ACTIONS, List.of(DynamoDbApi.tableArn(ctx,
                        q.targetTableName())), java.util.Map.of(), false));
    }

    static final List<String> RESTORE_ITEM_ACTIONS = List.of("dynamodb:BatchWriteItem", "dynamodb:DeleteItem",
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem");

    static Inputs.RestoreFromBackup restore(RestoreTableFromBackupRequest q) {
        return target(q.targetTableName(), q.backupArn(), q.billingModeOverrideAsString(),
                q.provisionedThroughputOverride(), q.hasGlobalSecondaryIndexOverride()
                        ? q.globalSecondaryIndexOverride() : null, q.hasLocalSecondaryIndexOverride()
                        ? q.localSecondaryIndexOverride() : null, q.sseSpecificationOverride(),
                q.onDemandThroughputOverride() != null);
    }

    /** The new table and the overrides both restores take (null lists: not given). */
    private static Inputs.RestoreFromBackup target(String table, String backupArn, String billing,
                                                   ProvisionedThroughput pt, List<GlobalSecondaryIndex> globals,
                                                   List<LocalSecondaryIndex> locals, SSESpecification sse,
                                                   boolean onDemandThroughput) {
        List<String> unserved = new ArrayList<>();
        if (onDemandThroughput) {
            unserved.add("OnDemandThroughputOverride");
        }
        return new Inputs.RestoreFromBackup(table, backupArn, billing, pt == null ? null : pt.readCapacityUnits(),
                pt == null ? null : pt.writeCapacityUnits(),
                globals == null ? null : globals.stream().map(BackupOperations::indexOverride).toList(),
                locals == null ? null : locals.stream()
                        .map(i -> new Inputs.IndexOverride(i.indexName(), keys(i.keySchema()), null, null)).toList(),
                sse == null ? null : sse.enabled(), sse == null ? null : sse.sseTypeAsString(), unserved);
    }

    private static Inputs.IndexOverride indexOverride(GlobalSecondaryIndex i) {
        ProvisionedThroughput pt = i.provisionedThroughput();
        return new Inputs.IndexOverride(i.indexName(), keys(i.keySchema()), pt == null ? null
                : pt.readCapacityUnits(), pt == null ? null : pt.writeCapacityUnits());
    }

    private static List<Inputs.KeySchemaElement> keys(
            List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> schema) {
        return schema == null ? List.of() : schema.stream()
                .map(k -> new Inputs.KeySchemaElement(k.attributeName(), k.keyTypeAsString())).toList();
    }

    static BackupSummary summary(TableBackup b) {
        return BackupSummary.builder().tableName(b.tableName()).tableArn(b.tableArn()).backupArn(b.arn())
                .backupName(b.name()).backupCreationDateTime(b.created()).backupExpiryDateTime(b.expires())
                .backupStatus(b.status()).backupType(b.type()).backupSizeBytes(b.sizeBytes()).build();
    }

    static BackupDescription description(TableBackupService.Described d) {
        TableBackup b = d.backup();
        BackupDescription.Builder out = BackupDescription.builder().backupDetails(BackupDetails.builder()
                .backupArn(b.arn()).backupName(b.name()).backupSizeBytes(b.sizeBytes()).backupStatus(b.status())
                .backupType(b.type()).backupCreationDateTime(b.created()).backupExpiryDateTime(b.expires()).build());
        d.sourceTable().ifPresent(t -> {
            out.sourceTableDetails(SourceTableDetails.builder().tableName(t.name()).tableId(t.tableId())
                    .tableArn(t.arn()).keySchema(keySchema(t.keys())).tableCreationDateTime(t.created())
                    .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(t.readCapacity())
                            .writeCapacityUnits(t.writeCapacity()).build())
                    .billingMode(t.billingMode()).itemCount(d.itemCount())
                    .tableSizeBytes(d.itemCount() == null ? null : b.sizeBytes()).build());
            features(t).ifPresent(out::sourceTableFeatureDetails);
        });
        return out.build();
    }

    private static Optional<SourceTableFeatureDetails> features(Table t) {
        List<GlobalSecondaryIndexInfo> global = new ArrayList<>();
        List<LocalSecondaryIndexInfo> local = new ArrayList<>();
        for (SecondaryIndex i : t.indexes()) {
            if (i.global()) {
                global.add(GlobalSecondaryIndexInfo.builder().indexName(i.name()).keySchema(keySchema(i.keys()))
                        .projection(projection(i)).provisionedThroughput(ProvisionedThroughput.builder()
                                .readCapacityUnits(i.readCapacity()).writeCapacityUnits(i.writeCapacity()).build())
                        .build());
            } else {
                local.add(LocalSecondaryIndexInfo.builder().indexName(i.name()).keySchema(keySchema(i.keys()))
                        .projection(projection(i)).build());
            }
        }
        if (global.isEmpty() && local.isEmpty()) {
            return Optional.empty();
        }
        SourceTableFeatureDetails.Builder b = SourceTableFeatureDetails.builder();
        if (!global.isEmpty()) {
            b.globalSecondaryIndexes(global);
        }
        if (!local.isEmpty()) {
            b.localSecondaryIndexes(local);
        }
        return Optional.of(b.build());
    }
}
