package io.strongroom.dynamodb;

import java.time.Instant;
import java.util.Map;

/**
 * A table with its status and the live item count and size DescribeTable reports, for the table and, by name, for
 * each of its secondary indexes, as at {@code at} (which day's throughput decreases count as today's).
 */
public record TableDescription(Table table, String status, long itemCount, long sizeBytes,
                               Map<String, Counts> indexCounts, Instant at) {
    /** An index's ItemCount and IndexSizeBytes. */
    public record Counts(long itemCount, long sizeBytes) {
    }

    public TableDescription {
        indexCounts = Map.copyOf(indexCounts);
    }

    /** The counts of the named index, zero when it has not been counted yet. */
    public Counts counts(String indexName) {
        return indexCounts.getOrDefault(indexName, new Counts(0, 0));
    }
}
