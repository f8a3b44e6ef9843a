package io.strongroom.engine.time;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The data moves of jobs that turned RUNNING at one instant of the clock (a plan firing starts hundreds of them): the
 * moves run in parallel, so their fsyncs overlap instead of queueing one behind the other, and their outcomes are
 * recorded one by one in the order the moves were submitted, before the clock passes that instant ({@link
 * ClockService} drains them). Recording in submission order keeps timer sequences, and so every later id, the same
 * on every run (issue 8: same seed, same result). A move submitted outside a clock run (no drain would follow) runs
 * and is recorded at once, on the caller's thread.
 */
public final class DataMoves implements AutoCloseable {
    private static final int THREADS = 8;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "data-move");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Runnable> recordings = new ArrayDeque<>();
    private volatile Thread draining;

    /**
     * Runs {@code move} (outside any transaction) and later hands its result to {@code record}, or its failure to
     * {@code failed}, on the clock's thread.
     */
    public <T> void submit(Supplier<T> move, Consumer<T> record, Consumer<RuntimeException> failed) {
        if (Thread.currentThread() != draining) {
            T result;
            try {
                result = move.get();
            } catch (RuntimeException e) {
                failed.accept(e);
                return;
            }
            record.accept(result);
            return;
        }
        CompletableFuture<T> moving = CompletableFuture.supplyAsync(move, pool);
        synchronized (recordings) {
            recordings.add(() -> {
                T result;
                try {
                    result = moving.get();
                } catch (ExecutionException e) {
                    failed.accept(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e));
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.accept(new IllegalStateException("interrupted", e));
                    return;
                }
                record.accept(result);
            });
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
        synchronized (recordings) {
            return !recordings.isEmpty();
        }
    }

    /** Records every submitted move, in submission order (a recording may submit more: those are recorded too). */
    void drain() {
        while (true) {
            Runnable next;
            synchronized (recordings) {
                next = recordings.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
