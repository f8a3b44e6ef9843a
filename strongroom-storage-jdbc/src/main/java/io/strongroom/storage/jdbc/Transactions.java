package io.strongroom.storage.jdbc;

import io.strongroom.storage.StoreException;
import io.strongroom.storage.Tx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs work in transactions on pooled connections: begin, commit or roll back, and run the work
 * again when the database reports a serialization conflict.
 */
final class Transactions {

    private static final System.Logger LOG = System.getLogger(Transactions.class.getName());

    /** Enough for heavy contention on one row among a few servers; beyond it, something is wrong. */
    private static final int MAX_ATTEMPTS = 100;
    private static final long MAX_BACKOFF_NANOS = 20_000_000;

    private final Dialect dialect;
    private final ConnectionPool writers;
    private final ConnectionPool readers;
    /** Write transactions cannot nest: the inner one would wait for the outer one's connection. */
    private final ThreadLocal<Boolean> inWrite = ThreadLocal.withInitial(() -> false);

    /** Told after every commit of a write transaction (SQLite's checkpointer counts them). */
    private final Runnable onCommit;
    private static final Runnable NOTHING = () -> { };
    private final java.util.concurrent.atomic.AtomicLong timersScheduled = new java.util.concurrent.atomic.AtomicLong();
    private final Runnable timerScheduled = timersScheduled::incrementAndGet;
    private final Durability durability;

    Transactions(Dialect dialect, ConnectionPool writers, ConnectionPool readers, Runnable onCommit,
                 Durability durability) {
        this.dialect = dialect;
        this.writers = writers;
        this.readers = readers;
        this.onCommit = onCommit;
        this.durability = durability;
    }

    /** See Store.timersScheduled: counted by an after-commit action of each transaction that scheduled a timer. */
    long timersScheduled() {
        return timersScheduled.get();
    }

    void checkNotInWrite() {
        if (inWrite.get()) {
            throw new IllegalStateException("write transactions do not nest; use the enclosing Tx");
        }
    }

