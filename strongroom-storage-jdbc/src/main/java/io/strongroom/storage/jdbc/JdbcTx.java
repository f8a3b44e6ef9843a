package io.strongroom.storage.jdbc;

import io.strongroom.storage.IndexKeys;
import io.strongroom.storage.IndexPage;
import io.strongroom.storage.IndexQuery;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoreException;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.TimerQueue;
import io.strongroom.storage.Tx;
import io.strongroom.storage.VersionConflictException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Tx} over one connection with a transaction already begun. The statements here are
 * portable SQL that SQLite and PostgreSQL both accept; anything dialect-specific lives in
 * {@link Dialect}.
 */
final class JdbcTx implements Tx {

    private final PooledConnection statements;
    private final Dialect dialect;
    private final boolean readOnly;
    private final JdbcTimerQueue timers;
    /** Larger values are written at once rather than held until the end of the work. */
    private static final int DEFERRED_VALUE_BYTES = 16 * 1024;
    private boolean open = true;
    private SQLException conflict;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterRollback = new ArrayList<>();
    /** Whether an action of {@link #afterCommit} acts outside the process, so that it waits for durability. */
    private boolean actionsOutsideProcess;
    private final TxReads reads;
    /**
     * Per sequence this work took a value of: {the last value handed out, the value stored}. The first value takes
     * the sequence's row (and its lock) in a statement; later ones count on in memory and one statement stores the
     * last, at the end of the work.
     */
    private final Map<String, long[]> sequences = new HashMap<>();
    /** Puts not yet written, by collection and key: see {@link #put}. */
    private final Map<String, Map<String, Pending>> deferred = new HashMap<>();

    /** A put held until the end of the work, with the record's index keys. */
    private record Pending(StoredRecord record, IndexKeys indexKeys) {
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    JdbcTx(PooledConnection statements, Dialect dialect, boolean readOnly, Runnable timerScheduled) {
        this(statements, dialect, readOnly, timerScheduled, new TxReads());
    }

    /** @param reads what earlier work in the same database transaction read and wrote (a batch's pieces) */
    JdbcTx(PooledConnection statements, Dialect dialect, boolean readOnly, Runnable timerScheduled, TxReads reads) {
        this.reads = reads;
        this.statements = statements;
        this.dialect = dialect;
        this.readOnly = readOnly;
        this.timers = new JdbcTimerQueue(this, timerScheduled);
    }

    /** Ends the transaction's usable life; the work it was lent to has returned. */
    void close() {
        open = false;
    }

    @Override
    public void afterCommit(Runnable action) {
        checkWritable();
        afterCommit.add(Objects.requireNonNull(action, "action"));
        actionsOutsideProcess = true;
    }

    @Override
    public void afterCommitInProcess(Runnable action) {
        checkWritable();
        afterCommit.add(Objects.requireNonNull(action, "action"));
    }

    @Override
    public void afterRollback(Runnable action) {
        checkWritable();
        afterRollback.add(Objects.requireNonNull(action, "action"));
    }

    /** What the work asked to run should its changes not stand. */
    List<Runnable> afterRollbackActions() {
        return afterRollback;
    }

    /** Whether an after-commit action must wait until the commit is durable. */
    boolean actionsNeedDurability() {
        return actionsOutsideProcess;
    }

    /** What the work asked to run once its changes are committed. */
    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    /** The serialization conflict a statement hit, which must be answered by running the work again. */
    SQLException conflict() {
        return conflict;
    }

    /** Records a conflict reported outside a statement (at commit). */
    void noteConflict(SQLException e) {
        conflict = e;
    }

    @Override
    public Optional<StoredRecord> get(String collection, String key) {
        checkOpen();
        Keys.check(collection, "collection");
        Keys.check(key, "key");
        Pending pending = deferredRecord(collection, key);
        if (pending != null) {
            return Optional.of(new StoredRecord(key, pending.record().value().clone(), pending.record().version()));
        }
        Optional<StoredRecord> known = reads.get(collection, key);
        if (known != null) {
            return known;
        }
        Optional<StoredRecord> read = query("SELECT value, version FROM records WHERE collection = ? AND key = ?",
                s -> {
                    s.setString(1, collection);
                    s.setString(2, key);
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? Optional.of(new StoredRecord(key, rs.getBytes(1), rs.getLong(2)))
                                : Optional.empty();
                    }
                });
        reads.remember(collection, key, read);
        return read;
    }

