package io.strongroom.storage.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL: small pools of writer and reader connections; writes run SERIALIZABLE so that checks made by reading (a scan
 * for a duplicate name, a version read before a put) hold at commit even with other servers
 * writing, and the conflicts that causes are retried by running the work again.
 */
final class PostgresDialect implements Dialect {

    /** Any fixed number; only processes migrating a Strongroom store ask for it. */
    private static final long MIGRATION_LOCK = 0x5374726f6e67L;
    private static final int WRITERS = 6;
    private static final int READERS = 6;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Driver driver() {
        return new org.postgresql.Driver();
    }

    @Override
    public int writerConnections() {
        return WRITERS;
    }

    @Override
    public int readerConnections() {
        return READERS;
    }

    @Override
    public void configure(Connection connection, boolean forWrites) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            // Explicit because a server-wide override would silently give up durability.
            s.execute("SET synchronous_commit = on");
        }
        connection.commit();
    }

    @Override
    public void begin(Connection connection, boolean readOnly) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(readOnly
                    ? "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                    : "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        }
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        connection.commit();
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        connection.rollback();
    }

    @Override
    public void beginMigration(Connection connection) throws SQLException {
        // READ COMMITTED (the default) so that, once the lock is granted, the migration sees what a
        // server that held it before committed; a snapshot taken while waiting would not.
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, MIGRATION_LOCK);
            s.execute();
        }
    }

    @Override
    public boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        // 40001 serialization failure, 40P01 deadlock; 23505 is a concurrent insert of the same
        // key, which a retry turns into a VersionConflictException or an update.
        return "40001".equals(state) || "40P01".equals(state) || "23505".equals(state);
    }
}
