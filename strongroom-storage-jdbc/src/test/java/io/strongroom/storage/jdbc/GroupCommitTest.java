package io.strongroom.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.storage.Tx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Callers that queue while a batch commits are committed together, in one transaction. */
class GroupCommitTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> stores() {
        return Locations.bothDialects(dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void callersQueuedDuringACommitShareTheNextOne(String dialect, Locations.NewLocation location) throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try (JdbcStore store = StoreFactory.open(location.create())) {
            CountDownLatch releaseFirst = new CountDownLatch(1);
            Future<Long> first = holdBatch(threads, store, releaseFirst,
                    tx -> tx.put("c", "first", bytes("first"), Tx.ABSENT));

            int callers = 10;
            RuntimeException boom = new IllegalStateException("boom");
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String key = "k" + i;
                boolean fails = i == 3;
                Callable<Object> call = () -> {
                    try {
                        return store.writeBatched(tx -> {
                            tx.put("c", key, bytes(key), Tx.ABSENT);
                            if (fails) {
                                throw boom;
                            }
                            return key;
                        });
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                results.add(threads.submit(call));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (store.committer().queued() < callers && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(store.committer().queued()).isEqualTo(callers);
            releaseFirst.countDown();

            assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            for (int i = 0; i < callers; i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(i == 3 ? boom : "k" + i);
            }
            assertThat(store.committer().batches()).isEqualTo(2);
            for (int i = 0; i < callers; i++) {
                String key = "k" + i;
                assertThat(store.read(tx -> tx.get("c", key)).isPresent()).as(key).isEqualTo(i != 3);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A batch's pieces share what they read: a piece that fails takes its writes with it, and a later piece of the
     * same batch must not see them in that memory either.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aFailedPiecesWritesAreNotSeenByTheNextPiece(String dialect, Locations.NewLocation location) throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try (JdbcStore store = StoreFactory.open(location.create())) {
            CountDownLatch releaseFirst = new CountDownLatch(1);
            Future<Object> first = holdBatch(threads, store, releaseFirst, tx -> null);

            Future<Boolean> reader = queue(threads, store, 1, () -> store.writeBatched(tx -> tx.get("c", "x").isPresent()));
            Future<Object> failing = queue(threads, store, 2, () -> {
                try {
                    return store.writeBatched(tx -> {
                        tx.put("c", "x", bytes("rolled back"), Tx.ANY);
                        throw new IllegalStateException("boom");
                    });
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Future<Boolean> later = queue(threads, store, 3, () -> store.writeBatched(tx -> tx.get("c", "x").isPresent()));
            releaseFirst.countDown();

            first.get(60, TimeUnit.SECONDS);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isFalse();
            assertThat(failing.get(60, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
            assertThat(later.get(60, TimeUnit.SECONDS)).as("the failed piece's write").isFalse();
            assertThat(store.committer().batches()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Values a piece took of a sequence go back with it when it fails; the pieces around it stay gap-free. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aFailedPiecesSequenceValuesAreTakenAgainByTheNextPiece(String dialect, Locations.NewLocation location)
            throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try (JdbcStore store = StoreFactory.open(location.create())) {
            CountDownLatch releaseFirst = new CountDownLatch(1);
            Future<List<Long>> first = holdBatch(threads, store, releaseFirst,
                    tx -> List.of(tx.nextSequence("s"), tx.nextSequence("s")));
            Future<Object> failing = queue(threads, store, 1, () -> {
                try {
                    return store.writeBatched(tx -> {
                        tx.nextSequence("s");
                        tx.nextSequence("s");
                        throw new IllegalStateException("boom");
                    });
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Future<List<Long>> later = queue(threads, store, 2,
                    () -> store.writeBatched(tx -> List.of(tx.nextSequence("s"), tx.nextSequence("s"))));
            releaseFirst.countDown();

            assertThat(first.get(60, TimeUnit.SECONDS)).containsExactly(1L, 2L);
            assertThat(failing.get(60, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
            assertThat(later.get(60, TimeUnit.SECONDS)).as("after the failed piece").containsExactly(3L, 4L);
            assertThat(store.committer().batches()).isEqualTo(2);
            assertThat(store.write((Tx tx) -> tx.nextSequence("s"))).isEqualTo(5);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Starts a batch that runs {@code work} once {@code release} opens; returns once the batch is running. */
    private static <T> Future<T> holdBatch(ExecutorService threads, JdbcStore store, CountDownLatch release,
                                           Function<Tx, T> work) {
        CountDownLatch running = new CountDownLatch(1);
        Future<T> batch = threads.submit(() -> store.writeBatched(tx -> {
            running.countDown();
            await(release);
            return work.apply(tx);
        }));
        await(running);
        return batch;
    }

    /** Submits a call and waits until it is queued, so that calls queue in the order given. */
    private static <T> Future<T> queue(ExecutorService threads, JdbcStore store, int queued, Callable<T> call) {
        Future<T> future = threads.submit(call);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.committer().queued() < queued && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(store.committer().queued()).isEqualTo(queued);
        return future;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
