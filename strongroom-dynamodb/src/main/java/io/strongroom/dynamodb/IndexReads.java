package io.strongroom.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query and Scan of a secondary index. No index is kept: a read goes through the table's items (for a Query of a
 * local index, its partition's), keeps the index's entries in its key range, and orders them by the index's keys,
 * equal index keys by the table's key (D109). The cost therefore grows with the table, not with the answer.
 */
final class IndexReads {
    private IndexReads() {
    }

    /** One entry: the item and its place, the index key's store encoding followed by the table key's. */
    private record Entry(String position, Map<String, AttributeValue> item) {
    }

    /**
     * @param items the table's items, or those of the queried partition
     * @param range the index-key range a Query's key condition asks, or the whole index for a Scan
     */
    static ItemPage read(List<Map<String, AttributeValue>> items, ReadParts parts, KeyRange range, boolean forward,
                         Map<String, AttributeValue> exclusiveStart) {
        Table table = parts.table();
        SecondaryIndex index = parts.index();
        Table keys = index.keySchema(table);
        List<Entry> entries = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            if (!index.contains(item)) {
                continue;
            }
            String key = KeyEncoding.itemKey(keys, item);
            if (key.startsWith(range.prefix())
                    && (range.lowerExclusive() == null || key.compareTo(range.lowerExclusive()) > 0)
                    && (range.upperExclusive() == null || key.compareTo(range.upperExclusive()) < 0)) {
                entries.add(new Entry(key + KeyEncoding.itemKey(table, item), item));
            }
        }
        Comparator<Entry> order = Comparator.comparing(Entry::position);
        entries.sort(forward ? order : order.reversed());
        String start = exclusiveStart == null ? null : startPosition(table, index, keys, range, exclusiveStart);

        List<Map<String, AttributeValue>> out = new ArrayList<>();
        int scanned = 0;
        Map<String, AttributeValue> last = null;
        for (Entry entry : entries) {
            if (scanned == parts.limit()) {
                break;
            }
            if (start != null && (forward ? entry.position().compareTo(start) <= 0
                    : entry.position().compareTo(start) >= 0)) {
                continue;
            }
            scanned++;
            last = entry.item();
            Map<String, AttributeValue> seen = parts.seen(entry.item());
            if (parts.matches(seen)) {
                out.add(parts.shown(seen));
            }
        }
        Map<String, AttributeValue> lastKey = scanned == parts.limit() && last != null
                ? lastEvaluatedKey(table, index, last) : null;
        return new ItemPage(parts.counts() ? List.of() : out, out.size(), scanned, lastKey);
    }

    /** The table's key and the index's, as LastEvaluatedKey names an index entry. */
    private static Map<String, AttributeValue> lastEvaluatedKey(Table table, SecondaryIndex index,
                                                                Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        table.keys().forEach(k -> key.put(k.name(), item.get(k.name())));
        index.keys().forEach(k -> key.put(k.name(), item.get(k.name())));
        return key;
    }

    /** An ExclusiveStartKey must name an entry by exactly the table's and the index's key attributes. */
    private static String startPosition(Table table, SecondaryIndex index, Table keys, KeyRange range,
                                        Map<String, AttributeValue> start) {
        Map<String, String> expected = new LinkedHashMap<>();
        table.keys().forEach(k -> expected.put(k.name(), k.type()));
        index.keys().forEach(k -> expected.put(k.name(), k.type()));
        if (start.size() != expected.size()) {
            throw DynamoDbErrors.invalidStartKey();
        }
        expected.forEach((name, type) -> {
            AttributeValue v = start.get(name);
            if (v == null || !v.type().equals(type)) {
                throw DynamoDbErrors.invalidStartKey();
            }
        });
        if (range.partition() != null && !range.partition().equals(start.get(index.hashKey().name()))) {
            throw DynamoDbErrors.invalidStartKey();
        }
        return KeyEncoding.itemKey(keys, start) + KeyEncoding.itemKey(table, start);
    }
}
