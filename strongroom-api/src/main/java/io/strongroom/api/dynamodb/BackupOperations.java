package io.strongroom.api.dynamodb;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.dynamodb.Inputs;
import io.strongroom.dynamodb.SecondaryIndex;
import io.strongroom.dynamodb.Table;
import io.strongroom.dynamodb.TableBackup;
import io.strongroom.dynamodb.TableBackupService;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
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
 * ListBackups and DescribeBackup (D112): DescribeBackup describes the backups AWS Backup keeps as recovery points of
 * tables, ListBackups lists DynamoDB's own backups only. ListBackups has no resource-level permission (AWS: it cannot
 * be granted on a table), so it is authorized on {@code *}; DescribeBackup on the backup's ARN.
 */
final class BackupOperations {
    private BackupOperations() {
    }

    static void register(ServiceApi.Builder api, TableBackupService backups) {
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
        api.note("ListBackups", "lists DynamoDB's own backups only, as AWS documents, not AWS Backup's, whatever "
                + "the BackupType; CreateBackup is not served, so there are none (D112)");
        api.note("DescribeBackup", "SourceTableDetails only while the backed-up table still exists and UpdateTable has "
                + "not changed its definition since (its details are read from it), without ItemCount and "
                + "TableSizeBytes; BackupName is Strongroom's (D112, D115)");
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
                    .billingMode(t.billingMode()).build());
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
