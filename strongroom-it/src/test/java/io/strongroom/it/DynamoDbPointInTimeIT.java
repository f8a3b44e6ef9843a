package io.strongroom.it;

import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InvalidRestoreTimeException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreSummary;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.strongroom.it.DynamoDbIT.expect;
import static io.strongroom.it.DynamoDbIT.s;
import static io.strongroom.it.DynamoDbIT.validation;
import static io.strongroom.it.DynamoDbOwnBackupsIT.ACCOUNT_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * RestoreTableToPointInTime through the SDK v2 (D121): while point-in-time recovery is enabled every write of an item
 * is kept with the clock's time, and a restore makes a new table holding exactly the items of the time asked; the
 * window moves with the clock, its history is trimmed to it, and disabling forgets it.
 */
class DynamoDbPointInTimeIT {
    static TestServer server;
    static DynamoDbClient ddb;
    static AdminClient admin;
    private static final String LATEST_INVALID = "An invalid restore time was specified. RestoreDateTime must be "
            + "between EarliestRestorableDateTime and LatestRestorableDateTime.";

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

    /** A fresh table keyed by pk, with a global index on g and the items a (g x) and b (g y). */
    static String table() {
        return DynamoDbOwnBackupsIT.table(ddb);
    }

    static void enable(String table, Integer days) {
        ddb.updateContinuousBackups(r -> r.tableName(table).pointInTimeRecoverySpecification(p -> p
                .pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(days)));
    }

    static void disable(String table) {
        ddb.updateContinuousBackups(r -> r.tableName(table).pointInTimeRecoverySpecification(p -> p
                .pointInTimeRecoveryEnabled(false)));
    }

    static PointInTimeRecoveryDescription window(String table) {
        return ddb.describeContinuousBackups(r -> r.tableName(table)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
    }

    static TableDescription restore(String source, String target, Instant at) {
        return ddb.restoreTableToPointInTime(r -> r.sourceTableName(source).targetTableName(target)
                .restoreDateTime(at)).tableDescription();
    }

    /** The table's items as "pk:g", in pk order, read with Scan. */
    static List<String> items(String table) {
        return DynamoDbOwnBackupsIT.scan(ddb, table).stream().map(i -> i.get("pk").s() + ":" + i.get("g").s())
                .sorted().toList();
    }

    static void put(String table, String pk, String g) {
        DynamoDbOwnBackupsIT.put(ddb, table, pk, g);
    }

    @Test
    void aRestoreHoldsExactlyTheItemsOfThatTime() {
        String t = table();
        enable(t, null);
        Instant enabled = admin.now();
        admin.advance(Duration.ofHours(1));
        put(t, "c", "z");
        ddb.updateItem(r -> r.tableName(t).key(Map.of("pk", s("a"))).updateExpression("SET g = :g")
                .expressionAttributeValues(Map.of(":g", s("x2"))));
        ddb.deleteItem(r -> r.tableName(t).key(Map.of("pk", s("b"))));
        Instant between = admin.advance(Duration.ofHours(1));
        admin.advance(Duration.ofHours(1));
        ddb.updateItem(r -> r.tableName(t).key(Map.of("pk", s("a"))).updateExpression("SET g = :g")
                .expressionAttributeValues(Map.of(":g", s("x3"))));
        ddb.deleteItem(r -> r.tableName(t).key(Map.of("pk", s("c"))));
        ddb.batchWriteItem(r -> r.requestItems(Map.of(t, List.of(WriteRequest.builder().putRequest(PutRequest
                .builder().item(Map.of("pk", s("d"), "g", s("w"))).build()).build()))));
        ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(Put.builder().tableName(t)
                .item(Map.of("pk", s("e"), "g", s("v"))).build()).build()));
        admin.advance(Duration.ofMinutes(10));
        assertThat(items(t)).containsExactly("a:x3", "d:w", "e:v");

