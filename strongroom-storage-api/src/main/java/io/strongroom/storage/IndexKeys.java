package io.strongroom.storage;

import java.util.Arrays;

/**
 * A record's keys in the store's secondary indexes: at most one per index, numbered 1 to {@link #INDEXES} (null: the
 * record is not in that index). The store keeps them with the record, in the statement that writes it, and drops
 * them with it; {@link Tx#scanIndex} finds records by them. Within one collection and index, keys should be unique
 * (end them in the record's id): a scan goes on after a key, so records sharing one would be skipped.
 */
public final class IndexKeys {
    public static final int INDEXES = 5;
    public static final IndexKeys NONE = new IndexKeys(new String[INDEXES]);

    private final String[] keys;

    private IndexKeys(String[] keys) {
        this.keys = keys;
    }

    /** Keys for indexes 1, 2, ... in order; nulls leave the record out of an index. */
    public static IndexKeys of(String... keys) {
        if (keys.length > INDEXES) {
            throw new IllegalArgumentException("at most " + INDEXES + " index keys");
        }
        return new IndexKeys(Arrays.copyOf(keys, INDEXES));
    }

    /** The key in index {@code index} (1-based), or null. */
    public String key(int index) {
        return keys[check(index) - 1];
    }

    public boolean isEmpty() {
        return Arrays.stream(keys).allMatch(k -> k == null);
    }

    /** Fails unless {@code index} names one of the indexes. */
    public static int check(int index) {
        if (index < 1 || index > INDEXES) {
            throw new IllegalArgumentException("index must be 1 to " + INDEXES + ": " + index);
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexKeys other && Arrays.equals(keys, other.keys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keys);
    }

    @Override
    public String toString() {
        return Arrays.toString(keys);
    }
}
