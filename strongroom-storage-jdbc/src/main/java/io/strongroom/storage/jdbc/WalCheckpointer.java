package io.strongroom.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;

/**
 * Copies a SQLite store's write-ahead log back into the database file on a thread of its own, so the writer's
 * commits only append to the log and fsync it. Left to SQLite, the commit that grows the log past 1,000 pages also
 * runs the checkpoint (write every page back, fsync the database) before it returns, and a writer whose transactions
 * are hundreds of timers (the clock, D57) crossed that mark at nearly every commit. A passive checkpoint never
 * blocks the writer or the readers; durability is the same either way (every commit's log is fsynced before its
 * caller is answered, D72, D74, and a checkpoint syncs the log before it copies any of it back). The
 * writer keeps its own automatic checkpoint at a far larger log ({@link SqliteDialect}), in case this one lags.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WalCheckpointer.class.getName());
    /** Commits between two checkpoints: each copies what those commits logged. */
    private static final int COMMITS_PER_CHECKPOINT = 4;
    /**
     * And at least this long between two: small commits come by the thousand a second (16 PutItem callers, D74), and
     * checkpointing every fourth one copied the same hot pages and fsynced the database again and again (a tenth of
     * the server's CPU). Each checkpoint also syncs the log and the database on the disk the commits' own fsyncs
     * wait for (D82: 100 ms rather than 20 gave PutItem and PutObject 1-11% more calls a second). A log of 100 ms
     * of such commits is a few thousand pages, far below the writer's own bound.
     */
    private static final long MIN_INTERVAL_NANOS = 100_000_000;

    private final Callable<Connection> connect;
    private final Thread thread;
    private final Object signal = new Object();
    private int commits;
    /** {@link System#nanoTime} before which no checkpoint starts. */
    private long earliestNext = System.nanoTime();
    private volatile boolean closed;

    WalCheckpointer(Callable<Connection> connect) {
        this.connect = connect;
        this.thread = new Thread(this::run, "sqlite-checkpointer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A write transaction committed: the log grew. */
    void committed() {
        synchronized (signal) {
            // Only the commit that completes the count wakes the checkpointer: after it, the checkpointer waits
            // out the interval on its own.
            if (++commits == COMMITS_PER_CHECKPOINT) {
                signal.notifyAll();
            }
        }
    }

    private void run() {
        Connection connection = null;
        try {
            while (awaitWork()) {
                try {
                    if (connection == null) {
                        connection = connect.call();
                    }
                    try (Statement s = connection.createStatement()) {
                        s.execute("PRAGMA wal_checkpoint(PASSIVE)");
                    }
                } catch (Exception e) {
                    // The writer's own automatic checkpoint still bounds the log; try again after more commits.
                    LOG.log(System.Logger.Level.WARNING, "SQLite checkpoint failed", e);
                    connection = closeQuietly(connection);
                }
            }
        } finally {
            closeQuietly(connection);
        }
    }

    private boolean awaitWork() {
        synchronized (signal) {
            while (!closed && (commits < COMMITS_PER_CHECKPOINT || System.nanoTime() < earliestNext)) {
                try {
                    if (commits < COMMITS_PER_CHECKPOINT) {
                        signal.wait();
                    } else {
                        long wait = Math.max(1, earliestNext - System.nanoTime());
                        signal.wait(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                } catch (InterruptedException e) {
                    return false;
                }
            }
            commits = 0;
            earliestNext = System.nanoTime() + MIN_INTERVAL_NANOS;
            return !closed;
        }
    }

    private static Connection closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // dropping it anyway
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