        TableDescription restored = restore(t, t + "-between", between);
        assertThat(restored.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(restored.restoreSummary()).isEqualTo(RestoreSummary.builder().sourceTableArn(ACCOUNT_ARN + t)
                .restoreDateTime(between).restoreInProgress(false).build());
        TableDescription source = ddb.describeTable(r -> r.tableName(t)).table();
        assertThat(restored.keySchema()).isEqualTo(source.keySchema());
        assertThat(restored.globalSecondaryIndexes()).singleElement()
                .satisfies(i -> assertThat(i.indexName()).isEqualTo("by-g"));
        assertThat(items(t + "-between")).containsExactly("a:x2", "c:z");
        assertThat(ddb.getItem(r -> r.tableName(t + "-between").key(Map.of("pk", s("c")))).item())
                .containsEntry("g", s("z"));
        assertThat(ddb.query(r -> r.tableName(t + "-between").indexName("by-g").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("x2")))).items()).singleElement()
                .satisfies(i -> assertThat(i.get("pk")).isEqualTo(s("a")));

        assertThat(items(restore(t, t + "-start", enabled.plusSeconds(1)).tableName()))
                .containsExactly("a:x", "b:y");
        assertThat(ddb.describeTable(r -> r.tableName(t + "-start")).table().restoreSummary().restoreDateTime())
                .isEqualTo(enabled.plusSeconds(1));
        // the restored table is a new one: it keeps no history of its own
        assertThat(window(t + "-start").pointInTimeRecoveryStatusAsString()).isEqualTo("DISABLED");
    }

    @Test
    void theLatestRestorableTimeIsFiveMinutesAgoAndAnArnNamesTheSource() {
        String t = table();
        enable(t, null);
        admin.advance(Duration.ofHours(1));
        put(t, "c", "z");
        admin.advance(Duration.ofMinutes(10));
        put(t, "d", "w"); // within the last five minutes once the clock moves three more
        Instant now = admin.advance(Duration.ofMinutes(3));
        TableDescription latest = ddb.restoreTableToPointInTime(r -> r.sourceTableArn(ACCOUNT_ARN + t)
                .targetTableName(t + "-latest").useLatestRestorableTime(true)).tableDescription();
        assertThat(latest.restoreSummary().restoreDateTime()).isEqualTo(now.minus(Duration.ofMinutes(5)));
        assertThat(items(t + "-latest")).containsExactly("a:x", "b:y", "c:z");
    }

    @Test
    void anItemTheTimeToLiveSweepDeletedComesBackInARestoreToBefore() {
        String t = table();
        enable(t, null);
        ddb.updateTimeToLive(r -> r.tableName(t).timeToLiveSpecification(s -> s.enabled(true).attributeName("n")));
        // the items' attribute n (1) is a time in 1970: expired, and more than five years ago, so never deleted;
        // this one expired a minute ago
        long expired = admin.now().getEpochSecond() - 60;
        ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("old"), "g", s("o"), "n",
                AttributeValue.fromN(String.valueOf(expired)))));
        Instant before = admin.advance(Duration.ofHours(12));
        admin.advance(Duration.ofDays(1));
        assertThat(items(t)).containsExactly("a:x", "b:y");
        assertThat(items(restore(t, t + "-swept", before).tableName())).containsExactly("a:x", "b:y", "old:o");
    }

    @Test
    void refusalsInAwsCodesAndWords() {
        String t = table();
        String existing = table();
        expect(PointInTimeRecoveryUnavailableException.class, "Point in time recovery is not enabled for table '"
                + t + "'", () -> restore(t, t + "-x", admin.now()));
        enable(t, null);
        Instant enabled = admin.now();
        admin.advance(Duration.ofHours(1));
        Instant now = admin.now();
        expect(TableNotFoundException.class, "Table not found: no-such-table",
                () -> restore("no-such-table", t + "-x", now.minus(Duration.ofMinutes(30))));
        expect(TableNotFoundException.class, "Table not found: " + ACCOUNT_ARN + "no-such-table",
                () -> ddb.restoreTableToPointInTime(r -> r.sourceTableArn(ACCOUNT_ARN + "no-such-table")
                        .targetTableName(t + "-x").useLatestRestorableTime(true)));
        expect(TableAlreadyExistsException.class, "Table already exists: " + existing,
                () -> restore(t, existing, now.minus(Duration.ofMinutes(30))));
        expect(InvalidRestoreTimeException.class, LATEST_INVALID, () -> restore(t, t + "-x", enabled.minusMillis(1)));
        expect(InvalidRestoreTimeException.class, LATEST_INVALID,
                () -> restore(t, t + "-x", now.minus(Duration.ofMinutes(5)).plusMillis(1)));
        validation("Either RestoreDateTime or UseLatestRestorableTime must be specified",
                () -> ddb.restoreTableToPointInTime(r -> r.sourceTableName(t).targetTableName(t + "-x")));
        validation("Either RestoreDateTime or UseLatestRestorableTime must be specified",
                () -> ddb.restoreTableToPointInTime(r -> r.sourceTableName(t).targetTableName(t + "-x")
                        .useLatestRestorableTime(false)));
        validation("Only one of RestoreDateTime or UseLatestRestorableTime may be specified",
                () -> ddb.restoreTableToPointInTime(r -> r.sourceTableName(t).targetTableName(t + "-x")
                        .useLatestRestorableTime(true).restoreDateTime(now.minus(Duration.ofMinutes(30)))));
        validation("Either SourceTableArn or SourceTableName must be specified",
                () -> ddb.restoreTableToPointInTime(r -> r.targetTableName(t + "-x").useLatestRestorableTime(true)));
        validation("1 validation error detected: Value 'x' at 'targetTableName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 3", () -> restore(t, "x", now));
        // nothing refused made a table
        assertThat(ddb.listTables().tableNames()).doesNotContain(t + "-x");
        // the window's own ends restore
        assertThat(items(restore(t, t + "-earliest", enabled).tableName())).containsExactly("a:x", "b:y");
        assertThat(items(restore(t, t + "-latest", now.minus(Duration.ofMinutes(5))).tableName()))
                .containsExactly("a:x", "b:y");
    }

    @Test
    void historyOlderThanThePeriodIsTrimmedAndALongerPeriodDoesNotBringItBack() {
        String t = table();
        enable(t, 1);
        admin.advance(Duration.ofHours(1));
        put(t, "c", "z");
        admin.advance(Duration.ofHours(2));
        Instant now = admin.advance(Duration.ofDays(3));
        Instant earliest = now.minus(Duration.ofDays(1));
        assertThat(window(t).earliestRestorableDateTime()).isEqualTo(earliest);
        expect(InvalidRestoreTimeException.class, LATEST_INVALID,
                () -> restore(t, t + "-x", earliest.minusSeconds(1)));
        assertThat(items(restore(t, t + "-earliest", earliest).tableName())).containsExactly("a:x", "b:y", "c:z");

        // the daily trim ran a day ago last: a 35-day window now starts where the history kept starts
        enable(t, 35);
        Instant trimmedTo = window(t).earliestRestorableDateTime();
        assertThat(trimmedTo).isAfter(now.minus(Duration.ofDays(3))).isBeforeOrEqualTo(earliest);
        expect(InvalidRestoreTimeException.class, LATEST_INVALID,
                () -> restore(t, t + "-x", trimmedTo.minusSeconds(1)));
    }

    @Test
    void disablingForgetsTheWindowAndEnablingStartsANewOne() {
        String t = table();
        Instant kept = enableThenPutC(t);
        admin.advance(Duration.ofMinutes(10));
        disable(t);
        expect(PointInTimeRecoveryUnavailableException.class, "Point in time recovery is not enabled for table '"
                + t + "'", () -> restore(t, t + "-x", kept));
        enable(t, null);
        Instant again = admin.now();
        admin.advance(Duration.ofHours(1));
        assertThat(window(t).earliestRestorableDateTime()).isEqualTo(again);
        expect(InvalidRestoreTimeException.class, LATEST_INVALID, () -> restore(t, t + "-x", kept));
        put(t, "d", "w");
        assertThat(items(restore(t, t + "-again", again).tableName())).containsExactly("a:x", "b:y", "c:z");
    }

    /**
     * Every kind of write follows each change of the setting at once (D134): undone by a restore while recovery is
     * on, and after it is switched off and on again, when the writes made while it was off are the past restored.
     */
    @Test
    void writesAreKeptWhileRecoveryIsOnAndFollowEachSwitch() {
        String t = table();
        Instant on = enableThenPutC(t);
        admin.advance(Duration.ofHours(1));
        writeEveryWay(t, "1");
        admin.advance(Duration.ofMinutes(10));
        assertThat(items(restore(t, t + "-on", on).tableName())).containsExactly("a:x", "b:y", "c:z");

        disable(t);
        writeEveryWay(t, "2");
        put(t, "c", "z2");
        admin.advance(Duration.ofHours(1));
        enable(t, 1);
        Instant again = admin.now();
        List<String> whenEnabledAgain = items(t);
        assertThat(whenEnabledAgain).containsExactly("a:x2", "c:z2", "d:2", "e:2");
        admin.advance(Duration.ofHours(1));
        writeEveryWay(t, "3");
        ddb.deleteItem(r -> r.tableName(t).key(Map.of("pk", s("c"))));
        admin.advance(Duration.ofMinutes(10));
        assertThat(items(t)).containsExactly("a:x3", "d:3", "e:3");
        assertThat(items(restore(t, t + "-again", again).tableName())).isEqualTo(whenEnabledAgain);
    }

    /** Enables recovery, puts c an hour later, and answers the time an hour after that: a, b and c then. */
    private static Instant enableThenPutC(String t) {
        enable(t, null);
        admin.advance(Duration.ofHours(1));
        put(t, "c", "z");
        return admin.advance(Duration.ofHours(1));
    }

    /** Writes a (UpdateItem), d (BatchWriteItem) and e (TransactWriteItems) with the version given; deletes b. */
    private static void writeEveryWay(String t, String version) {
        ddb.updateItem(r -> r.tableName(t).key(Map.of("pk", s("a"))).updateExpression("SET g = :g")
                .expressionAttributeValues(Map.of(":g", s("x" + version))));
        ddb.deleteItem(r -> r.tableName(t).key(Map.of("pk", s("b"))));
        ddb.batchWriteItem(r -> r.requestItems(Map.of(t, List.of(WriteRequest.builder().putRequest(PutRequest
                .builder().item(Map.of("pk", s("d"), "g", s(version))).build()).build()))));
        ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(Put.builder().tableName(t)
                .item(Map.of("pk", s("e"), "g", s(version))).build()).build()));
    }

    @Test
    void overridesAndAuthorizationFollowRestoreTableFromBackup() {
        String mine = table();
        String theirs = table();
        enable(mine, null);
        enable(theirs, null);
        Instant at = admin.advance(Duration.ofHours(1));
        admin.advance(Duration.ofMinutes(5));
        TableDescription provisioned = ddb.restoreTableToPointInTime(r -> r.sourceTableName(mine)
                .targetTableName(mine + "-p").restoreDateTime(at).billingModeOverride(BillingMode.PROVISIONED)
                .provisionedThroughputOverride(p -> p.readCapacityUnits(4L).writeCapacityUnits(3L))
                .globalSecondaryIndexOverride(List.of())).tableDescription();
        assertThat(provisioned.provisionedThroughput().readCapacityUnits()).isEqualTo(4L);
        assertThat(provisioned.globalSecondaryIndexes()).isEmpty();
        assertThat(items(mine + "-p")).containsExactly("a:x", "b:y");

        AwsBasicCredentials restorer;
        try (IamClient iam = server.endpoint().client(IamClient.builder())) {
            iam.createUser(r -> r.userName("pitr-restorer"));
            iam.putUserPolicy(r -> r.userName("pitr-restorer").policyName("restore-mine").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"dynamodb:RestoreTableToPointInTime\",\"Resource\":\"" + ACCOUNT_ARN + mine + "\"},"
                            + "{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:PutItem\",\"dynamodb:UpdateItem\","
                            + "\"dynamodb:DeleteItem\",\"dynamodb:GetItem\",\"dynamodb:Query\",\"dynamodb:Scan\","
                            + "\"dynamodb:BatchWriteItem\"],\"Resource\":\"" + ACCOUNT_ARN + mine + "-copy\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("pitr-restorer")).accessKey();
            restorer = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        try (DynamoDbClient asRestorer = server.endpoint().client(DynamoDbClient.builder(), restorer)) {
            Consumer<RestoreTableToPointInTimeRequest.Builder> copyMine = r -> r.sourceTableName(mine)
                    .targetTableName(mine + "-copy").restoreDateTime(at);
            assertThat(asRestorer.restoreTableToPointInTime(copyMine).tableDescription().tableName())
                    .isEqualTo(mine + "-copy");
            DynamoDbException notMine = catchThrowableOfType(DynamoDbException.class,
                    () -> asRestorer.restoreTableToPointInTime(r -> r.sourceTableName(theirs)
                            .targetTableName(mine + "-copy2").restoreDateTime(at)));
            assertThat(notMine.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111111111111:user/"
                    + "pitr-restorer is not authorized to perform: dynamodb:RestoreTableToPointInTime on resource: "
                    + ACCOUNT_ARN + theirs + " because no identity-based policy allows the "
                    + "dynamodb:RestoreTableToPointInTime action");
            DynamoDbException noWrites = catchThrowableOfType(DynamoDbException.class,
                    () -> asRestorer.restoreTableToPointInTime(r -> r.sourceTableName(mine)
                            .targetTableName(mine + "-other").restoreDateTime(at)));
            assertThat(noWrites.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(noWrites.awsErrorDetails().errorMessage()).contains("on resource: " + ACCOUNT_ARN + mine
                    + "-other");
        }
        assertThat(ddb.listTables().tableNames()).contains(mine + "-copy").doesNotContain(mine + "-other",
                mine + "-copy2");
    }
}
