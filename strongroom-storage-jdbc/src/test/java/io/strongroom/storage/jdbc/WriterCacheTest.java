package io.strongroom.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strongroom.storage.Tx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite writer's cache of committed rows (D116): write transactions read what earlier ones committed without a
 * statement, and never what did not commit or what another connection changed since.
 */
class WriterCacheTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String value(Tx tx, String key) {
        return tx.get("c", key).map(r -> new String(r.value(), StandardCharsets.UTF_8)).orElse(null);
    }

    /** A record's value as a write transaction reads it (null: absent). */
    private static String readInWrite(JdbcStore store, String key) {
        return store.write(tx -> value(tx, key));
    }

    @Test
    void committedReadsAndWritesAreKnownToTheNextWriteTransaction() {
        try (JdbcStore store = StoreFactory.open(dir.resolve("store.db").toString())) {
            store.write(tx -> tx.put("c", "written", bytes("w"), Tx.ABSENT));
            store.write(tx -> value(tx, "absent"));
            assertThat(store.cachedRows()).containsEntry(new WriterCache.RowKey("c", "absent"), Optional.empty());
            assertThat(store.cachedRows().get(new WriterCache.RowKey("c", "written")))
                    .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(1));
            assertThat(readInWrite(store, "written")).isEqualTo("w");
            store.write(tx -> tx.delete("c", "written", Tx.ANY));
            assertThat(store.cachedRows()).containsEntry(new WriterCache.RowKey("c", "written"), Optional.empty());
            assertThat(readInWrite(store, "written")).isNull();
        }
    }

    @Test
    void aTransactionReadsItsOwnWritesNotTheCommittedRowTheCacheKnows() {
        try (JdbcStore store = StoreFactory.open(dir.resolve("store.db").toString())) {
            store.write(tx -> tx.put("c", "k", bytes("old"), Tx.ABSENT));
            assertThat(readInWrite(store, "k")).isEqualTo("old");

            String afterPut = store.write(tx -> {
                tx.put("c", "k", bytes("new"), Tx.ANY);
                return value(tx, "k");
            });
            assertThat(afterPut).isEqualTo("new");
            String afterDelete = store.write(tx -> {
                tx.delete("c", "k", Tx.ANY);
                return value(tx, "k");
            });
            assertThat(afterDelete).isNull();
        }
    }

    @Test
    void whatAnotherConnectionCommitsIsReadAgain() {
        String file = dir.resolve("store.db").toString();
        try (JdbcStore first = StoreFactory.open(file); JdbcStore second = StoreFactory.open(file)) {
            first.write(tx -> tx.put("c", "k", bytes("one"), Tx.ABSENT));
            assertThat(readInWrite(first, "k")).isEqualTo("one");
            second.write(tx -> tx.put("c", "k", bytes("two"), Tx.ANY));

            assertThat(readInWrite(first, "k")).isEqualTo("two");
            long version = first.write(tx -> tx.put("c", "k", bytes("three"), 2));
            assertThat(version).as("the version seen is the stored one").isEqualTo(3);
            assertThat(readInWrite(second, "k")).isEqualTo("three");
        }
    }

    @Test
    void aRolledBackTransactionsWritesNeverReachTheCache() {
        try (JdbcStore store = StoreFactory.open(dir.resolve("store.db").toString())) {
            store.write(tx -> tx.put("c", "k", bytes("kept"), Tx.ABSENT));
            assertThatThrownBy(() -> store.write(tx -> {
                tx.put("c", "k", bytes("rolled back"), Tx.ANY);
                tx.put("c", "new", bytes("rolled back"), Tx.ABSENT);
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            assertThat(readInWrite(store, "k")).isEqualTo("kept");
            assertThat(readInWrite(store, "new")).isNull();
        }
    }

    @Test
    void aFailedPiecesWritesNeverReachTheCacheWhileTheOthersDo() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try (JdbcStore store = StoreFactory.open(dir.resolve("store.db").toString())) {
            store.write(tx -> tx.put("c", "k", bytes("before"), Tx.ABSENT));
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Long> first = threads.submit(() -> store.writeBatched(tx -> {
                running.countDown();
                await(release);
                return tx.put("c", "first", bytes("1"), Tx.ANY);
            }));
            await(running);
            Future<Object> failing = threads.submit(() -> {
                try {
                    return store.writeBatched(tx -> {
                        tx.put("c", "k", bytes("rolled back"), Tx.ANY);
                        throw new IllegalStateException("boom");
                    });
                } catch (RuntimeException e) {
                    return e;
                }
            });
            waitQueued(store, 1);
            Future<Long> later = threads.submit(() -> store.writeBatched(tx -> tx.put("c", "later", bytes("3"),
                    Tx.ANY)));
            waitQueued(store, 2);
            release.countDown();
            first.get(60, TimeUnit.SECONDS);
            assertThat(failing.get(60, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
            later.get(60, TimeUnit.SECONDS);

            assertThat(readInWrite(store, "k")).isEqualTo("before");
            assertThat(readInWrite(store, "first") + readInWrite(store, "later")).isEqualTo("13");
        } finally {
            threads.shutdownNow();
        }
    }

    /** Until {@code n} calls wait behind the running batch, so that they share the next one. */
    private static void waitQueued(JdbcStore store, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.committer().queued() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(store.committer().queued()).isEqualTo(n);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
