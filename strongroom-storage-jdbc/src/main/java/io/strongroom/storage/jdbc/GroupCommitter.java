package io.strongroom.storage.jdbc;

import io.strongroom.storage.Tx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Group commit without a thread of its own: callers queue their work, and whichever caller finds no
 * batch running takes everything queued and runs it as one transaction while the others wait. The
 * callers that arrive during a commit form the next batch, so under load each fsync serves many
 * callers, and a caller alone commits at once, as with a plain write.
 */
final class GroupCommitter {

    /** Bounds a batch's transaction (and its memory) however many callers pile up. */
    private static final int MAX_BATCH = 512;

    private final Consumer<List<BatchedWork<?>>> runBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchEnded = lock.newCondition();
    private final ArrayDeque<BatchedWork<?>> queue = new ArrayDeque<>();
    private boolean running;
    private long batches;

    /**
     * @param runBatch runs the pieces in one transaction and settles every piece's outcome; it must
     *     not throw
     */
    GroupCommitter(Consumer<List<BatchedWork<?>>> runBatch) {
        this.runBatch = runBatch;
    }

    <T> T submit(Function<Tx, T> work) {
        BatchedWork<T> mine = new BatchedWork<>(work);
        lock.lock();
        try {
            queue.add(mine);
            while (!mine.settled) {
                if (running) {
                    // Not interruptible: once queued, the work may be committed by another caller,
                    // and abandoning the wait would hide that outcome.
                    batchEnded.awaitUninterruptibly();
                    continue;
                }
                running = true;
                List<BatchedWork<?>> batch = drain();
                lock.unlock();
                try {
                    runBatch.accept(batch);
                } catch (RuntimeException | Error e) {
                    batch.forEach(w -> w.fail(e));
                } finally {
                    lock.lock();
                    running = false;
                    batches++;
                    batch.forEach(w -> w.settled = true);
                    batchEnded.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        return mine.outcome();
    }

    private List<BatchedWork<?>> drain() {
        List<BatchedWork<?>> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.poll());
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
