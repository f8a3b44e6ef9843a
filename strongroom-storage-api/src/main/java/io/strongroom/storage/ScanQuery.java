package io.strongroom.storage;

/**
 * A range read of one collection: keys starting with {@code prefix}, strictly after {@code startAfter}
 * (or before it when descending; null for the beginning), at most {@code limit} records.
 */
public record ScanQuery(String collection, String prefix, String startAfter, int limit, boolean descending) {
    public ScanQuery {
        if (collection == null || prefix == null) {
            throw new IllegalArgumentException("collection and prefix are required");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public static ScanQuery prefix(String collection, String prefix, int limit) {
        return new ScanQuery(collection, prefix, null, limit, false);
    }
}
