package io.strongroom.storage.jdbc;

import io.strongroom.storage.StoredRecord;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Committed records as the one writer of a SQLite store last read or wrote them, so that a write transaction reads a
 * record the previous ones touched without a statement (the clock reads each job's vault, point and table again in
 * every transaction of the job's life; D116). Sound only where write transactions run one after the other and
 * nothing else changes the database unseen: SQLite's single writer connection, with {@code PRAGMA data_version}
 * checked as each transaction begins, which changes when another connection (another process) has committed; then
 * everything is forgotten. Read transactions never use it: they see their own snapshot, which may be older.
 *
 * <p>A transaction's reads and writes reach the cache only once it has committed ({@link Changes}); a failure
 * anywhere in a transaction forgets everything, since what the database kept is then not known for sure.
 */
final class WriterCache {
    private static final int MAX_ROWS = 16_384;
    private static final int MAX_VALUE_BYTES = 16 * 1024;

    private final Map<RowKey, Optional<StoredRecord>> rows = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RowKey, Optional<StoredRecord>> eldest) {
            return size() > MAX_ROWS;
        }
    };
    private PooledConnection connection;
    private long dataVersion;

    record RowKey(String collection, String key) {
    }

    /**
     * Called once a write transaction has begun on {@code writer}: forgets everything when another connection has
     * committed since the last transaction, or the writer is a new connection.
     */
    synchronized void begin(PooledConnection writer) throws SQLException {
        PreparedStatement s = writer.prepare("PRAGMA data_version");
        long version;
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            version = rs.getLong(1);
        }
        if (writer != connection || version != dataVersion) {
            rows.clear();
            connection = writer;
            dataVersion = version;
        }
    }

    /** The committed row (empty: known absent), or null when not known; the caller gets its own copy of the bytes. */
    synchronized Optional<StoredRecord> get(String collection, String key) {
        Optional<StoredRecord> row = rows.get(new RowKey(collection, key));
        return row == null ? null : row.map(WriterCache::copy);
    }

    /** A committed transaction's reads and writes, in the order they happened. */
    synchronized void apply(Changes changes) {
        changes.rows.forEach((k, row) -> {
            if (row.isPresent() && row.get().value().length > MAX_VALUE_BYTES) {
                rows.remove(k);
            } else {
                rows.put(k, row);
            }
        });
    }

    /** After a transaction whose outcome is uncertain. */
    synchronized void forgetAll() {
        rows.clear();
    }

    /** Rows one transaction (or one piece of a group commit) read from the database or wrote. */
    static final class Changes {
        private final Map<RowKey, Optional<StoredRecord>> rows = new LinkedHashMap<>();

        /** A row read from the database: committed state, unless this transaction writes it later. */
        void read(String collection, String key, Optional<StoredRecord> row) {
            rows.putIfAbsent(new RowKey(collection, key), row.map(WriterCache::copy));
        }

        void written(String collection, String key, Optional<StoredRecord> row) {
            RowKey k = new RowKey(collection, key);
            rows.remove(k); // re-inserted last: a later piece's write comes after an earlier piece's read
            rows.put(k, row.map(WriterCache::copy));
        }

        /** A later piece's changes on top of these. */
        void addAll(Changes later) {
            later.rows.forEach((k, row) -> {
                rows.remove(k);
                rows.put(k, row);
            });
        }

        /** For tests: how many rows. */
        int size() {
            return rows.size();
        }
    }

    private static StoredRecord copy(StoredRecord row) {
        return new StoredRecord(row.key(), row.value().clone(), row.version());
    }

    /** For tests: the rows known. */
    synchronized Map<RowKey, Optional<StoredRecord>> snapshot() {
        return new HashMap<>(rows);
    }
}
