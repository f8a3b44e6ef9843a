package io.strongroom.storage.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;

/**
 * What differs between the databases a store can live in. The data statements are the same on every
 * dialect; sessions, transaction control, pool layout and conflict detection are not.
 */
interface Dialect {

    /** The name {@link io.strongroom.storage.Store#dialect()} reports and the migrations folder. */
    String name();

    Driver driver();

    /** Connections that may write at once: 1 where the database has a single writer anyway. */
    int writerConnections();

    /**
     * Connections for reads, a pool of their own so that a read made from inside write work never
     * waits for a connection held by a writer that waits for it.
     */
    int readerConnections();

    /** Session settings for a newly opened connection. */
    void configure(Connection connection, boolean forWrites) throws SQLException;

    void begin(Connection connection, boolean readOnly) throws SQLException;

    void commit(Connection connection) throws SQLException;

    /**
     * What makes a commit on the writer {@code connection} durable before its caller is answered: nothing more than
     * the COMMIT where the database syncs at commit, SQLite's shared log fsyncs otherwise (D74).
     */
    default Durability durability(Connection connection) throws SQLException {
        return Durability.AT_COMMIT;
    }

    void rollback(Connection connection) throws SQLException;

    /**
     * Starts the migration transaction, holding whatever lock keeps other processes opening the same
     * store from migrating at the same time, until it ends.
     */
    void beginMigration(Connection connection) throws SQLException;

    /** Whether the failure is a conflict with a concurrent transaction that running it again may resolve. */
    boolean isRetryable(SQLException e);
}
