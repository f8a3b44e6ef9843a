package io.strongroom.storage.jdbc;

import io.strongroom.storage.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of connections, opened on first need and kept. With one connection it is also the
 * lock that serializes SQLite's writers.
 */
final class ConnectionPool implements AutoCloseable {

    /** Opens one configured connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** Generous: a waiter queues behind whole transactions, batches of them on the single writer. */
    private static final long ACQUIRE_TIMEOUT_SECONDS = 120;

    private final String name;
    private final Opener opener;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<PooledConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ConnectionPool(String name, int size, Opener opener) {
        this.name = name;
        this.opener = opener;
        // Fair, so that under load a waiting writer is not overtaken again and again.
        this.permits = new Semaphore(size, true);
    }

    PooledConnection acquire() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        try {
            if (!permits.tryAcquire(ACQUIRE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreException("no " + name + " connection free after " + ACQUIRE_TIMEOUT_SECONDS + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for a " + name + " connection", e);
        }
        PooledConnection c = idle.pollFirst();
        if (c != null) {
            return c;
        }
        try {
            return new PooledConnection(opener.open());
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e instanceof StoreException se ? se : new StoreException("cannot open a " + name + " connection", e);
        }
    }

    /** Gives a connection back; a broken one (state unknown after a failed rollback) is closed instead. */
    void release(PooledConnection c, boolean broken) {
        if (broken || closed) {
            closeQuietly(c);
        } else {
            idle.addFirst(c);
            // close() may have emptied the idle list between the check above and the add.
            if (closed && idle.remove(c)) {
                closeQuietly(c);
            }
        }
        permits.release();
    }

    @Override
    public void close() {
        closed = true;
        PooledConnection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(PooledConnection c) {
        try {
            c.connection().close();
        } catch (SQLException ignored) {
            // Nothing to do for a connection we are discarding.
        }
    }
}
