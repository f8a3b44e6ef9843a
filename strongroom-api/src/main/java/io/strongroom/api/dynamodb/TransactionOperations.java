package io.strongroom.api.dynamodb;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.dynamodb.DynamoDbErrors;
import io.strongroom.dynamodb.DynamoDbService;
import io.strongroom.dynamodb.Inputs;
import io.strongroom.dynamodb.Inputs.TransactAction;
import io.strongroom.dynamodb.TableCapacity;
import io.strongroom.dynamodb.TransactGetResult;
import io.strongroom.dynamodb.TransactionCanceled;
import io.strongroom.wire.codec.ModeledError;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.strongroom.api.dynamodb.DynamoDbShapes.attributes;
import static io.strongroom.api.dynamodb.DynamoDbShapes.item;
import static io.strongroom.api.dynamodb.DynamoDbShapes.sdkItem;

/**
 * TransactWriteItems and TransactGetItems. There is no IAM action for either: as on AWS, each action is authorized as
 * the item call it stands for (dynamodb:PutItem, UpdateItem, DeleteItem, ConditionCheckItem, GetItem) on its own
 * table, and every one must be allowed.
 */
final class TransactionOperations {
    private TransactionOperations() {
    }

    static void register(ServiceApi.Builder api, DynamoDbService db) {
        api.write("TransactWriteItems", TransactWriteItemsRequest.class, "dynamodb:PutItem",
                (ctx, q) -> allOf(ctx, q.hasTransactItems() ? writeActions(q.transactItems()) : Set.of(),
                        "dynamodb:PutItem"),
                (ctx, q) -> {
                    String mode = capacityMode(q.returnConsumedCapacityAsString());
                    String metrics = q.returnItemCollectionMetricsAsString();
                    if (metrics != null && !metrics.equals("SIZE") && !metrics.equals("NONE")) {
                        throw DynamoDbErrors.constraint(metrics, "returnItemCollectionMetrics",
                                "Member must satisfy enum value set: [SIZE, NONE]");
                    }
                    Inputs.TransactWrite in = new Inputs.TransactWrite(q.hasTransactItems()
                            ? q.transactItems().stream().map(TransactionOperations::write).toList() : null,
                            q.clientRequestToken());
                    try {
                        List<TableCapacity> used = db.transactWriteItems(ctx.tx(), ctx.accountId(), ctx.region(),
                                in);
                        return TransactWriteItemsResponse.builder().consumedCapacity(consumed(used, mode)).build();
                    } catch (TransactionCanceled e) {
                        throw canceled(e);
                    }
                });
        api.read("TransactGetItems", TransactGetItemsRequest.class, "dynamodb:GetItem",
                (ctx, q) -> allOf(ctx, q.hasTransactItems() ? getActions(q.transactItems()) : Set.of(),
                        "dynamodb:GetItem"),
                (ctx, q) -> {
                    String mode = capacityMode(q.returnConsumedCapacityAsString());
                    List<Inputs.TransactGetItem> in = q.hasTransactItems()
                            ? q.transactItems().stream().map(TransactionOperations::get).toList() : null;
                    try {
                        TransactGetResult read = db.transactGetItems(ctx.tx(), ctx.accountId(), ctx.region(), in);
                        return TransactGetItemsResponse.builder()
                                .responses(read.items().stream().map(i -> ItemResponse.builder().item(sdkItem(i))
                                        .build()).toList())
                                .consumedCapacity(consumed(read.capacity(), mode)).build();
                    } catch (TransactionCanceled e) {
                        throw canceled(e);
                    }
                });
        api.dataEvents("TransactWriteItems", "TransactGetItems");
        api.note("TransactWriteItems", "calls are serialised by the store, so there is no TransactionConflict or "
                + "TransactionInProgressException; no ItemCollectionMetrics, even for tables with local secondary "
                + "indexes (D109)");
    }

    // ---- access

    /** One IAM action on one table. */
    private record ActionOnTable(String action, String table) {
    }

    private static Set<ActionOnTable> writeActions(List<TransactWriteItem> items) {
        Set<ActionOnTable> out = new LinkedHashSet<>();
        for (TransactWriteItem w : items) {
            if (w.conditionCheck() != null) {
                out.add(new ActionOnTable("dynamodb:ConditionCheckItem", w.conditionCheck().tableName()));
            }
            if (w.put() != null) {
                out.add(new ActionOnTable("dynamodb:PutItem", w.put().tableName()));
            }
            if (w.delete() != null) {
                out.add(new ActionOnTable("dynamodb:DeleteItem", w.delete().tableName()));
            }
            if (w.update() != null) {
                out.add(new ActionOnTable("dynamodb:UpdateItem", w.update().tableName()));
            }
        }
        return out;
    }

    private static Set<ActionOnTable> getActions(List<TransactGetItem> items) {
        Set<ActionOnTable> out = new LinkedHashSet<>();
        items.stream().filter(g -> g.get() != null)
                .forEach(g -> out.add(new ActionOnTable("dynamodb:GetItem", g.get().tableName())));
        return out;
    }

