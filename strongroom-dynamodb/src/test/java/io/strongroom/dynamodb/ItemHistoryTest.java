package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Store;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The item history behind RestoreTableToPointInTime (D121): the rebuild of a past table, and the daily trim. */
class ItemHistoryTest {
    private static final String ACCOUNT = "111111111111";
    private static final String REGION = "us-east-1";
    private static final Instant START = Instant.parse("2027-02-01T00:00:00Z");

    @TempDir
    Path dir;
    Store store;
    MovableClock clock = new MovableClock(START);
    DynamoDbService dynamoDb;

    @BeforeEach
    void open() {
        store = StoreFactory.open(dir.resolve("store.db").toString());
        AtomicInteger ids = new AtomicInteger();
        dynamoDb = new DynamoDbService(clock,
                tx -> String.format("00000000-0000-4000-8000-%012d", ids.incrementAndGet()));
        store.write(tx -> dynamoDb.createTable(tx, ACCOUNT, REGION, new Inputs.CreateTable("orders",
                List.of(new Inputs.KeySchemaElement("id", "HASH")), List.of(new Inputs.AttributeDefinition("id", "S")),
                "PAY_PER_REQUEST", null, null, false, Map.of())));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFirstChangeOfAnItemAfterTheInstantGivesItsStateThen() {
        Map<String, AttributeValue> a1 = Map.of("id", AttributeValue.s("a"), "v", AttributeValue.n("1"));
        Map<String, AttributeValue> a2 = Map.of("id", AttributeValue.s("a"), "v", AttributeValue.n("2"));
        Map<String, AttributeValue> b1 = Map.of("id", AttributeValue.s("b"), "v", AttributeValue.n("1"));
        Map<String, AttributeValue> c1 = Map.of("id", AttributeValue.s("c"), "v", AttributeValue.n("1"));
        // now: a is at v3, b was deleted, c was put, d never changed
        Map<String, AttributeValue> a3 = Map.of("id", AttributeValue.s("a"), "v", AttributeValue.n("3"));
        Map<String, AttributeValue> d1 = Map.of("id", AttributeValue.s("d"), "v", AttributeValue.n("1"));
        Map<String, Map<String, AttributeValue>> now = new java.util.LinkedHashMap<>();
        now.put("t/a", a3);
        now.put("t/c", c1);
        now.put("t/d", d1);
        List<ItemHistory.Change> since = List.of(new ItemHistory.Change("t/a", a1), new ItemHistory.Change("t/b", b1),
                new ItemHistory.Change("t/a", a2), new ItemHistory.Change("t/c", null));

        assertThat(ItemHistory.asOf(now, since)).containsExactlyInAnyOrder(a1, b1, d1);
        assertThat(ItemHistory.asOf(now, since.subList(2, 4))).containsExactlyInAnyOrder(a2, d1);
        assertThat(ItemHistory.asOf(now, List.of())).containsExactlyInAnyOrder(a3, c1, d1);
    }

    @Test
    void keysOrderByTimeDownToTheNanosecond() {
        List<Instant> times = List.of(Instant.parse("2027-02-01T00:00:00.000000001Z"),
                Instant.parse("2027-02-01T00:00:00.1Z"), Instant.parse("2027-02-01T00:00:01Z"),
                Instant.parse("2100-01-01T00:00:00Z"));
        List<String> keys = new ArrayList<>();
        times.forEach(t -> keys.add(ItemHistory.key("table-id", t, "table-id/zzz")));
        assertThat(keys).isSorted().doesNotHaveDuplicates();
        assertThat(ItemHistory.key("table-id", START, "table-id/k")).isEqualTo("table-id/01801440000000000000/k");
    }

    @Test
    void writesAreKeptOnlyWhileRecoveryIsEnabledAndRestoreRebuildsThePast() {
        put("kept-before", "1"); // before enabling: part of the table, never of its history
        enable(true);
        Instant t0 = clock.instant();
        clock.advance(Duration.ofHours(1));
        put("a", "1");
        put("a", "2"); // the same instant: the history keeps the first write's item-before
        put("gone", "1");
        clock.advance(Duration.ofHours(1));
        Instant t1 = clock.instant();
        clock.advance(Duration.ofHours(1));
        put("a", "3");
        store.write(tx -> dynamoDb.deleteItem(tx, ACCOUNT, REGION, "orders", Map.of("id", AttributeValue.s("gone")),
                Inputs.Conditional.none()));
        clock.advance(Duration.ofHours(1));

        assertThat(restore("at-t0", t0)).containsExactly("kept-before=1");
        assertThat(restore("at-t1", t1)).containsExactly("a=2", "gone=1", "kept-before=1");
        assertThat(historySize()).isEqualTo(4);

        enable(false);
        assertThat(historySize()).isZero();
        assertThat(trimTimers()).isEmpty();
    }

    @Test
    void theTableRecordCarriesTheSettingAndATableStoredWithoutItReadsItsSettings() {
        assertThat(flag("orders")).isFalse();
        enable(true);
        assertThat(flag("orders")).isTrue();
        assertThat(flag(restoreTable("copy"))).isFalse();

        // a table stored before the flag existed: its writes still follow its settings (D134)
        Collection<Table> raw = new Collection<>("dynamodb.tables", DynamoDbCodecs.TABLE);
        store.write(tx -> {
            Table t = table(tx);
            return raw.put(tx, ACCOUNT + "/" + REGION + "/orders", new Table(t.accountId(), t.region(), t.name(),
                    t.tableId(), t.hashKey(), t.rangeKey(), t.attributeDefinitions(), t.billingMode(),
                    t.readCapacity(), t.writeCapacity(), t.deletionProtection(), t.created(), t.tags(), t.restored(),
                    t.indexes(), t.tableClass(), t.history(), null));
        });
        assertThat(flag("orders")).isNull();
        put("legacy", "1");
        assertThat(historySize()).isEqualTo(1);
        enable(false);
        assertThat(flag("orders")).isFalse();
        put("legacy", "2");
        assertThat(historySize()).isZero();
    }

    /** The point-in-time recovery flag the table's record carries. */
    private Boolean flag(String table) {
        Table t = store.read(tx -> dynamoDb.table(tx, ACCOUNT, REGION, table));
        return t.pointInTimeRecovery();
    }

    private String restoreTable(String target) {
        clock.advance(Duration.ofMinutes(10));
        restore(target, clock.instant().minus(Duration.ofMinutes(5)));
        return target;
    }

    @Test
    void theDailyTrimDeletesHistoryOlderThanTheWindowAPageAtATime() {
        enable(true, 1);
        clock.advance(Duration.ofHours(1));
        int writes = ItemHistory.PAGE + 20;
        store.write(tx -> {
            for (int i = 0; i < writes; i++) {
                dynamoDb.putItem(tx, ACCOUNT, REGION, "orders", Map.of("id", AttributeValue.s("k" + i)),
                        Inputs.Conditional.none());
            }
            return null;
        });
        assertThat(historySize()).isEqualTo(writes);
        clock.advance(Duration.ofHours(23));
        runDue(); // a day after enabling: the writes are an hour inside the one-day window
        assertThat(historySize()).isEqualTo(writes);
        clock.advance(Duration.ofDays(1));
        runDue();
        assertThat(historySize()).isEqualTo(writes - ItemHistory.PAGE);
        assertThat(trimTimers()).containsExactly(clock.instant().plus(ItemHistory.CONTINUE_AFTER));
        clock.advance(ItemHistory.CONTINUE_AFTER);
        runDue();
        assertThat(historySize()).isZero();
        assertThat(trimTimers()).containsExactly(clock.instant().plus(ItemHistory.INTERVAL));

        // a longer window does not reach back past what the trim deleted
        Instant trimmedTo = store.read(tx -> dynamoDb.settings().pointInTimeRecovery(tx, table(tx))).historyFrom();
        assertThat(trimmedTo).isEqualTo(clock.instant().minus(Duration.ofDays(1)));
        enable(true, 35);
        Instant earliest = store.read(tx -> dynamoDb.settings().continuousBackups(tx, ACCOUNT, REGION, "orders")
                .pointInTimeRecovery().earliestRestorable(clock.instant()));
        assertThat(earliest).isEqualTo(trimmedTo);

        store.write(tx -> dynamoDb.deleteTable(tx, ACCOUNT, REGION, "orders"));
        assertThat(trimTimers()).isEmpty();
    }

    private void put(String id, String v) {
        store.write(tx -> dynamoDb.putItem(tx, ACCOUNT, REGION, "orders", Map.of("id", AttributeValue.s(id), "v",
                AttributeValue.n(v)), Inputs.Conditional.none()));
    }

    private void enable(boolean on) {
        enable(on, null);
    }

    private void enable(boolean on, Integer days) {
        store.write(tx -> dynamoDb.settings().updateContinuousBackups(tx, ACCOUNT, REGION, "orders",
                new Inputs.PointInTimeRecoverySpecification(on, days)));
    }

    private List<String> restore(String target, Instant at) {
        return store.write(tx -> {
            dynamoDb.restoreTableToPointInTime(tx, ACCOUNT, REGION, new Inputs.RestoreToPointInTime(null, "orders",
                    null, at, new Inputs.RestoreFromBackup(target, null, null, null, null, null, null, null, null,
                    List.of())));
            return dynamoDb.allItems(tx, dynamoDb.table(tx, ACCOUNT, REGION, target)).stream()
                    .map(i -> ((AttributeValue.S) i.get("id")).value() + "=" + ((AttributeValue.N) i.get("v")).value())
                    .sorted().toList();
        });
    }

    private Table table(Tx tx) {
        return dynamoDb.table(tx, ACCOUNT, REGION, "orders");
    }

    private int historySize() {
        return store.read(tx -> {
            int n = 0;
            String after = null;
            while (true) {
                var page = tx.scan(new io.strongroom.storage.ScanQuery(ItemHistory.HISTORY, "", after, 500, false));
                n += page.records().size();
                if (page.lastKey() == null) {
                    return n;
                }
                after = page.lastKey();
            }
        });
    }

    private List<Instant> trimTimers() {
        return store.read(tx -> tx.timers().due(Instant.parse("3000-01-01T00:00:00Z"), 10)).stream()
                .filter(t -> t.type().equals(ItemHistory.TIMER)).map(Timer::due).toList();
    }

    private void runDue() {
        store.write(tx -> {
            for (Timer t : tx.timers().due(clock.instant(), 10)) {
                tx.timers().complete(t.sequence());
                if (t.type().equals(ItemHistory.TIMER)) {
                    dynamoDb.settings().onHistoryTimer(tx, t.payload());
                }
            }
            return null;
        });
    }
}
