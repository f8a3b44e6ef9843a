package io.strongroom.storage.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConnection;

/**
 * SQLite in WAL mode: one writer connection (SQLite serializes writers anyway, and an in-process
 * queue is cheaper than busy-waiting on the file lock) and a few readers that see snapshots while
 * the writer works. The writer commits with {@code synchronous=NORMAL} (the WAL written, not synced) and
 * {@link WalSync} fsyncs the WAL before any caller of a commit is answered, which is what lets an acknowledged write
 * survive power loss; the fsync no longer holds the writer (D74).
 */
final class SqliteDialect implements Dialect {

    /** Long enough to ride out another process's migration or checkpoint. */
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;
    private static final int READERS = 10;
    /** The writer's page cache, in KiB (negative for SQLite: a size, not a page count). */
    private static final int WRITER_CACHE_KIB = -64 * 1024;
    /** Log pages past which a commit checkpoints by itself (SQLite's default is 1,000). */
    private static final int WRITER_CHECKPOINT_PAGES = 16_384;

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Driver driver() {
        return new org.sqlite.JDBC();
    }

    @Override
    public int writerConnections() {
        return 1;
    }

    @Override
    public int readerConnections() {
        return READERS;
    }

    @Override
    public void configure(Connection connection, boolean forWrites) throws SQLException {
        // Transactions are begun by hand (BEGIN IMMEDIATE) rather than through setAutoCommit(false),
        // because the driver would otherwise open the next transaction right after each commit and
        // hold the write lock while idle, shutting out other processes.
        connection.setAutoCommit(true);
        // Nothing reads generated keys; the driver would otherwise match every statement against a pattern and
        // query the last row id after each insert.
        connection.unwrap(SQLiteConnection.class).getConnectionConfig().setGetGeneratedKeys(false);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            if (forWrites) {
                switchToWal(s);
                // The one writer keeps its pages across transactions (the readers' caches go with every write):
                // SQLite's default 2 MB left each job's B-tree pages to be read again at every step.
                s.execute("PRAGMA cache_size = " + WRITER_CACHE_KIB);
                // WalCheckpointer copies the log back on its own thread; this only bounds the log should it lag.
                s.execute("PRAGMA wal_autocheckpoint = " + WRITER_CHECKPOINT_PAGES);
            } else {
                s.execute("PRAGMA query_only = 1");
            }
            // The writer's commits are made durable by WalSync, outside the writer (D74); checkpoints still sync the
            // log before copying it back and the database after. Readers write nothing.
            s.execute(forWrites ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL");
        }
    }

    /**
     * Changing the journal mode needs an exclusive lock, and SQLite may answer SQLITE_BUSY at once
     * (without its busy handler) while another connection opens the same fresh file: retry for as long
     * as the busy timeout allows.
     */
    private static void switchToWal(Statement s) throws SQLException {
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            try {
                s.execute("PRAGMA journal_mode = WAL");
                return;
            } catch (SQLException e) {
                String message = String.valueOf(e.getMessage());
                boolean busy = message.contains("SQLITE_BUSY") || message.contains("locked");
                if (!busy || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void begin(Connection connection, boolean readOnly) throws SQLException {
        // IMMEDIATE takes the write lock up front, so a write transaction never fails half-way
        // because another process wrote after its first read.
        execute(connection, readOnly ? "BEGIN" : "BEGIN IMMEDIATE");
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    @Override
    public Durability durability(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    return WalSync.of(Path.of(rs.getString("file") + "-wal"));
                }
            }
        }
        throw new SQLException("SQLite names no file for the main database");
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite has already rolled back by itself after some errors (disk full, I/O).
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                throw e;
            }
        }
    }

    @Override
    public void beginMigration(Connection connection) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    public boolean isRetryable(SQLException e) {
        // Writers are serialized and take their lock at BEGIN, so SQLite reports no conflicts a
        // retry could resolve; SQLITE_BUSY after the busy timeout is a real failure.
        return false;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