    /** Every action on its table; a request naming none is authorized as {@code fallback} on every table (D93). */
    private static AccessRequirement allOf(CallContext ctx, Set<ActionOnTable> actions, String fallback) {
        AccessRequirement all = null;
        for (ActionOnTable a : actions) {
            AccessRequirement one = AccessRequirement.of(a.action(), DynamoDbApi.tableArn(ctx, a.table()));
            all = all == null ? one : all.and(one);
        }
        return all != null ? all : AccessRequirement.of(fallback, DynamoDbApi.tableArn(ctx, null));
    }

    // ---- requests

    private static Inputs.TransactWriteItem write(TransactWriteItem w) {
        int actions = (w.conditionCheck() != null ? 1 : 0) + (w.put() != null ? 1 : 0)
                + (w.delete() != null ? 1 : 0) + (w.update() != null ? 1 : 0);
        if (actions != 1) {
            throw DynamoDbErrors.invalidTransactItem();
        }
        if (w.conditionCheck() != null) {
            ConditionCheck c = w.conditionCheck();
            return new Inputs.TransactWriteItem(TransactAction.CONDITION_CHECK, c.tableName(),
                    c.hasKey() ? item(c.key()) : null, null, conditional(c.conditionExpression(),
                    c.expressionAttributeNames(), c.hasExpressionAttributeNames(), c.expressionAttributeValues(),
                    c.hasExpressionAttributeValues()), c.returnValuesOnConditionCheckFailureAsString());
        }
        if (w.put() != null) {
            Put p = w.put();
            return new Inputs.TransactWriteItem(TransactAction.PUT, p.tableName(), p.hasItem() ? item(p.item()) : null,
                    null, conditional(p.conditionExpression(), p.expressionAttributeNames(),
                    p.hasExpressionAttributeNames(), p.expressionAttributeValues(), p.hasExpressionAttributeValues()),
                    p.returnValuesOnConditionCheckFailureAsString());
        }
        if (w.delete() != null) {
            Delete d = w.delete();
            return new Inputs.TransactWriteItem(TransactAction.DELETE, d.tableName(), d.hasKey() ? item(d.key()) : null,
                    null, conditional(d.conditionExpression(), d.expressionAttributeNames(),
                    d.hasExpressionAttributeNames(), d.expressionAttributeValues(), d.hasExpressionAttributeValues()),
                    d.returnValuesOnConditionCheckFailureAsString());
        }
        Update u = w.update();
        return new Inputs.TransactWriteItem(TransactAction.UPDATE, u.tableName(), u.hasKey() ? item(u.key()) : null,
                u.updateExpression(), conditional(u.conditionExpression(), u.expressionAttributeNames(),
                u.hasExpressionAttributeNames(), u.expressionAttributeValues(), u.hasExpressionAttributeValues()),
                u.returnValuesOnConditionCheckFailureAsString());
    }

    private static Inputs.Conditional conditional(String expression, Map<String, String> names, boolean hasNames,
                                                  Map<String, AttributeValue> values, boolean hasValues) {
        return new Inputs.Conditional(expression, attributes(names, hasNames, values, hasValues));
    }

    private static Inputs.TransactGetItem get(TransactGetItem g) {
        Get get = g.get();
        return get == null ? null : new Inputs.TransactGetItem(get.tableName(), get.hasKey() ? item(get.key()) : null,
                get.projectionExpression(), attributes(get.expressionAttributeNames(),
                get.hasExpressionAttributeNames(), Map.of(), false));
    }

    // ---- responses

    private static String capacityMode(String mode) {
        if (mode != null && !mode.equals("INDEXES") && !mode.equals("TOTAL") && !mode.equals("NONE")) {
            throw DynamoDbErrors.constraint(mode, "returnConsumedCapacity",
                    "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
        }
        return mode == null ? "NONE" : mode;
    }

    /** Per table, as reads and writes; INDEXES adds the table's own share, which here is all of it (D105). */
    private static List<ConsumedCapacity> consumed(List<TableCapacity> used, String mode) {
        if (mode.equals("NONE")) {
            return null;
        }
        List<ConsumedCapacity> out = new ArrayList<>();
        for (TableCapacity t : used) {
            Double read = t.readUnits() > 0 ? t.readUnits() : null;
            Double write = t.writeUnits() > 0 ? t.writeUnits() : null;
            ConsumedCapacity.Builder b = ConsumedCapacity.builder().tableName(t.tableName())
                    .capacityUnits(t.units()).readCapacityUnits(read).writeCapacityUnits(write);
            if (mode.equals("INDEXES")) {
                b.table(Capacity.builder().capacityUnits(t.units()).readCapacityUnits(read).writeCapacityUnits(write)
                        .build());
            }
            out.add(b.build());
        }
        return out;
    }

    /** The cancellation with its reasons in the error body, where the SDKs read them. */
    private static ModeledError canceled(TransactionCanceled e) {
        return new ModeledError(e, TransactionCanceledException.builder()
                .cancellationReasons(e.reasons().stream().map(r -> CancellationReason.builder().code(r.code())
                        .message(r.message()).item(sdkItem(r.item())).build()).toList())
                .build());
    }
}
