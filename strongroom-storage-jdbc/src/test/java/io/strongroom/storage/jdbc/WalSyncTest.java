package io.strongroom.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strongroom.storage.StoreException;
import io.strongroom.storage.Tx;
import java.nio.file.Path;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit is answered only after an fsync that began after it; commits made before one fsync share it. */
class WalSyncTest {

    @Test
    void commitsMadeBeforeAnFsyncBeganShareIt() {
        AtomicInteger forces = new AtomicInteger();
        WalSync sync = new WalSync("test", forces::incrementAndGet);
        long[] tickets = {sync.committed(), sync.committed(), sync.committed()};

        for (long ticket : tickets) {
            sync.awaitDurable(ticket);
        }

        assertThat(forces).hasValue(1);
        assertThat(sync.syncs()).isEqualTo(1);
    }

    @Test
    void aCommitMadeWhileAnFsyncRunsWaitsForTheNextOne() throws Exception {
        CountDownLatch firstForceRunning = new CountDownLatch(1);
        CountDownLatch releaseFirstForce = new CountDownLatch(1);
        AtomicInteger forces = new AtomicInteger();
        WalSync sync = new WalSync("test", () -> {
            if (forces.incrementAndGet() == 1) {
                firstForceRunning.countDown();
                await(releaseFirstForce);
            }
        });
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            long first = sync.committed();
            Future<?> firstCaller = threads.submit(() -> sync.awaitDurable(first));
            await(firstForceRunning);
            long second = sync.committed();
            Future<?> secondCaller = threads.submit(() -> sync.awaitDurable(second));

            assertThatThrownBy(() -> secondCaller.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            releaseFirstForce.countDown();
            firstCaller.get(10, TimeUnit.SECONDS);
            secondCaller.get(10, TimeUnit.SECONDS);

            assertThat(forces).hasValue(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedFsyncFailsItsCallersAndTheNextCallTriesAgain() {
        AtomicInteger forces = new AtomicInteger();
        WalSync sync = new WalSync("test", () -> {
            if (forces.incrementAndGet() == 1) {
                throw new IOException("disk gone");
            }
        });
        long ticket = sync.committed();

        assertThatThrownBy(() -> sync.awaitDurable(ticket)).isInstanceOf(StoreException.class)
                .hasMessageContaining("disk gone");
        sync.awaitDurable(ticket);

        assertThat(forces).hasValue(2);
    }

    @Test
    void aReadWaitsForTheFsyncOfEveryCommitItCouldHaveSeen() {
        AtomicInteger forces = new AtomicInteger();
        WalSync sync = new WalSync("test", forces::incrementAndGet);
        sync.committed();
        sync.committed();

        sync.awaitDurable(sync.visible());
        assertThat(forces).as("one fsync covers both commits").hasValue(1);
        sync.awaitDurable(sync.visible());
        assertThat(forces).as("nothing new was committed").hasValue(1);
    }

    @Test
    void aReadWaitsForACommitThatWasInProgressWhenItEnded() throws Exception {
        readerOfACommitInProgress((sync, forces) -> {
            assertThat(forces).as("no fsync before the COMMIT returned").hasValue(0);
            sync.committed();
        }, 1);
    }

    @Test
    void aReadWaitingForACommitThatFailsReturns() throws Exception {
        readerOfACommitInProgress((sync, forces) -> sync.commitFailed(), 0);
    }

    /**
     * A read that ended while a COMMIT was in progress waits; {@code then} ends the COMMIT, after which the read
     * returns having seen {@code fsyncs} fsyncs.
     */
    private static void readerOfACommitInProgress(java.util.function.BiConsumer<WalSync, AtomicInteger> then,
                                                  int fsyncs) throws Exception {
        AtomicInteger forces = new AtomicInteger();
        WalSync sync = new WalSync("test", forces::incrementAndGet);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            sync.committing();
            long ticket = sync.visible();
            Future<?> reader = threads.submit(() -> sync.awaitDurable(ticket));

            assertThatThrownBy(() -> reader.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            then.accept(sync, forces);
            reader.get(10, TimeUnit.SECONDS);
            assertThat(forces).hasValue(fsyncs);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void everySqliteWriteIsAnsweredAfterAnFsyncOfTheLog(@TempDir Path dir) {
        try (JdbcStore store = StoreFactory.open(dir.resolve("store.db").toString())) {
            WalSync sync = (WalSync) store.durability();
            long before = sync.syncs();

            store.write(tx -> tx.put("c", "plain", new byte[] {1}, Tx.ANY));
            assertThat(sync.syncs()).isEqualTo(before + 1);
            store.writeBatched(tx -> tx.put("c", "batched", new byte[] {2}, Tx.ANY));
            assertThat(sync.syncs()).isEqualTo(before + 2);
            store.read(tx -> tx.get("c", "plain"));
            store.awaitReadsDurable();
            assertThat(sync.syncs()).as("what the read saw was already durable").isEqualTo(before + 2);
        }
    }

    @Test
    void writesDurableLaterShareTheOneFsyncTheirCallerWaitsFor(@TempDir Path dir) {
        try (JdbcStore store = StoreFactory.open(dir.resolve("store.db").toString())) {
            WalSync sync = (WalSync) store.durability();
            long before = sync.syncs();

            for (int i = 0; i < 3; i++) {
                String key = "k" + i;
                store.writeDurableLater(tx -> {
                    tx.afterCommitInProcess(() -> { });
                    return tx.put("c", key, new byte[] {1}, Tx.ANY);
                });
            }
            assertThat(sync.syncs()).as("no commit waited for the disk").isEqualTo(before);
            boolean seen = store.read(tx -> tx.get("c", "k2").isPresent());
            assertThat(seen).as("reads see the commits at once").isTrue();
            store.awaitWritesDurable();
            assertThat(sync.syncs()).as("one fsync for the three").isEqualTo(before + 1);

            AtomicInteger syncsSeenByAction = new AtomicInteger(-1);
            store.writeDurableLater(tx -> {
                tx.afterCommit(() -> syncsSeenByAction.set((int) sync.syncs()));
                return tx.put("c", "acted", new byte[] {2}, Tx.ANY);
            });
            assertThat(syncsSeenByAction).as("an action outside the store runs once the commit is durable")
                    .hasValue((int) before + 2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLogFileMadeAgainAtTheSamePathIsTheOneSynced(@TempDir Path dir) throws IOException {
        Path wal = dir.resolve("strongroom.db-wal");
        java.nio.file.Files.write(wal, new byte[] {1});
        WalSync.LogFile log = new WalSync.LogFile(wal);
        log.force();
        Object first = log.file();

        // SQLite deletes the log when its last connection closes; the next connection makes a new file
        java.nio.file.Files.delete(wal);
        java.nio.file.Files.write(dir.resolve("keeps-the-old-inode-from-being-reused"), new byte[] {2});
        java.nio.file.Files.write(wal, new byte[] {3});
        log.force();

        assertThat(log.file()).isNotEqualTo(first)
                .isEqualTo(java.nio.file.Files.readAttributes(wal,
                        java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        log.close();
    }
}