    <T> T read(Function<Tx, T> work) {
        PooledConnection pooled = readers.acquire();
        Connection c = pooled.connection();
        boolean broken = false;
        JdbcTx tx = new JdbcTx(pooled, dialect, true, NOTHING);
        try {
            dialect.begin(c, true);
            T result = work.apply(tx);
            // Reads change nothing, so ending with a rollback is as good as a commit and never fails
            // for lack of anything to commit.
            dialect.rollback(c);
            return result;
        } catch (SQLException e) {
            broken = !rollbackQuietly(c);
            throw new StoreException("read transaction failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            broken = !rollbackQuietly(c);
            throw e;
        } finally {
            tx.close();
            readers.release(pooled, broken);
        }
    }

    <T> T write(Function<Tx, T> work) {
        return write(work, true);
    }

    /**
     * @param awaitDurable false: return once committed, unless an after-commit action acts outside the process
     *     (Store.writeDurableLater)
     */
    <T> T write(Function<Tx, T> work, boolean awaitDurable) {
        checkNotInWrite();
        for (int attempt = 1; ; attempt++) {
            PooledConnection pooled = writers.acquire();
            Connection c = pooled.connection();
            boolean broken = false;
            boolean committed = false;
            boolean commitIssued = false;
            long ticket = 0;
            T result = null;
            JdbcTx tx = new JdbcTx(pooled, dialect, false, timerScheduled);
            try {
                dialect.begin(c, false);
                result = runAsWriter(work, tx);
                if (tx.conflict() == null) {
                    commitIssued = true;
                    commit(c);
                    ticket = durability.committed();
                    onCommit.run();
                    committed = true;
                } else {
                    broken = !rollbackQuietly(c);
                }
            } catch (SQLException e) {
                broken = !rollbackQuietly(c);
                if (!dialect.isRetryable(e)) {
                    throw new StoreException("write transaction failed: " + e.getMessage(), e);
                }
                tx.noteConflict(e);
            } catch (RuntimeException | Error e) {
                broken = !rollbackQuietly(c);
                if (tx.conflict() == null) {
                    throw e;
                }
            } finally {
                tx.close();
                writers.release(pooled, broken);
                if (!committed && !(commitIssued && broken)) { // else the commit's outcome is unknown
                    runActions(tx.afterRollbackActions(), "an action after rollback failed");
                }
            }
            if (committed) {
                // After the connection is back: the next transaction runs while this one's log is synced, and an
                // action may itself read or write the store.
                if (awaitDurable || tx.actionsNeedDurability()) {
                    durability.awaitDurable(ticket);
                }
                runActions(tx.afterCommitActions(), "an action after commit failed");
                return result;
            }
            backOff(attempt, tx.conflict());
        }
    }

    /** COMMIT, announced to the durability first: a read may see the commit before COMMIT returns. */
    private void commit(Connection c) throws SQLException {
        durability.committing();
        try {
            dialect.commit(c);
        } catch (SQLException | RuntimeException e) {
            durability.commitFailed();
            throw e;
        }
    }

    /**
     * Runs every piece of a group commit in one transaction, each inside a savepoint so that a piece
     * that throws takes only its own changes with it, then commits once. A serialization conflict
     * anywhere runs the whole batch again; a failure of the transaction itself fails every piece.
     * Returns, once the writer is free again, what still has to happen before the pieces are answered:
     * waiting for the commit to be durable, then the pieces' after-commit actions (D74).
     */
    GroupCommitter.Committed writeBatch(GroupCommitter.Batch batch) {
        for (int attempt = 1; ; attempt++) {
            PooledConnection pooled;
            try {
                pooled = writers.acquire();
            } catch (RuntimeException e) {
                batch.taken().forEach(w -> w.fail(e));
                return GroupCommitter.Committed.NOTHING;
            }
            Connection c = pooled.connection();
            boolean broken = false;
            SQLException conflict = null;
            boolean commitIssued = false;
            List<Runnable> afterCommit = new ArrayList<>();
            // What the pieces whose changes are in the transaction so far ask for should it not commit.
            List<Runnable> afterRollback = new ArrayList<>();
            // The pieces share one transaction, so each reads what those before it read or wrote, from memory
            // (the bucket, the generations, a running total) instead of the database.
            TxReads reads = new TxReads();
            try {
                dialect.begin(c, false);
                // A piece alone needs no savepoint: if it fails, the whole transaction is rolled back. That
                // saves two round trips for the caller who finds nobody to share a commit with.
                boolean savepoints = batch.taken().size() > 1 || batch.mayGrow();
                conflict = runPieces(pooled, batch.taken(), savepoints, reads, afterCommit, afterRollback);
                for (List<BatchedWork<?>> more = batch.more(); conflict == null && !more.isEmpty(); more = batch.more()) {
                    conflict = runPieces(pooled, more, true, reads, afterCommit, afterRollback);
                }
                if (conflict == null) {
                    if (batch.taken().stream().allMatch(BatchedWork::failed)) {
                        dialect.rollback(c);
                        runActions(afterRollback, "an action after rollback failed");
                        return GroupCommitter.Committed.NOTHING;
                    }
                    commitIssued = true;
                    commit(c);
                    long ticket = durability.committed();
                    onCommit.run();
                    return new GroupCommitter.Committed() {
                        @Override
                        public void awaitDurable() {
                            durability.awaitDurable(ticket);
                        }

                        @Override
                        public void afterCommit() {
                            runActions(afterCommit, "an action after commit failed");
                        }
                    };
                }
                broken = !rollbackQuietly(c);
                runActions(afterRollback, "an action after rollback failed");
            } catch (SQLException e) {
                broken = !rollbackQuietly(c);
                if (!(commitIssued && broken)) { // else the commit's outcome is unknown
                    runActions(afterRollback, "an action after rollback failed");
                }
                if (!dialect.isRetryable(e)) {
                    StoreException failure = new StoreException("batched write transaction failed: " + e.getMessage(), e);
                    batch.taken().forEach(w -> w.fail(failure));
                    return GroupCommitter.Committed.NOTHING;
                }
                conflict = e;
            } finally {
                writers.release(pooled, broken);
            }
            try {
                backOff(attempt, conflict);
            } catch (StoreException e) {
                batch.taken().forEach(w -> w.fail(e));
                return GroupCommitter.Committed.NOTHING;
            }
        }
    }

    /**
     * Returns the conflict that spoiled the batch, or null when every piece has its outcome; the
     * after-commit and after-rollback actions of the pieces that succeeded go to {@code afterCommit} and
     * {@code afterRollback}. A piece rolled back alone runs its after-rollback actions before it is failed.
     */
    private SQLException runPieces(PooledConnection pooled, List<BatchedWork<?>> pieces, boolean savepoints,
                                   TxReads reads, List<Runnable> afterCommit, List<Runnable> afterRollback)
            throws SQLException {
        for (BatchedWork<?> piece : pieces) {
            if (savepoints) {
                savepoint(pooled, "SAVEPOINT piece");
            }
            JdbcTx tx = new JdbcTx(pooled, dialect, false, timerScheduled, reads);
            try {
                runAsWriter(t -> {
                    piece.run(t);
                    return null;
                }, tx);
                afterRollback.addAll(tx.afterRollbackActions());
                if (tx.conflict() != null) {
                    return tx.conflict();
                }
                if (savepoints) {
                    savepoint(pooled, "RELEASE SAVEPOINT piece");
                }
                afterCommit.addAll(tx.afterCommitActions());
            } catch (RuntimeException | Error e) {
                if (tx.conflict() != null) {
                    afterRollback.addAll(tx.afterRollbackActions());
                    return tx.conflict();
                }
                // Until its savepoint is rolled back, the piece's changes go with the transaction's.
                int mark = afterRollback.size();
                afterRollback.addAll(tx.afterRollbackActions());
                if (savepoints) {
                    savepoint(pooled, "ROLLBACK TO SAVEPOINT piece");
                    savepoint(pooled, "RELEASE SAVEPOINT piece");
                }
                // What the piece wrote is gone again, and so is what it remembered having written.
                reads.clear();
                List<Runnable> undone = afterRollback.subList(mark, afterRollback.size());
                runActions(List.copyOf(undone), "an action after rollback failed");
                undone.clear();
                piece.fail(e);
            } finally {
                tx.close();
            }
        }
        return null;
    }

    /** Runs the work, then writes the puts it left deferred: a failure of those is the work's own. */
    private <T> T runAsWriter(Function<Tx, T> work, JdbcTx tx) {
        inWrite.set(true);
        try {
            T result = work.apply(tx);
            if (tx.conflict() == null) { // else the transaction runs again from the start
                tx.flushDeferred();
            }
            return result;
        } finally {
            inWrite.set(false);
        }
    }

    /** The outcome stands whatever an action does, so a failing action is reported, not thrown. */
    private static void runActions(List<Runnable> actions, String failure) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, failure, e);
            }
        }
    }

    /** Random, growing pauses, so that transactions that collided do not collide again in step. */
    private static void backOff(int attempt, SQLException conflict) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new StoreException("gave up after " + attempt + " conflicting attempts", conflict);
        }
        long ceiling = Math.min(MAX_BACKOFF_NANOS, 100_000L << Math.min(attempt, 16));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling));
    }

    private boolean rollbackQuietly(Connection c) {
        try {
            dialect.rollback(c);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Savepoint statements are the same for every piece: prepared once per connection. */
    private static void savepoint(PooledConnection pooled, String sql) throws SQLException {
        pooled.prepare(sql).execute();
    }
}
