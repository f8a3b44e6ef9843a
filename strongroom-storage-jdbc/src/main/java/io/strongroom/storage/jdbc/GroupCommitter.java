package io.strongroom.storage.jdbc;

import io.strongroom.storage.Tx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit without a thread of its own: callers queue their work, and whichever caller finds no
 * batch running takes everything queued and runs it as one transaction while the others wait. The
 * callers that arrive during a commit form the next batch, so under load each fsync serves many
 * callers, and a caller alone commits at once, as with a plain write.
 *
 * <p>Where a commit is made durable after it returns (SQLite's shared log fsync, D74), the next batch
 * runs while the previous one is synced, and keeps taking the callers that arrive until that sync ends:
 * they would have waited for the disk anyway, and so each commit and each fsync serves as many callers
 * as before. A batch's callers are answered only once it is durable.
 */
final class GroupCommitter {

    /** Bounds a batch's transaction (and its memory) however many callers pile up. */
    private static final int MAX_BATCH = 512;

    /** The running batch as its transaction sees it. */
    interface Batch {
        /** The work taken so far. */
        List<BatchedWork<?>> taken();

        /**
         * More work for the transaction: what is queued now, or, while an earlier batch is still being made
         * durable, what arrives before it is; empty when the transaction should commit.
         */
        List<BatchedWork<?>> more();

        /** Whether {@link #more} may still add work (so a lone piece needs a savepoint after all). */
        boolean mayGrow();
    }

    /** What is left of a committed batch: waiting until it is durable, then its after-commit actions. */
    interface Committed {
        Committed NOTHING = new Committed() {
            @Override
            public void awaitDurable() {
            }

            @Override
            public void afterCommit() {
            }
        };

        void awaitDurable();

        void afterCommit();
    }

    private final Function<Batch, Committed> runBatch;
    private final ReentrantLock lock = new ReentrantLock();
    /** The running batch's leader waits here for work or for the end of an earlier batch's sync. */
    private final Condition workOrDurable = lock.newCondition();
    private final ArrayDeque<BatchedWork<?>> queue = new ArrayDeque<>();
    private boolean running;
    /** Batches committed and not yet durable. */
    private int syncing;
    private long batches;

    /**
     * @param runBatch runs the batch's pieces in one transaction (taking more while {@link Batch#more} gives
     *     them) and settles every piece's outcome, then returns what must still happen before they are
     *     answered; it must not throw, though what it returns may
     */
    GroupCommitter(Function<Batch, Committed> runBatch) {
        this.runBatch = runBatch;
    }

    <T> T submit(Function<Tx, T> work) {
        BatchedWork<T> mine = new BatchedWork<>(work);
        lock.lock();
        try {
            mine.wakeUp = lock.newCondition();
            queue.add(mine);
            workOrDurable.signal();
            while (!mine.settled) {
                if (running || mine.taken) {
                    // Not interruptible: once queued, the work may be committed by another caller,
                    // and abandoning the wait would hide that outcome.
                    mine.wakeUp.awaitUninterruptibly();
                    continue;
                }
                lead();
            }
        } finally {
            lock.unlock();
        }
        return mine.outcome();
    }

    /** Runs one batch; called and returns with the lock held. */
    private void lead() {
        running = true;
        RunningBatch batch = new RunningBatch();
        batch.taken.addAll(drain(MAX_BATCH));
        lock.unlock();
        Committed committed = Committed.NOTHING;
        try {
            committed = runBatch.apply(batch);
        } catch (RuntimeException | Error e) {
            batch.taken.forEach(w -> w.fail(e));
        } finally {
            lock.lock();
            running = false;
            batches++;
            syncing++;
            // The next batch may run now, led by the longest waiting caller; this one's callers wait until
            // it is durable. Each caller is woken only for its own turn: waking them all at every batch's
            // end cost most of a busy server's context switches.
            BatchedWork<?> next = queue.peek();
            if (next != null) {
                next.wakeUp.signal();
            }
        }
        lock.unlock();
        boolean durable = false;
        try {
            committed.awaitDurable();
            durable = true;
        } catch (RuntimeException | Error e) {
            batch.taken.forEach(w -> w.fail(e));
        } finally {
            lock.lock();
            syncing--;
            workOrDurable.signal();
            lock.unlock();
        }
        try {
            if (durable) {
                // After the sync is counted as over: an action may itself write through this committer.
                committed.afterCommit();
            }
        } finally {
            lock.lock();
            for (BatchedWork<?> w : batch.taken) {
                w.settled = true;
                w.wakeUp.signal();
            }
        }
    }

    private final class RunningBatch implements Batch {
        final List<BatchedWork<?>> taken = new ArrayList<>();

        @Override
        public List<BatchedWork<?>> taken() {
            return taken;
        }

        @Override
        public List<BatchedWork<?>> more() {
            lock.lock();
            try {
                while (taken.size() < MAX_BATCH) {
                    if (!queue.isEmpty() && syncing > 0) {
                        List<BatchedWork<?>> more = drain(MAX_BATCH - taken.size());
                        taken.addAll(more);
                        return more;
                    }
                    if (syncing == 0) {
                        break;
                    }
                    workOrDurable.awaitUninterruptibly();
                }
                return List.of();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean mayGrow() {
            lock.lock();
            try {
                return syncing > 0;
            } finally {
                lock.unlock();
            }
        }
    }

    private List<BatchedWork<?>> drain(int max) {
        List<BatchedWork<?>> batch = new ArrayList<>(Math.min(queue.size(), max));
        while (!queue.isEmpty() && batch.size() < max) {
            BatchedWork<?> work = queue.poll();
            work.taken = true;
            batch.add(work);
        }
        return batch;
    }

    /** Work queued and not yet taken into a batch. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Batches run so far. */
    long batches() {
        lock.lock();
        try {
            return batches;
        } finally {
            lock.unlock();
        }
    }
}
