package io.strongroom.dynamodb;

import java.util.Map;

/** What an item or a key must be for a table, in AWS's wording. */
final class ItemValidation {
    private static final int MAX_NESTING = 32;
    private ItemValidation() {
    }

    static void item(Table table, Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            throw DynamoDbErrors.missingKey(table.hashKey().name());
        }
        for (KeyAttribute k : table.keys()) {
            AttributeValue v = item.get(k.name());
            if (v == null) {
                throw DynamoDbErrors.missingKey(k.name());
            }
            keyValue(k, v);
        }
        indexKeys(table, item);
        size(item);
    }

    /** The item's values for its table's index keys: absent (not in that index) or of the declared type. */
    static void indexKeys(Table table, Map<String, AttributeValue> item) {
        for (SecondaryIndex index : table.indexes()) {
            for (KeyAttribute k : index.keys()) {
                AttributeValue v = item.get(k.name());
                if (v == null) {
                    continue;
                }
                if (!v.type().equals(k.type())) {
                    throw DynamoDbErrors.indexKeyTypeMismatch(k.name(), k.type(), v.type(), index.name());
                }
                if (empty(v)) {
                    throw DynamoDbErrors.emptyIndexKey(index.name(), k.name());
                }
            }
        }
    }

    /** A key (GetItem, DeleteItem, UpdateItem, BatchGetItem): exactly the table's key attributes. */
    static void key(Table table, Map<String, AttributeValue> key) {
        if (key == null || key.size() != table.keys().size()) {
            throw DynamoDbErrors.keyMismatch();
        }
        for (KeyAttribute k : table.keys()) {
            AttributeValue v = key.get(k.name());
            if (v == null || !v.type().equals(k.type())) {
                throw DynamoDbErrors.keyMismatch();
            }
            keyValue(k, v);
        }
    }

    private static void keyValue(KeyAttribute k, AttributeValue v) {
        if (!v.type().equals(k.type())) {
            throw DynamoDbErrors.keyTypeMismatch(k.name(), k.type(), v.type());
        }
        if (empty(v)) {
            throw DynamoDbErrors.emptyKeyString(k.name());
        }
    }

    /**
     * Key attributes of the right type but empty: a transaction refuses these for the whole request, where it
     * cancels for other key errors (D105).
     */
    static void nonEmptyKeyValues(Table table, Map<String, AttributeValue> itemOrKey) {
        for (KeyAttribute k : table.keys()) {
            AttributeValue v = itemOrKey.get(k.name());
            if (v != null && v.type().equals(k.type()) && empty(v)) {
                throw DynamoDbErrors.emptyKeyString(k.name());
            }
        }
    }

    static boolean empty(AttributeValue v) {
        return v instanceof AttributeValue.S s && s.value().isEmpty()
                || v instanceof AttributeValue.B b && b.value().length == 0;
    }

    /** At most 400 KB, and lists and maps at most 32 levels inside each other. */
    static void size(Map<String, AttributeValue> item) {
        item.values().forEach(v -> nesting(v, 0));
        if (ItemSize.of(item) > 400 * 1024) {
            throw DynamoDbErrors.validation("Item size has exceeded the maximum allowed size");
        }
    }

    private static void nesting(AttributeValue v, int levels) {
        if (v instanceof AttributeValue.M || v instanceof AttributeValue.L) {
            if (levels == MAX_NESTING) {
                throw DynamoDbErrors.validation("Nesting Levels have exceeded supported limits");
            }
            if (v instanceof AttributeValue.M m) {
                m.values().values().forEach(inner -> nesting(inner, levels + 1));
            } else {
                ((AttributeValue.L) v).values().forEach(inner -> nesting(inner, levels + 1));
            }
        }
    }
}
