package io.strongroom.engine.time;

import io.strongroom.storage.Store;
import io.strongroom.storage.Tx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data moves of jobs that turned RUNNING at one instant of the clock (a plan firing starts hundreds of them): the
 * moves run in parallel, so their fsyncs overlap instead of queueing one behind the other, and their outcomes are
 * recorded in the order the moves were submitted, many to a transaction, before the clock passes that instant
 * ({@link ClockService} drains them). Recording in submission order keeps timer sequences, and so every later id, the
 * same on every run (issue 8: same seed, same result). A move submitted outside a clock run (no drain would follow),
 * or before the server gave the moves their threads ({@link #runOn}), runs and is recorded at once, on the caller's
 * thread.
 */
public final class DataMoves {
    /** The most outcomes recorded in one transaction. */
    private static final int BATCH = 256;
    private static final Logger LOG = Logger.getLogger(DataMoves.class.getName());

    private final Store store;
    private volatile Executor threads;
    private final Deque<Pending<?>> pending = new ArrayDeque<>();
    /** Work beside the moves that records nothing (see {@link #alongside}); awaited with them. */
    private final List<CompletableFuture<Void>> detached = new ArrayList<>();
    private volatile Thread draining;
    /** Makes the moves' writes durable (see {@link #syncWritesWith}). */
    private volatile Runnable sync = () -> { };

    DataMoves(Store store) {
        this.store = store;
    }

    /**
     * Moves, and the work beside them, may leave their writes to be made durable by one {@code sync} that serves them
     * all (one fsync per vault for an instant's hundreds of points instead of a shared one per handful). It runs
     * before any outcome is recorded, so a recorded outcome never names bytes that a crash could still lose, and
     * after the work beside the moves is done.
     */
    public void syncWritesWith(Runnable sync) {
        this.sync = sync;
    }

    /** The threads the moves run on (the server owns them: the engine starts none). */
    public void runOn(Executor executor) {
        this.threads = executor;
    }

    /**
     * Runs {@code move} (outside any transaction) and later records its result with {@code record}, or its failure
     * with {@code failed}, in a write transaction on the clock's thread.
     */
    public <T> void submit(Supplier<T> move, BiConsumer<Tx, T> record, BiConsumer<Tx, RuntimeException> failed) {
        Executor executor = threads;
        if (executor == null || Thread.currentThread() != draining) {
            Pending<T> now = new Pending<>(CompletableFuture.completedFuture(null), record, failed);
            try {
                now.result = CompletableFuture.completedFuture(move.get());
            } catch (RuntimeException e) {
                now.result = CompletableFuture.failedFuture(e);
            }
            recordAlone(now);
            return;
        }
        Pending<T> moving = new Pending<>(CompletableFuture.supplyAsync(move, executor), record, failed);
        synchronized (pending) {
            pending.add(moving);
        }
    }

    /**
     * Runs {@code work} (outside any transaction, after the commit that asked for it; it records nothing) beside the
     * instant's moves, so an instant that expires hundreds of points does not remove their bytes one after the other
     * on the clock's thread: their directory fsyncs overlap and are shared. The clock still waits for it before it
     * passes the instant, so what a later instant or a caller of the clock sees is the same as when it ran inline.
     * Off the clock's thread it runs at once.
     */
    public void alongside(Runnable work) {
        Executor executor = threads;
        if (executor == null || Thread.currentThread() != draining) {
            try {
                work.run();
            } finally {
                sync.run();
            }
            return;
        }
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "work beside the data moves failed", e);
            }
        }, executor);
        synchronized (pending) {
            detached.add(running);
        }
    }

    /** A submitted move and what to record when it is done. */
    private static final class Pending<T> {
        CompletableFuture<T> result;
        final BiConsumer<Tx, T> record;
        final BiConsumer<Tx, RuntimeException> failed;

        Pending(CompletableFuture<T> result, BiConsumer<Tx, T> record, BiConsumer<Tx, RuntimeException> failed) {
            this.result = result;
            this.record = record;
            this.failed = failed;
        }

        /** Records the outcome; a recording that throws is recorded as the move's failure. */
        void record(Tx tx) {
            T value;
            try {
                value = result.get();
            } catch (ExecutionException e) {
                failed.accept(tx, e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.accept(tx, new IllegalStateException("interrupted", e));
                return;
            }
            record.accept(tx, value);
        }

        void await() {
            finished(result);
        }

        void fail(Tx tx, RuntimeException e) {
            failed.accept(tx, e);
        }
    }

    /** The clock's thread runs timers from now on: moves submitted on it wait for {@link #drain()}. */
    void enter() {
        draining = Thread.currentThread();
    }

    void exit() {
        drain();
        draining = null;
    }

    boolean pending() {
        synchronized (pending) {
            return !pending.isEmpty() || !detached.isEmpty();
        }
    }

    /**
     * Records every submitted move in submission order, up to {@link #BATCH} to a transaction; when a recording
     * throws, that batch rolls back and its moves are recorded one to a transaction, the throwing one as failed.
     */
    void drain() {
        while (true) {
            List<Pending<?>> batch = nextBatch();
            if (batch.isEmpty()) {
                awaitDetached(); // work a recording asked for after its commit
                if (pending()) {
                    continue;
                }
                return;
            }
            // Every move finished before the transaction opens: a move may itself write (a data key of the vault).
            batch.forEach(Pending::await);
            try {
                sync.run();
                // on the clock's thread, which waits for the disk once it has run its timers (ClockService)
                store.writeDurableLater(tx -> {
                    batch.forEach(p -> p.record(tx));
                    return null;
                });
            } catch (RuntimeException e) {
                batch.forEach(this::recordAlone);
            }
        }
    }

    /**
     * The moves to record next: the first {@link #BATCH} at the head of the queue, or all when fewer; the caller waits
     * until they have finished. An instant's moves so share as few commits as they can, since a commit writes again
     * every page its records touch and a job's rows were written by the commit that started it (D146). Recorded in
     * submission order, so every id and timer sequence is the same whenever the moves finish.
     */
    private List<Pending<?>> nextBatch() {
        List<Pending<?>> batch = new ArrayList<>();
        synchronized (pending) {
            while (batch.size() < BATCH && !pending.isEmpty()) {
                batch.add(pending.poll());
            }
        }
        return batch;
    }

    /** Waits for the work run {@link #alongside} the moves (which logged its own failure), then makes it durable. */
    private void awaitDetached() {
        while (true) {
            List<CompletableFuture<Void>> running;
            synchronized (pending) {
                running = new ArrayList<>(detached);
                detached.clear();
            }
            if (running.isEmpty()) {
                return;
            }
            running.forEach(DataMoves::finished);
            try {
                sync.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the work beside the data moves could not be made durable", e);
            }
        }
    }

    /** Waits until {@code work} has ended, whichever way: its outcome is read (or was logged) elsewhere. */
    private static void finished(CompletableFuture<?> work) {
        try {
            work.handle((value, failure) -> null).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // handle() has absorbed the work's own failure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordAlone(Pending<?> p) {
        try {
            sync.run();
            store.write(tx -> {
                p.record(tx);
                return null;
            });
        } catch (RuntimeException e) {
            store.write(tx -> {
                p.fail(tx, e);
                return null;
            });
        }
    }
}