    @Override
    public long put(String collection, String key, byte[] value, long expectedVersion, IndexKeys indexKeys) {
        checkWritable();
        Keys.check(collection, "collection");
        Keys.check(key, "key");
        Objects.requireNonNull(value, "value");
        checkIndexKeys(indexKeys);
        if (expectedVersion == ANY && value.length <= DEFERRED_VALUE_BYTES) {
            Long now = knownVersion(collection, key);
            if (now != null) {
                // The record's state is known without a statement, so is the version this put gives it: the write
                // waits for the end of the work, and a record put again meanwhile (a summary every job of a batch
                // changes) is written once.
                long version = now + 1;
                StoredRecord written = new StoredRecord(key, value.clone(), version);
                Pending earlier = deferredRecord(collection, key);
                IndexKeys keys = earlier == null ? indexKeys : indexKeys.withChangesOf(earlier.indexKeys());
                deferred.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(key, new Pending(written, keys));
                reads.written(collection, key, Optional.of(written));
                return version;
            }
        }
        flush(collection, key);
        long version = write(collection, key, value, expectedVersion, indexKeys);
        reads.written(collection, key, Optional.of(new StoredRecord(key, value, version)));
        return version;
    }

    /** The record's version as this transaction knows it without a statement (0: absent); null when unknown. */
    private Long knownVersion(String collection, String key) {
        Pending pending = deferredRecord(collection, key);
        return pending != null ? Long.valueOf(pending.record().version()) : reads.version(collection, key);
    }

    private static void checkIndexKeys(IndexKeys indexKeys) {
        Objects.requireNonNull(indexKeys, "indexKeys");
        for (int i = 1; i <= IndexKeys.INDEXES; i++) {
            if (indexKeys.key(i) != null) {
                Keys.check(indexKeys.key(i), "index key");
            }
        }
    }

    private Pending deferredRecord(String collection, String key) {
        Map<String, Pending> keys = deferred.get(collection);
        return keys == null ? null : keys.get(key);
    }

    /** Writes the deferred put of one record, if there is one, before a statement that reads or changes it. */
    private void flush(String collection, String key) {
        Map<String, Pending> keys = deferred.get(collection);
        Pending pending = keys == null ? null : keys.remove(key);
        if (pending != null) {
            writeVersion(collection, pending);
        }
    }

    /** Forgets the deferred put of one record; whether there was one. */
    private boolean dropDeferred(String collection, String key) {
        Map<String, Pending> keys = deferred.get(collection);
        return keys != null && keys.remove(key) != null;
    }

    /** Writes the deferred puts of a collection, before a scan reads it. */
    private void flush(String collection) {
        Map<String, Pending> keys = deferred.remove(collection);
        if (keys != null) {
            keys.values().forEach(r -> writeVersion(collection, r));
        }
    }

    /**
     * Writes every deferred put and the last value taken of each sequence: the end of the work, before its commit or
     * savepoint release, so a failure here is the work's failure.
     */
    void flushDeferred() {
        for (String collection : List.copyOf(deferred.keySet())) {
            flush(collection);
        }
        sequences.forEach((name, values) -> {
            if (values[0] != values[1]) {
                query("UPDATE sequences SET value = ? WHERE name = ?", s -> {
                    s.setLong(1, values[0]);
                    s.setString(2, name);
                    return s.executeUpdate();
                });
                values[1] = values[0];
            }
        });
    }

    private void writeVersion(String collection, Pending p) {
        StoredRecord r = p.record();
        query("INSERT INTO records (value, version, collection, key" + IndexColumns.NAMES + ") VALUES (?, ?, ?, ?"
                + IndexColumns.values(p.indexKeys()) + ") ON CONFLICT (collection, key) DO UPDATE SET "
                + "value = excluded.value, version = excluded.version" + IndexColumns.fromExcluded(p.indexKeys()),
                s -> {
                    s.setBytes(1, r.value());
                    s.setLong(2, r.version());
                    s.setString(3, collection);
                    s.setString(4, r.key());
                    IndexColumns.bind(s, 5, p.indexKeys());
                    return s.executeUpdate();
                });
    }

