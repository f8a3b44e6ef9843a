package io.strongroom.api.dynamodb;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.dynamodb.DynamoDbErrors;
import io.strongroom.dynamodb.DynamoDbService;
import io.strongroom.dynamodb.Inputs;
import io.strongroom.dynamodb.ItemPage;
import io.strongroom.dynamodb.Table;
import io.strongroom.dynamodb.TableBackupService;
import io.strongroom.dynamodb.TableSettingsService;
import io.strongroom.dynamodb.expression.ExpressionAttributes;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.strongroom.api.dynamodb.DynamoDbShapes.*;

/** DynamoDB operations: SDK shapes to the strongroom-dynamodb engine and back. */
public final class DynamoDbApi {
    private DynamoDbApi() {
    }

    static String tableArn(CallContext ctx, String name) {
        return Table.arn(ctx.region(), ctx.accountId(), name == null ? "*" : name);
    }

    private static AccessRequirement on(String operation, CallContext ctx, String table) {
        return AccessRequirement.of("dynamodb:" + operation, tableArn(ctx, table));
    }

    /** aws:RequestTag/key and aws:TagKeys for calls that set tags, so SCPs can require tags on creation. */
    private static AccessRequirement tagging(String operation, String resource, Map<String, String> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, List.of(v)));
        if (!tags.isEmpty()) {
            keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        return new AccessRequirement(List.of("dynamodb:" + operation), List.of(resource), keys, false);
    }

    public static ServiceApi create(DynamoDbService db, TableBackupService backups) {
        ServiceApi.Builder api = ServiceApi.builder("dynamodb");

        // ---- tables
        api.write("CreateTable", CreateTableRequest.class, "dynamodb:CreateTable",
                (ctx, q) -> tagging("CreateTable", tableArn(ctx, q.tableName()), tags(q.tags())),
                (ctx, q) -> {
                    ProvisionedThroughput pt = q.provisionedThroughput();
                    Inputs.CreateTable in = new Inputs.CreateTable(q.tableName(),
                            q.keySchema().stream().map(k -> new Inputs.KeySchemaElement(k.attributeName(),
                                    k.keyTypeAsString())).toList(),
                            q.attributeDefinitions().stream().map(d -> new Inputs.AttributeDefinition(
                                    d.attributeName(), d.attributeTypeAsString())).toList(),
                            q.billingModeAsString(), pt == null ? null : pt.readCapacityUnits(),
                            pt == null ? null : pt.writeCapacityUnits(),
                            Boolean.TRUE.equals(q.deletionProtectionEnabled()), tags(q.tags()),
                            q.hasGlobalSecondaryIndexes() ? q.globalSecondaryIndexes().stream()
                                    .map(DynamoDbShapes::globalIndex).toList() : null,
                            q.hasLocalSecondaryIndexes() ? q.localSecondaryIndexes().stream()
                                    .map(DynamoDbShapes::localIndex).toList() : null, q.tableClassAsString());
                    return CreateTableResponse.builder()
                            .tableDescription(table(db.createTable(ctx.tx(), ctx.accountId(), ctx.region(), in)))
                            .build();
                });
        api.read("DescribeTable", DescribeTableRequest.class, "dynamodb:DescribeTable",
                (ctx, q) -> on("DescribeTable", ctx, q.tableName()),
                (ctx, q) -> DescribeTableResponse.builder()
                        .table(table(db.describeTable(ctx.tx(), ctx.accountId(), ctx.region(), q.tableName())))
                        .build());
        api.read("ListTables", ListTablesRequest.class, "dynamodb:ListTables",
                (ctx, q) -> AccessRequirement.of("dynamodb:ListTables", "*"),
                (ctx, q) -> {
                    DynamoDbService.TableNames names = db.listTables(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.exclusiveStartTableName(), q.limit());
                    return ListTablesResponse.builder().tableNames(names.names())
                            .lastEvaluatedTableName(names.lastEvaluated()).build();
                });
        api.write("DeleteTable", DeleteTableRequest.class, "dynamodb:DeleteTable",
                (ctx, q) -> on("DeleteTable", ctx, q.tableName()),
                (ctx, q) -> DeleteTableResponse.builder()
                        .tableDescription(table(db.deleteTable(ctx.tx(), ctx.accountId(), ctx.region(), q.tableName())))
                        .build());

        // ---- table settings
        TableSettingsService settings = db.settings();
        api.read("DescribeContinuousBackups", DescribeContinuousBackupsRequest.class,
                "dynamodb:DescribeContinuousBackups",
                (ctx, q) -> on("DescribeContinuousBackups", ctx, q.tableName()),
                (ctx, q) -> DescribeContinuousBackupsResponse.builder().continuousBackupsDescription(
                        continuousBackups(settings.continuousBackups(ctx.tx(), ctx.accountId(), ctx.region(),
                                q.tableName()))).build());
        api.write("UpdateContinuousBackups", UpdateContinuousBackupsRequest.class,
                "dynamodb:UpdateContinuousBackups",
                (ctx, q) -> on("UpdateContinuousBackups", ctx, q.tableName()),
                (ctx, q) -> {
                    PointInTimeRecoverySpecification spec = q.pointInTimeRecoverySpecification();
                    return UpdateContinuousBackupsResponse.builder().continuousBackupsDescription(continuousBackups(
                            settings.updateContinuousBackups(ctx.tx(), ctx.accountId(), ctx.region(), q.tableName(),
                                    spec == null ? null : new Inputs.PointInTimeRecoverySpecification(
                                            spec.pointInTimeRecoveryEnabled(), spec.recoveryPeriodInDays()))))
                            .build();
                });
        api.read("DescribeTimeToLive", DescribeTimeToLiveRequest.class, "dynamodb:DescribeTimeToLive",
                (ctx, q) -> on("DescribeTimeToLive", ctx, q.tableName()),
                (ctx, q) -> DescribeTimeToLiveResponse.builder().timeToLiveDescription(timeToLive(
                        settings.timeToLive(ctx.tx(), ctx.accountId(), ctx.region(), q.tableName()))).build());
        api.write("UpdateTimeToLive", UpdateTimeToLiveRequest.class, "dynamodb:UpdateTimeToLive",
                (ctx, q) -> on("UpdateTimeToLive", ctx, q.tableName()),
                (ctx, q) -> {
                    TimeToLiveSpecification spec = q.timeToLiveSpecification();
                    settings.updateTimeToLive(ctx.tx(), ctx.accountId(), ctx.region(), q.tableName(), spec == null
                            ? null : new Inputs.TimeToLiveSpecification(spec.enabled(), spec.attributeName()));
                    return UpdateTimeToLiveResponse.builder().timeToLiveSpecification(spec).build();
                });

        // ---- tags
        api.write("TagResource", TagResourceRequest.class, "dynamodb:TagResource",
                (ctx, q) -> tagging("TagResource", q.resourceArn() == null ? tableArn(ctx, null) : q.resourceArn(),
                        tags(q.tags())),
                (ctx, q) -> {
                    db.tagResource(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceArn(), tags(q.tags()));
                    return TagResourceResponse.builder().build();
                });
        api.write("UntagResource", UntagResourceRequest.class, "dynamodb:UntagResource",
                (ctx, q) -> new AccessRequirement(List.of("dynamodb:UntagResource"),
                        List.of(q.resourceArn() == null ? tableArn(ctx, null) : q.resourceArn()),
                        q.hasTagKeys() && !q.tagKeys().isEmpty() ? Map.of("aws:TagKeys", q.tagKeys()) : Map.of(), false),
                (ctx, q) -> {
                    db.untagResource(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceArn(), q.tagKeys());
                    return UntagResourceResponse.builder().build();
                });
        api.read("ListTagsOfResource", ListTagsOfResourceRequest.class, "dynamodb:ListTagsOfResource",
                (ctx, q) -> AccessRequirement.of("dynamodb:ListTagsOfResource",
                        q.resourceArn() == null ? tableArn(ctx, null) : q.resourceArn()),
                (ctx, q) -> ListTagsOfResourceResponse.builder()
                        .tags(sdkTags(db.listTags(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceArn()))).build());

        // ---- items
        api.write("PutItem", PutItemRequest.class, "dynamodb:PutItem",
                (ctx, q) -> on("PutItem", ctx, q.tableName()),
                (ctx, q) -> {
                    legacy(q.hasExpected(), "Expected", q.conditionalOperatorAsString());
                    String returnValues = oldOrNone(q.returnValuesAsString());
                    DynamoDbService.Change change = db.putItem(ctx.tx(), ctx.accountId(), ctx.region(), q.tableName(),
                            q.hasItem() ? item(q.item()) : Map.of(), conditional(q.conditionExpression(),
                                    attributes(q.expressionAttributeNames(), q.hasExpressionAttributeNames(),
                                            q.expressionAttributeValues(), q.hasExpressionAttributeValues())));
                    return PutItemResponse.builder().attributes(returnValues.equals("ALL_OLD")
                            ? sdkItem(change.before()) : null).build();
                });
        api.read("GetItem", GetItemRequest.class, "dynamodb:GetItem",
                (ctx, q) -> on("GetItem", ctx, q.tableName()),
                (ctx, q) -> {
                    legacy(q.hasAttributesToGet(), "AttributesToGet", null);
                    var found = db.getItem(ctx.tx(), ctx.accountId(), ctx.region(), q.tableName(),
                            q.hasKey() ? item(q.key()) : Map.of(), q.projectionExpression(),
                            attributes(q.expressionAttributeNames(), q.hasExpressionAttributeNames(), Map.of(), false));
                    return GetItemResponse.builder().item(found.map(DynamoDbShapes::sdkItem).orElse(null)).build();
                });
        api.write("DeleteItem", DeleteItemRequest.class, "dynamodb:DeleteItem",
                (ctx, q) -> on("DeleteItem", ctx, q.tableName()),
                (ctx, q) -> {
                    legacy(q.hasExpected(), "Expected", q.conditionalOperatorAsString());
                    String returnValues = oldOrNone(q.returnValuesAsString());
                    DynamoDbService.Change change = db.deleteItem(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.tableName(), q.hasKey() ? item(q.key()) : Map.of(), conditional(q.conditionExpression(),
                                    attributes(q.expressionAttributeNames(), q.hasExpressionAttributeNames(),
                                            q.expressionAttributeValues(), q.hasExpressionAttributeValues())));
                    return DeleteItemResponse.builder().attributes(returnValues.equals("ALL_OLD")
                            ? sdkItem(change.before()) : null).build();
                });
        api.write("UpdateItem", UpdateItemRequest.class, "dynamodb:UpdateItem",
                (ctx, q) -> on("UpdateItem", ctx, q.tableName()),
                (ctx, q) -> {
                    legacy(q.hasExpected(), "Expected", q.conditionalOperatorAsString());
                    legacy(q.hasAttributeUpdates(), "AttributeUpdates", null);
                    String returnValues = q.returnValuesAsString() == null ? "NONE" : q.returnValuesAsString();
                    if (!Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW").contains(returnValues)) {
                        throw DynamoDbErrors.constraint(returnValues, "returnValues",
                                "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
                    }
                    DynamoDbService.Change change = db.updateItem(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.tableName(), q.hasKey() ? item(q.key()) : Map.of(), q.updateExpression(),
                            conditional(q.conditionExpression(), attributes(q.expressionAttributeNames(),
                                    q.hasExpressionAttributeNames(), q.expressionAttributeValues(),
                                    q.hasExpressionAttributeValues())));
                    Map<String, io.strongroom.dynamodb.AttributeValue> shown = switch (returnValues) {
                        case "ALL_OLD" -> change.before();
                        case "ALL_NEW" -> change.after();
                        case "UPDATED_OLD" -> only(change.before(), change.updated());
                        case "UPDATED_NEW" -> only(change.after(), change.updated());
                        default -> null;
                    };
                    return UpdateItemResponse.builder().attributes(shown == null || shown.isEmpty() ? null
                            : sdkItem(shown)).build();
                });

        // ---- reads
        api.read("Query", QueryRequest.class, "dynamodb:Query",
                (ctx, q) -> on("Query", ctx, q.tableName()),
                (ctx, q) -> {
                    legacy(q.hasKeyConditions(), "KeyConditions", null);
                    legacy(q.hasQueryFilter(), "QueryFilter", null);
                    legacy(q.hasAttributesToGet(), "AttributesToGet", null);
                    ItemPage page = db.query(ctx.tx(), ctx.accountId(), ctx.region(), new Inputs.Read(q.tableName(),
                            q.keyConditionExpression(), q.filterExpression(), q.projectionExpression(),
                            attributes(q.expressionAttributeNames(), q.hasExpressionAttributeNames(),
                                    q.expressionAttributeValues(), q.hasExpressionAttributeValues()),
                            !Boolean.FALSE.equals(q.scanIndexForward()), q.limit(),
                            q.hasExclusiveStartKey() ? item(q.exclusiveStartKey()) : null, q.selectAsString(),
                            q.indexName(), Boolean.TRUE.equals(q.consistentRead())));
                    return QueryResponse.builder().items(items(page, q.selectAsString())).count(page.count())
                            .scannedCount(page.scannedCount()).lastEvaluatedKey(sdkItem(page.lastEvaluatedKey()))
                            .build();
                });
        api.read("Scan", ScanRequest.class, "dynamodb:Scan",
                (ctx, q) -> on("Scan", ctx, q.tableName()),
                (ctx, q) -> {
                    legacy(q.hasScanFilter(), "ScanFilter", null);
                    legacy(q.hasAttributesToGet(), "AttributesToGet", null);
                    if (q.totalSegments() != null || q.segment() != null) {
                        throw DynamoDbErrors.validation("Strongroom does not serve parallel scans (Segment, "
                                + "TotalSegments)");
                    }
                    ItemPage page = db.scan(ctx.tx(), ctx.accountId(), ctx.region(), new Inputs.Read(q.tableName(),
                            null, q.filterExpression(), q.projectionExpression(),
                            attributes(q.expressionAttributeNames(), q.hasExpressionAttributeNames(),
                                    q.expressionAttributeValues(), q.hasExpressionAttributeValues()),
                            true, q.limit(), q.hasExclusiveStartKey() ? item(q.exclusiveStartKey()) : null,
                            q.selectAsString(), q.indexName(), Boolean.TRUE.equals(q.consistentRead())));
                    return ScanResponse.builder().items(items(page, q.selectAsString())).count(page.count())
                            .scannedCount(page.scannedCount()).lastEvaluatedKey(sdkItem(page.lastEvaluatedKey()))
                            .build();
                });

        // ---- batches
        api.write("BatchWriteItem", BatchWriteItemRequest.class, "dynamodb:BatchWriteItem",
                (ctx, q) -> new AccessRequirement(List.of("dynamodb:BatchWriteItem"), tables(ctx, q.requestItems()),
                        Map.of(), false),
                (ctx, q) -> {
                    if (!q.hasRequestItems() || q.requestItems().isEmpty()) {
                        throw DynamoDbErrors.constraint("{}", "requestItems",
                                "Member must have length greater than or equal to 1");
                    }
                    Map<String, List<Inputs.WriteRequest>> requests = new LinkedHashMap<>();
                    q.requestItems().forEach((table, writes) -> requests.put(table, writes.stream().map(w -> {
                        if ((w.putRequest() == null) == (w.deleteRequest() == null)) {
                            throw DynamoDbErrors.validation("Supplied AttributeValue has more than one datatypes set, "
                                    + "must contain exactly one of the supported datatypes");
                        }
                        return w.putRequest() != null ? new Inputs.WriteRequest(item(w.putRequest().item()), null)
                                : new Inputs.WriteRequest(null, item(w.deleteRequest().key()));
                    }).toList()));
                    db.batchWriteItem(ctx.tx(), ctx.accountId(), ctx.region(), requests);
                    return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
                });
        api.read("BatchGetItem", BatchGetItemRequest.class, "dynamodb:BatchGetItem",
                (ctx, q) -> new AccessRequirement(List.of("dynamodb:BatchGetItem"), tables(ctx, q.requestItems()),
                        Map.of(), false),
                (ctx, q) -> {
                    if (!q.hasRequestItems() || q.requestItems().isEmpty()) {
                        throw DynamoDbErrors.constraint("{}", "requestItems",
                                "Member must have length greater than or equal to 1");
                    }
                    Map<String, Inputs.KeysAndAttributes> requests = new LinkedHashMap<>();
                    q.requestItems().forEach((table, ka) -> {
                        legacy(ka.hasAttributesToGet(), "AttributesToGet", null);
                        requests.put(table, new Inputs.KeysAndAttributes(ka.keys().stream()
                                .map(DynamoDbShapes::item).toList(), ka.projectionExpression(),
                                attributes(ka.expressionAttributeNames(), ka.hasExpressionAttributeNames(), Map.of(),
                                        false)));
                    });
                    Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
                    db.batchGetItem(ctx.tx(), ctx.accountId(), ctx.region(), requests).forEach((table, found) ->
                            responses.put(table, found.stream().map(DynamoDbShapes::sdkItem).toList()));
                    return BatchGetItemResponse.builder().responses(responses).unprocessedKeys(Map.of()).build();
                });

        UpdateTableOperation.register(api, db);
        TransactionOperations.register(api, db);
        BackupOperations.register(api, backups, db);

        api.dataEvents("PutItem", "GetItem", "DeleteItem", "UpdateItem", "Query", "Scan", "BatchWriteItem",
                "BatchGetItem");
        api.note("CreateTable", "tables and their global and local secondary indexes are ACTIVE at once (D109); "
                + "streams and SSE settings are not served");
        api.note("Scan", "pages in key order; an index in its keys' order, read through the table's items (D109); "
                + "no parallel scan segments; no 1 MB page limit");
        api.note("Query", "an IndexName is read through the table's items (a local index's through its partition), "
                + "so its cost grows with the table (D109); no 1 MB page limit");
        api.note("UpdateContinuousBackups", "the setting and its restorable window are kept and read back on the "
                + "clock; while enabled, the items' history is kept for RestoreTableToPointInTime (D110, D121)");
        api.note("UpdateTimeToLive", "ENABLED or DISABLED at once (no ENABLING/DISABLING); expired items are deleted "
                + "by a sweep every day of the clock (D110)");
        return api.build();
    }

    private static List<String> tables(CallContext ctx, Map<String, ?> requestItems) {
        List<String> out = new ArrayList<>();
        if (requestItems != null) {
            requestItems.keySet().forEach(t -> out.add(tableArn(ctx, t)));
        }
        return out.isEmpty() ? List.of(tableArn(ctx, null)) : out;
    }

    private static List<Map<String, AttributeValue>> items(ItemPage page, String select) {
        return "COUNT".equals(select) ? null : page.items().stream().map(DynamoDbShapes::sdkItem).toList();
    }

    private static Map<String, io.strongroom.dynamodb.AttributeValue> only(
            Map<String, io.strongroom.dynamodb.AttributeValue> item, Set<String> names) {
        if (item == null) {
            return null;
        }
        Map<String, io.strongroom.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (names.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Inputs.Conditional conditional(String expression, ExpressionAttributes attributes) {
        return new Inputs.Conditional(expression, attributes);
    }

    private static String oldOrNone(String returnValues) {
        if (returnValues == null || returnValues.equals("NONE")) {
            return "NONE";
        }
        if (!returnValues.equals("ALL_OLD")) {
            throw DynamoDbErrors.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return returnValues;
    }

    /** The pre-expression parameters are not served; say so rather than ignore them. */
    private static void legacy(boolean present, String parameter, String conditionalOperator) {
        if (present || conditionalOperator != null) {
            throw DynamoDbErrors.validation("Strongroom serves expression parameters only; " + parameter
                    + " is not supported");
        }
    }
}
