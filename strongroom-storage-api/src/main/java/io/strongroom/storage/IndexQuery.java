package io.strongroom.storage;

/**
 * A range read of one collection through one of its indexes ({@link IndexKeys}): records whose key in index
 * {@code index} starts with {@code prefix}, strictly after {@code startAfter} in that index (before it when
 * descending; null for the beginning), at most {@code limit}, in index key order.
 */
public record IndexQuery(String collection, int index, String prefix, String startAfter, int limit,
                         boolean descending) {
    public IndexQuery {
        if (collection == null || prefix == null) {
            throw new IllegalArgumentException("collection and prefix are required");
        }
        IndexKeys.check(index);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }
}