    /** The put's statements; nothing is written when it throws a version conflict. */
    private long write(String collection, String key, byte[] value, long expectedVersion, IndexKeys indexKeys) {
        String columns = "INSERT INTO records (value, version, collection, key" + IndexColumns.NAMES + ") ";
        String values = IndexColumns.values(indexKeys) + ") ";
        if (expectedVersion == ANY) {
            // one statement instead of a read and a write: most puts take whatever version is there
            return query(columns + "VALUES (?, 1, ?, ?" + values
                    + "ON CONFLICT (collection, key) DO UPDATE SET value = excluded.value, "
                    + "version = records.version + 1" + IndexColumns.fromExcluded(indexKeys) + " RETURNING version",
                    s -> {
                        s.setBytes(1, value);
                        s.setString(2, collection);
                        s.setString(3, key);
                        IndexColumns.bind(s, 4, indexKeys);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    });
        }
        if (expectedVersion == ABSENT) {
            // one statement too: a new record (a CloudTrail event, an id) is nearly always absent
            boolean inserted = query(columns + "VALUES (?, 1, ?, ?" + values
                    + "ON CONFLICT (collection, key) DO NOTHING", s -> {
                        s.setBytes(1, value);
                        s.setString(2, collection);
                        s.setString(3, key);
                        IndexColumns.bind(s, 4, indexKeys);
                        return s.executeUpdate() > 0;
                    });
            if (!inserted) {
                throw new VersionConflictException(collection, key, expectedVersion, currentVersion(collection, key));
            }
            return 1;
        }
        long current = currentVersion(collection, key);
        if (expectedVersion != current) {
            throw new VersionConflictException(collection, key, expectedVersion, current);
        }
        long next = current + 1;
        if (current == 0) {
            return query(columns + "VALUES (?, ?, ?, ?" + values, s -> {
                s.setBytes(1, value);
                s.setLong(2, next);
                s.setString(3, collection);
                s.setString(4, key);
                IndexColumns.bind(s, 5, indexKeys);
                s.executeUpdate();
                return next;
            });
        }
        return query("UPDATE records SET value = ?, version = ?" + IndexColumns.assigned(indexKeys)
                + " WHERE collection = ? AND key = ?", s -> {
                    s.setBytes(1, value);
                    s.setLong(2, next);
                    int after = IndexColumns.bindChanged(s, 3, indexKeys);
                    s.setString(after, collection);
                    s.setString(after + 1, key);
                    s.executeUpdate();
                    return next;
                });
    }

    @Override
    public boolean delete(String collection, String key, long expectedVersion) {
        checkWritable();
        Keys.check(collection, "collection");
        Keys.check(key, "key");
        boolean pending = false; // a put of this work not yet written: dropped, and the stored record deleted below
        if (expectedVersion == ANY) {
            pending = dropDeferred(collection, key);
        } else {
            flush(collection, key); // the version is checked against the stored record
        }
        if (expectedVersion != ANY) {
            long current = currentVersion(collection, key);
            if (expectedVersion != current) {
                throw new VersionConflictException(collection, key, expectedVersion, current);
            }
            if (current == 0) {
                return false;
            }
        }
        boolean deleted = query("DELETE FROM records WHERE collection = ? AND key = ?", s -> {
            s.setString(1, collection);
            s.setString(2, key);
            return s.executeUpdate() > 0;
        });
        reads.written(collection, key, Optional.empty());
        return deleted || pending;
    }

    @Override
    public boolean deleteIfValue(String collection, String key, byte[] value) {
        checkWritable();
        Keys.check(collection, "collection");
        Keys.check(key, "key");
        Objects.requireNonNull(value, "value");
        flush(collection, key);
        boolean deleted = query("DELETE FROM records WHERE collection = ? AND key = ? AND value = ?", s -> {
            s.setString(1, collection);
            s.setString(2, key);
            s.setBytes(3, value);
            return s.executeUpdate() > 0;
        });
        if (deleted) { // otherwise the record is as it was, and so is what this transaction knows of it
            reads.written(collection, key, Optional.empty());
        }
        return deleted;
    }

