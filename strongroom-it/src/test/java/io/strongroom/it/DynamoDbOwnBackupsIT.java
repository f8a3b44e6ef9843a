package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.server.ServerOptions;
import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.RestoreSummary;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.strongroom.it.DynamoDbIT.expect;
import static io.strongroom.it.DynamoDbIT.s;
import static io.strongroom.it.DynamoDbIT.validation;
import static io.strongroom.it.DynamoDbIndexesIT.def;
import static io.strongroom.it.DynamoDbIndexesIT.hash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * DynamoDB's own on-demand backups (D117): CreateBackup copies the table's definition and items as they are, ListBackups
 * and DescribeBackup show the copy, RestoreTableFromBackup makes a new table holding exactly those items, DeleteBackup
 * removes it; each authorized as AWS authorizes it, kept across a restart and recorded in CloudTrail.
 */
class DynamoDbOwnBackupsIT {
    private static final AtomicInteger TABLES = new AtomicInteger();
    static final String ACCOUNT_ARN = "arn:aws:dynamodb:eu-west-1:111111111111:table/";
    static TestServer server;
    static DynamoDbClient ddb;
    static AdminClient admin;
    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ddb = server.endpoint().client(DynamoDbClient.builder());
        admin = server.endpoint().admin();
    }

    @AfterAll
    static void stop() {
        ddb.close();
        server.close();
    }

    /** A fresh PAY_PER_REQUEST table keyed by pk, with a global index on g and two items. */
    static String table(DynamoDbClient client) {
        String name = "backed-" + TABLES.incrementAndGet();
        client.createTable(r -> r.tableName(name).keySchema(hash("pk"))
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST).tags(t -> t.key("team").value("a"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-g").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        put(client, name, "a", "x");
        put(client, name, "b", "y");
        return name;
    }

    static void put(DynamoDbClient client, String table, String pk, String g) {
        client.putItem(r -> r.tableName(table).item(Map.of("pk", s(pk), "g", s(g), "n",
                AttributeValue.fromN(String.valueOf(pk.length())))));
    }

    static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table) {
        return client.scan(r -> r.tableName(table)).items();
    }

    static BackupDetails backUp(DynamoDbClient client, String table, String name) {
        return client.createBackup(r -> r.tableName(table).backupName(name)).backupDetails();
    }

    static List<String> arns(ListBackupsResponse listed) {
        return listed.backupSummaries().stream().map(BackupSummary::backupArn).toList();
    }

    @Test
    void aBackupIsTheTableAtThatMomentAndARestoreGivesItBack() {
        String t = table(ddb);
        List<Map<String, AttributeValue>> backedUp = scan(ddb, t);
        Instant at = admin.now();
        BackupDetails b = backUp(ddb, t, "before-change");
        assertThat(b.backupArn()).matches(ACCOUNT_ARN + t + "/backup/\\d{14}-[0-9a-f]{8}")
                .contains("/backup/" + String.format("%014d", at.toEpochMilli()) + "-");
        assertThat(b.backupName()).isEqualTo("before-change");
        assertThat(b.backupTypeAsString()).isEqualTo("USER");
        assertThat(b.backupStatusAsString()).isEqualTo("AVAILABLE");
        assertThat(b.backupCreationDateTime()).isEqualTo(at);
        assertThat(b.backupSizeBytes()).isPositive();
        assertThat(b.backupExpiryDateTime()).isNull();

        admin.advance(Duration.ofMinutes(10));
        put(ddb, t, "c", "z");
        ddb.updateItem(r -> r.tableName(t).key(Map.of("pk", s("a"))).updateExpression("SET g = :g")
                .expressionAttributeValues(Map.of(":g", s("changed"))));
        ddb.deleteItem(r -> r.tableName(t).key(Map.of("pk", s("b"))));

        BackupDescription described = ddb.describeBackup(r -> r.backupArn(b.backupArn())).backupDescription();
        assertThat(described.backupDetails()).isEqualTo(b);
        assertThat(described.sourceTableDetails().tableName()).isEqualTo(t);
        assertThat(described.sourceTableDetails().tableArn()).isEqualTo(ACCOUNT_ARN + t);
        assertThat(described.sourceTableDetails().itemCount()).isEqualTo(2L);
        assertThat(described.sourceTableDetails().tableSizeBytes()).isEqualTo(b.backupSizeBytes());
        assertThat(described.sourceTableDetails().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        assertThat(described.sourceTableFeatureDetails().globalSecondaryIndexes()).singleElement()
                .satisfies(i -> assertThat(i.indexName()).isEqualTo("by-g"));

        TableDescription restored = ddb.restoreTableFromBackup(r -> r.targetTableName(t + "-restored")
                .backupArn(b.backupArn())).tableDescription();
        assertThat(restored.tableName()).isEqualTo(t + "-restored");
        assertThat(restored.tableStatusAsString()).isEqualTo("ACTIVE");
        // RestoreDateTime is "point in time or source backup time": the backup's, ten minutes before the restore
        RestoreSummary summary = RestoreSummary.builder().sourceBackupArn(b.backupArn()).sourceTableArn(ACCOUNT_ARN + t)
                .restoreDateTime(b.backupCreationDateTime()).restoreInProgress(false).build();
        assertThat(restored.restoreSummary()).isEqualTo(summary);
        assertThat(b.backupCreationDateTime()).isBefore(admin.now());
        assertThat(ddb.describeTable(r -> r.tableName(t + "-restored")).table().restoreSummary()).isEqualTo(summary);
        assertThat(restored.globalSecondaryIndexes()).singleElement()
                .satisfies(i -> assertThat(i.indexName()).isEqualTo("by-g"));
        assertThat(scan(ddb, t + "-restored")).isEqualTo(backedUp);
        assertThat(scan(ddb, t)).isNotEqualTo(backedUp).hasSize(2);
        assertThat(ddb.query(r -> r.tableName(t + "-restored").indexName("by-g").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("x")))).items()).singleElement()
                .satisfies(i -> assertThat(i.get("pk")).isEqualTo(s("a")));
        assertThat(ddb.listTagsOfResource(r -> r.resourceArn(restored.tableArn())).tags()).isEmpty();
    }

    @Test
    void overridesChooseTheBillingAndTheIndexesOfTheRestoredTable() {
        String t = table(ddb);
        String arn = backUp(ddb, t, "overrides").backupArn();
        TableDescription provisioned = ddb.restoreTableFromBackup(r -> r.targetTableName(t + "-p").backupArn(arn)
                .billingModeOverride(BillingMode.PROVISIONED)
                .provisionedThroughputOverride(p -> p.readCapacityUnits(4L).writeCapacityUnits(3L))
                .globalSecondaryIndexOverride(List.of())).tableDescription();
        assertThat(provisioned.billingModeSummary()).isNull();
        assertThat(provisioned.provisionedThroughput().readCapacityUnits()).isEqualTo(4L);
        assertThat(provisioned.globalSecondaryIndexes()).isEmpty();
        assertThat(scan(ddb, t + "-p")).hasSize(2);
        validation("ProvisionedThroughputOverride must be specified when BillingModeOverride is PROVISIONED",
                () -> ddb.restoreTableFromBackup(r -> r.targetTableName(t + "-q").backupArn(arn)
                        .billingModeOverride(BillingMode.PROVISIONED)));
        validation("Strongroom does not serve server-side encryption with a KMS key (SSESpecificationOverride): "
                + "tables are encrypted with an AWS owned key", () -> ddb.restoreTableFromBackup(r -> r
                .targetTableName(t + "-q").backupArn(arn).sseSpecificationOverride(s -> s.enabled(true)
                        .sseType("KMS"))));
    }

    @Test
    void listBackupsListsTheAccountsBackupsByTableTimeAndPage() {
        String one = table(ddb);
        String two = table(ddb);
        admin.advance(Duration.ofSeconds(1)); // after every other test's backups on this server
        Instant start = admin.now();
        String a1 = backUp(ddb, one, "first").backupArn();
        admin.advance(Duration.ofHours(1));
        String b1 = backUp(ddb, two, "first").backupArn();
        admin.advance(Duration.ofHours(1));
        String a2 = backUp(ddb, one, "second").backupArn();
        Consumer<ListBackupsRequest.Builder> mine = r -> r.timeRangeLowerBound(start);

        assertThat(arns(ddb.listBackups(mine))).containsExactly(a1, a2, b1);
        assertThat(arns(ddb.listBackups(mine.andThen(r -> r.backupType(BackupTypeFilter.ALL)))))
                .containsExactly(a1, a2, b1);
        assertThat(arns(ddb.listBackups(mine.andThen(r -> r.backupType(BackupTypeFilter.AWS_BACKUP))))).isEmpty();
        assertThat(arns(ddb.listBackups(mine.andThen(r -> r.backupType(BackupTypeFilter.SYSTEM))))).isEmpty();
        assertThat(arns(ddb.listBackups(r -> r.tableName(one)))).containsExactly(a1, a2);
        assertThat(arns(ddb.listBackups(r -> r.tableName(ACCOUNT_ARN + two)))).containsExactly(b1);
        assertThat(arns(ddb.listBackups(r -> r.timeRangeLowerBound(start.plus(Duration.ofHours(1)))
                .timeRangeUpperBound(start.plus(Duration.ofHours(2)))))).containsExactly(b1);

        ListBackupsResponse first = ddb.listBackups(mine.andThen(r -> r.limit(2)));
        assertThat(arns(first)).containsExactly(a1, a2);
        assertThat(first.lastEvaluatedBackupArn()).isEqualTo(a2);
        ListBackupsResponse rest = ddb.listBackups(mine.andThen(r -> r.limit(2).exclusiveStartBackupArn(a2)));
        assertThat(arns(rest)).containsExactly(b1);
        assertThat(rest.lastEvaluatedBackupArn()).isNull();
        BackupSummary summary = ddb.listBackups(r -> r.tableName(two)).backupSummaries().get(0);
        assertThat(summary.tableName()).isEqualTo(two);
        assertThat(summary.tableArn()).isEqualTo(ACCOUNT_ARN + two);
        assertThat(summary.backupName()).isEqualTo("first");
        assertThat(summary.backupTypeAsString()).isEqualTo("USER");
        assertThat(summary.backupStatusAsString()).isEqualTo("AVAILABLE");
        assertThat(summary.backupSizeBytes()).isPositive();
    }

    @Test
    void aDeletedBackupIsGoneAndADeletedTablesBackupStillRestores() {
        String t = table(ddb);
        List<Map<String, AttributeValue>> backedUp = scan(ddb, t);
        String kept = backUp(ddb, t, "kept").backupArn();
        admin.advance(Duration.ofSeconds(1));
        String dropped = backUp(ddb, t, "dropped").backupArn();
        ddb.deleteTable(r -> r.tableName(t));

        BackupDescription deleted = ddb.deleteBackup(r -> r.backupArn(dropped)).backupDescription();
        assertThat(deleted.backupDetails().backupStatusAsString()).isEqualTo("DELETED");
        assertThat(deleted.backupDetails().backupArn()).isEqualTo(dropped);
        expect(BackupNotFoundException.class, "Backup not found: " + dropped,
                () -> ddb.describeBackup(r -> r.backupArn(dropped)));
        expect(BackupNotFoundException.class, "Backup not found: " + dropped,
                () -> ddb.deleteBackup(r -> r.backupArn(dropped)));
        expect(BackupNotFoundException.class, "Backup not found: " + dropped,
                () -> ddb.restoreTableFromBackup(r -> r.targetTableName(t).backupArn(dropped)));
        assertThat(arns(ddb.listBackups(r -> r.tableName(t)))).containsExactly(kept);

        ddb.restoreTableFromBackup(r -> r.targetTableName(t).backupArn(kept));
        assertThat(scan(ddb, t)).isEqualTo(backedUp);
        expect(TableAlreadyExistsException.class, "Table already exists: " + t,
                () -> ddb.restoreTableFromBackup(r -> r.targetTableName(t).backupArn(kept)));
    }

    @Test
    void createBackupRefusesABadNameAndAMissingTable() {
        String t = table(ddb);
        validation("1 validation error detected: Value 'ab' at 'backupName' failed to satisfy constraint: Member "
                + "must have length greater than or equal to 3", () -> backUp(ddb, t, "ab"));
        validation("1 validation error detected: Value 'my backup' at 'backupName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", () -> backUp(ddb, t, "my backup"));
        TableNotFoundException missing = expect(TableNotFoundException.class, "Table not found: no-such-table",
                () -> backUp(ddb, "no-such-table", "nightly"));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("TableNotFoundException");
        assertThat(arns(ddb.listBackups(r -> r.tableName(t)))).isEmpty();
    }

    @Test
    void eachCallIsAuthorizedOnItsTableOrBackup() {
        String mine = table(ddb);
        String theirs = table(ddb);
        String theirBackup = backUp(ddb, theirs, "theirs").backupArn();
        AwsBasicCredentials keeper;
        try (IamClient iam = server.endpoint().client(IamClient.builder())) {
            iam.createUser(r -> r.userName("backup-keeper"));
            iam.putUserPolicy(r -> r.userName("backup-keeper").policyName("own-backups").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                            + "\"dynamodb:CreateBackup\",\"dynamodb:DescribeBackup\",\"dynamodb:DeleteBackup\","
                            + "\"dynamodb:RestoreTableFromBackup\"],\"Resource\":[\"" + ACCOUNT_ARN + mine + "\",\""
                            + ACCOUNT_ARN + mine + "/backup/*\"]},{\"Effect\":\"Allow\",\"Action\":["
                            + "\"dynamodb:PutItem\",\"dynamodb:UpdateItem\",\"dynamodb:DeleteItem\","
                            + "\"dynamodb:GetItem\",\"dynamodb:Query\",\"dynamodb:Scan\",\"dynamodb:BatchWriteItem\"],"
                            + "\"Resource\":\"" + ACCOUNT_ARN + mine + "-copy\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("backup-keeper")).accessKey();
            keeper = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        try (DynamoDbClient asKeeper = server.endpoint().client(DynamoDbClient.builder(), keeper)) {
            String arn = backUp(asKeeper, mine, "mine").backupArn();
            assertThat(asKeeper.describeBackup(r -> r.backupArn(arn)).backupDescription().backupDetails()
                    .backupName()).isEqualTo("mine");
            asKeeper.restoreTableFromBackup(r -> r.targetTableName(mine + "-copy").backupArn(arn));
            denied("dynamodb:CreateBackup", ACCOUNT_ARN + theirs, () -> backUp(asKeeper, theirs, "not-mine"));
            denied("dynamodb:DescribeBackup", theirBackup,
                    () -> asKeeper.describeBackup(r -> r.backupArn(theirBackup)));
            denied("dynamodb:DeleteBackup", theirBackup, () -> asKeeper.deleteBackup(r -> r.backupArn(theirBackup)));
            denied("dynamodb:RestoreTableFromBackup", theirBackup, () -> asKeeper.restoreTableFromBackup(r -> r
                    .targetTableName(mine + "-copy2").backupArn(theirBackup)));
            DynamoDbException noWrites = catchThrowableOfType(DynamoDbException.class,
                    () -> asKeeper.restoreTableFromBackup(r -> r.targetTableName(mine + "-other").backupArn(arn)));
            assertThat(noWrites.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(noWrites.awsErrorDetails().errorMessage()).contains("on resource: " + ACCOUNT_ARN + mine
                    + "-other");
            assertThat(asKeeper.deleteBackup(r -> r.backupArn(arn)).backupDescription().backupDetails()
                    .backupStatusAsString()).isEqualTo("DELETED");
        }
        assertThat(ddb.describeBackup(r -> r.backupArn(theirBackup)).backupDescription()).isNotNull();
        expect(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                "Requested resource not found: Table: " + mine + "-copy2 not found",
                () -> ddb.describeTable(r -> r.tableName(mine + "-copy2")));
    }

    static void denied(String action, String resource, org.junit.jupiter.api.function.Executable call) {
        DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call::execute);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111111111111:user/"
                + "backup-keeper is not authorized to perform: " + action + " on resource: " + resource
                + " because no identity-based policy allows the " + action + " action");
    }

    @Test
    void backupsAreKeptAcrossARestartAndRecordedInCloudTrail() throws Exception {
        Path data = temp.resolve("data");
        String t;
        String arn;
        List<Map<String, AttributeValue>> backedUp;
        try (TestServer own = TestServer.start(ServerOptions.defaults(data).withPort(0));
             DynamoDbClient client = own.endpoint().client(DynamoDbClient.builder())) {
            t = table(client);
            backedUp = scan(client, t);
            arn = backUp(client, t, "survives").backupArn();
            put(client, t, "later", "w");
        }
        try (TestServer own = TestServer.start(ServerOptions.defaults(data).withPort(0));
             DynamoDbClient client = own.endpoint().client(DynamoDbClient.builder());
             CloudTrailClient trail = own.endpoint().client(CloudTrailClient.builder())) {
            assertThat(arns(client.listBackups(r -> r.tableName(t)))).containsExactly(arn);
            client.restoreTableFromBackup(r -> r.targetTableName(t + "-again").backupArn(arn));
            assertThat(scan(client, t + "-again")).isEqualTo(backedUp);
            for (String name : List.of("CreateBackup", "RestoreTableFromBackup")) {
                List<Event> events = trail.lookupEvents(r -> r.lookupAttributes(a -> a
                        .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue(name))).events();
                assertThat(events).as(name).hasSize(1);
                assertThat(events.get(0).eventSource()).isEqualTo("dynamodb.amazonaws.com");
                assertThat(events.get(0).readOnly()).isEqualTo("false");
                JsonNode record = new ObjectMapper().readTree(events.get(0).cloudTrailEvent());
                assertThat(record.at("/eventCategory").asText()).isEqualTo("Management");
            }
        }
    }
}
