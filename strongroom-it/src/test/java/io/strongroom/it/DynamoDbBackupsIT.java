package io.strongroom.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.iam.IamClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A table's recovery point made without AWS Backup's advanced DynamoDB features is a DynamoDB backup of the vault's
 * account (D112): DescribeBackup describes it with the table it was taken of, and it goes when AWS Backup deletes or
 * expires the point; ListBackups, which lists only backups not made with AWS Backup, never lists it, whatever the
 * BackupType.
 */
class DynamoDbBackupsIT {
    static TestServer server;
    static BackupJobsIT.Fixture f;
    static TableDescription orders;
    static TableDescription customers;
    static String ordersFirst;
    static String ordersSecond;
    static String customersPoint;
    static Instant secondStarted;

    @BeforeAll
    static void backUpTwoTables() {
        server = TestServer.start();
        f = BackupJobsIT.fixture(server, "ddb-backups");
        try (DynamoDbClient ddb = ddb(f.credentials())) {
            orders = ddb.createTable(r -> r.tableName("orders").keySchema(key("pk", KeyType.HASH),
                            key("sk", KeyType.RANGE))
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S),
                            d -> d.attributeName("sk").attributeType(ScalarAttributeType.N),
                            d -> d.attributeName("status").attributeType(ScalarAttributeType.S))
                    .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(4L))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-status")
                            .keySchema(key("status", KeyType.HASH)).projection(p -> p.projectionType(
                                    ProjectionType.KEYS_ONLY))
                            .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(2L)).build()))
                    .tableDescription();
            customers = ddb.createTable(r -> r.tableName("customers").keySchema(key("id", KeyType.HASH))
                    .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                    .billingMode(BillingMode.PAY_PER_REQUEST)).tableDescription();
            ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", s("o-1"), "sk", n("1"), "status", s("open"))));
        }
        try (BackupClient backup = f.backup()) {
            ordersFirst = backUp(backup, orders.tableArn(), 365);
            customersPoint = backUp(backup, customers.tableArn(), 365);
            server.endpoint().admin().advance(Duration.ofDays(1));
            secondStarted = server.endpoint().admin().now();
            ordersSecond = backUp(backup, orders.tableArn(), 365);
        }
    }

    /** An on-demand backup kept {@code days} days, COMPLETED an hour later; its recovery point. */
    static String backUp(BackupClient backup, String tableArn, long days) {
        String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(tableArn)
                .iamRoleArn(f.roleArn()).lifecycle(l -> l.deleteAfterDays(days))).backupJobId();
        server.endpoint().admin().advance(Duration.ofHours(1));
        var job = backup.describeBackupJob(r -> r.backupJobId(jobId));
        assertThat(job.stateAsString()).as(job.statusMessage()).isEqualTo("COMPLETED");
        return job.recoveryPointArn();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static DynamoDbClient ddb(AwsCredentials credentials) {
        return server.endpoint().client(DynamoDbClient.builder(), credentials);
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue n(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(value);
    }

    /** ListBackups' answer when it lists nothing: no summaries and no LastEvaluatedBackupArn. */
    static void assertListsNothing(ListBackupsResponse listed, String as) {
        assertThat(listed.backupSummaries()).as(as).isEmpty();
        assertThat(listed.lastEvaluatedBackupArn()).as(as).isNull();
    }

    @Test
    void listBackupsListsNoneOfAwsBackupsBackupsWhateverTheTypeWhileDescribeBackupDescribesEach() {
        try (DynamoDbClient ddb = ddb(f.credentials())) {
            assertListsNothing(ddb.listBackups(r -> { }), "the default type, USER");
            assertListsNothing(ddb.listBackups(r -> r.tableName("orders")), "the default type, of a table");
            for (BackupTypeFilter type : List.of(BackupTypeFilter.USER, BackupTypeFilter.SYSTEM,
                    BackupTypeFilter.AWS_BACKUP, BackupTypeFilter.ALL)) {
                assertListsNothing(ddb.listBackups(r -> r.backupType(type)), type.toString());
                assertListsNothing(ddb.listBackups(r -> r.backupType(type).tableName("orders")), type + " by name");
                assertListsNothing(ddb.listBackups(r -> r.backupType(type).tableName(customers.tableArn())),
                        type + " by table ARN");
            }
            assertListsNothing(ddb.listBackups(r -> r.backupType(BackupTypeFilter.ALL).limit(1)
                    .timeRangeLowerBound(secondStarted.minus(Duration.ofDays(2))).timeRangeUpperBound(secondStarted
                            .plus(Duration.ofDays(1))).exclusiveStartBackupArn(customersPoint)),
                    "with a time range and a page");

            for (String point : List.of(ordersFirst, customersPoint, ordersSecond)) {
                var details = ddb.describeBackup(r -> r.backupArn(point)).backupDescription().backupDetails();
                assertThat(details.backupArn()).isEqualTo(point);
                assertThat(details.backupName()).isEqualTo("AwsBackup-" + point.substring(point.lastIndexOf('/') + 1));
                assertThat(details.backupTypeAsString()).isEqualTo("AWS_BACKUP");
                assertThat(details.backupStatusAsString()).isEqualTo("AVAILABLE");
                assertThat(details.backupSizeBytes()).isPositive();
                assertThat(details.backupExpiryDateTime()).isEqualTo(details.backupCreationDateTime()
                        .plus(Duration.ofDays(365)));
            }
            assertThat(ordersFirst).startsWith(orders.tableArn() + "/backup/");
            assertThat(customersPoint).startsWith(customers.tableArn() + "/backup/");
            assertThat(ddb.describeBackup(r -> r.backupArn(ordersSecond)).backupDescription().backupDetails()
                    .backupCreationDateTime()).isAfterOrEqualTo(secondStarted);
        }
    }

    @Test
    void listBackupsStillValidatesItsRequest() {
        try (DynamoDbClient ddb = ddb(f.credentials())) {
            assertValidationError(() -> ddb.listBackups(r -> r.limit(101)), "1 validation error detected: Value '101' "
                    + "at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
            assertValidationError(() -> ddb.listBackups(r -> r.limit(0)), "1 validation error detected: Value '0' "
                    + "at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
            assertValidationError(() -> ddb.listBackups(r -> r.backupType("DAILY")), "1 validation error detected: "
                    + "Value 'DAILY' at 'backupType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[USER, SYSTEM, AWS_BACKUP, ALL]");
            assertValidationError(() -> ddb.listBackups(r -> r.exclusiveStartBackupArn("arn:aws:dynamodb:short")),
                    "1 validation error detected: Value 'arn:aws:dynamodb:short' at 'exclusiveStartBackupArn' failed "
                            + "to satisfy constraint: Member must have length greater than or equal to 37");
        }
    }

    static void assertValidationError(ThrowingCallable call, String message) {
        DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call);
        assertThat(e).as(message).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    @Test
    void describeBackupShowsTheBackupAndTheTableItWasTakenOf() {
        try (DynamoDbClient ddb = ddb(f.credentials())) {
            BackupDescription d = ddb.describeBackup(r -> r.backupArn(ordersFirst)).backupDescription();

            var details = d.backupDetails();
            assertThat(details.backupArn()).isEqualTo(ordersFirst);
            assertThat(details.backupName()).startsWith("AwsBackup-");
            assertThat(details.backupStatusAsString()).isEqualTo("AVAILABLE");
            assertThat(details.backupTypeAsString()).isEqualTo("AWS_BACKUP");
            assertThat(details.backupSizeBytes()).isPositive();
            assertThat(details.backupExpiryDateTime()).isEqualTo(details.backupCreationDateTime()
                    .plus(Duration.ofDays(365)));
            var source = d.sourceTableDetails();
            assertThat(source.tableName()).isEqualTo("orders");
            assertThat(source.tableId()).isEqualTo(orders.tableId());
            assertThat(source.tableArn()).isEqualTo(orders.tableArn());
            assertThat(source.tableCreationDateTime()).isEqualTo(orders.creationDateTime());
            assertThat(source.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
            assertThat(source.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
            assertThat(source.provisionedThroughput().writeCapacityUnits()).isEqualTo(4);
            assertThat(source.billingModeAsString()).isEqualTo("PROVISIONED");
            var index = d.sourceTableFeatureDetails().globalSecondaryIndexes();
            assertThat(index).singleElement().satisfies(i -> {
                assertThat(i.indexName()).isEqualTo("by-status");
                assertThat(i.keySchema()).containsExactly(key("status", KeyType.HASH));
                assertThat(i.projection().projectionTypeAsString()).isEqualTo("KEYS_ONLY");
                assertThat(i.provisionedThroughput().readCapacityUnits()).isEqualTo(3);
            });

            BackupDescription onDemand = ddb.describeBackup(r -> r.backupArn(customersPoint)).backupDescription();
            assertThat(onDemand.sourceTableDetails().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
            assertThat(onDemand.sourceTableFeatureDetails()).isNull();
        }
    }

    @Test
    void anArnNamingNoBackupIsBackupNotFound() {
        String missing = orders.tableArn() + "/backup/01800000000000-0123abcd";
        try (DynamoDbClient ddb = ddb(f.credentials())) {
            DynamoDbException e = catchThrowableOfType(DynamoDbException.class,
                    () -> ddb.describeBackup(r -> r.backupArn(missing)));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BackupNotFoundException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Backup not found: " + missing);
        }
    }

    @Test
    void aBackupIsCreatingWhileItsJobRunsAndGoesWhenItsPointIsDeletedOrExpires() {
        BackupJobsIT.Fixture own = BackupJobsIT.fixture(server, "ddb-backups-lifecycle");
        try (DynamoDbClient ddb = ddb(own.credentials()); BackupClient backup = own.backup()) {
            String table = ddb.createTable(r -> r.tableName("events").keySchema(key("id", KeyType.HASH))
                    .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                    .billingMode(BillingMode.PAY_PER_REQUEST)).tableDescription().tableArn();
            String kept = backup.describeBackupJob(q -> q.backupJobId(backup.startBackupJob(r -> r
                    .backupVaultName(own.vaultName()).resourceArn(table).iamRoleArn(own.roleArn())
                    .lifecycle(l -> l.deleteAfterDays(2L))).backupJobId())).recoveryPointArn();
            assertThat(ddb.describeBackup(r -> r.backupArn(kept)).backupDescription().backupDetails()
                    .backupStatusAsString()).isEqualTo("CREATING");
            server.endpoint().admin().advance(Duration.ofHours(1));
            assertThat(ddb.describeBackup(r -> r.backupArn(kept)).backupDescription().backupDetails()
                    .backupStatusAsString()).isEqualTo("AVAILABLE");

            String deleted = backup.describeBackupJob(q -> q.backupJobId(backup.startBackupJob(r -> r
                    .backupVaultName(own.vaultName()).resourceArn(table).iamRoleArn(own.roleArn())).backupJobId()))
                    .recoveryPointArn();
            server.endpoint().admin().advance(Duration.ofHours(1));
            assertThat(ddb.describeBackup(r -> r.backupArn(deleted)).backupDescription().backupDetails()
                    .backupStatusAsString()).isEqualTo("AVAILABLE");
            assertListsNothing(ddb.listBackups(r -> r.backupType(BackupTypeFilter.AWS_BACKUP)), "AWS Backup's");
            backup.deleteRecoveryPoint(r -> r.backupVaultName(own.vaultName()).recoveryPointArn(deleted));
            assertThat(ddb.describeBackup(r -> r.backupArn(deleted)).backupDescription().backupDetails()
                    .backupStatusAsString()).as("while AWS Backup deletes it").isEqualTo("DELETED");
            server.endpoint().admin().advance(Duration.ofMinutes(5));
            assertThat(catchThrowableOfType(DynamoDbException.class, () -> ddb.describeBackup(r -> r
                    .backupArn(deleted))).awsErrorDetails().errorCode()).isEqualTo("BackupNotFoundException");
            assertThat(ddb.describeBackup(r -> r.backupArn(kept)).backupDescription().backupDetails()
                    .backupStatusAsString()).isEqualTo("AVAILABLE");

            server.endpoint().admin().advance(Duration.ofDays(2));
            assertThat(catchThrowableOfType(DynamoDbException.class, () -> ddb.describeBackup(r -> r
                    .backupArn(kept))).awsErrorDetails().errorCode()).as("expired with its lifecycle")
                    .isEqualTo("BackupNotFoundException");
        }
    }

    /** AWS Backup keeps these backups: DynamoDB neither deletes nor restores them here (D117). */
    @Test
    void deleteBackupAndRestoreTableFromBackupLeaveAwsBackupsBackupsToAwsBackup() {
        try (DynamoDbClient ddb = ddb(f.credentials())) {
            DynamoDbException delete = catchThrowableOfType(DynamoDbException.class,
                    () -> ddb.deleteBackup(r -> r.backupArn(customersPoint)));
            assertThat(delete.statusCode()).isEqualTo(400);
            assertThat(delete.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(delete.awsErrorDetails().errorMessage()).isEqualTo("Backup " + customersPoint + " was made by "
                    + "AWS Backup and can only be deleted from its AWS Backup vault (AWS Backup's DeleteRecoveryPoint)");
            DynamoDbException restore = catchThrowableOfType(DynamoDbException.class,
                    () -> ddb.restoreTableFromBackup(r -> r.targetTableName("customers-again")
                            .backupArn(customersPoint)));
            assertThat(restore.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(restore.awsErrorDetails().errorMessage()).isEqualTo("Strongroom does not serve "
                    + "RestoreTableFromBackup of a backup made by AWS Backup (" + customersPoint + "): restore it "
                    + "with AWS Backup's StartRestoreJob");
            assertThat(ddb.describeBackup(r -> r.backupArn(customersPoint)).backupDescription().backupDetails()
                    .backupStatusAsString()).isEqualTo("AVAILABLE");
            assertThat(ddb.listTables().tableNames()).doesNotContain("customers-again");
        }
    }

    @Test
    void theAuthorizerDecidesListBackupsOnAnyResourceAndDescribeBackupOnTheBackup() {
        AwsCredentials auditor;
        try (IamClient iam = server.endpoint().client(IamClient.builder(), f.credentials())) {
            iam.createUser(r -> r.userName("auditor"));
            iam.putUserPolicy(r -> r.userName("auditor").policyName("backups").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"dynamodb:DescribeBackup\",\"Resource\":\"" + customers.tableArn() + "/backup/*\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("auditor")).accessKey();
            auditor = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        try (DynamoDbClient ddb = ddb(auditor)) {
            assertThat(ddb.describeBackup(r -> r.backupArn(customersPoint)).backupDescription().backupDetails()
                    .backupArn()).isEqualTo(customersPoint);

            DynamoDbException describe = catchThrowableOfType(DynamoDbException.class,
                    () -> ddb.describeBackup(r -> r.backupArn(ordersFirst)));
            assertThat(describe.statusCode()).isEqualTo(400);
            assertThat(describe.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(describe.awsErrorDetails().errorMessage()).contains("dynamodb:DescribeBackup", ordersFirst);

            DynamoDbException list = catchThrowableOfType(DynamoDbException.class,
                    () -> ddb.listBackups(r -> r.backupType(BackupTypeFilter.ALL)));
            assertThat(list.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(list.awsErrorDetails().errorMessage()).contains("dynamodb:ListBackups");
        }
    }

    @Test
    void theAwsCliDescribesAwsBackupsBackupAndListsNone() throws Exception {
        Path credentials = Files.createTempFile("ddb-backups", ".credentials");
        Files.writeString(credentials, "[strongroom]\naws_access_key_id = " + f.credentials().accessKeyId()
                + "\naws_secret_access_key = " + f.credentials().secretAccessKey() + "\n");
        AwsCli cli = new AwsCli(server.endpoint());
        Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        AwsCli.Result described = cli.run(env, "dynamodb", "describe-backup", "--backup-arn", ordersFirst, "--query",
                "[BackupDescription.BackupDetails.[BackupArn,BackupType,BackupStatus],"
                        + "BackupDescription.SourceTableDetails.[TableName,TableArn]]", "--output", "text");
        AwsCli.Result listed = cli.run(env, "dynamodb", "list-backups", "--backup-type", "AWS_BACKUP", "--output",
                "json");

        assertThat(described.exitCode()).as(described.stderr()).isZero();
        assertThat(described.stdout().strip()).isEqualTo(ordersFirst + "\tAWS_BACKUP\tAVAILABLE\norders\t"
                + orders.tableArn());
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(new ObjectMapper().readTree(listed.stdout())).isEqualTo(new ObjectMapper()
                .readTree("{\"BackupSummaries\": []}"));
    }
}