    private long currentVersion(String collection, String key) {
        return query("SELECT version FROM records WHERE collection = ? AND key = ?", s -> {
            s.setString(1, collection);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public ScanPage scan(ScanQuery q) {
        List<StoredRecord> records = range("key, value, version", "key", q.collection(), q.prefix(), q.startAfter(),
                q.limit(), q.descending(), rs -> new StoredRecord(rs.getString(1), rs.getBytes(2), rs.getLong(3)));
        boolean more = trim(records, q.limit());
        return new ScanPage(records, more ? records.get(records.size() - 1).key() : null);
    }

    @Override
    public IndexPage scanIndex(IndexQuery q) {
        String column = IndexColumns.name(q.index());
        List<IndexPage.Entry> entries = range(column + ", key, value, version", column, q.collection(), q.prefix(),
                q.startAfter(), q.limit(), q.descending(), rs -> new IndexPage.Entry(rs.getString(1),
                        new StoredRecord(rs.getString(2), rs.getBytes(3), rs.getLong(4))));
        boolean more = trim(entries, q.limit());
        return new IndexPage(entries, more ? entries.get(entries.size() - 1).indexKey() : null);
    }

    /** Drops the row past {@code limit} that a range read to tell whether it goes on; whether there was one. */
    private static boolean trim(List<?> rows, int limit) {
        if (rows.size() <= limit) {
            return false;
        }
        rows.remove(limit);
        return true;
    }

    /** Reads one row of a range. */
    @FunctionalInterface
    private interface RowReader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    /**
     * The rows of a collection whose {@code column} (the key or an index's) starts with {@code prefix}, in that
     * column's order (reversed when descending) after {@code startAfter}: at most {@code limit} and one more, which
     * tells that the range goes on. A range rather than LIKE: it uses the column's index, and '%' or '_' in a prefix
     * mean nothing special.
     */
    private <R> List<R> range(String selected, String column, String collection, String prefix, String startAfter,
                              int limit, boolean descending, RowReader<R> row) {
        checkOpen();
        Keys.check(collection, "collection");
        Keys.check(prefix, "prefix");
        if (startAfter != null) {
            Keys.check(startAfter, "startAfter");
        }
        flush(collection);
        String upper = Keys.prefixEnd(prefix);
        StringBuilder sql = new StringBuilder("SELECT ").append(selected)
                .append(" FROM records WHERE collection = ? AND ").append(column).append(" >= ?");
        List<String> params = new ArrayList<>(List.of(collection, prefix));
        if (upper != null) {
            sql.append(" AND ").append(column).append(" < ?");
            params.add(upper);
        }
        if (startAfter != null) {
            sql.append(" AND ").append(column).append(descending ? " < ?" : " > ?");
            params.add(startAfter);
        }
        sql.append(" ORDER BY ").append(column).append(descending ? " DESC" : "").append(" LIMIT ?");
        return query(sql.toString(), s -> {
            int i = 1;
            for (String p : params) {
                s.setString(i++, p);
            }
            s.setLong(i, limit + 1L);
            List<R> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rows.size() <= limit && rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        });
    }

    @Override
    public long nextSequence(String name) {
        checkWritable();
        Keys.check(name, "sequence name");
        long[] values = sequences.get(name);
        if (values != null) {
            // the row is this transaction's since its first value (SQLite's one writer; PostgreSQL's row lock)
            return ++values[0];
        }
        long first = query("INSERT INTO sequences (name, value) VALUES (?, 1) "
                + "ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value", s -> {
                    s.setString(1, name);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
        sequences.put(name, new long[] {first, first});
        return first;
    }

    @Override
    public TimerQueue timers() {
        checkOpen();
        return timers;
    }

    @Override
    public boolean tryLease(String name, String owner, Instant now, Instant until) {
        checkWritable();
        Keys.check(name, "lease name");
        Keys.check(owner, "lease owner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(until, "until");
        return JdbcLeases.tryLease(this, name, owner, now, until);
    }

    void checkOpen() {
        if (!open) {
            throw new IllegalStateException("the transaction has ended; a Tx is only valid inside its work");
        }
    }

    void checkWritable() {
        checkOpen();
        if (readOnly) {
            throw new IllegalStateException("read-only transaction: use Store.write to change the store");
        }
    }

    /** One statement's body, free to throw SQLException. */
    @FunctionalInterface
    interface StatementBody<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Runs one statement, turning every SQLException into a StoreException. */
    <T> T query(String sql, StatementBody<T> body) {
        try {
            return body.run(statements.prepare(sql));
        } catch (SQLException e) {
            if (dialect.isRetryable(e)) {
                conflict = e;
                throw new SerializationConflictException("concurrent transaction conflict: " + e.getMessage(), e);
            }
            throw new StoreException("statement failed: " + e.getMessage(), e);
        }
    }
}
