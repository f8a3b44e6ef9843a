package io.strongroom.dynamodb;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table's definition as stored. Status is always ACTIVE once created (see docs/decisions.md).
 *
 * @param attributeDefinitions name to type (S, N, B), as CreateTable declared them
 * @param readCapacity         provisioned read capacity, 0 for PAY_PER_REQUEST
 * @param restoredFrom         for a restored table, the source table's ARN; null otherwise
 * @param indexes              its local secondary indexes, then its global ones, each in CreateTable's order
 */
public record Table(String accountId, String region, String name, String tableId, KeyAttribute hashKey,
                    KeyAttribute rangeKey, Map<String, String> attributeDefinitions, String billingMode,
                    long readCapacity, long writeCapacity, boolean deletionProtection, Instant created,
                    Map<String, String> tags, String restoredFrom, Instant restoredAt,
                    List<SecondaryIndex> indexes) {
    public Table {
        attributeDefinitions = Map.copyOf(attributeDefinitions);
        indexes = List.copyOf(indexes == null ? List.of() : indexes);
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public String arn() {
        return arn(region, accountId, name);
    }

    public static String arn(String region, String accountId, String name) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
    }

    public List<KeyAttribute> keys() {
        return rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey);
    }

    public boolean isKey(String attribute) {
        return hashKey.name().equals(attribute) || (rangeKey != null && rangeKey.name().equals(attribute));
    }

    public Table withTags(Map<String, String> newTags) {
        return new Table(accountId, region, name, tableId, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, deletionProtection, created, newTags, restoredFrom, restoredAt, indexes);
    }

    public Optional<SecondaryIndex> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }
}
