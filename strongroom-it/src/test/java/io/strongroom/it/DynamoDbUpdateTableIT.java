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
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.iam.IamClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static io.strongroom.it.DynamoDbIT.expect;
import static io.strongroom.it.DynamoDbIT.n;
import static io.strongroom.it.DynamoDbIT.s;
import static io.strongroom.it.DynamoDbIT.validation;
import static io.strongroom.it.DynamoDbIndexesIT.def;
import static io.strongroom.it.DynamoDbIndexesIT.hash;
import static io.strongroom.it.DynamoDbIndexesIT.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * UpdateTable through the SDK v2 (D115): billing mode and throughput with AWS's rules and quotas, global indexes
 * created (queried at once), updated and deleted, deletion protection and table class, AWS's refusals in its words,
 * authorization as dynamodb:UpdateTable on the table, and the change kept across a restart and in CloudTrail.
 */
class DynamoDbUpdateTableIT {
    private static final AtomicInteger TABLES = new AtomicInteger();
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

    /** A fresh PAY_PER_REQUEST table keyed by a string pk, with more of the request as given. */
    static String table(DynamoDbClient client, Consumer<CreateTableRequest.Builder> more) {
        String name = "updated-" + TABLES.incrementAndGet();
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(hash("pk"))
                .attributeDefinitions(def("pk", ScalarAttributeType.S));
        more.accept(b);
        client.createTable(b.build());
        return name;
    }

    static String table(Consumer<CreateTableRequest.Builder> more) {
        return table(ddb, more);
    }

