package io.strongroom.engine.time;

import io.strongroom.engine.testing.TempStore;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockServiceTest {
    static final Instant START = Instant.parse("2027-02-01T00:00:00Z");

    @RegisterExtension
    final TempStore store = new TempStore();
    ClockService clock;
    final List<String> ran = new ArrayList<>();

    @BeforeEach
    void open() {
        clock = ClockService.open(store, true, START, Clock.systemUTC());
        clock.register(new Recorder());
    }

    /** Records "key@now" and, for keys starting with "chain", schedules a follow-up an hour later. */
    final class Recorder implements TimerHandler {
        @Override
        public String type() {
            return "test";
        }

        @Override
        public void run(Tx tx, Timer timer) {
            ran.add(timer.key() + "@" + clock.now());
            if (timer.key().startsWith("chain") && timer.key().length() < 8) {
                tx.timers().schedule(timer.key() + "+", "test", clock.now().plus(Duration.ofHours(1)), new byte[0]);
            }
        }
    }

    private void schedule(String key, Instant due) {
        store.write(tx -> tx.timers().schedule(key, "test", due, key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void runsDueTimersInTimeThenSequenceOrderWithTheClockAtEachDueTime() {
        schedule("b", START.plus(Duration.ofHours(2)));
        schedule("a", START.plus(Duration.ofHours(1)));
        schedule("c", START.plus(Duration.ofHours(2)));
        schedule("later", START.plus(Duration.ofDays(3)));

        Instant now = clock.advance(Duration.ofDays(1));

        assertThat(now).isEqualTo(START.plus(Duration.ofDays(1)));
        assertThat(ran).containsExactly("a@2027-02-01T01:00:00Z", "b@2027-02-01T02:00:00Z", "c@2027-02-01T02:00:00Z");
    }

    @Test
    void workScheduledDuringAnAdvanceRunsInTheSameAdvance() {
        schedule("chain", START.plus(Duration.ofHours(1)));

        clock.advance(Duration.ofHours(5));

        assertThat(ran).containsExactly("chain@2027-02-01T01:00:00Z", "chain+@2027-02-01T02:00:00Z",
                "chain++@2027-02-01T03:00:00Z", "chain+++@2027-02-01T04:00:00Z");
    }

    @Test
    void runDueRunsWhatAWriteScheduledForThePresentAndNothingElse() {
        clock.advance(Duration.ofHours(1));
        assertThat(clock.runDue()).isZero();
        schedule("now", clock.now());
        schedule("later", clock.now().plusSeconds(1));

        assertThat(clock.runDue()).isEqualTo(1);
        assertThat(clock.runDue()).as("nothing new").isZero();
        schedule("now-again", clock.now());
        assertThat(clock.runDue()).isEqualTo(1);

        assertThat(ran).containsExactly("now@2027-02-01T01:00:00Z", "now-again@2027-02-01T01:00:00Z");
    }

    @Test
    void rescheduledKeyRunsOnce() {
        schedule("x", START.plus(Duration.ofHours(1)));
        schedule("x", START.plus(Duration.ofHours(3)));

        clock.advance(Duration.ofHours(4));

        assertThat(ran).containsExactly("x@2027-02-01T03:00:00Z");
    }

    @Test
    void neverMovesBackwardsAndResumesAfterReopen() {
        clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> clock.set(START)).isInstanceOf(ServiceException.class);
        assertThat(clock.now()).isEqualTo(START.plus(Duration.ofDays(2)));

        ClockService reopened = ClockService.open(store, true, START, Clock.systemUTC());
        assertThat(reopened.now()).isEqualTo(START.plus(Duration.ofDays(2)));
    }

    @Test
    void aFailingTimerIsRetiredAndDoesNotStallTheClock() {
        clock.register(new TimerHandler() {
            public String type() {
                return "boom";
            }

            public void run(Tx tx, Timer timer) {
                tx.put("side-effects", "x", new byte[]{1}, Tx.ANY);
                throw new IllegalStateException("boom");
            }
        });
        store.write(tx -> tx.timers().schedule("bad", "boom", START.plus(Duration.ofHours(1)), new byte[0]));
        schedule("good", START.plus(Duration.ofHours(2)));

        clock.advance(Duration.ofHours(3));

        assertThat(ran).containsExactly("good@2027-02-01T02:00:00Z");
        java.util.Optional<io.strongroom.storage.StoredRecord> sideEffect = store.read(tx -> tx.get("side-effects", "x"));
        java.util.Optional<Instant> pending = store.read(tx -> tx.timers().nextDue());
        assertThat(sideEffect).as("the failed work rolled back").isEmpty();
        assertThat(pending).isEmpty();
    }
    @Test
    void aFailingTimerAmongOthersOfItsInstantIsRetiredAloneAndTheirWorkIsKept() {
        clock.register(new TimerHandler() {
            public String type() {
                return "boom";
            }

            public void run(Tx tx, Timer timer) {
                tx.put("side-effects", "bad", new byte[]{1}, Tx.ANY);
                throw new IllegalStateException("boom");
            }
        });
        Instant two = START.plus(Duration.ofHours(2));
        schedule("first", two);
        store.write(tx -> tx.timers().schedule("bad", "boom", two, new byte[0]));
        schedule("last", two);

        clock.advance(Duration.ofHours(3));

        assertThat(ran).as("the batch rolled back and ran again one timer per transaction")
                .containsSubsequence("first@2027-02-01T02:00:00Z", "last@2027-02-01T02:00:00Z")
                .endsWith("first@2027-02-01T02:00:00Z", "last@2027-02-01T02:00:00Z");
        java.util.Optional<io.strongroom.storage.StoredRecord> sideEffect = store.read(tx -> tx.get("side-effects",
                "bad"));
        java.util.Optional<Instant> pending = store.read(tx -> tx.timers().nextDue());
        assertThat(sideEffect).isEmpty();
        assertThat(pending).isEmpty();
    }

    @Test
    void aTimerCancelledByAnEarlierTimerOfTheSameInstantDoesNotRun() {
        clock.register(new TimerHandler() {
            public String type() {
                return "cancel";
            }

            public void run(Tx tx, Timer timer) {
                ran.add("canceller");
                tx.timers().cancel("victim");
            }
        });
        Instant one = START.plus(Duration.ofHours(1));
        store.write(tx -> tx.timers().schedule("canceller", "cancel", one, new byte[0]));
        schedule("victim", one);
        schedule("survivor", one);

        clock.advance(Duration.ofHours(2));

        assertThat(ran).containsExactly("canceller", "survivor@2027-02-01T01:00:00Z");
    }

    /**
     * An instant's timers are read once for a batch (D85), yet each runs as it is pending when its turn comes: with
     * the payload it was last given, and one brought forward to the instant in its own sequence order.
     */
    @Test
    void aTimerChangedByAnEarlierTimerOfTheSameInstantRunsAsItIsNow() {
        Instant one = START.plus(Duration.ofHours(1));
        clock.register(new TimerHandler() {
            public String type() {
                return "show";
            }

            public void run(Tx tx, Timer timer) {
                ran.add(timer.key() + "=" + new String(timer.payload(), StandardCharsets.UTF_8));
                if (timer.key().equals("editor")) {
                    tx.timers().schedule("edited", "show", one, "new".getBytes(StandardCharsets.UTF_8));
                    tx.timers().schedule("pulled", "show", one, "pulled".getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        store.write(tx -> {
            tx.timers().schedule("pulled", "show", one.plus(Duration.ofHours(1)), new byte[0]); // the lowest sequence
            tx.timers().schedule("lead", "show", one, new byte[0]); // runs alone; the others are then read together
            tx.timers().schedule("editor", "show", one, new byte[0]);
            tx.timers().schedule("edited", "show", one, "old".getBytes(StandardCharsets.UTF_8));
            tx.timers().schedule("tail", "show", one, new byte[0]);
            return null;
        });

        clock.advance(Duration.ofHours(3));

        assertThat(ran).containsExactly("lead=", "editor=", "pulled=pulled", "edited=new", "tail=");
    }

    /**
     * Timers of type "move" submit, after their commit, a data move that runs {@code move} on the timer's key and is
     * recorded with {@code record} (a failure as "failed ..." in {@code failures}).
     */
    private void onMoveTimers(java.util.function.UnaryOperator<String> move,
                              java.util.function.BiConsumer<Tx, String> record, List<String> failures) {
        clock.register(new TimerHandler() {
            public String type() {
                return "move";
            }

            public void run(Tx tx, Timer timer) {
                String key = timer.key();
                tx.afterCommit(() -> clock.moves().submit(() -> move.apply(key), record,
                        (t, e) -> failures.add("failed " + e.getMessage())));
            }
        });
    }

    @Test
    void dataMovesOfOneInstantAreRecordedInSubmissionOrderBeforeTheClockMovesOn() {
        clock.moves().runOn(java.util.concurrent.ForkJoinPool.commonPool());
        List<String> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
        onMoveTimers(key -> {
            sleep(key.endsWith("0") ? 50 : 1); // the first move finishes last
            return key;
        }, (t, k) -> recorded.add(k + "@" + clock.now()), recorded);
        Instant one = START.plus(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            String key = "move-" + i;
            store.write(tx -> tx.timers().schedule(key, "move", one, new byte[0]));
        }
        schedule("later", START.plus(Duration.ofHours(2)));
        clock.register(new TimerHandler() {
            public String type() {
                return "test";
            }

            public void run(Tx tx, Timer timer) {
                recorded.add(timer.key() + "@" + clock.now());
            }
        });

        clock.advance(Duration.ofHours(3));

        assertThat(recorded).containsExactly("move-0@2027-02-01T01:00:00Z", "move-1@2027-02-01T01:00:00Z",
                "move-2@2027-02-01T01:00:00Z", "move-3@2027-02-01T01:00:00Z", "move-4@2027-02-01T01:00:00Z",
                "later@2027-02-01T02:00:00Z");
    }

    /**
     * An instant's moves are recorded together once they have finished, 256 to a transaction (D146): 300 moves, one
     * of the first 256 finishing long after the others, take two recording transactions, in submission order.
     */
    @Test
    void anInstantsMovesAreRecordedTogetherOnceTheyHaveFinished() {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        clock.moves().runOn(threads);
        int moves = 300;
        List<String> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Set<Tx> transactions = java.util.Collections.synchronizedSet(
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        onMoveTimers(key -> {
            sleep(key.equals("move-100") ? 500 : 0);
            return key;
        }, (t, k) -> {
            recorded.add(k);
            transactions.add(t);
        }, recorded);
        Instant one = START.plus(Duration.ofHours(1));
        List<String> expected = new ArrayList<>();
        store.write(tx -> {
            for (int i = 0; i < moves; i++) {
                tx.timers().schedule("move-" + i, "move", one, new byte[0]);
                expected.add("move-" + i);
            }
            return null;
        });

        clock.advance(Duration.ofHours(2));
        threads.shutdown();

        assertThat(recorded).containsExactlyElementsOf(expected);
        assertThat(transactions).as("256 and then 44").hasSize(2);
    }

    /**
     * Work a timer asks for after its commit ({@code DataMoves.alongside}: an expired point's bytes removed) runs off
     * the clock's thread, several at once, and has finished before a timer of a later instant runs.
     */
    @Test
    void workAlongsideTheMovesRunsInParallelAndEndsBeforeTheClockMovesOn() {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        clock.moves().runOn(threads);
        java.util.concurrent.CountDownLatch allStarted = new java.util.concurrent.CountDownLatch(4);
        List<String> done = java.util.Collections.synchronizedList(new ArrayList<>());
        clock.register(new TimerHandler() {
            public String type() {
                return "remove";
            }

            public void run(Tx tx, Timer timer) {
                tx.afterCommit(() -> clock.moves().alongside(() -> {
                    allStarted.countDown();
                    try { // only returns once all four run at the same time
                        assertThat(allStarted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    assertThat(Thread.currentThread().getName()).doesNotStartWith("main");
                    done.add(timer.key());
                }));
            }
        });
        clock.register(new TimerHandler() {
            public String type() {
                return "test";
            }

            public void run(Tx tx, Timer timer) {
                done.add("later sees " + done.size() + " removed");
            }
        });
        Instant one = START.plus(Duration.ofHours(1));
        for (int i = 0; i < 4; i++) {
            String key = "point-" + i;
            store.write(tx -> tx.timers().schedule(key, "remove", one, new byte[0]));
        }
        schedule("later", START.plus(Duration.ofHours(2)));

        clock.advance(Duration.ofHours(3));
        threads.shutdown();

        assertThat(done).hasSize(5).endsWith("later sees 4 removed");
        assertThat(done.subList(0, 4)).containsExactlyInAnyOrder("point-0", "point-1", "point-2", "point-3");
    }

    /**
     * Moves and the work beside them may leave their writes to one sync (the vaults' fsyncs): it has run after a move
     * finished and before its outcome is recorded, and after the work beside the moves, before the clock moves on.
     */
    @Test
    void writesOfMovesAreSyncedBeforeTheirOutcomesAreRecordedAndAfterTheWorkBesideThem() {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        clock.moves().runOn(threads);
        java.util.Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<String> synced = java.util.concurrent.ConcurrentHashMap.newKeySet();
        clock.moves().syncWritesWith(() -> synced.addAll(written));
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        onMoveTimers(key -> {
            written.add(key);
            return key;
        }, (t, k) -> seen.add(k + (synced.contains(k) ? " synced" : " not synced")), seen);
        clock.register(new TimerHandler() {
            public String type() {
                return "remove";
            }

            public void run(Tx tx, Timer timer) {
                tx.afterCommit(() -> clock.moves().alongside(() -> written.add(timer.key())));
            }
        });
        clock.register(new TimerHandler() {
            public String type() {
                return "test";
            }

            public void run(Tx tx, Timer timer) {
                seen.add(synced.contains("removed") ? "removal synced" : "removal not synced");
            }
        });
        Instant one = START.plus(Duration.ofHours(1));
        store.write(tx -> {
            for (int i = 0; i < 40; i++) {
                tx.timers().schedule("move-" + i, "move", one, new byte[0]);
            }
            tx.timers().schedule("removed", "remove", one, new byte[0]);
            return null;
        });
        schedule("later", START.plus(Duration.ofHours(2)));

        clock.advance(Duration.ofHours(3));
        threads.shutdown();

        assertThat(seen).hasSize(41).endsWith("removal synced");
        assertThat(seen.subList(0, 40)).allMatch(s -> s.endsWith(" synced") && !s.endsWith("not synced"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * On PostgreSQL the store runs a transaction again after a serialization conflict; the clock's in-memory move of
     * the first attempt stands, and the attempt that commits must still persist the instant, or the other nodes
     * never see the clock move (they caught up with a now two hours old, and their jobs completed in the past).
     */
    @Test
    void anInstantIsPersistedByTheAttemptThatCommits() {
        ClockService node = ClockService.open(new RetryingStore(store), true, START, Clock.systemUTC());
        ClockService otherNode = ClockService.open(store, true, START, Clock.systemUTC());
        List<Instant> seenByOtherNode = new ArrayList<>();
        node.register(TimerHandler.of("test", (tx, payload) -> {
            otherNode.catchUp(); // reads the committed now
            seenByOtherNode.add(otherNode.now());
        }));
        schedule("first", START.plus(Duration.ofHours(1)));
        schedule("second", START.plus(Duration.ofHours(2)));

        node.advance(Duration.ofDays(1));

        assertThat(seenByOtherNode).last().as("while the second timer runs, the first one's instant is committed")
                .isEqualTo(START.plus(Duration.ofHours(1)));
    }

    /** Runs every write twice, the first attempt rolled back, as PostgreSQL's store does after a conflict. */
    private static final class RetryingStore implements Store {
        private final Store delegate;

        RetryingStore(Store delegate) {
            this.delegate = delegate;
        }

        private static final class RolledBack extends RuntimeException {
        }

        @Override
        public <T> T write(java.util.function.Function<Tx, T> work) {
            try {
                delegate.write(tx -> {
                    work.apply(tx);
                    throw new RolledBack();
                });
            } catch (RolledBack expected) {
                // the conflict: the store runs the work again
            }
            return delegate.write(work);
        }

        @Override
        public <T> T writeBatched(java.util.function.Function<Tx, T> work) {
            return write(work);
        }

        @Override
        public <T> T read(java.util.function.Function<Tx, T> work) {
            return delegate.read(work);
        }

        @Override
        public String dialect() {
            return delegate.dialect();
        }

        @Override
        public int schemaVersion() {
            return delegate.schemaVersion();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
