package io.strongroom.dynamodb;

import io.strongroom.dynamodb.Inputs.TransactAction;
import io.strongroom.dynamodb.expression.ExpressionAttributes;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.Store;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** TransactWriteItems and TransactGetItems in the engine, against a SQLite store and a clock the test moves. */
class TransactionsTest {
    static final String ACCOUNT = "111111111111";
    static final String REGION = "eu-west-1";
    @TempDir
    Path dir;
    Store store;
    MovableClock clock = new MovableClock(Instant.parse("2027-02-01T00:00:00Z"));
    DynamoDbService db;

    @BeforeEach
    void open() {
        store = StoreFactory.open(dir.resolve("store.db").toString());
        AtomicInteger ids = new AtomicInteger();
        db = new DynamoDbService(clock, tx -> String.format("00000000-0000-4000-8000-%012d", ids.incrementAndGet()));
        for (String table : List.of("orders", "stock")) {
            store.write(tx -> db.createTable(tx, ACCOUNT, REGION, new Inputs.CreateTable(table,
                    List.of(new Inputs.KeySchemaElement("pk", "HASH")),
                    List.of(new Inputs.AttributeDefinition("pk", "S")), "PAY_PER_REQUEST", null, null, false,
                    Map.of())));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aFailingConditionCancelsEveryActionWithItsReasonInOrder() {
        put("stock", Map.of("pk", s("widget"), "count", n("0")));
        TransactionCanceled canceled = catchThrowableOfType(TransactionCanceled.class, () -> write(null,
                action(TransactAction.PUT, "orders", Map.of("pk", s("o-1")), null, null),
                new Inputs.TransactWriteItem(TransactAction.UPDATE, "stock", Map.of("pk", s("widget")),
                        "SET #c = #c - :one", new Inputs.Conditional("#c > :zero", new ExpressionAttributes(
                        Map.of("#c", "count"), Map.of(":one", n("1"), ":zero", n("0")))), "ALL_OLD")));

        assertThat(canceled.getMessage()).isEqualTo("Transaction cancelled, please refer cancellation reasons for "
                + "specific reasons [None, ConditionalCheckFailed]");
        assertThat(canceled.reasons()).containsExactly(CancellationReason.NONE,
                new CancellationReason("ConditionalCheckFailed", "The conditional request failed",
                        Map.of("pk", s("widget"), "count", n("0"))));
        assertThat(get("orders", "o-1")).isNull();
        assertThat(get("stock", "widget")).isEqualTo(Map.of("pk", s("widget"), "count", n("0")));
    }

    @Test
    void itemsThatDoNotFitTheirTableCancelWhileEmptyKeysRefuseTheRequest() {
        TransactionCanceled canceled = catchThrowableOfType(TransactionCanceled.class, () -> write(null,
                action(TransactAction.PUT, "orders", Map.of("pk", n("5")), null, null),
                action(TransactAction.DELETE, "orders", Map.of("id", s("x")), null, null),
                action(TransactAction.UPDATE, "stock", Map.of("pk", s("widget")), "SET #c = #c + :one", null)));
        assertThat(canceled.reasons()).extracting(CancellationReason::code)
                .containsExactly("ValidationError", "ValidationError", "ValidationError");
        assertThat(canceled.reasons()).extracting(CancellationReason::message).containsExactly(
                "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
                "The provided key element does not match the schema",
                "The provided expression refers to an attribute that does not exist in the item");

        ServiceException empty = catchThrowableOfType(ServiceException.class, () -> write(null,
                action(TransactAction.PUT, "orders", Map.of("pk", s("")), null, null)));
        assertThat(empty).isNotInstanceOf(TransactionCanceled.class);
        assertThat(empty.getMessage()).isEqualTo("One or more parameter values are not valid. The AttributeValue for "
                + "a key attribute cannot contain an empty string value. Key: pk");
    }

    @Test
    void theItemsOfOneTransactionHoldFourMegabytesAtMost() {
        List<Inputs.TransactWriteItem> large = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            large.add(action(TransactAction.PUT, "orders", Map.of("pk", s("o-" + i), "blob",
                    s("x".repeat(390_000))), null, null));
        }
        ServiceException refused = catchThrowableOfType(ServiceException.class,
                () -> write(null, large.toArray(Inputs.TransactWriteItem[]::new)));
        assertThat(refused.code()).isEqualTo("ValidationException");
        assertThat(refused.getMessage()).contains("4 MB");

        write(null, large.subList(0, 10).toArray(Inputs.TransactWriteItem[]::new));
        assertThat(get("orders", "o-9")).containsKey("blob");
    }

    @Test
    void writesCostTwoUnitsPerStartedKilobyteAndARepeatedTokenIsARead() {
        put("stock", Map.of("pk", s("widget"), "note", s("y".repeat(5000))));
        Inputs.TransactWriteItem[] actions = {
                action(TransactAction.PUT, "orders", Map.of("pk", s("o-1"), "note", s("x".repeat(1500))), null, null),
                action(TransactAction.CONDITION_CHECK, "stock", Map.of("pk", s("widget")),
                        null, "attribute_exists(pk)"),
                action(TransactAction.DELETE, "orders", Map.of("pk", s("gone")), null, null)};
        assertThat(write("token-1", actions)).containsExactly(new TableCapacity("orders", 0, 4 + 2),
                new TableCapacity("stock", 0, 10));
        assertThat(write("token-1", actions)).as("the same call again: read, not applied")
                .containsExactly(new TableCapacity("orders", 0 + 2 + 2, 0), new TableCapacity("stock", 4, 0));
    }

    @Test
    void aTokenNamesOneRequestForTenMinutes() {
        put("stock", Map.of("pk", s("widget"), "count", n("0")));
        Inputs.TransactWriteItem add = action(TransactAction.UPDATE, "stock", Map.of("pk", s("widget")),
                "ADD #c :one", null);
        write("restock", add);
        write("restock", add);
        assertThat(get("stock", "widget")).containsEntry("count", n("1"));

        ServiceException reused = catchThrowableOfType(ServiceException.class, () -> write("restock",
                action(TransactAction.UPDATE, "stock", Map.of("pk", s("widget")), "ADD #c :two", null)));
        assertThat(reused.code()).isEqualTo("IdempotentParameterMismatchException");

        clock.advance(TransactionTokens.KEPT.minusSeconds(1));
        write("restock", add);
        assertThat(get("stock", "widget")).containsEntry("count", n("1"));
        clock.advance(Duration.ofSeconds(1));
        write("restock", add);
        assertThat(get("stock", "widget")).as("ten minutes on, the token names a new request")
                .containsEntry("count", n("2"));
    }

    @Test
    void expiredTokensAreForgottenAsNewCallsComplete() {
        for (int i = 0; i < 5; i++) {
            write("old-" + i, action(TransactAction.PUT, "orders", Map.of("pk", s("o-" + i)), null, null));
        }
        assertThat(stored("dynamodb.transaction-tokens")).isEqualTo(5);
        clock.advance(Duration.ofMinutes(11));
        write("new", action(TransactAction.PUT, "orders", Map.of("pk", s("o-new")), null, null));
        assertThat(stored("dynamodb.transaction-tokens")).isEqualTo(1);
        assertThat(stored("dynamodb.transaction-token-expiry")).isEqualTo(1);
    }

    @Test
    void aCanceledCallLeavesItsTokenUnused() {
        Inputs.TransactWriteItem create = action(TransactAction.PUT, "orders", Map.of("pk", s("o-1")), null,
                "attribute_exists(pk)");
        catchThrowableOfType(TransactionCanceled.class, () -> write("first", create));
        put("orders", Map.of("pk", s("o-1"), "v", n("1")));
        write("first", action(TransactAction.PUT, "orders", Map.of("pk", s("o-1"), "v", n("2")), null,
                "attribute_exists(pk)"));
        assertThat(get("orders", "o-1")).containsEntry("v", n("2"));
    }

    @Test
    void getsAnswerInRequestOrderWithNullForMissingItems() {
        put("orders", Map.of("pk", s("o-1"), "total", n("12"), "note", s("z".repeat(5000))));
        TransactGetResult read = store.read(tx -> db.transactGetItems(tx, ACCOUNT, REGION, List.of(
                new Inputs.TransactGetItem("stock", Map.of("pk", s("none")), null, ExpressionAttributes.none()),
                new Inputs.TransactGetItem("orders", Map.of("pk", s("o-1")), "#t", new ExpressionAttributes(
                        Map.of("#t", "total"), Map.of())))));
        assertThat(read.items()).containsExactly(null, Map.of("total", n("12")));
        assertThat(read.capacity()).containsExactly(new TableCapacity("stock", 2, 0),
                new TableCapacity("orders", 4, 0));

        ServiceException twice = catchThrowableOfType(ServiceException.class, () -> store.read(tx ->
                db.transactGetItems(tx, ACCOUNT, REGION, List.of(
                        new Inputs.TransactGetItem("orders", Map.of("pk", s("o-1")), null, ExpressionAttributes.none()),
                        new Inputs.TransactGetItem("orders", Map.of("pk", s("o-1")), null,
                                ExpressionAttributes.none())))));
        assertThat(twice.getMessage()).isEqualTo("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void equalRequestsHaveOneFingerprintWhateverTheirOrder() {
        Map<String, AttributeValue> a = new java.util.LinkedHashMap<>();
        a.put("pk", s("o-1"));
        a.put("tags", new AttributeValue.SS(new java.util.LinkedHashSet<>(List.of("x", "y"))));
        Map<String, AttributeValue> b = new java.util.LinkedHashMap<>();
        b.put("tags", new AttributeValue.SS(new java.util.LinkedHashSet<>(List.of("y", "x"))));
        b.put("pk", s("o-1"));
        assertThat(RequestFingerprint.of(List.of(action(TransactAction.PUT, "orders", a, null, null))))
                .isEqualTo(RequestFingerprint.of(List.of(action(TransactAction.PUT, "orders", b, null, null))))
                .isNotEqualTo(RequestFingerprint.of(List.of(action(TransactAction.PUT, "stock", b, null, null))));
        assertThat(RequestFingerprint.of(List.of(action(TransactAction.PUT, "orders", Map.of("pk", s("ab")), null,
                null)))).isNotEqualTo(RequestFingerprint.of(List.of(action(TransactAction.PUT, "orders",
                Map.of("pk", s("a"), "b", s("")), null, null))));
    }

    // ---- building requests and reading items

    private static AttributeValue s(String v) {
        return AttributeValue.s(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.n(v);
    }

    /** An action whose expressions use the names and values their text names ({@code #c}, {@code :one}, ...). */
    private static Inputs.TransactWriteItem action(TransactAction kind, String table,
                                                   Map<String, AttributeValue> itemOrKey, String update,
                                                   String condition) {
        Map<String, String> names = new java.util.HashMap<>();
        Map<String, AttributeValue> values = new java.util.HashMap<>();
        String text = (update == null ? "" : update) + " " + (condition == null ? "" : condition);
        if (text.contains("#c")) {
            names.put("#c", "count");
        }
        if (text.contains(":one")) {
            values.put(":one", n("1"));
        }
        if (text.contains(":two")) {
            values.put(":two", n("2"));
        }
        return new Inputs.TransactWriteItem(kind, table, itemOrKey, update,
                new Inputs.Conditional(condition, new ExpressionAttributes(names, values)), null);
    }

    private List<TableCapacity> write(String token, Inputs.TransactWriteItem... actions) {
        return store.write(tx -> db.transactWriteItems(tx, ACCOUNT, REGION,
                new Inputs.TransactWrite(List.of(actions), token)));
    }

    private void put(String table, Map<String, AttributeValue> item) {
        store.write(tx -> db.putItem(tx, ACCOUNT, REGION, table, item, Inputs.Conditional.none()));
    }

    private Map<String, AttributeValue> get(String table, String pk) {
        return store.read(tx -> db.getItem(tx, ACCOUNT, REGION, table, Map.of("pk", s(pk)), null,
                ExpressionAttributes.none()).orElse(null));
    }

    private int stored(String collection) {
        return store.read(tx -> tx.scan(ScanQuery.prefix(collection, "", 100)).records().size());
    }
}
