package io.strongroom.storage.jdbc;

import io.strongroom.storage.StoredRecord;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rows one transaction has read, absent ones included. A transaction sees one snapshot plus its own writes
 * (SQLite's single writer and snapshot reads; PostgreSQL's SERIALIZABLE writes and REPEATABLE READ reads), so reading
 * a key again, unless the transaction wrote it since, gives the same row: the clock's batches read one vault, one
 * Region's settings or one role hundreds of times. Small rows only, and a bounded number of them; each caller gets
 * its own copy of the bytes.
 */
final class TxReads {
    private static final int MAX_ROWS = 4_096;
    private static final int MAX_VALUE_BYTES = 16 * 1024;

    private final Map<String, Map<String, Optional<StoredRecord>>> byCollection = new HashMap<>();
    private int rows;

    /** The row as this transaction last read it; null when it has not (or has written it since). */
    Optional<StoredRecord> get(String collection, String key) {
        Map<String, Optional<StoredRecord>> keys = byCollection.get(collection);
        Optional<StoredRecord> row = keys == null ? null : keys.get(key);
        return row == null ? null : row.map(TxReads::copy);
    }

    /** The row's version as this transaction last read it (0: absent), without copying it; null when unknown. */
    Long version(String collection, String key) {
        Map<String, Optional<StoredRecord>> keys = byCollection.get(collection);
        Optional<StoredRecord> row = keys == null ? null : keys.get(key);
        return row == null ? null : row.map(StoredRecord::version).orElse(0L);
    }

    void remember(String collection, String key, Optional<StoredRecord> row) {
        if (row.isPresent() && row.get().value().length > MAX_VALUE_BYTES) {
            return;
        }
        if (rows >= MAX_ROWS) {
            byCollection.clear();
            rows = 0;
        }
        if (byCollection.computeIfAbsent(collection, c -> new HashMap<>()).put(key, row.map(TxReads::copy)) == null) {
            rows++;
        }
    }

    /**
     * The transaction wrote the key: a row it had read becomes the one written, so a summary read and rewritten for
     * each of a batch's jobs is read from the database once. A key not read before stays unknown.
     */
    void written(String collection, String key, Optional<StoredRecord> row) {
        Map<String, Optional<StoredRecord>> keys = byCollection.get(collection);
        if (keys == null || !keys.containsKey(key)) {
            return;
        }
        if (row.isPresent() && row.get().value().length > MAX_VALUE_BYTES) {
            forget(collection, key);
            return;
        }
        keys.put(key, row.map(TxReads::copy));
    }

    /** The transaction writes the key: the next read goes to the database. */
    void forget(String collection, String key) {
        Map<String, Optional<StoredRecord>> keys = byCollection.get(collection);
        if (keys != null && keys.remove(key) != null) {
            rows--;
        }
    }

    /** Forgets every row, as after a rollback to a savepoint. */
    void clear() {
        byCollection.clear();
        rows = 0;
    }

    private static StoredRecord copy(StoredRecord row) {
        return new StoredRecord(row.key(), row.value().clone(), row.version());
    }
}
