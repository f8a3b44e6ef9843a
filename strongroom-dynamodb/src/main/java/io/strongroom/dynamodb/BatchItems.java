package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.dynamodb.expression.Evaluator;
import io.strongroom.dynamodb.expression.ExpressionParser;
import io.strongroom.dynamodb.expression.Path;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** BatchWriteItem and BatchGetItem: up to 25 writes or 100 reads across tables, each checked before any is done. */
final class BatchItems {
    private final DynamoDbService db;
    private final Collection<Map<String, AttributeValue>> items = new Collection<>(DynamoDbService.ITEMS,
            DynamoDbCodecs.ITEM);

    BatchItems(DynamoDbService db) {
        this.db = db;
    }

    void write(Tx tx, String account, String region, Map<String, List<Inputs.WriteRequest>> requests) {
        int total = requests.values().stream().mapToInt(List::size).sum();
        if (total > 25) {
            throw DynamoDbErrors.tooManyItems("BatchWriteItem");
        }
        Map<String, Table> resolved = new LinkedHashMap<>();
        for (var entry : requests.entrySet()) {
            Table table = db.table(tx, account, region, entry.getKey());
            resolved.put(entry.getKey(), table);
            Set<String> seen = new HashSet<>();
            for (Inputs.WriteRequest w : entry.getValue()) {
                Map<String, AttributeValue> key = w.putItem() != null ? w.putItem() : w.deleteKey();
                if (w.putItem() != null) {
                    ItemValidation.item(table, w.putItem());
                } else {
                    ItemValidation.key(table, w.deleteKey());
                }
                if (!seen.add(KeyEncoding.itemKey(table, key))) {
                    throw DynamoDbErrors.invalidParameter("Provided list of item keys contains duplicates");
                }
            }
        }
        for (var entry : requests.entrySet()) {
            Table table = resolved.get(entry.getKey());
            boolean kept = db.keepsHistory(tx, table);
            for (Inputs.WriteRequest w : entry.getValue()) {
                String key = KeyEncoding.itemKey(table, w.putItem() != null ? w.putItem() : w.deleteKey());
                Map<String, AttributeValue> before = kept ? items.get(tx, key).orElse(null) : null;
                if (w.putItem() != null) {
                    if (kept) {
                        db.remember(tx, table, key, before);
                    }
                    items.put(tx, key, w.putItem());
                } else {
                    if (kept && before != null) {
                        db.remember(tx, table, key, before);
                    }
                    items.delete(tx, key);
                }
            }
        }
    }

    Map<String, List<Map<String, AttributeValue>>> get(Tx tx, String account, String region, Map<String, Inputs.KeysAndAttributes> requests) {
        int total = requests.values().stream().mapToInt(k -> k.keys().size()).sum();
        if (total > 100) {
            throw DynamoDbErrors.tooManyItems("BatchGetItem");
        }
        Map<String, List<Map<String, AttributeValue>>> out = new LinkedHashMap<>();
        for (var entry : requests.entrySet()) {
            Table table = db.table(tx, account, region, entry.getKey());
            Inputs.KeysAndAttributes ka = entry.getValue();
            List<Path> projection = ka.projectionExpression() == null ? null
                    : ExpressionParser.projection(ka.projectionExpression(), ka.attributes());
            ka.attributes().requireAllUsed();
            Set<String> seen = new HashSet<>();
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            for (Map<String, AttributeValue> key : ka.keys()) {
                ItemValidation.key(table, key);
                String storeKey = KeyEncoding.itemKey(table, key);
                if (!seen.add(storeKey)) {
                    throw DynamoDbErrors.invalidParameter("Provided list of item keys contains duplicates");
                }
                items.get(tx, storeKey).ifPresent(i -> found.add(projection == null ? i
                        : Evaluator.project(i, projection)));
            }
            out.put(entry.getKey(), found);
        }
        return out;
    }
}
