package io.strongroom.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * While a committed batch waits for its sync, the next batch runs and keeps taking the callers that arrive until
 * that sync ends; nobody is answered before their own batch is durable (D74).
 */
class PipelinedCommitTest {

    @Test
    void theNextBatchTakesCallersUntilThePreviousSyncEnds() throws Exception {
        CountDownLatch firstSyncRunning = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        List<List<String>> commits = new CopyOnWriteArrayList<>();
        GroupCommitter committer = new GroupCommitter(batch -> {
            List<String> pieces = new ArrayList<>();
            for (List<BatchedWork<?>> more = batch.taken(); !more.isEmpty(); more = batch.more()) {
                for (BatchedWork<?> piece : more) {
                    piece.run(null);
                    pieces.add(String.valueOf(piece.outcome()));
                }
            }
            commits.add(pieces);
            boolean first = commits.size() == 1;
            return new GroupCommitter.Committed() {
                @Override
                public void awaitDurable() {
                    if (first) {
                        firstSyncRunning.countDown();
                        await(releaseFirstSync);
                    }
                }

                @Override
                public void afterCommit() {
                }
            };
        });
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<Object> first = threads.submit(() -> committer.submit(tx -> "first"));
            await(firstSyncRunning);
            Future<Object> second = threads.submit(() -> committer.submit(tx -> "second"));
            awaitBatches(committer, 1);
            Thread.sleep(100);
            Future<Object> third = threads.submit(() -> committer.submit(tx -> "third"));
            Thread.sleep(100);

            assertThatThrownBy(() -> first.get(100, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(committer.queued()).isZero();
            assertThat(commits).hasSize(1);
            releaseFirstSync.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("third");
            assertThat(commits).containsExactly(List.of("first"), List.of("second", "third"));
            assertThat(committer.batches()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitBatches(GroupCommitter committer, long batches) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (committer.batches() < batches && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
