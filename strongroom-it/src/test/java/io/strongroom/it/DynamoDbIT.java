package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** DynamoDB through the SDK v2: every served operation, AWS's errors, paging. */
class DynamoDbIT {
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

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    /** A fresh table with a string partition key pk and a number sort key sk. */
    static String table() {
        String name = "orders-" + TABLES.incrementAndGet();
        ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType("N").build()));
        return name;
    }

    static void put(String table, String pk, int sk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(more);
        item.put("pk", s(pk));
        item.put("sk", n(String.valueOf(sk)));
        ddb.putItem(r -> r.tableName(table).item(item));
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

    static AwsServiceException validation(String message, Executable call) {
        AwsServiceException e = expect(DynamoDbException.class, message, call);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        return e;
    }

    /** AWS refreshes ItemCount and TableSizeBytes about every six hours; so does Strongroom, on its clock. */
    @Test
    void itemCountAndSizeAreRefreshedEverySixHoursOfTheClock() {
        String table = table();
        put(table, "a", 1, Map.of());
        TableDescription first = ddb.describeTable(r -> r.tableName(table)).table();
        assertThat(first.itemCount()).isEqualTo(1L);

        put(table, "a", 2, Map.of("note", s("x".repeat(1000))));
        put(table, "a", 3, Map.of());
        server.endpoint().admin().advance(java.time.Duration.ofHours(5));
        TableDescription soon = ddb.describeTable(r -> r.tableName(table)).table();
        assertThat(soon.itemCount()).as("five hours later: the count taken at the first describe").isEqualTo(1L);
        assertThat(soon.tableSizeBytes()).isEqualTo(first.tableSizeBytes());

        server.endpoint().admin().advance(java.time.Duration.ofHours(1));
        TableDescription later = ddb.describeTable(r -> r.tableName(table)).table();
        assertThat(later.itemCount()).as("six hours after the first count").isEqualTo(3L);
        assertThat(later.tableSizeBytes()).isGreaterThan(first.tableSizeBytes() + 1000);
    }

    @Test
    void createDescribeListAndDeleteTables() {
        TableDescription created = ddb.createTable(r -> r.tableName("Customers")
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(3L))
                .tags(Tag.builder().key("Backup").value("daily").build())).tableDescription();
        assertThat(created.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(created.tableArn()).isEqualTo("arn:aws:dynamodb:eu-west-1:111111111111:table/Customers");
        assertThat(created.tableId()).matches("[0-9a-f-]{36}");
        assertThat(created.itemCount()).isZero();
        assertThat(created.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);

        ddb.putItem(r -> r.tableName("Customers").item(Map.of("id", s("c1"), "name", s("Ada"))));
        TableDescription described = ddb.describeTable(r -> r.tableName("Customers")).table();
        assertThat(described.itemCount()).isEqualTo(1L);
        assertThat(described.tableSizeBytes()).isPositive();
        assertThat(described.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("id");
        assertThat(ddb.listTagsOfResource(r -> r.resourceArn(created.tableArn())).tags())
                .containsExactly(Tag.builder().key("Backup").value("daily").build());

        expect(ResourceInUseException.class, "Table already exists: Customers", () -> ddb.createTable(r -> r
                .tableName("Customers").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build())));

        assertThat(ddb.listTables().tableNames()).contains("Customers");
        TableDescription deleted = ddb.deleteTable(r -> r.tableName("Customers")).tableDescription();
        assertThat(deleted.tableStatus()).isEqualTo(TableStatus.DELETING);
        expect(ResourceNotFoundException.class, "Requested resource not found: Table: Customers not found",
                () -> ddb.describeTable(r -> r.tableName("Customers")));
        expect(ResourceNotFoundException.class, "Requested resource not found",
                () -> ddb.getItem(r -> r.tableName("Customers").key(Map.of("id", s("c1")))));
    }

    @Test
    void listTablesPages() {
        try (DynamoDbClient other = otherAccount("lister")) {
            for (String name : List.of("t-c", "t-a", "t-b")) {
                other.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S")
                                .build()));
            }
            ListTablesResponse first = other.listTables(r -> r.limit(2));
            assertThat(first.tableNames()).containsExactly("t-a", "t-b");
            assertThat(first.lastEvaluatedTableName()).isEqualTo("t-b");
            ListTablesResponse second = other.listTables(r -> r.limit(2).exclusiveStartTableName("t-b"));
            assertThat(second.tableNames()).containsExactly("t-c");
            assertThat(second.lastEvaluatedTableName()).isNull();
            assertThat(other.listTablesPaginator(r -> r.limit(1)).tableNames()).containsExactly("t-a", "t-b", "t-c");
        }
    }

    static DynamoDbClient otherAccount(String name) {
        String[] key = server.endpoint().admin().createAccount(name);
        return server.endpoint().client(DynamoDbClient.builder(), AwsBasicCredentials.create(key[1], key[2]));
    }

    @Test
    void createTableValidation() {
        validation("One or more parameter values were invalid: Some index key attributes are not defined in "
                + "AttributeDefinitions. Keys: [sk], AttributeDefinitions: [pk]", () -> ddb.createTable(r -> r
                .tableName("bad-1").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build())));
        validation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly "
                + "match number of attributes defined in AttributeDefinitions", () -> ddb.createTable(r -> r
                .tableName("bad-2").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("x").attributeType("S").build())));
        validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type", () -> ddb.createTable(r -> r
                .tableName("bad-3").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build())));
        validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be "
                + "specified when BillingMode is PROVISIONED", () -> ddb.createTable(r -> r
                .tableName("bad-4").billingMode(BillingMode.PROVISIONED)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build())));
        validation("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must "
                + "have length greater than or equal to 3", () -> ddb.describeTable(r -> r.tableName("ab")));
    }

    @Test
    void putGetDeleteWithConditionsAndReturnValues() {
        String t = table();
        Map<String, AttributeValue> item = Map.of("pk", s("a"), "sk", n("1"), "total", n("10.50"),
                "tags", AttributeValue.fromSs(List.of("x", "y")), "nested", AttributeValue.fromM(Map.of("deep",
                        AttributeValue.fromL(List.of(AttributeValue.fromBool(true), AttributeValue.fromNul(true))))),
                "bin", AttributeValue.fromB(SdkBytes.fromUtf8String("hi")));
        assertThat(ddb.putItem(r -> r.tableName(t).item(item).returnValues(ReturnValue.ALL_OLD)).hasAttributes())
                .isFalse();
        Map<String, AttributeValue> got = ddb.getItem(r -> r.tableName(t).key(Map.of("pk", s("a"), "sk", n("1"))))
                .item();
        assertThat(got).isEqualTo(Map.of("pk", s("a"), "sk", n("1"), "total", n("10.5"),
                "tags", AttributeValue.fromSs(List.of("x", "y")), "nested", item.get("nested"), "bin", item.get("bin")));
        assertThat(ddb.getItem(r -> r.tableName(t).key(Map.of("pk", s("a"), "sk", n("1")))
                .projectionExpression("#t, nested.deep[0]").expressionAttributeNames(Map.of("#t", "total"))).item())
                .isEqualTo(Map.of("total", n("10.5"), "nested", AttributeValue.fromM(Map.of("deep",
                        AttributeValue.fromL(List.of(AttributeValue.fromBool(true)))))));
        assertThat(ddb.getItem(r -> r.tableName(t).key(Map.of("pk", s("none"), "sk", n("1")))).hasItem()).isFalse();

        expect(ConditionalCheckFailedException.class, "The conditional request failed", () -> ddb.putItem(r -> r
                .tableName(t).item(Map.of("pk", s("a"), "sk", n("1"))).conditionExpression("attribute_not_exists(pk)")));
        PutItemResponse replaced = ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a"), "sk", n("1"),
                "total", n("3"))).conditionExpression("#t > :min AND begins_with(pk, :p) AND NOT contains(tags, :z)")
                .expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(Map.of(":min", n("10"), ":p", s("a"), ":z", s("z")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(replaced.attributes()).containsEntry("total", n("10.5"));

        expect(ConditionalCheckFailedException.class, "The conditional request failed", () -> ddb.deleteItem(r -> r
                .tableName(t).key(Map.of("pk", s("a"), "sk", n("1"))).conditionExpression("total IN (:a, :b)")
                .expressionAttributeValues(Map.of(":a", n("1"), ":b", n("2")))));
        DeleteItemResponse deleted = ddb.deleteItem(r -> r.tableName(t).key(Map.of("pk", s("a"), "sk", n("1")))
                .conditionExpression("total BETWEEN :a AND :b OR attribute_exists(nothing)")
                .expressionAttributeValues(Map.of(":a", n("1"), ":b", n("3"))).returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).containsEntry("total", n("3"));
        assertThat(ddb.getItem(r -> r.tableName(t).key(Map.of("pk", s("a"), "sk", n("1")))).hasItem()).isFalse();
    }

    @Test
    void itemErrors() {
        String t = table();
        validation("One or more parameter values were invalid: Missing the key sk in the item",
                () -> ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a")))));
        validation("One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S",
                () -> ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a"), "sk", s("1")))));
        validation("The provided key element does not match the schema",
                () -> ddb.getItem(r -> r.tableName(t).key(Map.of("pk", s("a")))));
        validation("The provided key element does not match the schema",
                () -> ddb.getItem(r -> r.tableName(t).key(Map.of("pk", s("a"), "sk", n("1"), "x", s("y")))));
        validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                + "contain an empty string value. Key: pk",
                () -> ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s(""), "sk", n("1")))));
        validation("A value provided cannot be converted into a number",
                () -> ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a"), "sk", n("one")))));
        validation("One or more parameter values were invalid: An string set  may not be empty",
                () -> ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a"), "sk", n("1"),
                        "e", AttributeValue.fromSs(List.of())))));
        validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
                () -> ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a"), "sk", n("1"),
                        "e", AttributeValue.builder().build()))));
        validation("ReturnValues can only be ALL_OLD or NONE", () -> ddb.putItem(r -> r.tableName(t)
                .item(Map.of("pk", s("a"), "sk", n("1"))).returnValues(ReturnValue.ALL_NEW)));
        validation("Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
                + "attribute value: :v", () -> ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a"), "sk", n("1")))
                .conditionExpression("pk = :v")));
        validation("Invalid ConditionExpression: An expression attribute name used in the document path is not "
                + "defined; attribute name: #n", () -> ddb.putItem(r -> r.tableName(t)
                .item(Map.of("pk", s("a"), "sk", n("1"))).conditionExpression("attribute_exists(#n)")));
        validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                () -> ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a"), "sk", n("1")))
                        .conditionExpression("attribute_not_exists(pk)")
                        .expressionAttributeValues(Map.of(":unused", s("x")))));
        validation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"",
                () -> ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("a"), "sk", n("1")))
                        .conditionExpression("pk = ")));
        expect(ResourceNotFoundException.class, "Requested resource not found",
                () -> ddb.putItem(r -> r.tableName("missing-table").item(Map.of("pk", s("a")))));
    }

    @Test
    void expressionsAndItemsHaveDynamoDbsLimits() {
        String t = table();
        Map<String, AttributeValue> item = Map.of("pk", s("a"), "sk", n("1"));
        String tooLong = "attribute_exists(pk) AND ".repeat(200) + "attribute_exists(pk)";
        validation("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression "
                + "size: " + tooLong.length(), () -> ddb.putItem(r -> r.tableName(t).item(item)
                .conditionExpression(tooLong)));
        // Deep nesting within 4 KB is refused, not recursed into (it was a stack overflow).
        validation("Invalid ConditionExpression: The expression has more than 100 levels of nesting;",
                () -> ddb.putItem(r -> r.tableName(t).item(item).conditionExpression(
                        "(".repeat(1000) + "attribute_not_exists(pk)" + ")".repeat(1000))));
        validation("Invalid ConditionExpression: The expression has more than 100 levels of nesting;",
                () -> ddb.putItem(r -> r.tableName(t).item(item).conditionExpression(
                        "NOT ".repeat(500) + "attribute_exists(pk)")));
        ddb.putItem(r -> r.tableName(t).item(item).conditionExpression(
                "(".repeat(99) + "attribute_not_exists(pk)" + ")".repeat(99)));
        validation("Invalid UpdateExpression: The expression has more than 100 levels of nesting;",
                () -> ddb.updateItem(r -> r.tableName(t).key(item).updateExpression("SET l = "
                        + "list_append(l, ".repeat(200) + ":v" + ")".repeat(200))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromL(List.of())))));
        validation("Invalid ConditionExpression: Syntax error; token: \"99999999999999999999\", near: "
                + "\"[99999999999999999999]\"", () -> ddb.putItem(r -> r.tableName(t).item(item)
                .conditionExpression("attribute_exists(l[99999999999999999999])")));

        AttributeValue deep = s("bottom");
        for (int i = 0; i < 32; i++) {
            deep = AttributeValue.fromL(List.of(deep));
        }
        AttributeValue thirtyTwo = deep;
        ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("b"), "sk", n("1"), "deep", thirtyTwo)));
        AttributeValue thirtyThree = AttributeValue.fromM(Map.of("k", thirtyTwo));
        validation("Nesting Levels have exceeded supported limits", () -> ddb.putItem(r -> r.tableName(t)
                .item(Map.of("pk", s("c"), "sk", n("1"), "deep", thirtyThree))));
    }

    @Test
    void updateItemActions() {
        String t = table();
        Map<String, AttributeValue> key = Map.of("pk", s("u"), "sk", n("1"));
        UpdateItemResponse created = ddb.updateItem(r -> r.tableName(t).key(key)
                .updateExpression("SET visits = if_not_exists(visits, :zero) + :one, #n = :name, items = :list "
                        + "ADD colours :red REMOVE nothing")
                .expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"), ":name", s("Ada"),
                        ":list", AttributeValue.fromL(List.of(s("a"))), ":red", AttributeValue.fromSs(List.of("red"))))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes()).isEqualTo(Map.of("pk", s("u"), "sk", n("1"), "visits", n("1"),
                "name", s("Ada"), "items", AttributeValue.fromL(List.of(s("a"))),
                "colours", AttributeValue.fromSs(List.of("red"))));

        UpdateItemResponse updated = ddb.updateItem(r -> r.tableName(t).key(key)
                .updateExpression("SET visits = visits + :one, items = list_append(items, :more) "
                        + "ADD colours :blue REMOVE #n")
                .conditionExpression("visits = :one")
                .expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":one", n("1"), ":more", AttributeValue.fromL(List.of(s("b"))),
                        ":blue", AttributeValue.fromSs(List.of("blue"))))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(updated.attributes()).isEqualTo(Map.of("visits", n("2"),
                "items", AttributeValue.fromL(List.of(s("a"), s("b"))),
                "colours", AttributeValue.fromSs(List.of("red", "blue"))));
        ddb.updateItem(r -> r.tableName(t).key(key).updateExpression("DELETE colours :red")
                .expressionAttributeValues(Map.of(":red", AttributeValue.fromSs(List.of("red")))));
        assertThat(ddb.getItem(r -> r.tableName(t).key(key)).item())
                .containsEntry("colours", AttributeValue.fromSs(List.of("blue"))).doesNotContainKey("name");

        UpdateItemResponse old = ddb.updateItem(r -> r.tableName(t).key(key).updateExpression("ADD visits :ten")
                .expressionAttributeValues(Map.of(":ten", n("-10"))).returnValues(ReturnValue.UPDATED_OLD));
        assertThat(old.attributes()).isEqualTo(Map.of("visits", n("2")));
        assertThat(ddb.getItem(r -> r.tableName(t).key(key)).item()).containsEntry("visits", n("-8"));

        validation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of "
                + "the key", () -> ddb.updateItem(r -> r.tableName(t).key(key).updateExpression("SET pk = :v")
                .expressionAttributeValues(Map.of(":v", s("x")))));
        validation("The provided expression refers to an attribute that does not exist in the item",
                () -> ddb.updateItem(r -> r.tableName(t).key(key).updateExpression("SET a = missing + :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))));
        validation("An operand in the update expression has an incorrect data type",
                () -> ddb.updateItem(r -> r.tableName(t).key(key).updateExpression("SET a = items + :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))));
        validation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one "
                + "of these paths; path one: [a], path two: [a]", () -> ddb.updateItem(r -> r.tableName(t).key(key)
                .updateExpression("SET a = :v REMOVE a").expressionAttributeValues(Map.of(":v", n("1")))));
        expect(ConditionalCheckFailedException.class, "The conditional request failed", () -> ddb.updateItem(r -> r
                .tableName(t).key(key).updateExpression("SET a = :v").conditionExpression("attribute_not_exists(pk)")
                .expressionAttributeValues(Map.of(":v", n("1")))));
    }

    @Test
    void queryWithSortKeyConditionsDirectionFilterAndPaging() {
        String t = table();
        for (int i = 1; i <= 10; i++) {
            put(t, "p", i, Map.of("even", AttributeValue.fromBool(i % 2 == 0)));
        }
        put(t, "q", 5, Map.of());
        put(t, "p-longer", 1, Map.of());

        assertThat(sortKeys(query(t, "pk = :p AND sk BETWEEN :a AND :b", Map.of(":a", n("3"), ":b", n("6")), true)))
                .containsExactly(3, 4, 5, 6);
        assertThat(sortKeys(query(t, "pk = :p AND sk >= :a", Map.of(":a", n("8")), true))).containsExactly(8, 9, 10);
        assertThat(sortKeys(query(t, "pk = :p AND sk > :a", Map.of(":a", n("8")), true))).containsExactly(9, 10);
        assertThat(sortKeys(query(t, "pk = :p AND sk < :a", Map.of(":a", n("3")), true))).containsExactly(1, 2);
        assertThat(sortKeys(query(t, "pk = :p AND sk <= :a", Map.of(":a", n("3")), false))).containsExactly(3, 2, 1);
        assertThat(sortKeys(query(t, "pk = :p AND sk = :a", Map.of(":a", n("7")), true))).containsExactly(7);
        assertThat(sortKeys(query(t, "pk = :p", Map.of(), false))).containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);

        QueryResponse filtered = ddb.query(r -> r.tableName(t).keyConditionExpression("pk = :p")
                .filterExpression("even = :t").expressionAttributeValues(Map.of(":p", s("p"), ":t",
                        AttributeValue.fromBool(true))).limit(4));
        assertThat(sortKeys(filtered)).containsExactly(2, 4);
        assertThat(filtered.count()).isEqualTo(2);
        assertThat(filtered.scannedCount()).isEqualTo(4);
        assertThat(filtered.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p"), "sk", n("4")));
        QueryResponse next = ddb.query(r -> r.tableName(t).keyConditionExpression("pk = :p")
                .filterExpression("even = :t").expressionAttributeValues(Map.of(":p", s("p"), ":t",
                        AttributeValue.fromBool(true))).limit(4).exclusiveStartKey(filtered.lastEvaluatedKey()));
        assertThat(sortKeys(next)).containsExactly(6, 8);

        List<Integer> paged = ddb.queryPaginator(r -> r.tableName(t).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).limit(3).scanIndexForward(false)).items().stream()
                .map(i -> Integer.parseInt(i.get("sk").n())).toList();
        assertThat(paged).containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);

        QueryResponse count = ddb.query(r -> r.tableName(t).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).select(Select.COUNT));
        assertThat(count.count()).isEqualTo(10);
        assertThat(count.hasItems()).isFalse();

        validation("Query condition missed key schema element: pk", () -> ddb.query(r -> r.tableName(t)
                .keyConditionExpression("sk = :a").expressionAttributeValues(Map.of(":a", n("1")))));
        validation("Invalid operator used in KeyConditionExpression: OR", () -> ddb.query(r -> r.tableName(t)
                .keyConditionExpression("pk = :p OR sk = :a").expressionAttributeValues(Map.of(":p", s("p"),
                        ":a", n("1")))));
        validation("One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> ddb.query(r -> r.tableName(t).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", n("1")))));
    }

    @Test
    void queryBeginsWithOnStringSortKeys() {
        String name = "events-" + TABLES.incrementAndGet();
        ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType("S").build()));
        for (String sk : List.of("2027-01-31", "2027-02-01#a", "2027-02-01#b", "2027-02-02", "2027-02")) {
            ddb.putItem(r -> r.tableName(name).item(Map.of("pk", s("e"), "sk", s(sk))));
        }
        QueryResponse feb1 = ddb.query(r -> r.tableName(name).keyConditionExpression("pk = :p AND begins_with(sk, :d)")
                .expressionAttributeValues(Map.of(":p", s("e"), ":d", s("2027-02-01"))));
        assertThat(feb1.items()).extracting(i -> i.get("sk").s()).containsExactly("2027-02-01#a", "2027-02-01#b");
        QueryResponse feb = ddb.query(r -> r.tableName(name).keyConditionExpression("pk = :p AND begins_with(sk, :d)")
                .expressionAttributeValues(Map.of(":p", s("e"), ":d", s("2027-02"))));
        assertThat(feb.items()).extracting(i -> i.get("sk").s())
                .containsExactly("2027-02", "2027-02-01#a", "2027-02-01#b", "2027-02-02");
    }

    @Test
    void negativeAndDecimalSortKeysOrderNumerically() {
        String t = table();
        for (String v : List.of("-10", "-1.5", "-1.55", "0", "0.001", "2", "10", "1E3")) {
            ddb.putItem(r -> r.tableName(t).item(Map.of("pk", s("n"), "sk", n(v))));
        }
        List<String> order = query(t, "pk = :p AND sk >= :a", Map.of(":a", n("-1.55"), ":p", s("n")), true).items().stream()
                .map(i -> i.get("sk").n()).toList();
        assertThat(order).containsExactly("-1.55", "-1.5", "0", "0.001", "2", "10", "1000");
    }

    @Test
    void scanFiltersAndPagesInKeyOrder() {
        String t = table();
        for (int i = 1; i <= 7; i++) {
            put(t, "s" + (i % 3), i, Map.of("n", n(String.valueOf(i))));
        }
        ScanResponse first = ddb.scan(r -> r.tableName(t).limit(5).filterExpression("n > :two")
                .expressionAttributeValues(Map.of(":two", n("2"))));
        assertThat(first.scannedCount()).isEqualTo(5);
        assertThat(first.lastEvaluatedKey()).isNotEmpty();
        ScanResponse second = ddb.scan(r -> r.tableName(t).limit(5).filterExpression("n > :two")
                .expressionAttributeValues(Map.of(":two", n("2"))).exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(second.scannedCount()).isEqualTo(2);
        assertThat(second.lastEvaluatedKey()).isEmpty();
        assertThat(first.count() + second.count()).isEqualTo(5);
        assertThat(ddb.scanPaginator(r -> r.tableName(t).limit(2)).items()).hasSize(7);
        validation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have "
                + "value greater than or equal to 1", () -> ddb.scan(r -> r.tableName(t).limit(0)));
        validation("The provided starting key is invalid: The provided key element does not match the schema",
                () -> ddb.scan(r -> r.tableName(t).exclusiveStartKey(Map.of("pk", s("x")))));
    }

    @Test
    void batchWriteAndGet() {
        String t = table();
        ddb.batchWriteItem(r -> r.requestItems(Map.of(t, List.of(
                WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("b"), "sk", n("1"), "v", s("one")))).build(),
                WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("b"), "sk", n("2"), "v", s("two")))).build(),
                WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("b"), "sk", n("3")))).build()))));
        BatchWriteItemResponse deleted = ddb.batchWriteItem(r -> r.requestItems(Map.of(t, List.of(
                WriteRequest.builder().deleteRequest(d -> d.key(Map.of("pk", s("b"), "sk", n("3")))).build()))));
        assertThat(deleted.unprocessedItems()).isEmpty();

        BatchGetItemResponse got = ddb.batchGetItem(r -> r.requestItems(Map.of(t, KeysAndAttributes.builder()
                .keys(Map.of("pk", s("b"), "sk", n("1")), Map.of("pk", s("b"), "sk", n("2")),
                        Map.of("pk", s("b"), "sk", n("3")))
                .projectionExpression("v").build())));
        assertThat(got.responses().get(t)).containsExactlyInAnyOrder(Map.of("v", s("one")), Map.of("v", s("two")));
        assertThat(got.unprocessedKeys()).isEmpty();

        validation("One or more parameter values were invalid: Provided list of item keys contains duplicates",
                () -> ddb.batchWriteItem(r -> r.requestItems(Map.of(t, List.of(
                        WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("d"), "sk", n("1")))).build(),
                        WriteRequest.builder().deleteRequest(d -> d.key(Map.of("pk", s("d"), "sk", n("1")))).build())))));
        List<WriteRequest> many = new java.util.ArrayList<>();
        for (int i = 0; i < 26; i++) {
            int k = i;
            many.add(WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("m"), "sk", n("" + k)))).build());
        }
        validation("Too many items requested for the BatchWriteItem call",
                () -> ddb.batchWriteItem(r -> r.requestItems(Map.of(t, many))));
        expect(ResourceNotFoundException.class, "Requested resource not found", () -> ddb.batchGetItem(r -> r
                .requestItems(Map.of("no-such-table", KeysAndAttributes.builder().keys(Map.of("pk", s("x"))).build()))));
    }

    @Test
    void tagAndUntagByArn() {
        String t = table();
        String arn = ddb.describeTable(r -> r.tableName(t)).table().tableArn();
        ddb.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("Backup").value("daily").build(),
                Tag.builder().key("Owner").value("payments").build()));
        ddb.untagResource(r -> r.resourceArn(arn).tagKeys("Owner"));
        assertThat(ddb.listTagsOfResource(r -> r.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("Backup").value("daily").build());
        expect(ResourceNotFoundException.class, "Requested resource not found: ResourcArn: " + arn + "-gone not found",
                () -> ddb.listTagsOfResource(r -> r.resourceArn(arn + "-gone")));
    }

    @Test
    void continuousBackupsAndTimeToLiveAnswerANewTablesState() {
        String t = table();
        ContinuousBackupsDescription backups = ddb.describeContinuousBackups(r -> r.tableName(t))
                .continuousBackupsDescription();
        assertThat(backups.continuousBackupsStatus()).isEqualTo(ContinuousBackupsStatus.ENABLED);
        assertThat(backups.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.DISABLED);
        assertThat(backups.pointInTimeRecoveryDescription().earliestRestorableDateTime()).isNull();
        assertThat(ddb.describeTimeToLive(r -> r.tableName(t)).timeToLiveDescription())
                .isEqualTo(TimeToLiveDescription.builder().timeToLiveStatus(TimeToLiveStatus.DISABLED).build());

        AwsServiceException missing = expect(TableNotFoundException.class, "Table not found: no-such-table",
                () -> ddb.describeContinuousBackups(r -> r.tableName("no-such-table")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("TableNotFoundException");
        expect(ResourceNotFoundException.class, "Requested resource not found: Table: no-such-table not found",
                () -> ddb.describeTimeToLive(r -> r.tableName("no-such-table")));
        ddb.deleteTable(r -> r.tableName(t));
        expect(TableNotFoundException.class, "Table not found: " + t,
                () -> ddb.describeContinuousBackups(r -> r.tableName(t)));
    }

    @Test
    void scpDenyingUntaggedCreationSeesRequestTags() {
        try (TestServer own = TestServer.start()) {
            ProductionAccount production = ProductionAccount.under(own, "require-backup-tag",
                    ProductionAccount.denyUntagged("dynamodb:CreateTable", "\"*\""));
            String member = production.accountId();
            try (DynamoDbClient memberDb = own.endpoint().client(DynamoDbClient.builder(),
                    production.credentials())) {
                CreateTableRequest.Builder untagged = CreateTableRequest.builder().tableName("payments")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S")
                                .build());
                Throwable denied = catchThrowable(() -> memberDb.createTable(untagged.build()));
                assertThat(denied).isInstanceOf(DynamoDbException.class);
                assertThat(((DynamoDbException) denied).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                assertThat(denied.getMessage()).contains("dynamodb:CreateTable",
                        "arn:aws:dynamodb:eu-west-1:" + member + ":table/payments");
                assertThat(memberDb.createTable(untagged.tags(Tag.builder().key("Backup").value("daily").build())
                        .build()).tableDescription().tableStatus()).isEqualTo(TableStatus.ACTIVE);
            }
        }
    }

    static QueryResponse query(String t, String condition, Map<String, AttributeValue> values, boolean forward) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.putIfAbsent(":p", s("p"));
        return ddb.query(r -> r.tableName(t).keyConditionExpression(condition).expressionAttributeValues(all)
                .scanIndexForward(forward));
    }

    static List<Integer> sortKeys(QueryResponse response) {
        return response.items().stream().map(i -> Integer.parseInt(i.get("sk").n())).toList();
    }
}
