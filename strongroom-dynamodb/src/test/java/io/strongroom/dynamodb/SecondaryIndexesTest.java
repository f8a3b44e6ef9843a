package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.dynamodb.expression.ExpressionAttributes;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.strongroom.dynamodb.AttributeValue.n;
import static io.strongroom.dynamodb.AttributeValue.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reads of secondary indexes and the writes their keys constrain, against a SQLite store (D109). */
class SecondaryIndexesTest {
    static final String ACCOUNT = "111111111111";
    static final String REGION = "eu-west-1";
    @TempDir
    Path dir;
    Store store;
    DynamoDbService db;

    @BeforeEach
    void open() {
        store = StoreFactory.open(dir.resolve("store.db").toString());
        AtomicInteger ids = new AtomicInteger();
        db = new DynamoDbService(Clock.fixed(Instant.parse("2027-02-01T00:00:00Z"), ZoneOffset.UTC),
                tx -> String.format("00000000-0000-4000-8000-%012d", ids.incrementAndGet()));
        // orders: pk (S) + sk (N); by-status: status (S) + total (N), KEYS_ONLY; by-date: pk + date (S), ALL.
        store.write(tx -> db.createTable(tx, ACCOUNT, REGION, new Inputs.CreateTable("orders",
                List.of(new Inputs.KeySchemaElement("pk", "HASH"), new Inputs.KeySchemaElement("sk", "RANGE")),
                List.of(def("pk", "S"), def("sk", "N"), def("status", "S"), def("total", "N"), def("date", "S")),
                "PAY_PER_REQUEST", null, null, false, Map.of(),
                List.of(new Inputs.IndexDefinition("by-status", List.of(new Inputs.KeySchemaElement("status", "HASH"),
                        new Inputs.KeySchemaElement("total", "RANGE")), true, "KEYS_ONLY", null, false, null, null)),
                List.of(new Inputs.IndexDefinition("by-date", List.of(new Inputs.KeySchemaElement("pk", "HASH"),
                        new Inputs.KeySchemaElement("date", "RANGE")), true, "KEYS_ONLY", null, false, null, null)))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Inputs.AttributeDefinition def(String name, String type) {
        return new Inputs.AttributeDefinition(name, type);
    }

    void put(String pk, int sk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new HashMap<>(more);
        item.put("pk", s(pk));
        item.put("sk", n(String.valueOf(sk)));
        store.write(tx -> db.putItem(tx, ACCOUNT, REGION, "orders", item, Inputs.Conditional.none()));
    }

    ItemPage query(String index, String condition, Map<String, AttributeValue> values, boolean forward,
                   Integer limit, Map<String, AttributeValue> start, String select, boolean consistent) {
        return store.read(tx -> db.query(tx, ACCOUNT, REGION, new Inputs.Read("orders", condition, null, null,
                new ExpressionAttributes(Map.of(), values), forward, limit, start, select, index, consistent)));
    }

    static List<String> keys(ItemPage page) {
        return page.items().stream().map(i -> ((AttributeValue.S) i.get("pk")).value() + "/"
                + ((AttributeValue.N) i.get("sk")).value()).toList();
    }

    @Test
    void aGlobalIndexHoldsOnlyItemsWithItsKeysOrderedByThemThenByTheTableKey() {
        put("b", 1, Map.of("status", s("open"), "total", n("20"), "note", s("x")));
        put("a", 2, Map.of("status", s("open"), "total", n("20")));
        put("a", 1, Map.of("status", s("open"), "total", n("5")));
        put("c", 1, Map.of("status", s("open")));
        put("d", 1, Map.of("status", s("closed"), "total", n("1")));

        ItemPage page = query("by-status", "status = :s", Map.of(":s", s("open")), true, null, null, null, false);
        assertThat(keys(page)).containsExactly("a/1", "a/2", "b/1");
        assertThat(page.items().get(2)).containsOnlyKeys("pk", "sk", "status", "total");
        assertThat(keys(query("by-status", "status = :s", Map.of(":s", s("open")), false, null, null, null, false)))
                .containsExactly("b/1", "a/2", "a/1");
        assertThat(keys(query("by-status", "status = :s AND total > :t", Map.of(":s", s("open"), ":t", n("5")), true,
                null, null, null, false))).containsExactly("a/2", "b/1");
    }

    @Test
    void pagesOfAnIndexGoOnFromTheTableAndIndexKeys() {
        for (int i = 0; i < 5; i++) {
            put("p" + i, i, Map.of("status", s("open"), "total", n("7")));
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ItemPage page = query("by-status", "status = :s", Map.of(":s", s("open")), true, 2, start, null, false);
            seen.addAll(keys(page));
            start = page.lastEvaluatedKey();
            if (start != null) {
                assertThat(start).containsOnlyKeys("pk", "sk", "status", "total");
            }
        } while (start != null);
        assertThat(seen).containsExactly("p0/0", "p1/1", "p2/2", "p3/3", "p4/4");
    }

    @Test
    void aLocalIndexReadsConsistentlyAndFetchesWhatItDoesNotProject() {
        put("a", 1, Map.of("date", s("2027-03"), "note", s("late")));
        put("a", 2, Map.of("date", s("2027-01"), "note", s("early")));
        put("a", 3, Map.of("note", s("undated")));
        ItemPage projected = query("by-date", "pk = :p", Map.of(":p", s("a")), true, null, null, null, true);
        assertThat(keys(projected)).containsExactly("a/2", "a/1");
        assertThat(projected.items().get(0)).containsOnlyKeys("pk", "sk", "date");
        ItemPage all = query("by-date", "pk = :p", Map.of(":p", s("a")), true, null, null, "ALL_ATTRIBUTES", true);
        assertThat(all.items().get(0)).containsEntry("note", s("early"));
    }

    @Test
    void aGlobalIndexRefusesConsistentReadsAndAllAttributesWhenItDoesNotProjectThem() {
        assertThat(catchThrowableOfType(() -> query("by-status", "status = :s", Map.of(":s", s("open")), true, null,
                null, null, true), ServiceException.class))
                .hasMessage("Consistent reads are not supported on global secondary indexes");
        assertThat(catchThrowableOfType(() -> query("by-status", "status = :s", Map.of(":s", s("open")), true, null,
                null, "ALL_ATTRIBUTES", false), ServiceException.class))
                .hasMessage("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
                        + "for global secondary index by-status because its projection type is not ALL");
        assertThat(catchThrowableOfType(() -> query("nope", "status = :s", Map.of(":s", s("open")), true, null,
                null, null, false), ServiceException.class))
                .hasMessage("The table does not have the specified index: nope");
        assertThat(catchThrowableOfType(() -> query("by-status", "pk = :s", Map.of(":s", s("open")), true, null,
                null, null, false), ServiceException.class))
                .hasMessage("Query condition missed key schema element: status");
    }

    @Test
    void writesRefuseIndexKeysOfTheWrongType() {
        assertThat(catchThrowableOfType(() -> put("a", 1, Map.of("status", n("1"))), ServiceException.class))
                .hasMessage("One or more parameter values were invalid: Type mismatch for Index Key status Expected: S "
                        + "Actual: N IndexName: by-status");
        put("a", 1, Map.of("note", s("x")));
        assertThat(catchThrowableOfType(() -> store.write(tx -> db.updateItem(tx, ACCOUNT, REGION, "orders",
                Map.of("pk", s("a"), "sk", n("1")), "SET #d = :d", new Inputs.Conditional(null,
                        new ExpressionAttributes(Map.of("#d", "date"), Map.of(":d", n("3")))))), ServiceException.class))
                .hasMessage("One or more parameter values were invalid: Type mismatch for Index Key date Expected: S "
                        + "Actual: N IndexName: by-date");
    }

    @Test
    void describedCountsAreTheIndexesEntries() {
        put("a", 1, Map.of("status", s("open"), "total", n("1"), "date", s("d")));
        put("a", 2, Map.of("status", s("open")));
        TableDescription d = store.read(tx -> db.describeTable(tx, ACCOUNT, REGION, "orders"));
        assertThat(d.itemCount()).isEqualTo(2);
        assertThat(d.counts("by-status").itemCount()).isEqualTo(1);
        assertThat(d.counts("by-date").itemCount()).isEqualTo(1);
        assertThat(d.counts("by-status").sizeBytes()).isPositive();
    }

    @Test
    void aTableStoredBeforeIndexesReadsWithNone() {
        String stored = "{\"v\":1,\"d\":{\"accountId\":\"1\",\"region\":\"r\",\"name\":\"old\",\"tableId\":\"id\","
                + "\"hashKey\":{\"name\":\"pk\",\"type\":\"S\"},\"attributeDefinitions\":{\"pk\":\"S\"},"
                + "\"billingMode\":\"PAY_PER_REQUEST\",\"readCapacity\":0,\"writeCapacity\":0,"
                + "\"deletionProtection\":false,\"created\":\"2027-01-01T00:00:00Z\",\"tags\":{}}}";
        Table old = DynamoDbCodecs.TABLE.decode(stored.getBytes(StandardCharsets.UTF_8));
        assertThat(old.indexes()).isEmpty();
        Table orders = store.read(tx -> db.table(tx, ACCOUNT, REGION, "orders"));
        assertThat(DynamoDbCodecs.TABLE.decode(DynamoDbCodecs.TABLE.encode(orders))).isEqualTo(orders);
    }
}
