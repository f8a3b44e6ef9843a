package io.strongroom.storage;

import java.util.Arrays;

/**
 * A record's keys in the store's secondary indexes: at most one per index, numbered 1 to {@link #INDEXES} (null: the
 * record is not in that index). The store keeps them with the record, in the statement that writes it, and drops
 * them with it; {@link Tx#scanIndex} finds records by them. Within one collection and index, keys should be unique
 * (end them in the record's id): a scan goes on after a key, so records sharing one would be skipped.
 *
 * <p>Keys made with {@link #changedFrom} also say which indexes differ from the stored record's: a put then rewrites
 * only those entries, which matters because a database rewrites every index entry a statement assigns, changed or not.
 */
public final class IndexKeys {
    public static final int INDEXES = 5;
    private static final int ALL = (1 << INDEXES) - 1;
    public static final IndexKeys NONE = new IndexKeys(new String[INDEXES], ALL);

    private final String[] keys;
    /** Bit {@code i - 1} set: the key of index {@code i} is to be written (all of them unless {@link #changedFrom}). */
    private final int changed;
    /** Kept, not computed: every put asks, plain ones included. */
    private final boolean empty;

    private IndexKeys(String[] keys, int changed) {
        this.keys = keys;
        this.changed = changed;
        this.empty = Arrays.stream(keys).allMatch(k -> k == null);
    }

    /** Keys for indexes 1, 2, ... in order; nulls leave the record out of an index. */
    public static IndexKeys of(String... keys) {
        if (keys.length > INDEXES) {
            throw new IllegalArgumentException("at most " + INDEXES + " index keys");
        }
        return new IndexKeys(Arrays.copyOf(keys, INDEXES), ALL);
    }

    /**
     * These keys, marked as differing from {@code stored} only where they do: for a put over a record the caller
     * knows is stored with exactly {@code stored}'s keys (it read the record in the same transaction). A put of a
     * record that turns out not to exist still writes every key.
     */
    public IndexKeys changedFrom(IndexKeys stored) {
        int differ = 0;
        for (int i = 0; i < INDEXES; i++) {
            if (!java.util.Objects.equals(keys[i], stored.keys[i])) {
                differ |= 1 << i;
            }
        }
        return new IndexKeys(keys, differ);
    }

    /**
     * These keys, also marked changed wherever {@code earlier} was: for a put that replaces an earlier put of the same
     * record not yet written, so that the write covers what both changed.
     */
    public IndexKeys withChangesOf(IndexKeys earlier) {
        return new IndexKeys(keys, changed | earlier.changed);
    }

    /** Whether a put writes the key of index {@code index} over a stored record's (see {@link #changedFrom}). */
    public boolean changed(int index) {
        return (changed & (1 << (check(index) - 1))) != 0;
    }

    /** The indexes {@link #changed}, as bits: bit {@code i - 1} for index {@code i}. */
    public int changedMask() {
        return changed;
    }

    /** The key in index {@code index} (1-based), or null. */
    public String key(int index) {
        return keys[check(index) - 1];
    }

    public boolean isEmpty() {
        return empty;
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
        return o instanceof IndexKeys other && Arrays.equals(keys, other.keys) && changed == other.changed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keys) * 31 + changed;
    }

    @Override
    public String toString() {
        return Arrays.toString(keys);
    }
}
