package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.strongroom.it.DynamoDbIT.n;
import static io.strongroom.it.DynamoDbIT.s;
import static io.strongroom.it.DynamoDbIT.validation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Global and local secondary indexes through the SDK v2: created, described, queried and scanned with their
 * projections, order and pages, kept by item writes, and kept by an AWS Backup restore (D109).
 */
class DynamoDbIndexesIT {
    static TestServer server;
    static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ddb = server.endpoint().client(DynamoDbClient.builder());
    }

    @AfterAll
    static void stop() {
        ddb.close();
        server.close();
    }

    static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    /**
     * Orders of customers (pk), each numbered (sk): by-status is a GSI on status and total projecting the note too,
     * by-placed an LSI on placed projecting the keys only.
     */
    static CreateTableRequest.Builder orders(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("pk"), range("sk"))
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
                        def("status", ScalarAttributeType.S), def("total", ScalarAttributeType.N),
                        def("placed", ScalarAttributeType.S))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-status")
                        .keySchema(hash("status"), range("total"))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("note")).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("by-placed")
                        .keySchema(hash("pk"), range("placed"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build());
    }

    static void put(String table, String pk, int sk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new HashMap<>(more);
        item.put("pk", s(pk));
        item.put("sk", n(String.valueOf(sk)));
        ddb.putItem(r -> r.tableName(table).item(item));
    }

    static List<String> keys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("pk").s() + "/" + i.get("sk").n()).toList();
    }

    static QueryResponse byStatus(String table, String status, Consumer<QueryRequest.Builder> more) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("by-status")
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s(status)));
        more.accept(q);
        return ddb.query(q.build());
    }

    /** Four open orders, one closed, one without a status (not in by-status) and one without a placed date. */
    static void fill(String table) {
        put(table, "ada", 1, Map.of("status", s("open"), "total", n("30"), "placed", s("2027-01-03"),
                "note", s("gift"), "lines", n("2")));
        put(table, "ada", 2, Map.of("status", s("open"), "total", n("10"), "placed", s("2027-01-01"),
                "lines", n("1")));
        put(table, "bob", 1, Map.of("status", s("open"), "total", n("30"), "placed", s("2027-01-02")));
        put(table, "cy", 1, Map.of("status", s("open"), "total", n("20")));
        put(table, "dee", 1, Map.of("status", s("closed"), "total", n("5"), "placed", s("2027-01-01")));
        put(table, "ada", 3, Map.of("placed", s("2027-01-02"), "note", s("draft")));
    }

    @Test
    void createdIndexesAreDescribedWithTheirKeysProjectionsAndCounts() {
        TableDescription created = ddb.createTable(orders("described").build()).tableDescription();
        assertThat(created.globalSecondaryIndexes()).hasSize(1);
        fill("described");
        TableDescription t = ddb.describeTable(r -> r.tableName("described")).table();
        assertThat(t.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
                .containsExactlyInAnyOrder("pk", "sk", "status", "total", "placed");
        GlobalSecondaryIndexDescription gsi = t.globalSecondaryIndexes().get(0);
        assertThat(gsi.indexName()).isEqualTo("by-status");
        assertThat(gsi.indexArn()).isEqualTo(t.tableArn() + "/index/by-status");
        assertThat(gsi.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(gsi.keySchema()).containsExactly(hash("status"), range("total"));
        assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(gsi.projection().nonKeyAttributes()).containsExactly("note");
        assertThat(gsi.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(gsi.provisionedThroughput().writeCapacityUnits()).isZero();
        assertThat(gsi.itemCount()).isEqualTo(5);
        assertThat(gsi.indexSizeBytes()).isPositive();
        LocalSecondaryIndexDescription lsi = t.localSecondaryIndexes().get(0);
        assertThat(lsi.indexName()).isEqualTo("by-placed");
        assertThat(lsi.indexArn()).isEqualTo(t.tableArn() + "/index/by-placed");
        assertThat(lsi.keySchema()).containsExactly(hash("pk"), range("placed"));
        assertThat(lsi.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(lsi.projection().hasNonKeyAttributes()).isFalse();
        assertThat(lsi.itemCount()).isEqualTo(5);
        assertThat(ddb.deleteTable(r -> r.tableName("described")).tableDescription().globalSecondaryIndexes())
                .hasSize(1);
    }

    @Test
    void aProvisionedTablesGlobalIndexHasItsOwnThroughput() {
        GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder().indexName("by-g").keySchema(hash("g"))
                .projection(p -> p.projectionType(ProjectionType.ALL));
        TableDescription t = ddb.createTable(r -> r.tableName("provisioned").keySchema(hash("pk"))
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(4L))
                .globalSecondaryIndexes(gsi.provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(2L))
                        .build())).tableDescription();
        ProvisionedThroughputDescription throughput = t.globalSecondaryIndexes().get(0).provisionedThroughput();
        assertThat(throughput.readCapacityUnits()).isEqualTo(3);
        assertThat(throughput.writeCapacityUnits()).isEqualTo(2);
        assertThat(throughput.numberOfDecreasesToday()).isZero();

        validation("One or more parameter values were invalid: ProvisionedThroughput is not specified for index: "
                + "by-g", () -> ddb.createTable(r -> r.tableName("provisioned-2").keySchema(hash("pk"))
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(4L))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-g").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())));
        validation("One or more parameter values were invalid: ProvisionedThroughput should not be specified for "
                + "index: by-g when BillingMode is PAY_PER_REQUEST", () -> ddb.createTable(r -> r
                .tableName("on-demand").keySchema(hash("pk")).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-g").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)).build())));
    }

    @Test
    void badDefinitionsAreRefusedInAwsWords() {
        validation("One or more parameter values were invalid: Table KeySchema does not have a range key, which is "
                + "required when specifying a LocalSecondaryIndex", () -> ddb.createTable(r -> r.tableName("bad-1")
                .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(hash("pk"))
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("l", ScalarAttributeType.S))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("by-l").keySchema(hash("pk"), range("l"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())));
        validation("One or more parameter values were invalid: Some AttributeDefinitions are not used. "
                + "AttributeDefinitions: [pk, sk, status, total, placed, spare], keys used: [pk, sk, placed, status, "
                + "total]", () -> ddb.createTable(orders("bad-2").attributeDefinitions(def("pk", ScalarAttributeType.S),
                def("sk", ScalarAttributeType.N), def("status", ScalarAttributeType.S),
                def("total", ScalarAttributeType.N), def("placed", ScalarAttributeType.S),
                def("spare", ScalarAttributeType.S)).build()));
        validation("One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not "
                + "specified", () -> ddb.createTable(orders("bad-3").globalSecondaryIndexes(GlobalSecondaryIndex
                .builder().indexName("by-status").keySchema(hash("status"))
                .projection(p -> p.projectionType(ProjectionType.INCLUDE)).build())
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
                        def("status", ScalarAttributeType.S), def("placed", ScalarAttributeType.S)).build()));
        validation("One or more parameter values were invalid: Duplicate index name: by-status", () -> ddb.createTable(
                orders("bad-4").localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("by-status")
                        .keySchema(hash("pk"), range("placed")).projection(p -> p.projectionType(ProjectionType.ALL))
                        .build()).build()));
        assertThat(ddb.listTables().tableNames()).noneMatch(name -> name.startsWith("bad-"));
    }

    @Test
    void aGlobalIndexIsQueriedInItsKeysOrderWithItsProjection() {
        ddb.createTable(orders("gsi").build());
        fill("gsi");
        QueryResponse open = byStatus("gsi", "open", q -> { });
        // Equal index keys (ada/1 and bob/1 both total 30) come in the table's key order.
        assertThat(keys(open.items())).containsExactly("ada/2", "cy/1", "ada/1", "bob/1");
        assertThat(open.items().get(2)).containsOnlyKeys("pk", "sk", "status", "total", "note");
        assertThat(keys(byStatus("gsi", "open", q -> q.scanIndexForward(false)).items()))
                .containsExactly("bob/1", "ada/1", "cy/1", "ada/2");
        assertThat(keys(byStatus("gsi", "open", q -> q.keyConditionExpression("#s = :s AND total BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":s", s("open"), ":a", n("15"), ":b", n("30")))).items()))
                .containsExactly("cy/1", "ada/1", "bob/1");
        QueryResponse projected = byStatus("gsi", "open", q -> q.projectionExpression("pk, note, lines"));
        assertThat(projected.items().get(2)).isEqualTo(Map.of("pk", s("ada"), "note", s("gift")));
        assertThat(byStatus("gsi", "open", q -> q.filterExpression("attribute_exists(note)")).count()).isEqualTo(1);
        assertThat(byStatus("gsi", "open", q -> q.select(Select.COUNT)).count()).isEqualTo(4);

        ScanResponse scanned = ddb.scan(r -> r.tableName("gsi").indexName("by-status"));
        assertThat(scanned.count()).isEqualTo(5);
        assertThat(keys(scanned.items())).doesNotContain("ada/3");
    }

    @Test
    void indexPagesGoOnFromTheTableAndIndexKeys() {
        ddb.createTable(orders("paged").build());
        fill("paged");
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = byStatus("paged", "open", q -> q.limit(3).exclusiveStartKey(from));
            seen.addAll(keys(page.items()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start).containsOnlyKeys("pk", "sk", "status", "total");
            }
            pages++;
        } while (start != null);
        assertThat(seen).containsExactly("ada/2", "cy/1", "ada/1", "bob/1");
        assertThat(pages).isEqualTo(2);

        List<String> scanned = new ArrayList<>();
        ScanRequest.Builder scan = ScanRequest.builder().tableName("paged").indexName("by-placed").limit(2);
        ScanResponse page;
        do {
            page = ddb.scan(scan.build());
            scanned.addAll(keys(page.items()));
            scan.exclusiveStartKey(page.lastEvaluatedKey());
        } while (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty());
        assertThat(scanned).hasSize(5).doesNotContain("cy/1");
    }

    @Test
    void aGlobalIndexRefusesWhatItCannotAnswer() {
        ddb.createTable(orders("refusing").build());
        validation("Consistent reads are not supported on global secondary indexes",
                () -> byStatus("refusing", "open", q -> q.consistentRead(true)));
        validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
                + "secondary index by-status because its projection type is not ALL",
                () -> byStatus("refusing", "open", q -> q.select(Select.ALL_ATTRIBUTES)));
        validation("The table does not have the specified index: by-nothing", () -> ddb.query(r -> r
                .tableName("refusing").indexName("by-nothing").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("ada")))));
        validation("The table does not have the specified index: by-nothing", () -> ddb.scan(r -> r
                .tableName("refusing").indexName("by-nothing")));
        validation("Query condition missed key schema element: status", () -> ddb.query(r -> r.tableName("refusing")
                .indexName("by-status").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("ada")))));
    }

    @Test
    void aLocalIndexReadsConsistentlyAndFetchesEveryAttribute() {
        ddb.createTable(orders("lsi").build());
        fill("lsi");
        QueryResponse placed = ddb.query(r -> r.tableName("lsi").indexName("by-placed").consistentRead(true)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("ada"))));
        assertThat(keys(placed.items())).containsExactly("ada/2", "ada/3", "ada/1");
        assertThat(placed.items().get(0)).containsOnlyKeys("pk", "sk", "placed");
        QueryResponse all = ddb.query(r -> r.tableName("lsi").indexName("by-placed").select(Select.ALL_ATTRIBUTES)
                .keyConditionExpression("pk = :p AND placed >= :d")
                .expressionAttributeValues(Map.of(":p", s("ada"), ":d", s("2027-01-02"))));
        assertThat(all.items()).extracting(i -> i.get("note").s()).containsExactly("draft", "gift");
    }

    @Test
    void writesRefuseAnIndexKeyOfTheWrongType() {
        ddb.createTable(orders("typed").build());
        String mismatch = "One or more parameter values were invalid: Type mismatch for Index Key status Expected: S "
                + "Actual: N IndexName: by-status";
        validation(mismatch, () -> put("typed", "ada", 1, Map.of("status", n("1"))));
        validation(mismatch, () -> ddb.batchWriteItem(r -> r.requestItems(Map.of("typed", List.of(WriteRequest
                .builder().putRequest(p -> p.item(Map.of("pk", s("ada"), "sk", n("1"), "status", n("1")))).build())))));
        put("typed", "ada", 1, Map.of());
        validation("One or more parameter values were invalid: Type mismatch for Index Key placed Expected: S "
                + "Actual: N IndexName: by-placed", () -> ddb.updateItem(r -> r.tableName("typed")
                .key(Map.of("pk", s("ada"), "sk", n("1"))).updateExpression("SET placed = :p")
                .expressionAttributeValues(Map.of(":p", n("7")))));
        TransactionCanceledException canceled = (TransactionCanceledException) DynamoDbIT.expect(
                TransactionCanceledException.class, "Transaction cancelled, please refer cancellation reasons for "
                        + "specific reasons [ValidationError]", () -> ddb.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName("typed").item(Map.of("pk", s("bob"),
                                "sk", n("1"), "total", s("lots")))).build())));
        assertThat(canceled.cancellationReasons().get(0).message()).isEqualTo("One or more parameter values were "
                + "invalid: Type mismatch for Index Key total Expected: N Actual: S IndexName: by-status");
        assertThat(ddb.scan(r -> r.tableName("typed")).count()).isEqualTo(1);
    }

    @Test
    void aRestoreThroughAwsBackupKeepsTheIndexes() {
        BackupJobsIT.Fixture f = BackupJobsIT.fixture(server, "indexes");
        BackupClient backup = f.backup();
        try (DynamoDbClient own = server.endpoint().client(DynamoDbClient.builder(), f.credentials())) {
            String arn = own.createTable(orders("kept").build()).tableDescription().tableArn();
            own.putItem(r -> r.tableName("kept").item(Map.of("pk", s("ada"), "sk", n("1"), "status", s("open"),
                    "total", n("3"), "note", s("n"), "lines", n("1"))));
            own.putItem(r -> r.tableName("kept").item(Map.of("pk", s("bob"), "sk", n("1"), "status", s("open"),
                    "total", n("1"))));
            String job = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(arn)
                    .iamRoleArn(f.roleArn())).backupJobId();
            server.endpoint().admin().advance(Duration.ofHours(1));
            String point = backup.describeBackupJob(r -> r.backupJobId(job)).recoveryPointArn();
            Map<String, String> metadata = new HashMap<>(backup.getRecoveryPointRestoreMetadata(r -> r
                    .backupVaultName(f.vaultName()).recoveryPointArn(point)).restoreMetadata());
            metadata.put("targetTableName", "kept-restored");
            String restore = backup.startRestoreJob(r -> r.recoveryPointArn(point).iamRoleArn(f.roleArn())
                    .metadata(metadata)).restoreJobId();
            server.endpoint().admin().advance(Duration.ofHours(1));
            assertThat(backup.describeRestoreJob(r -> r.restoreJobId(restore)).statusAsString()).isEqualTo("COMPLETED");

            TableDescription source = own.describeTable(r -> r.tableName("kept")).table();
            TableDescription restored = own.describeTable(r -> r.tableName("kept-restored")).table();
            assertThat(restored.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName,
                    GlobalSecondaryIndexDescription::keySchema, GlobalSecondaryIndexDescription::projection)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("by-status",
                            source.globalSecondaryIndexes().get(0).keySchema(),
                            source.globalSecondaryIndexes().get(0).projection()));
            assertThat(restored.globalSecondaryIndexes().get(0).indexArn()).endsWith(":table/kept-restored/index/by-status");
            assertThat(restored.localSecondaryIndexes()).extracting(LocalSecondaryIndexDescription::indexName)
                    .containsExactly("by-placed");
            Consumer<QueryRequest.Builder> query = q -> q.indexName("by-status").keyConditionExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("open")));
            List<Map<String, AttributeValue>> fromSource = own.query(q -> query.accept(q.tableName("kept"))).items();
            assertThat(fromSource).hasSize(2);
            assertThat(own.query(q -> query.accept(q.tableName("kept-restored"))).items()).isEqualTo(fromSource);
        }
    }
}
