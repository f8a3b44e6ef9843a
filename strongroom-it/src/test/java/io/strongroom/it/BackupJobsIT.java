package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.*;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS Backup's jobs through the SDK v2 with real data: a backup job on the clock writes an encrypted recovery point
 * into the vault storage, a restore job makes a new resource holding exactly the backed-up data, and the source keeps
 * its later changes. Each test works in an account of its own.
 */
class BackupJobsIT {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An account with a vault and AWS Backup's default service role (backup and restore policies attached). */
    record Fixture(String[] account, AwsBasicCredentials credentials, String roleArn, String vaultName) {
        BackupClient backup() {
            return server.endpoint().client(BackupClient.builder(), credentials);
        }
    }

    static Fixture fixture(String name) {
        String[] acct = server.endpoint().admin().createAccount(name);
        AwsBasicCredentials credentials = AwsBasicCredentials.create(acct[1], acct[2]);
        String role;
        try (IamClient iam = server.endpoint().client(IamClient.builder(), credentials)) {
            role = iam.createRole(r -> r.roleName("AWSBackupDefaultServiceRole").path("/service-role/")
                    .assumeRolePolicyDocument(BackupIT.BACKUP_TRUST)).role().arn();
            for (String policy : List.of("AWSBackupServiceRolePolicyForBackup",
                    "AWSBackupServiceRolePolicyForRestores")) {
                iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                        .policyArn("arn:aws:iam::aws:policy/service-role/" + policy));
            }
        }
        try (BackupClient backup = server.endpoint().client(BackupClient.builder(), credentials)) {
            backup.createBackupVault(r -> r.backupVaultName("local-vault"));
        }
        return new Fixture(acct, credentials, role, "local-vault");
    }

    static void advance(Duration d) {
        server.endpoint().admin().advance(d);
    }

    static List<Map<String, AttributeValue>> scan(DynamoDbClient ddb, String table) {
        return ddb.scan(r -> r.tableName(table)).items().stream()
                .sorted(Comparator.comparing(i -> i.get("pk").s())).toList();
    }

    @Test
    void dynamoDbTableBackedUpIntoTheVaultAndRestoredAsANewTable() {
        Fixture f = fixture("jobs-ddb");
        BackupClient backup = f.backup();
        try (DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder(), f.credentials())) {
            String tableArn = ddb.createTable(r -> r.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                    .tableDescription().tableArn();
            for (int i = 0; i < 20; i++) {
                String pk = "order-" + i;
                ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", AttributeValue.fromS(pk),
                        "qty", AttributeValue.fromN("1"))));
            }
            List<Map<String, AttributeValue>> original = scan(ddb, "orders");

            StartBackupJobResponse started = backup.startBackupJob(r -> r.backupVaultName(f.vaultName())
                    .resourceArn(tableArn).iamRoleArn(f.roleArn()).idempotencyToken("tok-1")
                    .lifecycle(l -> l.deleteAfterDays(35L)));
            // An on-demand job starts as soon as it is created: its snapshot is taken at once, its transfer takes time.
            DescribeBackupJobResponse created = backup.describeBackupJob(r -> r.backupJobId(started.backupJobId()));
            assertThat(created.stateAsString()).isEqualTo("RUNNING");
            assertThat(created.expectedCompletionDate()).isAfter(created.initiationDate());
            assertThat(created.resourceType()).isEqualTo("DynamoDB");
            assertThat(backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(tableArn)
                    .iamRoleArn(f.roleArn()).idempotencyToken("tok-1")).backupJobId())
                    .isEqualTo(started.backupJobId());

            advance(Duration.ofHours(1));
            DescribeBackupJobResponse done = backup.describeBackupJob(r -> r.backupJobId(started.backupJobId()));
            assertThat(done.stateAsString()).isEqualTo("COMPLETED");
            assertThat(done.messageCategory()).isEqualTo("SUCCESS");
            assertThat(done.backupSizeInBytes()).isPositive();
            String pointArn = done.recoveryPointArn();
            assertThat(pointArn).startsWith("arn:aws:dynamodb:eu-west-1:" + f.account()[0] + ":table/orders/backup/");

            DescribeRecoveryPointResponse point = backup.describeRecoveryPoint(r -> r.backupVaultName(f.vaultName())
                    .recoveryPointArn(pointArn));
            String vaultKey = backup.describeBackupVault(r -> r.backupVaultName(f.vaultName())).encryptionKeyArn();
            assertThat(point.statusAsString()).isEqualTo("COMPLETED");
            assertThat(point.isEncrypted()).isTrue();
            assertThat(point.encryptionKeyArn()).isEqualTo(vaultKey);
            assertThat(point.calculatedLifecycle().deleteAt()).isEqualTo(point.creationDate().plus(Duration.ofDays(35)));
            assertThat(backup.describeBackupVault(r -> r.backupVaultName(f.vaultName())).numberOfRecoveryPoints())
                    .isEqualTo(1);

            ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", AttributeValue.fromS("order-0"),
                    "qty", AttributeValue.fromN("99"))));
            ddb.deleteItem(r -> r.tableName("orders").key(Map.of("pk", AttributeValue.fromS("order-1"))));
            List<Map<String, AttributeValue>> changed = scan(ddb, "orders");

            Map<String, String> metadata = backup.getRecoveryPointRestoreMetadata(r -> r
                    .backupVaultName(f.vaultName()).recoveryPointArn(pointArn)).restoreMetadata();
            Map<String, String> restoreWith = new java.util.HashMap<>(metadata);
            restoreWith.put("targetTableName", "orders-restored");
            String restoreId = backup.startRestoreJob(r -> r.recoveryPointArn(pointArn).iamRoleArn(f.roleArn())
                    .metadata(restoreWith)).restoreJobId();
            assertThat(backup.describeRestoreJob(r -> r.restoreJobId(restoreId)).statusAsString()).isEqualTo("RUNNING");
            advance(Duration.ofHours(1));
            DescribeRestoreJobResponse restored = backup.describeRestoreJob(r -> r.restoreJobId(restoreId));
            assertThat(restored.statusAsString()).isEqualTo("COMPLETED");
            assertThat(restored.createdResourceArn()).isEqualTo("arn:aws:dynamodb:eu-west-1:" + f.account()[0]
                    + ":table/orders-restored");
            assertThat(scan(ddb, "orders-restored")).isEqualTo(original);
            assertThat(scan(ddb, "orders")).isEqualTo(changed).isNotEqualTo(original);
        }
    }
}
