package io.strongroom.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A global or local secondary index as CreateTable defined it. Its entries are the table's items that carry every
 * key attribute of the index with the declared type (a sparse index leaves the others out); an entry holds the
 * attributes its projection names.
 *
 * @param rangeKey         null for a GSI keyed by its partition key only
 * @param projectionType   ALL, KEYS_ONLY or INCLUDE
 * @param nonKeyAttributes the attributes INCLUDE adds; empty for the others
 * @param readCapacity     a GSI's provisioned read capacity, 0 on PAY_PER_REQUEST tables and for an LSI
 * @param throughputHistory a GSI's throughput changes by UpdateTable (D115)
 */
public record SecondaryIndex(String name, boolean global, KeyAttribute hashKey, KeyAttribute rangeKey,
                             String projectionType, List<String> nonKeyAttributes, long readCapacity,
                             long writeCapacity, ThroughputHistory throughputHistory) {
    public static final String ALL = "ALL";
    public static final String KEYS_ONLY = "KEYS_ONLY";
    public static final String INCLUDE = "INCLUDE";

    public SecondaryIndex {
        nonKeyAttributes = List.copyOf(nonKeyAttributes == null ? List.of() : nonKeyAttributes);
        throughputHistory = throughputHistory == null ? ThroughputHistory.NONE : throughputHistory;
    }

    /** An index whose throughput UpdateTable never changed. */
    public SecondaryIndex(String name, boolean global, KeyAttribute hashKey, KeyAttribute rangeKey,
                          String projectionType, List<String> nonKeyAttributes, long readCapacity,
                          long writeCapacity) {
        this(name, global, hashKey, rangeKey, projectionType, nonKeyAttributes, readCapacity, writeCapacity,
                ThroughputHistory.NONE);
    }

    SecondaryIndex withThroughput(long read, long write, ThroughputHistory history) {
        return new SecondaryIndex(name, global, hashKey, rangeKey, projectionType, nonKeyAttributes, read, write,
                history);
    }

    public List<KeyAttribute> keys() {
        return rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey);
    }

    public String arn(Table table) {
        return table.arn() + "/index/" + name;
    }

    public boolean projectsAll() {
        return projectionType.equals(ALL);
    }

    /**
     * Whether the item is an entry of this index: every index key present, of the declared type and not empty.
     * Writes refuse an empty index key, but an item written before UpdateTable added the index may hold one; AWS's
     * backfill leaves such items out (D115).
     */
    boolean contains(Map<String, AttributeValue> item) {
        for (KeyAttribute k : keys()) {
            AttributeValue v = item.get(k.name());
            if (v == null || !v.type().equals(k.type()) || ItemValidation.empty(v)) {
                return false;
            }
        }
        return true;
    }

    /** The entry's attributes: the table's and the index's keys, and what the projection adds. */
    Map<String, AttributeValue> project(Table table, Map<String, AttributeValue> item) {
        if (projectsAll()) {
            return item;
        }
        List<String> names = new ArrayList<>();
        table.keys().forEach(k -> names.add(k.name()));
        keys().forEach(k -> names.add(k.name()));
        names.addAll(nonKeyAttributes);
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> {
            if (names.contains(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** The index's view as a key schema of its own, so KeyRange reads its key conditions as a table's. */
    Table keySchema(Table table) {
        return new Table(table.accountId(), table.region(), table.name(), table.tableId() + "/" + name, hashKey,
                rangeKey, table.attributeDefinitions(), table.billingMode(), 0, 0, false, table.created(), Map.of(),
                List.of());
    }
}
