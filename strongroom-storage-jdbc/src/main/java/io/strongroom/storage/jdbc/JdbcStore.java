package io.strongroom.storage.jdbc;

import io.strongroom.storage.Store;
import io.strongroom.storage.StoreException;
import io.strongroom.storage.Tx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * A {@link Store} in a SQL database reached through JDBC: SQLite or PostgreSQL. Open one with
 * {@link StoreFactory#open(String)}. Thread-safe; meant to be opened once per process and shared.
 */
public final class JdbcStore implements Store {

    private final StoreLocation location;
    private final ConnectionPool writers;
    private final ConnectionPool readers;
    private final Transactions transactions;
    private final GroupCommitter committer;
    /** SQLite only: the write-ahead log copied back off the writer's thread. */
    private final WalCheckpointer checkpointer;
    private final Durability durability;
    private final int schemaVersion;
    private volatile boolean closed;

    private JdbcStore(StoreLocation location, ConnectionPool writers, ConnectionPool readers, int schemaVersion,
                      Durability durability) {
        this.location = location;
        this.durability = durability;
        this.writers = writers;
        this.readers = readers;
        this.checkpointer = location.dialect() instanceof SqliteDialect
                ? new WalCheckpointer(() -> connect(location, true)) : null;
        this.transactions = new Transactions(location.dialect(), writers, readers,
                checkpointer == null ? () -> { } : checkpointer::committed, durability);
        this.committer = new GroupCommitter(transactions::writeBatch);
        this.schemaVersion = schemaVersion;
    }

    /** Connects, migrates the schema and returns the open store; on failure nothing stays open. */
    static JdbcStore open(StoreLocation location) {
        Dialect dialect = location.dialect();
        ConnectionPool writers = new ConnectionPool("writer", dialect.writerConnections(), () -> connect(location, true));
        ConnectionPool readers = new ConnectionPool("reader", dialect.readerConnections(), () -> connect(location, false));
        try {
            int version = migrate(location, writers);
            return new JdbcStore(location, writers, readers, version, durability(location, writers));
        } catch (RuntimeException e) {
            readers.close();
            writers.close();
            throw e;
        }
    }

    private static int migrate(StoreLocation location, ConnectionPool writers) {
        return onWriter(writers, "cannot migrate the store at " + location,
                c -> Migrations.migrate(c, location.dialect()));
    }

    private static Durability durability(StoreLocation location, ConnectionPool writers) {
        return onWriter(writers, "cannot open the store at " + location, c -> location.dialect().durability(c));
    }

    private interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a writer connection, which is dropped if the work fails. */
    private static <T> T onWriter(ConnectionPool writers, String failure, ConnectionWork<T> work) {
        PooledConnection c = writers.acquire();
        boolean ok = false;
        try {
            T result = work.apply(c.connection());
            ok = true;
            return result;
        } catch (SQLException e) {
            throw new StoreException(failure + ": " + e.getMessage(), e);
        } finally {
            writers.release(c, !ok);
        }
    }

    private static Connection connect(StoreLocation location, boolean forWrites) throws SQLException {
        Connection c = location.dialect().driver().connect(location.jdbcUrl(), location.properties());
        if (c == null) {
            throw new SQLException("the " + location.dialect().name() + " driver does not accept " + location);
        }
        try {
            location.dialect().configure(c, forWrites);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        checkOpen();
        return transactions.write(work);
    }

    @Override
    public <T> T writeDurableLater(Function<Tx, T> work) {
        checkOpen();
        return transactions.write(work, false);
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        checkOpen();
        return transactions.read(work);
    }

    @Override
    public long timersScheduled() {
        return transactions.timersScheduled();
    }

    @Override
    public void awaitReadsDurable() {
        checkOpen();
        durability.awaitDurable(durability.visible());
    }

    @Override
    public <T> T writeBatched(Function<Tx, T> work) {
        checkOpen();
        transactions.checkNotInWrite();
        return committer.submit(work);
    }

    @Override
    public String dialect() {
        return location.dialect().name();
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Closes idle connections now and busy ones as they come back; later calls fail. */
    @Override
    public void close() {
        closed = true;
        if (checkpointer != null) {
            checkpointer.close();
        }
        readers.close();
        writers.close();
        durability.close();
    }

    Durability durability() {
        return durability;
    }

    GroupCommitter committer() {
        return committer;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store at " + location + " is closed");
        }
    }

    @Override
    public String toString() {
        return "JdbcStore[" + location + "]";
    }
}
