package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * DynamoDB transactions through the SDK v2: all or nothing, AWS's cancellation reasons, the ClientRequestToken, and
 * each action authorized as the item call it stands for on its own table.
 */
class DynamoDbTransactionsIT {
    static final AtomicInteger TABLES = new AtomicInteger();
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

    @Test
    void aFailedConditionWritesNothingAndGivesEachActionsReasonInOrder() {
        String accounts = table();
        String audit = table();
        ddb.putItem(r -> r.tableName(accounts).item(Map.of("pk", s("alice"), "balance", n("10"))));
        ddb.putItem(r -> r.tableName(audit).item(Map.of("pk", s("day-1"), "state", s("open"))));

        TransactionCanceledException e = expect(TransactionCanceledException.class,
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + "[ConditionalCheckFailed, None, None, ConditionalCheckFailed]",
                () -> ddb.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName(accounts).key(Map.of("pk", s("alice")))
                                .updateExpression("SET balance = balance - :amount")
                                .conditionExpression("balance >= :amount")
                                .expressionAttributeValues(Map.of(":amount", n("50")))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                                .build(),
                        TransactWriteItem.builder().put(p -> p.tableName(audit).item(Map.of("pk", s("entry-1"),
                                "amount", n("50")))).build(),
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(audit)
                                .key(Map.of("pk", s("day-1"))).conditionExpression("#s = :open")
                                .expressionAttributeNames(Map.of("#s", "state"))
                                .expressionAttributeValues(Map.of(":open", s("open")))).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName(accounts).key(Map.of("pk", s("bob")))
                                .conditionExpression("attribute_exists(pk)")
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                                .build())));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TransactionCanceledException");
        assertThat(e.cancellationReasons()).containsExactly(
                CancellationReason.builder().code("ConditionalCheckFailed").message("The conditional request failed")
                        .item(Map.of("pk", s("alice"), "balance", n("10"))).build(),
                CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("ConditionalCheckFailed").message("The conditional request failed")
                        .build());
        assertThat(item(accounts, "alice")).isEqualTo(Map.of("pk", s("alice"), "balance", n("10")));
        assertThat(item(audit, "entry-1")).isNull();
        assertThat(item(accounts, "bob")).isNull();
    }

    @Test
    void aTransactionOverTwoTablesAppliesEveryActionAndCountsItsCapacity() {
        String accounts = table();
        String audit = table();
        ddb.putItem(r -> r.tableName(accounts).item(Map.of("pk", s("alice"), "balance", n("100"))));
        ddb.putItem(r -> r.tableName(accounts).item(Map.of("pk", s("closed"), "balance", n("0"))));
        ddb.putItem(r -> r.tableName(audit).item(Map.of("pk", s("day-1"), "state", s("open"))));

        TransactWriteItemsResponse done = ddb.transactWriteItems(r -> r
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName(accounts).key(Map.of("pk", s("alice")))
                                .updateExpression("SET balance = balance - :amount")
                                .conditionExpression("balance >= :amount")
                                .expressionAttributeValues(Map.of(":amount", n("30")))).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName(accounts).key(Map.of("pk", s("closed"))))
                                .build(),
                        TransactWriteItem.builder().put(p -> p.tableName(audit).item(Map.of("pk", s("entry-1"),
                                "amount", n("30"))).conditionExpression("attribute_not_exists(pk)")).build(),
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(audit)
                                .key(Map.of("pk", s("day-1"))).conditionExpression("attribute_exists(pk)")).build()));

        assertThat(item(accounts, "alice")).containsEntry("balance", n("70"));
        assertThat(item(accounts, "closed")).isNull();
        assertThat(item(audit, "entry-1")).containsEntry("amount", n("30"));
        assertThat(done.consumedCapacity()).containsExactly(
                ConsumedCapacity.builder().tableName(accounts).capacityUnits(4.0).writeCapacityUnits(4.0)
                        .table(Capacity.builder().capacityUnits(4.0).writeCapacityUnits(4.0).build()).build(),
                ConsumedCapacity.builder().tableName(audit).capacityUnits(4.0).writeCapacityUnits(4.0)
                        .table(Capacity.builder().capacityUnits(4.0).writeCapacityUnits(4.0).build()).build());
        assertThat(done.hasItemCollectionMetrics()).as("no local secondary indexes, so no metrics").isFalse();
    }

    @Test
    void aRequestIsRefusedWholeWhenItCannotBeATransaction() {
        String t = table();
        ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a"))));

        validation("Transaction request cannot include multiple operations on one item",
                () -> ddb.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(t).item(Map.of("pk", s("a"), "v", n("1"))))
                                .build(),
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(t).key(Map.of("pk", s("a")))
                                .conditionExpression("attribute_exists(pk)")).build())));
        validation("Transaction request cannot include multiple operations on one item",
                () -> ddb.transactGetItems(r -> r.transactItems(get(t, "a"), get(t, "a"))));

        List<TransactWriteItem> hundredAndOne = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            String pk = "p-" + i;
            hundredAndOne.add(TransactWriteItem.builder().put(p -> p.tableName(t).item(Map.of("pk", s(pk)))).build());
        }
        AwsServiceException tooMany = catchValidation(() -> ddb.transactWriteItems(r -> r
                .transactItems(hundredAndOne)));
        assertThat(tooMany.awsErrorDetails().errorMessage())
                .startsWith("1 validation error detected: Value '[{put: " + t + "}, {put: " + t + "}, ")
                .endsWith("}]' at 'transactItems' failed to satisfy constraint: Member must have length less than "
                        + "or equal to 100");
        assertThat(item(t, "p-0")).isNull();
        validation("1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member "
                + "must have length greater than or equal to 1", () -> ddb.transactWriteItems(r -> r
                .transactItems(List.of())));
        validation("TransactItems can only contain one of Check, Put, Update or Delete",
                () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName(t).item(Map.of("pk", s("b"))))
                        .delete(d -> d.tableName(t).key(Map.of("pk", s("c")))).build())));
        validation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"",
                () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName(t).item(Map.of("pk", s("b"))).conditionExpression("pk = ")).build())));
        expect(ResourceNotFoundException.class, "Requested resource not found",
                () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName(t).item(Map.of("pk", s("b")))).build(), TransactWriteItem.builder()
                        .put(p -> p.tableName("no-such-table").item(Map.of("pk", s("b")))).build())));
        assertThat(item(t, "b")).isNull();

        TransactionCanceledException mistyped = expect(TransactionCanceledException.class,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]",
                () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName(t).item(Map.of("pk", s("b")))).build(), TransactWriteItem.builder()
                        .put(p -> p.tableName(t).item(Map.of("pk", n("5")))).build())));
        assertThat(mistyped.cancellationReasons().get(1)).isEqualTo(CancellationReason.builder()
                .code("ValidationError").message("One or more parameter values were invalid: Type mismatch for key "
                        + "pk expected: S actual: N").build());
        assertThat(item(t, "b")).isNull();

        List<TransactWriteItem> hundred = hundredAndOne.subList(0, 100);
        ddb.transactWriteItems(r -> r.transactItems(hundred));
        assertThat(item(t, "p-99")).isNotNull();
    }

    @Test
    void aRepeatedTokenIsAppliedOnceAndAReusedOneRefused() {
        String t = table();
        ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("visits"), "count", n("0"))));
        TransactWriteItem addOne = TransactWriteItem.builder().update(u -> u.tableName(t)
                .key(Map.of("pk", s("visits"))).updateExpression("ADD #c :n")
                .expressionAttributeNames(Map.of("#c", "count")).expressionAttributeValues(Map.of(":n", n("1"))))
                .build();

        TransactWriteItemsResponse first = ddb.transactWriteItems(r -> r.clientRequestToken("visit-1")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(addOne));
        TransactWriteItemsResponse again = ddb.transactWriteItems(r -> r.clientRequestToken("visit-1")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(addOne));
        assertThat(item(t, "visits")).containsEntry("count", n("1"));
        assertThat(first.consumedCapacity()).containsExactly(ConsumedCapacity.builder().tableName(t)
                .capacityUnits(2.0).writeCapacityUnits(2.0).build());
        assertThat(again.consumedCapacity()).as("the repeat only reads").containsExactly(ConsumedCapacity.builder()
                .tableName(t).capacityUnits(2.0).readCapacityUnits(2.0).build());

        AwsServiceException reused = expect(IdempotentParameterMismatchException.class, "DynamoDB rejected the "
                        + "request because you retried a request with a different payload but with an idempotent token "
                        + "that was already used.",
                () -> ddb.transactWriteItems(r -> r.clientRequestToken("visit-1").transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName(t).key(Map.of("pk", s("visits")))
                                .updateExpression("ADD #c :n").expressionAttributeNames(Map.of("#c", "count"))
                                .expressionAttributeValues(Map.of(":n", n("2")))).build())));
        assertThat(reused.awsErrorDetails().errorCode()).isEqualTo("IdempotentParameterMismatchException");
        assertThat(item(t, "visits")).containsEntry("count", n("1"));

        server.endpoint().admin().advance(Duration.ofMinutes(10));
        ddb.transactWriteItems(r -> r.clientRequestToken("visit-1").transactItems(addOne));
        assertThat(item(t, "visits")).as("ten minutes on, the token names a new call").containsEntry("count", n("2"));
    }

    @Test
    void getsAnswerInRequestOrderWithAnEmptyResponseForAMissingItem() {
        String orders = table();
        String customers = table();
        ddb.putItem(r -> r.tableName(orders).item(Map.of("pk", s("o-1"), "total", n("12"), "lines", n("3"))));
        ddb.putItem(r -> r.tableName(customers).item(Map.of("pk", s("ada"), "name", s("Ada"))));

        TransactGetItemsResponse got = ddb.transactGetItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(get(customers, "ada"), get(orders, "o-404"), TransactGetItem.builder()
                        .get(g -> g.tableName(orders).key(Map.of("pk", s("o-1"))).projectionExpression("#t")
                                .expressionAttributeNames(Map.of("#t", "total"))).build()));
        assertThat(got.responses()).containsExactly(
                ItemResponse.builder().item(Map.of("pk", s("ada"), "name", s("Ada"))).build(),
                ItemResponse.builder().build(),
                ItemResponse.builder().item(Map.of("total", n("12"))).build());
        assertThat(got.responses().get(1).hasItem()).isFalse();
        assertThat(got.consumedCapacity()).containsExactly(
                ConsumedCapacity.builder().tableName(customers).capacityUnits(2.0).readCapacityUnits(2.0).build(),
                ConsumedCapacity.builder().tableName(orders).capacityUnits(4.0).readCapacityUnits(4.0).build());

        TransactionCanceledException noKey = expect(TransactionCanceledException.class, "Transaction cancelled, "
                        + "please refer cancellation reasons for specific reasons [None, ValidationError]",
                () -> ddb.transactGetItems(r -> r.transactItems(get(orders, "o-1"), TransactGetItem.builder()
                        .get(g -> g.tableName(orders).key(Map.of())).build())));
        assertThat(noKey.cancellationReasons()).containsExactly(CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("ValidationError")
                        .message("The provided key element does not match the schema").build());
    }

    @Test
    void eachActionNeedsItsOwnItemPermissionOnItsTable() {
        String mine = table();
        String theirs = table();
        ddb.putItem(r -> r.tableName(mine).item(Map.of("pk", s("checked"))));
        String arn = "arn:aws:dynamodb:eu-west-1:111111111111:table/";
        AwsCredentials clerk;
        try (IamClient iam = server.endpoint().client(IamClient.builder())) {
            iam.createUser(r -> r.userName("clerk"));
            iam.putUserPolicy(r -> r.userName("clerk").policyName("own-table").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "[\"dynamodb:PutItem\",\"dynamodb:GetItem\"],\"Resource\":\"" + arn + mine + "\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("clerk")).accessKey();
            clerk = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        try (DynamoDbClient asClerk = server.endpoint().client(DynamoDbClient.builder(), clerk)) {
            asClerk.transactWriteItems(r -> r.transactItems(put(mine, "allowed")));
            assertThat(item(mine, "allowed")).isNotNull();

            DynamoDbException otherTable = denied(() -> asClerk.transactWriteItems(r -> r
                    .transactItems(put(mine, "first"), put(theirs, "second"))));
            assertThat(otherTable.getMessage()).contains("dynamodb:PutItem", arn + theirs);
            DynamoDbException check = denied(() -> asClerk.transactWriteItems(r -> r.transactItems(put(mine, "first"),
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(mine).key(Map.of("pk", s("checked")))
                            .conditionExpression("attribute_exists(pk)")).build())));
            assertThat(check.getMessage()).contains("dynamodb:ConditionCheckItem", arn + mine);
            assertThat(item(mine, "first")).isNull();

            assertThat(asClerk.transactGetItems(r -> r.transactItems(get(mine, "allowed"))).responses())
                    .hasSize(1);
            DynamoDbException read = denied(() -> asClerk.transactGetItems(r -> r
                    .transactItems(get(mine, "allowed"), get(theirs, "x"))));
            assertThat(read.getMessage()).contains("dynamodb:GetItem", arn + theirs);
        }
    }

    // ---- building requests and reading items

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    /** A fresh table with a string partition key pk. */
    static String table() {
        String name = "ledger-" + TABLES.incrementAndGet();
        ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build()));
        return name;
    }

    static Map<String, AttributeValue> item(String table, String pk) {
        GetItemResponse got = ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s(pk))));
        return got.hasItem() ? got.item() : null;
    }

    static TransactWriteItem put(String table, String pk) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s(pk)))).build();
    }

    static TransactGetItem get(String table, String pk) {
        return TransactGetItem.builder().get(g -> g.tableName(table).key(Map.of("pk", s(pk)))).build();
    }

    static <T extends AwsServiceException> T expect(Class<T> type, String message, Executable call) {
        Throwable thrown = catchThrowable(call::execute);
        assertThat(thrown).isInstanceOf(type);
        T e = type.cast(thrown);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(e.requestId()).isNotBlank();
        return e;
    }

    static void validation(String message, Executable call) {
        AwsServiceException e = expect(DynamoDbException.class, message, call);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }

    static AwsServiceException catchValidation(Executable call) {
        Throwable thrown = catchThrowable(call::execute);
        assertThat(thrown).isInstanceOf(DynamoDbException.class);
        AwsServiceException e = (AwsServiceException) thrown;
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        return e;
    }

    static DynamoDbException denied(Executable call) {
        Throwable thrown = catchThrowable(call::execute);
        assertThat(thrown).isInstanceOf(DynamoDbException.class);
        DynamoDbException e = (DynamoDbException) thrown;
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        return e;
    }
}
