package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.dynamodb.expression.Evaluator;
import io.strongroom.dynamodb.expression.ExpressionParser;
import io.strongroom.dynamodb.expression.Path;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * TransactGetItems: up to 100 items of one account's tables in a Region, read in one store transaction, so all as
 * of one moment. As for TransactWriteItems, a key that does not fit its table cancels the call with a
 * ValidationError reason, while faults of the request itself are thrown at once (D105).
 */
final class TransactGets {
    private final DynamoDbService db;
    private final Collection<Map<String, AttributeValue>> items = new Collection<>(DynamoDbService.ITEMS,
            DynamoDbCodecs.ITEM);

    /** One Get, checked and its projection parsed. */
    private record Get(Table table, String storeKey, List<Path> projection, CancellationReason fault) {
    }

    TransactGets(DynamoDbService db) {
        this.db = db;
    }

    TransactGetResult get(Tx tx, String account, String region, List<Inputs.TransactGetItem> in) {
        TransactItems.count(in, g -> "{get: " + g.tableName() + "}");
        List<Get> gets = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            gets.add(prepare(tx, account, region, in.get(i), TransactItems.member(i, "get")));
        }
        TransactItems.distinct(gets.stream().map(Get::storeKey).toList());
        if (gets.stream().anyMatch(g -> g.fault() != null)) {
            throw new TransactionCanceled(gets.stream().map(g -> g.fault() == null ? CancellationReason.NONE
                    : g.fault()).toList());
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        TransactionCapacity capacity = new TransactionCapacity();
        long bytes = 0;
        for (Get g : gets) {
            Map<String, AttributeValue> item = items.get(tx, g.storeKey()).orElse(null);
            long size = item == null ? 0 : ItemSize.of(item);
            bytes += size;
            capacity.read(g.table().name(), size);
            found.add(item == null || g.projection() == null ? item : Evaluator.project(item, g.projection()));
        }
        TransactItems.withinSize(bytes);
        return new TransactGetResult(Collections.unmodifiableList(found), capacity.tables());
    }

    private Get prepare(Tx tx, String account, String region, Inputs.TransactGetItem in, String member) {
        if (in == null) {
            throw DynamoDbErrors.constraint("null", member, "Member must not be null");
        }
        Table table = db.table(tx, account, region, in.tableName(), member + ".tableName");
        if (in.key() == null) {
            throw DynamoDbErrors.constraint("null", member + ".key", "Member must not be null");
        }
        ItemValidation.nonEmptyKeyValues(table, in.key());
        List<Path> projection = in.projectionExpression() == null ? null
                : ExpressionParser.projection(in.projectionExpression(), in.attributes());
        in.attributes().requireAllUsed();
        try {
            ItemValidation.key(table, in.key());
        } catch (ServiceException e) {
            return new Get(table, null, projection, CancellationReason.validationError(e.getMessage()));
        }
        return new Get(table, KeyEncoding.itemKey(table, in.key()), projection, null);
    }
}