    /** A PROVISIONED table of 10/10 with a global index by-g on g, of 10/10. */
    static String provisioned(DynamoDbClient client) {
        return table(client, b -> b.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(10, 10))
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-g").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).provisionedThroughput(throughput(10, 10))
                        .build()));
    }

    static ProvisionedThroughput throughput(long read, long write) {
        return ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build();
    }

    static TableDescription update(DynamoDbClient client, String table, Consumer<UpdateTableRequest.Builder> more) {
        UpdateTableRequest.Builder b = UpdateTableRequest.builder().tableName(table);
        more.accept(b);
        return client.updateTable(b.build()).tableDescription();
    }

    static TableDescription update(String table, Consumer<UpdateTableRequest.Builder> more) {
        return update(ddb, table, more);
    }

    static TableDescription describe(DynamoDbClient client, String table) {
        return client.describeTable(r -> r.tableName(table)).table();
    }

    static GlobalSecondaryIndexUpdate create(String index, String attribute, ProvisionedThroughput throughput) {
        return GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(index).keySchema(hash(attribute))
                .projection(p -> p.projectionType(ProjectionType.ALL)).provisionedThroughput(throughput)).build();
    }

    static GlobalSecondaryIndexUpdate updateIndex(String index, long read, long write) {
        return GlobalSecondaryIndexUpdate.builder().update(u -> u.indexName(index)
                .provisionedThroughput(throughput(read, write))).build();
    }

    static GlobalSecondaryIndexUpdate delete(String index) {
        return GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(index)).build();
    }

    static GlobalSecondaryIndexDescription index(TableDescription t, String name) {
        return t.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(name)).findFirst().orElseThrow();
    }

    static void put(String table, Map<String, AttributeValue> item) {
        ddb.putItem(r -> r.tableName(table).item(item));
    }

    static List<String> byIndex(String table, String index, String attribute, AttributeValue value) {
        return ddb.query(r -> r.tableName(table).indexName(index).keyConditionExpression("#a = :v")
                        .expressionAttributeNames(Map.of("#a", attribute)).expressionAttributeValues(Map.of(":v", value)))
                .items().stream().map(i -> i.get("pk").s()).toList();
    }

    // ---- billing mode and throughput

    @Test
    void billingModeSwitchesBothWaysWithTheThroughputEachModeRequires() {
        String t = table(b -> b.attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-g").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        Instant created = describe(ddb, t).creationDateTime();
        validation("One or more parameter values were invalid: ProvisionedThroughput must be specified when "
                + "BillingMode is PROVISIONED", () -> update(t, r -> r.billingMode(BillingMode.PROVISIONED)));
        validation("One or more parameter values were invalid: ProvisionedThroughput must be specified for index: "
                + "by-g", () -> update(t, r -> r.billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(throughput(5, 4))));
        validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can "
                + "be specified when BillingMode is PAY_PER_REQUEST", () -> update(t, r -> r
                .provisionedThroughput(throughput(5, 4))));
        validation("One or more parameter values were invalid: The only Updates for index: by-g when "
                + "TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput",
                () -> update(t, r -> r.globalSecondaryIndexUpdates(updateIndex("by-g", 3, 2))));

        TableDescription provisioned = update(t, r -> r.billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(throughput(5, 4)).globalSecondaryIndexUpdates(updateIndex("by-g", 3, 2)));
        assertThat(provisioned.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(provisioned.billingModeSummary()).isEqualTo(BillingModeSummary.builder()
                .billingMode(BillingMode.PROVISIONED).lastUpdateToPayPerRequestDateTime(created).build());
        assertThat(provisioned.provisionedThroughput()).isEqualTo(ProvisionedThroughputDescription.builder()
                .readCapacityUnits(5L).writeCapacityUnits(4L).numberOfDecreasesToday(0L).build());
        assertThat(index(provisioned, "by-g").provisionedThroughput()).isEqualTo(ProvisionedThroughputDescription
                .builder().readCapacityUnits(3L).writeCapacityUnits(2L).numberOfDecreasesToday(0L).build());
        assertThat(index(provisioned, "by-g").indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(describe(ddb, t)).isEqualTo(provisioned);

        validation("One or more parameter values were invalid: ProvisionedThroughput cannot be specified when "
                + "BillingMode is PAY_PER_REQUEST", () -> update(t, r -> r.billingMode(BillingMode.PAY_PER_REQUEST)
                .provisionedThroughput(throughput(5, 5))));
        admin.advance(Duration.ofMinutes(5));
        Instant switched = admin.now();
        TableDescription onDemand = update(t, r -> r.billingMode(BillingMode.PAY_PER_REQUEST));
        assertThat(onDemand.billingModeSummary()).isEqualTo(BillingModeSummary.builder()
                .billingMode(BillingMode.PAY_PER_REQUEST).lastUpdateToPayPerRequestDateTime(switched).build());
        assertThat(onDemand.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(onDemand.provisionedThroughput().writeCapacityUnits()).isZero();
        assertThat(index(onDemand, "by-g").provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(describe(ddb, t)).isEqualTo(onDemand);
    }

    @Test
    void throughputChangesAreDescribedAndDecreasesLimitedAsAwsLimitsThem() {
        try (TestServer own = TestServer.start(); DynamoDbClient client = own.endpoint().client(DynamoDbClient.builder())) {
            AdminClient clock = own.endpoint().admin();
            clock.set(Instant.parse("2027-02-02T01:00:00Z"));
            String t = provisioned(client);
            validation("The provisioned throughput for the table will not change. The requested value equals the "
                    + "current value. Current ReadCapacityUnits provisioned for the table: 10. Requested "
                    + "ReadCapacityUnits: 10. Current WriteCapacityUnits provisioned for the table: 10. Requested "
                    + "WriteCapacityUnits: 10. Refer to the Amazon DynamoDB Developer Guide for current limits and how "
                    + "to request higher limits.", () -> update(client, t, r -> r.provisionedThroughput(throughput(10,
                    10))));
            validation("The provisioned throughput for the index by-g will not change. The requested value equals "
                    + "the current value. Current ReadCapacityUnits provisioned for index by-g: 10. Requested "
                    + "ReadCapacityUnits: 10. Current WriteCapacityUnits provisioned for index by-g: 10. Requested "
                    + "WriteCapacityUnits: 10. Refer to the Amazon DynamoDB Developer Guide for current limits and how "
                    + "to request higher limits.", () -> update(client, t, r -> r
                    .globalSecondaryIndexUpdates(updateIndex("by-g", 10, 10))));

            Instant up = Instant.parse("2027-02-02T01:00:00Z");
            ProvisionedThroughputDescription raised = update(client, t, r -> r.billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(throughput(20, 10))).provisionedThroughput();
            assertThat(raised).isEqualTo(ProvisionedThroughputDescription.builder().readCapacityUnits(20L)
                    .writeCapacityUnits(10L).lastIncreaseDateTime(up).numberOfDecreasesToday(0L).build());
            for (int read = 19; read >= 16; read--) {
                clock.advance(Duration.ofMinutes(1));
                long r = read;
                update(client, t, u -> u.provisionedThroughput(throughput(r, 10)));
            }
            Instant fourth = Instant.parse("2027-02-02T01:04:00Z");
            assertThat(describe(client, t).provisionedThroughput()).isEqualTo(ProvisionedThroughputDescription
                    .builder().readCapacityUnits(16L).writeCapacityUnits(10L).lastIncreaseDateTime(up)
                    .lastDecreaseDateTime(fourth).numberOfDecreasesToday(4L).build());
            // An increase of one unit with a decrease of the other is a decrease.
            LimitExceededException limited = expect(LimitExceededException.class, "Subscriber limit exceeded: "
                    + "Provisioned throughput decreases are limited within a given UTC day. After the first 4 "
                    + "decreases, each subsequent decrease in the same UTC day can be performed at most once every "
                    + "3600 seconds. Number of decreases today: 4. Last decrease at Tuesday, February 2, 2027 at "
                    + "1:04:00 AM Coordinated Universal Time. Next decrease can be made at Tuesday, February 2, 2027 "
                    + "at 2:04:00 AM Coordinated Universal Time", () -> update(client, t, r -> r
                    .provisionedThroughput(throughput(30, 9))));
            assertThat(limited.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
            // Each global index has its own four; a refused call changes nothing.
            assertThat(index(update(client, t, r -> r.globalSecondaryIndexUpdates(updateIndex("by-g", 9, 10))),
                    "by-g").provisionedThroughput().numberOfDecreasesToday()).isEqualTo(1L);
            assertThat(describe(client, t).provisionedThroughput().readCapacityUnits()).isEqualTo(16L);

            clock.advance(Duration.ofMinutes(59));
            expect(LimitExceededException.class, limited.awsErrorDetails().errorMessage(),
                    () -> update(client, t, r -> r.provisionedThroughput(throughput(15, 10))));
            clock.advance(Duration.ofMinutes(1));
            assertThat(update(client, t, r -> r.provisionedThroughput(throughput(15, 10))).provisionedThroughput()
                    .numberOfDecreasesToday()).isEqualTo(5L);
            clock.set(Instant.parse("2027-02-03T00:00:00Z"));
            ProvisionedThroughputDescription nextDay = describe(client, t).provisionedThroughput();
            assertThat(nextDay.numberOfDecreasesToday()).isZero();
            assertThat(nextDay.lastDecreaseDateTime()).isEqualTo(Instant.parse("2027-02-02T02:04:00Z"));
            update(client, t, r -> r.provisionedThroughput(throughput(14, 10)));
        }
    }

    @Test
    void aTableSwitchesToPayPerRequestFourTimesInTwentyFourHours() {
        try (TestServer own = TestServer.start(); DynamoDbClient client = own.endpoint().client(DynamoDbClient.builder())) {
            AdminClient clock = own.endpoint().admin();
            String t = table(client, b -> b.billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(throughput(1, 1)));
            for (int i = 0; i < 4; i++) {
                clock.advance(Duration.ofHours(1));
                update(client, t, r -> r.billingMode(BillingMode.PAY_PER_REQUEST));
                update(client, t, r -> r.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(1, 1)));
            }
            // 2027-02-01 01:00 to 04:00; the first leaves the window at 01:00 the next day.
            expect(LimitExceededException.class, "Subscriber limit exceeded: Update to PayPerRequest mode are "
                    + "limited to 4 times in 1 day(s). Last update at Mon Feb 01 04:00:00 UTC 2027. Next update can be "
                    + "made at Tue Feb 02 01:00:00 UTC 2027", () -> update(client, t, r -> r
                    .billingMode(BillingMode.PAY_PER_REQUEST)));
            clock.set(Instant.parse("2027-02-02T01:00:00Z"));
            assertThat(update(client, t, r -> r.billingMode(BillingMode.PAY_PER_REQUEST)).billingModeSummary()
                    .billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            // Switching back to PROVISIONED has no limit; re-sending PAY_PER_REQUEST changes nothing.
            assertThat(update(client, t, r -> r.billingMode(BillingMode.PAY_PER_REQUEST)).billingModeSummary()
                    .lastUpdateToPayPerRequestDateTime()).isEqualTo(Instant.parse("2027-02-02T01:00:00Z"));
        }
    }

    // ---- global secondary indexes

    @Test
    void aCreatedGlobalIndexAnswersQueriesAtOnceAndADeletedOneIsGone() {
        String t = table(b -> { });
        put(t, Map.of("pk", s("a"), "status", s("open")));
        put(t, Map.of("pk", s("b"), "status", s("open"), "total", n("3")));
        put(t, Map.of("pk", s("c"), "status", n("7")));
        put(t, Map.of("pk", s("d"), "status", s("")));
        put(t, Map.of("pk", s("e")));

        TableDescription created = update(t, r -> r.attributeDefinitions(def("status", ScalarAttributeType.S),
                def("unused", ScalarAttributeType.N)).globalSecondaryIndexUpdates(create("by-status", "status", null)));
        assertThat(created.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        GlobalSecondaryIndexDescription gsi = index(created, "by-status");
        assertThat(gsi.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(gsi.indexArn()).isEqualTo(created.tableArn() + "/index/by-status");
        assertThat(gsi.keySchema()).containsExactly(hash("status"));
        assertThat(gsi.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(created.attributeDefinitions()).containsExactly(def("pk", ScalarAttributeType.S),
                def("status", ScalarAttributeType.S));
        // Items written before: a number or an empty string is no entry, as AWS's backfill leaves them out.
        assertThat(byIndex(t, "by-status", "status", s("open"))).containsExactly("a", "b");
        assertThat(ddb.scan(r -> r.tableName(t).indexName("by-status")).count()).isEqualTo(2);
        validation("One or more parameter values were invalid: Type mismatch for Index Key status Expected: S "
                + "Actual: N IndexName: by-status", () -> put(t, Map.of("pk", s("f"), "status", n("1"))));
        put(t, Map.of("pk", s("g"), "status", s("open")));
        assertThat(byIndex(t, "by-status", "status", s("open"))).containsExactly("a", "b", "g");
        assertThat(describe(ddb, t).globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactly("by-status");

        TableDescription deleted = update(t, r -> r.globalSecondaryIndexUpdates(delete("by-status")));
        assertThat(deleted.hasGlobalSecondaryIndexes()).isFalse();
        assertThat(deleted.attributeDefinitions()).containsExactly(def("pk", ScalarAttributeType.S));
        validation("The table does not have the specified index: by-status", () -> byIndex(t, "by-status", "status",
                s("open")));
        put(t, Map.of("pk", s("f"), "status", n("1")));
        // The name is free again, and the new index may type the attribute otherwise.
        update(t, r -> r.attributeDefinitions(def("status", ScalarAttributeType.N))
                .globalSecondaryIndexUpdates(create("by-status", "status", null)));
        assertThat(byIndex(t, "by-status", "status", n("7"))).containsExactly("c");
    }

    @Test
    void aProvisionedTablesNewIndexHasItsThroughputAndAnUpdateChangesIt() {
        String t = provisioned(ddb);
        validation("One or more parameter values were invalid: Both ReadCapacityUnits and WriteCapacityUnits must be "
                + "specified for index: by-h", () -> update(t, r -> r.attributeDefinitions(def("h",
                ScalarAttributeType.N)).globalSecondaryIndexUpdates(create("by-h", "h", null))));
        TableDescription created = update(t, r -> r.attributeDefinitions(def("h", ScalarAttributeType.N))
                .globalSecondaryIndexUpdates(create("by-h", "h", throughput(2, 3)), updateIndex("by-g", 11, 10)));
        assertThat(index(created, "by-h").provisionedThroughput().readCapacityUnits()).isEqualTo(2L);
        assertThat(index(created, "by-h").provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);
        assertThat(index(created, "by-g").provisionedThroughput().readCapacityUnits()).isEqualTo(11L);
        assertThat(index(created, "by-g").provisionedThroughput().lastIncreaseDateTime()).isEqualTo(admin.now());
        assertThat(created.provisionedThroughput().readCapacityUnits()).isEqualTo(10L);
    }

    @Test
    void indexUpdatesAreRefusedAsAwsRefusesThem() {
        String t = table(b -> b.keySchema(hash("pk"), range("sk")).attributeDefinitions(def("pk",
                        ScalarAttributeType.S), def("sk", ScalarAttributeType.S), def("g", ScalarAttributeType.S),
                def("l", ScalarAttributeType.S)).globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                .indexName("by-g").keySchema(hash("g")).projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("by-l").keySchema(hash("pk"), range("l"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        List<AttributeDefinition> x = List.of(def("x", ScalarAttributeType.S));
        String oneAtATime = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously "
                + "per table";
        expect(LimitExceededException.class, oneAtATime, () -> update(t, r -> r.attributeDefinitions(x)
                .globalSecondaryIndexUpdates(create("by-x", "x", null), create("by-y", "x", null))));
        expect(LimitExceededException.class, oneAtATime, () -> update(t, r -> r.attributeDefinitions(x)
                .globalSecondaryIndexUpdates(create("by-x", "x", null), delete("by-g"))));
        expect(LimitExceededException.class, oneAtATime, () -> update(t, r -> r
                .globalSecondaryIndexUpdates(delete("nope-1"), delete("nope-2"))));
        expect(ResourceNotFoundException.class, "Requested resource not found: Index nope for table " + t,
                () -> update(t, r -> r.globalSecondaryIndexUpdates(delete("nope"))));
        validation("Cannot delete an index that is not a GlobalSecondaryIndex: by-l", () -> update(t, r -> r
                .globalSecondaryIndexUpdates(delete("by-l"))));
        validation("Attempting to create an index which already exists", () -> update(t, r -> r
                .attributeDefinitions(x).globalSecondaryIndexUpdates(create("by-l", "x", null))));
        validation("Attempting to create an index which already exists", () -> update(t, r -> r
                .attributeDefinitions(def("g", ScalarAttributeType.S)).globalSecondaryIndexUpdates(create("by-g",
                        "g", null))));
        validation("One or more parameter values were invalid: AttributeDefinitions is not specified for index: by-x",
                () -> update(t, r -> r.globalSecondaryIndexUpdates(create("by-x", "x", null))));
        // The key must be defined in this request, even when the table defines it already.
        validation("Invalid KeySchema: Some index key attribute have no definition", () -> update(t, r -> r
                .attributeDefinitions(x).globalSecondaryIndexUpdates(create("by-sk", "sk", null))));
        validation("One or more parameter values were invalid: Attributes cannot be redefined. Please check that "
                + "your attribute has the same type as previously defined. Existing schema: Schema:[SchemaElement: "
                + "key{g:S:HASH}] New schema: Schema:[SchemaElement: key{g:N:HASH}]", () -> update(t, r -> r
                .attributeDefinitions(def("g", ScalarAttributeType.N))
                .globalSecondaryIndexUpdates(create("by-g2", "g", null))));
        validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can "
                + "be specified for index: by-x when BillingMode is PAY_PER_REQUEST", () -> update(t, r -> r
                .attributeDefinitions(x).globalSecondaryIndexUpdates(create("by-x", "x", throughput(1, 1)))));
        validation("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, "
                + "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null",
                () -> update(t, r -> r.globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().build())));
        validation("One or more parameter values were invalid: Only one global secondary index action is allowed per "
                + "GlobalSecondaryIndexUpdate object", () -> update(t, r -> r.globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("by-g"))
                        .update(u -> u.indexName("by-g").provisionedThroughput(throughput(1, 1))).build())));
        validation("One or more parameter values were invalid: Only one global secondary index update per index is "
                + "allowed simultaneously. Index: by-g", () -> update(t, r -> r.globalSecondaryIndexUpdates(
                delete("by-g"), updateIndex("by-g", 1, 1))));
        validation("One or more parameter values were invalid: You cannot create or delete index while updating "
                + "table IOPS", () -> update(t, r -> r.provisionedThroughput(throughput(1, 1))
                .globalSecondaryIndexUpdates(delete("by-g"))));
        validation("1 validation error detected: Value 'ab' at 'globalSecondaryIndexUpdates.1.member.delete.indexName' "
                + "failed to satisfy constraint: Member must have length greater than or equal to 3", () -> update(t,
                r -> r.globalSecondaryIndexUpdates(delete("ab"))));
        validation("One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates is empty",
                () -> update(t, r -> r.globalSecondaryIndexUpdates(List.of()).deletionProtectionEnabled(true)));
        // A refused call changed nothing.
        TableDescription after = describe(ddb, t);
        assertThat(after.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactly("by-g");
        assertThat(after.deletionProtectionEnabled()).isFalse();
    }

    @Test
    void aTwentyFirstGlobalIndexExceedsTheLimit() {
        List<AttributeDefinition> definitions = new ArrayList<>(List.of(def("pk", ScalarAttributeType.S)));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> {
            definitions.add(def("g" + i, ScalarAttributeType.S));
            indexes.add(GlobalSecondaryIndex.builder().indexName("by-g" + i).keySchema(hash("g" + i))
                    .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build());
        });
        String t = table(b -> b.attributeDefinitions(definitions).globalSecondaryIndexes(indexes));
        expect(LimitExceededException.class, "Subscriber limit exceeded: Number of global secondary indexes exceeds "
                + "per-table limit of 20", () -> update(t, r -> r.attributeDefinitions(def("x", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(create("by-x", "x", null))));
        update(t, r -> r.globalSecondaryIndexUpdates(delete("by-g0")));
        update(t, r -> r.attributeDefinitions(def("x", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(create("by-x", "x", null)));
        assertThat(describe(ddb, t).globalSecondaryIndexes()).hasSize(20);
    }

    // ---- the other settings, and calls that change nothing

    @Test
    void deletionProtectionIsSetAndClearedAlone() {
        String t = table(b -> { });
        assertThat(update(t, r -> r.deletionProtectionEnabled(true)).deletionProtectionEnabled()).isTrue();
        validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion "
                + "protection first.", () -> ddb.deleteTable(r -> r.tableName(t)));
        assertThat(update(t, r -> r.deletionProtectionEnabled(true)).deletionProtectionEnabled()).isTrue();
        validation("One or more parameter values were invalid: DeletionProtection modification must be the only "
                + "operation in the request", () -> update(t, r -> r.deletionProtectionEnabled(false)
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertThat(update(t, r -> r.deletionProtectionEnabled(false)).deletionProtectionEnabled()).isFalse();
        ddb.deleteTable(r -> r.tableName(t));
    }

    @Test
    void tableClassIsSetTwiceInThirtyDays() {
        String t = table(b -> { });
        assertThat(describe(ddb, t).tableClassSummary()).isNull();
        validation("Invalid table-class parameter provided. Please try again with a valid table-class value: "
                + "[STANDARD, STANDARD_INFREQUENT_ACCESS].", () -> update(t, r -> r.tableClass("GLACIER")));
        validation("One or more parameter values were invalid: TableClass modification must be the only operation in "
                + "the request", () -> update(t, r -> r.tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)
                .deletionProtectionEnabled(true)));
        Instant first = admin.now();
        assertThat(update(t, r -> r.tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)).tableClassSummary())
                .isEqualTo(TableClassSummary.builder().tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)
                        .lastUpdateDateTime(first).build());
        admin.advance(Duration.ofDays(1));
        update(t, r -> r.tableClass(TableClass.STANDARD));
        assertThat(describe(ddb, t).tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD);
        expect(LimitExceededException.class, "Subscriber limit exceeded: Updates to TableClass are limited to 2 times "
                + "in 30 day(s).", () -> update(t, r -> r.tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)));
        admin.set(first.plus(Duration.ofDays(30)));
        update(t, r -> r.tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
        // CreateTable sets it too.
        String infrequent = table(b -> b.tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
        assertThat(describe(ddb, infrequent).tableClassSummary().tableClass())
                .isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
    }

    @Test
    void streamsAndKeyEncryptionAreNotServedAndAwsOwnRefusalsHold() {
        String t = table(b -> { });
        validation("One or more parameter values were invalid: Table is already encrypted by default",
                () -> update(t, r -> r.sseSpecification(s -> s.enabled(false))));
        validation("Strongroom does not serve server-side encryption with a KMS key (SSESpecification Enabled): every "
                + "table is encrypted at rest with an AWS owned key", () -> update(t, r -> r
                .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS))));
        validation("One or more parameter values were invalid: Server-Side Encryption modification must be the only "
                + "operation in the request", () -> update(t, r -> r.sseSpecification(s -> s.enabled(false))
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        validation("Table has no stream to disable: TableName: " + t, () -> update(t, r -> r
                .streamSpecification(s -> s.streamEnabled(false))));
        validation("One or more parameter values were invalid: If stream is being enabled then UpdateViewType is "
                + "required", () -> update(t, r -> r.streamSpecification(s -> s.streamEnabled(true))));
        validation("Strongroom does not serve DynamoDB Streams (StreamSpecification): no table has a stream",
                () -> update(t, r -> r.streamSpecification(s -> s.streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_IMAGE))));
        validation("Strongroom does not serve ReplicaUpdates: global tables (replicas and witnesses), on-demand "
                + "maximum throughput and warm throughput are not served", () -> update(t, r -> r
                .replicaUpdates(u -> u.create(c -> c.regionName("eu-central-1")))));
    }

    @Test
    void aCallThatChangesNothingAndAnUnknownTableAreRefused() {
        String t = table(b -> { });
        String nothing = "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                + "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, "
                + "ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, "
                + "WarmThroughput or TableClass is required";
        validation(nothing, () -> update(t, r -> { }));
        validation(nothing, () -> update(t, r -> r.attributeDefinitions(def("x", ScalarAttributeType.S))));
        validation(nothing, () -> update(t, r -> r.globalSecondaryIndexUpdates(List.of())));
        // The request is judged before the table is looked up.
        validation(nothing, () -> update("no-such-table", r -> { }));
        expect(ResourceNotFoundException.class, "Requested resource not found: Table: no-such-table not found",
                () -> update("no-such-table", r -> r.deletionProtectionEnabled(true)));
        validation("1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to "
                + "satisfy constraint: Member must have value greater than or equal to 1", () -> update(t, r -> r
                .provisionedThroughput(throughput(0, 1))));
        validation("1 validation error detected: Value 'FREE' at 'billingMode' failed to satisfy constraint: Member "
                + "must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]", () -> update(t, r -> r
                .billingMode("FREE")));
    }

    @Test
    void authorizedAsUpdateTableOnTheTablesArn() {
        String mine = table(b -> { });
        String theirs = table(b -> { });
        String arn = "arn:aws:dynamodb:eu-west-1:111111111111:table/";
        AwsBasicCredentials keeper;
        try (IamClient iam = server.endpoint().client(IamClient.builder())) {
            iam.createUser(r -> r.userName("table-keeper"));
            iam.putUserPolicy(r -> r.userName("table-keeper").policyName("own-table").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"dynamodb:UpdateTable\",\"Resource\":\"" + arn + mine + "\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("table-keeper")).accessKey();
            keeper = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        try (DynamoDbClient asKeeper = server.endpoint().client(DynamoDbClient.builder(), keeper)) {
            assertThat(update(asKeeper, mine, r -> r.deletionProtectionEnabled(true)).deletionProtectionEnabled())
                    .isTrue();
            DynamoDbException denied = catchThrowableOfType(() -> update(asKeeper, theirs,
                    r -> r.deletionProtectionEnabled(true)), DynamoDbException.class);
            assertThat(denied.statusCode()).isEqualTo(400);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111111111111:user/"
                    + "table-keeper is not authorized to perform: dynamodb:UpdateTable on resource: " + arn + theirs
                    + " because no identity-based policy allows the dynamodb:UpdateTable action");
        }
        assertThat(describe(ddb, theirs).deletionProtectionEnabled()).isFalse();
        update(mine, r -> r.deletionProtectionEnabled(false));
    }

    @Test
    void aBackupStopsDescribingItsTableOnceUpdateTableChangesItsDefinition() {
        BackupJobsIT.Fixture f = BackupJobsIT.fixture(server, "updated-backups");
        try (DynamoDbClient client = server.endpoint().client(DynamoDbClient.builder(), f.credentials());
             BackupClient backup = f.backup()) {
            String t = provisioned(client);
            String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName())
                    .resourceArn(describe(client, t).tableArn()).iamRoleArn(f.roleArn())).backupJobId();
            admin.advance(Duration.ofHours(1));
            String point = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();
            update(client, t, r -> r.deletionProtectionEnabled(true));
            SourceTableDetails source = client.describeBackup(r -> r.backupArn(point)).backupDescription()
                    .sourceTableDetails();
            assertThat(source.provisionedThroughput().readCapacityUnits()).isEqualTo(10L);
            update(client, t, r -> r.provisionedThroughput(throughput(20, 20)));
            // The table no longer shows what was backed up, and the backup keeps no definition of its own (D112).
            BackupDescription after = client.describeBackup(r -> r.backupArn(point)).backupDescription();
            assertThat(after.sourceTableDetails()).isNull();
            assertThat(after.sourceTableFeatureDetails()).isNull();
            assertThat(after.backupDetails().backupArn()).isEqualTo(point);
        }
    }

    @Test
    void theChangeIsKeptAcrossARestartAndRecordedInCloudTrail() throws Exception {
        Path data = temp.resolve("data");
        String t;
        TableDescription changed;
        try (TestServer own = TestServer.start(ServerOptions.defaults(data).withPort(0));
             DynamoDbClient client = own.endpoint().client(DynamoDbClient.builder())) {
            t = provisioned(client);
            update(client, t, r -> r.provisionedThroughput(throughput(5, 5)));
            update(client, t, r -> r.attributeDefinitions(def("h", ScalarAttributeType.S))
                    .globalSecondaryIndexUpdates(create("by-h", "h", throughput(1, 1))));
            update(client, t, r -> r.tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
            changed = update(client, t, r -> r.deletionProtectionEnabled(true));
        }
        try (TestServer own = TestServer.start(ServerOptions.defaults(data).withPort(0));
             DynamoDbClient client = own.endpoint().client(DynamoDbClient.builder());
             CloudTrailClient trail = own.endpoint().client(CloudTrailClient.builder())) {
            TableDescription after = describe(client, t);
            assertThat(after).isEqualTo(changed);
            assertThat(after.provisionedThroughput().numberOfDecreasesToday()).isEqualTo(1L);
            assertThat(after.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                    .containsExactly("by-g", "by-h");
            List<Event> events = trail.lookupEvents(r -> r.lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("UpdateTable"))).events();
            assertThat(events).hasSize(4);
            Event latest = events.get(0);
            assertThat(latest.eventSource()).isEqualTo("dynamodb.amazonaws.com");
            assertThat(latest.readOnly()).isEqualTo("false");
            JsonNode record = new ObjectMapper().readTree(latest.cloudTrailEvent());
            assertThat(record.at("/requestParameters/tableName").asText()).isEqualTo(t);
            assertThat(record.at("/requestParameters/deletionProtectionEnabled").asBoolean()).isTrue();
        }
    }
}
