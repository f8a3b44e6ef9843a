package io.strongroom.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} must have. An implementation's test extends this class and
 * returns a fresh, empty store from {@link #newStore()}; the store is closed after each test.
 */
public abstract class StoreContract {

    private static final String C = "things";
    private static final long WAIT_SECONDS = 60;

    protected Store store;
    private ExecutorService threads;

    /** A new store holding nothing, owned by the test from now on. */
    protected abstract Store newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void closeStore() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        store.close();
    }

    // ---- records -------------------------------------------------------------------------------

    @Test
    void getOfMissingRecordIsEmpty() {
        assertThat(store.read((Tx tx) -> tx.get(C, "nope"))).isEmpty();
    }

    @Test
    void putCreatesVersionOneAndEachPutIncrementsIt() {
        assertThat(store.write((Tx tx) -> tx.put(C, "k", bytes("a"), Tx.ABSENT))).isEqualTo(1);
        assertThat(store.write((Tx tx) -> tx.put(C, "k", bytes("b"), 1))).isEqualTo(2);
        assertThat(store.write((Tx tx) -> tx.put(C, "k", bytes("c"), Tx.ANY))).isEqualTo(3);

        StoredRecord r = store.read(tx -> tx.get(C, "k")).orElseThrow();
        assertThat(r.key()).isEqualTo("k");
        assertThat(r.value()).isEqualTo(bytes("c"));
        assertThat(r.version()).isEqualTo(3);
    }

    @Test
    void putWithAnyCreatesMissingRecord() {
        assertThat(store.write((Tx tx) -> tx.put(C, "k", bytes("a"), Tx.ANY))).isEqualTo(1);
    }

    @Test
    void severalPutsInOneTransactionEachBumpTheVersion() {
        long v = store.write(tx -> {
            tx.put(C, "k", bytes("a"), Tx.ABSENT);
            assertThat(tx.get(C, "k").orElseThrow().value()).isEqualTo(bytes("a"));
            return tx.put(C, "k", bytes("b"), 1);
        });
        assertThat(v).isEqualTo(2);
        assertThat(value("k")).isEqualTo("b");
    }

    @Test
    void createOnlyPutOfExistingRecordConflictsAndWritesNothing() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));

        assertThatThrownBy(() -> store.write(tx -> {
            tx.put(C, "other", bytes("x"), Tx.ABSENT);
            return tx.put(C, "k", bytes("b"), Tx.ABSENT);
        })).isInstanceOf(VersionConflictException.class);

        assertThat(value("k")).isEqualTo("a");
        assertThat(store.read((Tx tx) -> tx.get(C, "other"))).isEmpty();
        assertThat(store.read((Tx tx) -> tx.get(C, "k")).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void putWithStaleOrFutureVersionConflicts() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        store.write(tx -> tx.put(C, "k", bytes("b"), 1));

        assertThatThrownBy(() -> store.write(tx -> tx.put(C, "k", bytes("c"), 1)))
                .isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> store.write(tx -> tx.put(C, "k", bytes("c"), 7)))
                .isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> store.write(tx -> tx.put(C, "missing", bytes("c"), 1)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(value("k")).isEqualTo("b");
        assertThat(store.read((Tx tx) -> tx.get(C, "missing"))).isEmpty();
    }

    @Test
    void conflictCaughtInsideWorkLeavesTheRestOfTheTransactionIntact() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        store.write(tx -> {
            try {
                tx.put(C, "k", bytes("b"), Tx.ABSENT);
            } catch (VersionConflictException expected) {
                tx.put(C, "k", bytes("c"), 1);
            }
            return null;
        });
        assertThat(value("k")).isEqualTo("c");
    }

    @Test
    void aKeyReadAgainInOneTransactionFollowsTheTransactionsOwnWrites() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        List<String> seen = store.write(tx -> {
            List<String> out = new ArrayList<>();
            out.add(tx.get(C, "missing").map(r -> "present").orElse("absent"));
            out.add(new String(tx.get(C, "k").orElseThrow().value(), UTF_8));
            tx.put(C, "missing", bytes("m"), Tx.ABSENT);
            tx.put(C, "k", bytes("b"), Tx.ANY);
            out.add(new String(tx.get(C, "missing").orElseThrow().value(), UTF_8));
            StoredRecord k = tx.get(C, "k").orElseThrow();
            out.add(new String(k.value(), UTF_8) + k.version());
            tx.delete(C, "k", Tx.ANY);
            out.add(tx.get(C, "k").map(r -> "present").orElse("absent"));
            return out;
        });
        assertThat(seen).containsExactly("absent", "a", "m", "b2", "absent");
    }

    @Test
    void aWritersChangesToTheBytesItPutAreNotSeenByItsNextRead() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        String last = store.write(tx -> {
            tx.get(C, "k");
            byte[] value = bytes("b");
            tx.put(C, "k", value, Tx.ANY);
            value[0] = 'z';
            return new String(tx.get(C, "k").orElseThrow().value(), UTF_8);
        });
        assertThat(last).isEqualTo("b");
        assertThat(value("k")).isEqualTo("b");
    }

    @Test
    void aReadersChangesToTheBytesItGotAreNotSeenByTheNextRead() {
        store.write(tx -> tx.put(C, "k", bytes("abc"), Tx.ABSENT));
        String last = store.read(tx -> {
            for (int read = 0; read < 2; read++) {
                tx.get(C, "k").orElseThrow().value()[0] = 'z';
            }
            return new String(tx.get(C, "k").orElseThrow().value(), UTF_8);
        });
        assertThat(last).isEqualTo("abc");
    }

    @Test
    void aBatchedPieceThatFailsLeavesNoReadOfItsWritesToTheNextPiece() throws Exception {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        CountDownLatch firstWrote = new CountDownLatch(1);
        Future<?> failing = threads.submit(() -> store.writeBatched(tx -> {
            tx.put(C, "k", bytes("rolled back"), Tx.ANY);
            tx.get(C, "k");
            firstWrote.countDown();
            throw new IllegalStateException("this piece fails");
        }));
        await(firstWrote);
        String seen = store.writeBatched(tx -> new String(tx.get(C, "k").orElseThrow().value(), UTF_8));
        assertThatThrownBy(() -> join(failing)).hasRootCauseMessage("this piece fails");
        assertThat(seen).isEqualTo("a");
        assertThat(value("k")).isEqualTo("a");
    }

    @Test
    void collectionsAreSeparateNamespaces() {
        store.write(tx -> {
            tx.put("a", "k", bytes("in a"), Tx.ABSENT);
            tx.put("b", "k", bytes("in b"), Tx.ABSENT);
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.get("a", "k")).orElseThrow().value()).isEqualTo(bytes("in a"));
        assertThat(store.read((Tx tx) -> tx.get("b", "k")).orElseThrow().value()).isEqualTo(bytes("in b"));
        assertThat(store.read((Tx tx) -> tx.scan(ScanQuery.prefix("a", "", 10))).records()).hasSize(1);
    }

    @Test
    void deleteRemovesRecordAndReportsWhetherItExisted() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));

        assertThat(store.write((Tx tx) -> tx.delete(C, "k", Tx.ANY))).isTrue();
        assertThat(store.read((Tx tx) -> tx.get(C, "k"))).isEmpty();
        assertThat(store.write((Tx tx) -> tx.delete(C, "k", Tx.ANY))).isFalse();
        assertThat(store.write((Tx tx) -> tx.delete(C, "k", Tx.ABSENT))).isFalse();
    }

    @Test
    void deleteChecksTheExpectedVersion() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        store.write(tx -> tx.put(C, "k", bytes("b"), 1));

        assertThatThrownBy(() -> store.write(tx -> tx.delete(C, "k", 1)))
                .isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> store.write(tx -> tx.delete(C, "missing", 3)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(value("k")).isEqualTo("b");

        assertThat(store.write((Tx tx) -> tx.delete(C, "k", 2))).isTrue();
        assertThat(store.read((Tx tx) -> tx.get(C, "k"))).isEmpty();
    }

    @Test
    void deleteIfValueRemovesOnlyARecordHoldingExactlyThoseBytes() {
        store.write(tx -> tx.put(C, "owned", bytes("node-a"), Tx.ABSENT));

        assertThat(store.write((Tx tx) -> tx.deleteIfValue(C, "owned", bytes("node-b")))).isFalse();
        assertThat(store.write((Tx tx) -> tx.deleteIfValue(C, "owned", bytes("node-")))).isFalse();
        assertThat(store.write((Tx tx) -> tx.deleteIfValue(C, "missing", bytes("node-a")))).isFalse();
        assertThat(value("owned")).isEqualTo("node-a");
        assertThat(store.read((Tx tx) -> tx.get(C, "owned")).orElseThrow().version()).isEqualTo(1);

        List<String> seen = store.write(tx -> {
            List<String> out = new ArrayList<>();
            out.add(new String(tx.get(C, "owned").orElseThrow().value(), UTF_8)); // remembered by the transaction
            out.add(String.valueOf(tx.deleteIfValue(C, "owned", bytes("node-a"))));
            out.add(tx.get(C, "owned").map(r -> "present").orElse("absent"));
            out.add(String.valueOf(tx.deleteIfValue(C, "owned", bytes("node-a"))));
            return out;
        });
        assertThat(seen).containsExactly("node-a", "true", "absent", "false");
        assertThat(store.read((Tx tx) -> tx.get(C, "owned"))).isEmpty();
    }

    /** Puts of records the transaction already knows may be written at the end of its work: nothing may tell. */
    @Test
    void putsOfRecordsTheTransactionKnowsActAsWrittenAtOnce() {
        store.write(tx -> tx.put(C, "tally", bytes("0"), Tx.ABSENT));
        List<String> seen = store.write(tx -> {
            List<String> out = new ArrayList<>();
            tx.get(C, "tally");
            tx.get(C, "fresh");
            tx.get(C, "brief");
            out.add(String.valueOf(tx.put(C, "tally", bytes("1"), Tx.ANY)));
            out.add(String.valueOf(tx.put(C, "tally", bytes("2"), Tx.ANY)));
            out.add(String.valueOf(tx.put(C, "fresh", bytes("f"), Tx.ANY)));
            out.add(new String(tx.get(C, "tally").orElseThrow().value(), UTF_8));
            out.add(String.valueOf(tx.put(C, "brief", bytes("b"), Tx.ANY)));
            out.add(String.valueOf(tx.delete(C, "brief", Tx.ANY)));
            out.add(tx.get(C, "brief").map(r -> "present").orElse("absent"));
            out.add(tx.scan(ScanQuery.prefix(C, "", 10)).records().stream()
                    .map(r -> r.key() + "=" + new String(r.value(), UTF_8) + "@" + r.version()).toList().toString());
            out.add(String.valueOf(tx.put(C, "tally", bytes("3"), 3)));
            try {
                tx.put(C, "fresh", bytes("x"), 5);
            } catch (VersionConflictException e) {
                out.add("conflict");
            }
            out.add(String.valueOf(tx.put(C, "fresh", bytes("g"), Tx.ANY)));
            return out;
        });
        assertThat(seen).containsExactly("2", "3", "1", "2", "1", "true", "absent", "[fresh=f@1, tally=2@3]", "4",
                "conflict", "2");
        assertThat(value("tally")).isEqualTo("3");
        assertThat(store.read((Tx tx) -> tx.get(C, "tally")).orElseThrow().version()).isEqualTo(4);
        assertThat(store.read((Tx tx) -> tx.get(C, "fresh")).orElseThrow().version()).isEqualTo(2);
        assertThat(store.read((Tx tx) -> tx.get(C, "brief"))).isEmpty();

        assertThatThrownBy(() -> store.write(tx -> {
            tx.get(C, "tally");
            tx.put(C, "tally", bytes("lost"), Tx.ANY);
            throw new IllegalStateException("the work fails after its put");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(value("tally")).isEqualTo("3");
    }

    // ---- indexes -------------------------------------------------------------------------------

    private List<String> indexed(Tx tx, int index, String prefix, String after, int limit, boolean descending) {
        IndexPage page = tx.scanIndex(new IndexQuery(C, index, prefix, after, limit, descending));
        List<String> out = new ArrayList<>();
        page.entries().forEach(e -> out.add(e.indexKey() + ">" + e.record().key() + "="
                + new String(e.record().value(), UTF_8) + "@" + e.record().version()));
        out.add("last:" + page.lastIndexKey());
        return out;
    }

    @Test
    void aRecordIsFoundThroughEachOfItsIndexKeysInIndexKeyOrder() {
        store.write(tx -> {
            tx.put(C, "j1", bytes("one"), Tx.ABSENT, IndexKeys.of("acct-b/2", "res/x", null, null, "run/x"));
            tx.put(C, "j2", bytes("two"), Tx.ABSENT, IndexKeys.of("acct-a/1", "res/y"));
            tx.put(C, "j3", bytes("three"), Tx.ABSENT, IndexKeys.of("acct-a/3"));
            tx.put(C, "plain", bytes("p"), Tx.ABSENT);
            tx.put("others", "o1", bytes("o"), Tx.ABSENT, IndexKeys.of("acct-a/0"));
            return null;
        });
        store.read((Tx tx) -> {
            assertThat(indexed(tx, 1, "", null, 10, false)).containsExactly("acct-a/1>j2=two@1",
                    "acct-a/3>j3=three@1", "acct-b/2>j1=one@1", "last:null");
            assertThat(indexed(tx, 1, "acct-a/", null, 1, false)).containsExactly("acct-a/1>j2=two@1",
                    "last:acct-a/1");
            assertThat(indexed(tx, 1, "acct-a/", "acct-a/1", 1, false)).containsExactly("acct-a/3>j3=three@1",
                    "last:null");
            assertThat(indexed(tx, 1, "", null, 2, true)).containsExactly("acct-b/2>j1=one@1",
                    "acct-a/3>j3=three@1", "last:acct-a/3");
            assertThat(indexed(tx, 1, "acct-a/", "acct-a/3", 5, true)).containsExactly("acct-a/1>j2=two@1",
                    "last:null");
            assertThat(indexed(tx, 2, "res/", null, 10, false)).containsExactly("res/x>j1=one@1",
                    "res/y>j2=two@1", "last:null");
            assertThat(indexed(tx, 3, "", null, 10, false)).containsExactly("last:null");
            assertThat(indexed(tx, 5, "run/x", null, 10, false)).containsExactly("run/x>j1=one@1", "last:null");
            return null;
        });
    }

    @Test
    void aPutReplacesTheIndexKeysAndADeleteDropsThem() {
        store.write(tx -> tx.put(C, "j1", bytes("open"), Tx.ABSENT, IndexKeys.of("a/1", null, "w/1")));
        store.write(tx -> tx.put(C, "j1", bytes("done"), 1, IndexKeys.of("a/1", null, "s/done/1", "c/9")));
        store.read((Tx tx) -> {
            assertThat(indexed(tx, 3, "", null, 10, false)).containsExactly("s/done/1>j1=done@2", "last:null");
            assertThat(indexed(tx, 4, "c/", null, 10, false)).containsExactly("c/9>j1=done@2", "last:null");
            return null;
        });
        store.write(tx -> tx.put(C, "j1", bytes("plain"), Tx.ANY));
        assertThat(store.read((Tx tx) -> indexed(tx, 1, "", null, 10, false))).containsExactly("last:null");
        store.write(tx -> tx.put(C, "j1", bytes("again"), Tx.ANY, IndexKeys.of("a/1")));
        store.write(tx -> tx.delete(C, "j1", Tx.ANY));
        assertThat(store.read((Tx tx) -> indexed(tx, 1, "", null, 10, false))).containsExactly("last:null");
    }

    /** Keys marked with what changed rewrite only those indexes, also when two puts of the work are written as one. */
    @Test
    void aPutOfTheChangedKeysLeavesTheOthersAsStored() {
        IndexKeys open = IndexKeys.of("a/1", "r/x/1", "w/1", null, "x/1");
        IndexKeys running = IndexKeys.of("a/1", "r/x/1", "w/1", null, "x/1");
        IndexKeys ended = IndexKeys.of("a/1", "r/x/1", "s/done/1", "c/9", null);
        store.write(tx -> tx.put(C, "j1", bytes("open"), Tx.ABSENT, open));
        store.write(tx -> tx.put(C, "j1", bytes("running"), 1, running.changedFrom(open)));
        store.write(tx -> tx.put(C, "j1", bytes("ended"), Tx.ANY, ended.changedFrom(running)));
        assertThat(store.read((Tx tx) -> indexed(tx, 3, "", null, 10, false))).containsExactly("s/done/1>j1=ended@3",
                "last:null");
        assertThat(store.read((Tx tx) -> indexed(tx, 2, "", null, 10, false))).containsExactly("r/x/1>j1=ended@3",
                "last:null");
        assertThat(store.read((Tx tx) -> indexed(tx, 5, "", null, 10, false))).containsExactly("last:null");

        IndexKeys moved = IndexKeys.of("a/1", "r/y/1", "s/done/1", "c/9", null);
        IndexKeys again = IndexKeys.of("a/1", "r/y/1", "s/failed/1", "c/9", null);
        store.write(tx -> {
            tx.get(C, "j1"); // the version is known, so both puts wait for the end of the work and are written once
            tx.put(C, "j1", bytes("moved"), Tx.ANY, moved.changedFrom(ended));
            tx.put(C, "j1", bytes("again"), Tx.ANY, again.changedFrom(moved));
            return null;
        });
        assertThat(store.read((Tx tx) -> indexed(tx, 2, "", null, 10, false))).containsExactly("r/y/1>j1=again@5",
                "last:null");
        assertThat(store.read((Tx tx) -> indexed(tx, 3, "", null, 10, false))).containsExactly(
                "s/failed/1>j1=again@5", "last:null");
        assertThat(ended.changedFrom(running).changed(1)).isFalse();
        assertThat(ended.changedFrom(running).changed(3)).isTrue();
    }

    /** Puts held until the end of the work (records the transaction knows) are seen by its index scans. */
    @Test
    void anIndexScanSeesTheTransactionsOwnPuts() {
        store.write(tx -> tx.put(C, "j1", bytes("v1"), Tx.ABSENT, IndexKeys.of("a/1", null, "w/1")));
        List<String> seen = store.write(tx -> {
            tx.get(C, "j1");
            tx.put(C, "j1", bytes("v2"), Tx.ANY, IndexKeys.of("a/1", null, "s/1"));
            tx.put(C, "j2", bytes("n"), Tx.ANY, IndexKeys.of("a/2", null, "w/2"));
            List<String> out = new ArrayList<>(indexed(tx, 3, "", null, 10, false));
            tx.delete(C, "j2", Tx.ANY);
            out.addAll(indexed(tx, 3, "", null, 10, false));
            return out;
        });
        assertThat(seen).containsExactly("s/1>j1=v2@2", "w/2>j2=n@1", "last:null", "s/1>j1=v2@2", "last:null");
        assertThatThrownBy(() -> store.write(tx -> {
            tx.get(C, "j1");
            tx.put(C, "j1", bytes("lost"), Tx.ANY, IndexKeys.of("a/9"));
            throw new IllegalStateException("the work fails after its put");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.read((Tx tx) -> indexed(tx, 1, "", null, 10, false))).containsExactly("a/1>j1=v2@2",
                "last:null");
    }

    @Test
    void indexesAreCheckedAsKeysAre() {
        assertThatThrownBy(() -> IndexKeys.of("1", "2", "3", "4", "5", "6")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexQuery(C, 0, "", null, 1, false)).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> store.write(tx -> tx.put(C, "k", bytes("v"), Tx.ANY, IndexKeys.of("bad\u0000"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recreatedRecordStartsAgainAtVersionOne() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        store.write(tx -> tx.put(C, "k", bytes("b"), 1));
        store.write(tx -> tx.delete(C, "k", Tx.ANY));
        assertThat(store.write((Tx tx) -> tx.put(C, "k", bytes("c"), Tx.ABSENT))).isEqualTo(1);
    }

    @Test
    void everyByteValueRoundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        store.write(tx -> {
            tx.put(C, "all", all, Tx.ABSENT);
            tx.put(C, "empty", new byte[0], Tx.ABSENT);
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.get(C, "all")).orElseThrow().value()).isEqualTo(all);
        assertThat(store.read((Tx tx) -> tx.get(C, "empty")).orElseThrow().value()).isEmpty();
    }

    @Test
    void oneMebibyteValueRoundTrips() {
        byte[] big = new byte[1 << 20];
        new Random(42).nextBytes(big);
        store.write(tx -> tx.put(C, "big", big, Tx.ABSENT));
        assertThat(store.read((Tx tx) -> tx.get(C, "big")).orElseThrow().value()).isEqualTo(big);
        assertThat(store.read((Tx tx) -> tx.scan(ScanQuery.prefix(C, "b", 5))).records().get(0).value())
                .isEqualTo(big);
    }

    @Test
    void storedValueIsNotAliasedWithTheCallersArray() {
        byte[] v = bytes("abc");
        store.write(tx -> tx.put(C, "k", v, Tx.ABSENT));
        v[0] = 'z';
        assertThat(value("k")).isEqualTo("abc");
    }

    @Test
    void keysWithSpecialCharactersRoundTrip() {
        List<String> keys = specialKeys();
        store.write(tx -> {
            keys.forEach(k -> tx.put(C, k, bytes("v:" + k), Tx.ABSENT));
            return null;
        });
        for (String k : keys) {
            assertThat(store.read((Tx tx) -> tx.get(C, k)).orElseThrow().value()).as(k).isEqualTo(bytes("v:" + k));
        }
    }

    @Test
    void keysThatCannotBeStoredEverywhereAreRefused() {
        assertThatThrownBy(() -> store.write(tx -> tx.put(C, "a\u0000b", bytes("x"), Tx.ANY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.write(tx -> tx.put(C, "a\uD800", bytes("x"), Tx.ANY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- scans ---------------------------------------------------------------------------------

    @Test
    void scanReturnsPrefixMatchesInCodePointOrder() {
        List<String> keys = specialKeys();
        store.write(tx -> {
            keys.forEach(k -> tx.put(C, k, bytes(k), Tx.ABSENT));
            tx.put("other", "a", bytes("x"), Tx.ABSENT);
            return null;
        });

        List<String> all = keysOf(store.read(tx -> tx.scan(ScanQuery.prefix(C, "", 1000))));
        assertThat(all).containsExactlyElementsOf(codePointSorted(keys));
        assertThat(store.read((Tx tx) -> tx.scan(ScanQuery.prefix(C, "", 1000))).lastKey()).isNull();
    }

    @Test
    void prefixThatIsAPrefixOfOtherPrefixesMatchesExactlyItsKeys() {
        store.write(tx -> {
            for (String k : List.of("user", "user/1", "user/2", "user/20", "users/1", "user0", "usf", "use",
                    "user%", "user_x", "user\uFFFF", "user\uFFFFz", "user\uD83D\uDE00", "uses")) {
                tx.put(C, k, bytes(k), Tx.ABSENT);
            }
            return null;
        });

        assertThat(scanKeys("user/", false)).containsExactly("user/1", "user/2", "user/20");
        assertThat(scanKeys("user", false)).containsExactly("user", "user%", "user/1", "user/2", "user/20",
                "user0", "user_x", "users/1", "user\uFFFF", "user\uFFFFz", "user\uD83D\uDE00");
        assertThat(scanKeys("user_", false)).containsExactly("user_x");
        assertThat(scanKeys("user%", false)).containsExactly("user%");
        assertThat(scanKeys("user\uFFFF", false)).containsExactly("user\uFFFF", "user\uFFFFz");
        assertThat(scanKeys("user\uD83D\uDE00", false)).containsExactly("user\uD83D\uDE00");
        assertThat(scanKeys("user/2", true)).containsExactly("user/20", "user/2");
        assertThat(scanKeys("nothing", false)).isEmpty();
    }

    @Test
    void scanPagesAscendingWithStartAfter() {
        List<String> keys = numberedKeys("p/", 23);
        putAll(keys);
        store.write(tx -> tx.put(C, "q", bytes("q"), Tx.ABSENT));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        do {
            String from = after;
            ScanPage page = store.read(tx -> tx.scan(new ScanQuery(C, "p/", from, 5, false)));
            pageSizes.add(page.records().size());
            seen.addAll(keysOf(page));
            after = page.lastKey();
            if (after != null) {
                assertThat(after).isEqualTo(seen.get(seen.size() - 1));
            }
        } while (after != null);

        assertThat(seen).containsExactlyElementsOf(keys);
        assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
    }

    @Test
    void scanPagesDescendingWithStartAfter() {
        List<String> keys = numberedKeys("p/", 10);
        putAll(keys);
        store.write(tx -> tx.put(C, "o", bytes("o"), Tx.ABSENT));

        ScanPage first = store.read(tx -> tx.scan(new ScanQuery(C, "p/", null, 4, true)));
        assertThat(keysOf(first)).containsExactly("p/009", "p/008", "p/007", "p/006");
        assertThat(first.lastKey()).isEqualTo("p/006");
        ScanPage second = store.read(tx -> tx.scan(new ScanQuery(C, "p/", first.lastKey(), 4, true)));
        assertThat(keysOf(second)).containsExactly("p/005", "p/004", "p/003", "p/002");
        ScanPage third = store.read(tx -> tx.scan(new ScanQuery(C, "p/", second.lastKey(), 4, true)));
        assertThat(keysOf(third)).containsExactly("p/001", "p/000");
        assertThat(third.lastKey()).isNull();
    }

    @Test
    void fullLastPageReportsExhaustion() {
        putAll(numberedKeys("k", 4));
        ScanPage page = store.read(tx -> tx.scan(ScanQuery.prefix(C, "k", 4)));
        assertThat(page.records()).hasSize(4);
        assertThat(page.lastKey()).isNull();
    }

    @Test
    void startAfterNeedNotBeAStoredKey() {
        putAll(List.of("a1", "a3", "a5"));
        assertThat(keysOf(store.read(tx -> tx.scan(new ScanQuery(C, "a", "a2", 10, false)))))
                .containsExactly("a3", "a5");
        assertThat(keysOf(store.read(tx -> tx.scan(new ScanQuery(C, "a", "a4", 10, true)))))
                .containsExactly("a3", "a1");
        assertThat(keysOf(store.read(tx -> tx.scan(new ScanQuery(C, "a", "b", 10, false))))).isEmpty();
        assertThat(keysOf(store.read(tx -> tx.scan(new ScanQuery(C, "a", "", 10, false)))))
                .containsExactly("a1", "a3", "a5");
    }

    @Test
    void scanSeesTheTransactionsOwnWrites() {
        putAll(List.of("a", "b"));
        List<String> keys = store.write(tx -> {
            tx.put(C, "c", bytes("c"), Tx.ABSENT);
            tx.delete(C, "a", Tx.ANY);
            return keysOf(tx.scan(ScanQuery.prefix(C, "", 10)));
        });
        assertThat(keys).containsExactly("b", "c");
    }

    @Test
    void collectionListReadsAcrossPages() {
        putAll(numberedKeys("x", 1203));
        Collection<String> things = new Collection<>(C, new Utf8Codec());
        List<String> values = store.read(tx -> things.list(tx, "x"));
        assertThat(values).hasSize(1203).first().isEqualTo("x0000");
    }

    // ---- transactions --------------------------------------------------------------------------

    @Test
    void throwingWorkRollsBackEverythingAndRethrowsTheSameException() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> store.write(tx -> {
            tx.put(C, "k", bytes("b"), 1);
            tx.put(C, "new", bytes("n"), Tx.ABSENT);
            tx.delete(C, "k", Tx.ANY);
            tx.nextSequence("s");
            tx.timers().schedule("t", "type", Instant.EPOCH, bytes("p"));
            tx.tryLease("l", "me", Instant.EPOCH, Instant.EPOCH.plusSeconds(10));
            throw boom;
        })).isSameAs(boom);

        assertThat(value("k")).isEqualTo("a");
        assertThat(store.read((Tx tx) -> tx.get(C, "new"))).isEmpty();
        assertThat(store.read((Tx tx) -> tx.timers().nextDue())).isEmpty();
        assertThat(store.write((Tx tx) -> tx.tryLease("l", "other", Instant.EPOCH, Instant.EPOCH.plusSeconds(1))))
                .isTrue();
    }

    @Test
    void writeReturnsTheWorksResult() {
        assertThat(store.write((Tx tx) -> "result")).isEqualTo("result");
        assertThat(store.read((Tx tx) -> 42)).isEqualTo(42);
    }

    @Test
    void readSeesCommittedState() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        assertThat(value("k")).isEqualTo("a");
        store.write(tx -> tx.put(C, "k", bytes("b"), Tx.ANY));
        assertThat(value("k")).isEqualTo("b");
    }

    @Test
    void readTransactionRefusesChanges() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        List<Function<Tx, Object>> changes = List.of(
                tx -> tx.put(C, "k", bytes("b"), Tx.ANY),
                tx -> tx.delete(C, "k", Tx.ANY),
                tx -> tx.nextSequence("s"),
                tx -> tx.timers().schedule("t", "type", Instant.EPOCH, bytes("p")),
                tx -> tx.timers().cancel("t"),
                tx -> {
                    tx.timers().complete(1);
                    return null;
                },
                tx -> tx.tryLease("l", "me", Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
        for (Function<Tx, Object> change : changes) {
            assertThatThrownBy(() -> store.read(change)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(value("k")).isEqualTo("a");
        assertThat(store.write((Tx tx) -> tx.nextSequence("s"))).isEqualTo(1);
    }

    @Test
    void afterCommitActionsRunOnceTheChangesAreCommittedAndBeforeWriteReturns() {
        List<String> seen = new java.util.ArrayList<>();
        store.write(tx -> {
            tx.put(C, "k", bytes("a"), Tx.ABSENT);
            tx.afterCommit(() -> seen.add("first saw " + value("k")));
            tx.afterCommit(() -> seen.add("second"));
            assertThat(seen).isEmpty();
            return null;
        });
        assertThat(seen).containsExactly("first saw a", "second");
    }

    @Test
    void afterCommitActionsDoNotRunWhenTheWorkThrows() {
        List<String> seen = new java.util.ArrayList<>();
        assertThatThrownBy(() -> store.write(tx -> {
            tx.afterCommit(() -> seen.add("ran"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(seen).isEmpty();
    }

    @Test
    void aFailingAfterCommitActionNeitherFailsTheWriteNorStopsTheOthers() {
        List<String> seen = new java.util.ArrayList<>();
        String result = store.write(tx -> {
            tx.put(C, "k", bytes("a"), Tx.ABSENT);
            tx.afterCommit(() -> {
                throw new IllegalStateException("cannot delete a file");
            });
            tx.afterCommit(() -> seen.add("ran"));
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(seen).containsExactly("ran");
        assertThat(value("k")).isEqualTo("a");
    }

    @Test
    void batchedWorkRunsItsAfterCommitActionsOnlyWhenItsOwnChangesStand() throws Exception {
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        store.writeBatched(tx -> {
            tx.afterCommit(() -> seen.add("kept"));
            return null;
        });
        assertThatThrownBy(() -> store.writeBatched(tx -> {
            tx.afterCommit(() -> seen.add("dropped"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(seen).containsExactly("kept");
    }

    @Test
    void afterRollbackActionsRunWhenTheWorkThrowsAndNeverWhenItCommits() {
        List<String> seen = new java.util.ArrayList<>();
        assertThatThrownBy(() -> store.write(tx -> {
            tx.put(C, "k", bytes("lost"), Tx.ABSENT);
            tx.afterRollback(() -> seen.add("first saw k: " + store.read(t -> t.get(C, "k")).isPresent()));
            tx.afterRollback(() -> seen.add("second"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(seen).containsExactly("first saw k: false", "second");

        seen.clear();
        store.write(tx -> {
            tx.put(C, "k", bytes("a"), Tx.ABSENT);
            tx.afterRollback(() -> seen.add("ran"));
            return null;
        });
        assertThat(seen).isEmpty();
        assertThat(value("k")).isEqualTo("a");
    }

    @Test
    void batchedWorkRunsItsAfterRollbackActionsOnlyWhenItsOwnChangesAreRolledBack() throws Exception {
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        store.writeBatched(tx -> {
            tx.afterRollback(() -> seen.add("kept"));
            return null;
        });
        assertThatThrownBy(() -> store.writeBatched(tx -> {
            tx.afterRollback(() -> seen.add("undone"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(seen).containsExactly("undone");
    }

    @Test
    void readTransactionRefusesAfterRollbackActions() {
        assertThatThrownBy(() -> store.read(tx -> {
            tx.afterRollback(() -> { });
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readTransactionRefusesAfterCommitActions() {
        assertThatThrownBy(() -> store.read(tx -> {
            tx.afterCommit(() -> { });
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void transactionCannotBeUsedAfterItsWorkReturns() {
        Tx escaped = store.write(tx -> tx);
        assertThatThrownBy(() -> escaped.get(C, "k")).isInstanceOf(IllegalStateException.class);
        Tx escapedRead = store.read(tx -> tx);
        assertThatThrownBy(() -> escapedRead.get(C, "k")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writeTransactionsDoNotNest() {
        assertThatThrownBy(() -> store.write(tx -> store.write(inner -> 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.write(tx -> store.writeBatched(inner -> 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.writeBatched(tx -> store.write(inner -> 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readInsideWriteSeesOnlyCommittedState() {
        store.write(tx -> tx.put(C, "k", bytes("a"), Tx.ABSENT));
        String seen = store.write(tx -> {
            tx.put(C, "k", bytes("b"), Tx.ANY);
            return store.read(r -> new String(r.get(C, "k").orElseThrow().value(), UTF_8));
        });
        assertThat(seen).isEqualTo("a");
    }

    @Test
    void concurrentReaderNeverSeesHalfATransaction() throws Exception {
        store.write(tx -> {
            tx.put(C, "a", bytes("0"), Tx.ABSENT);
            tx.put(C, "b", bytes("0"), Tx.ABSENT);
            return null;
        });
        CountDownLatch halfWritten = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        Future<?> writer = threads.submit(() -> store.write(tx -> {
            tx.put(C, "a", bytes("1"), Tx.ANY);
            tx.put(C, "new", bytes("1"), Tx.ABSENT);
            halfWritten.countDown();
            await(checked);
            tx.put(C, "b", bytes("1"), Tx.ANY);
            return null;
        }));
        await(halfWritten);
        try {
            assertThat(value("a")).isEqualTo("0");
            assertThat(value("b")).isEqualTo("0");
            assertThat(store.read((Tx tx) -> tx.get(C, "new"))).isEmpty();
            assertThat(keysOf(store.read(tx -> tx.scan(ScanQuery.prefix(C, "", 10))))).containsExactly("a", "b");
        } finally {
            checked.countDown();
        }
        writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(value("a")).isEqualTo("1");
        assertThat(value("b")).isEqualTo("1");
    }

    @Test
    void readTransactionSeesOneSnapshotWhileOthersCommit() throws Exception {
        store.write(tx -> {
            tx.put(C, "a", bytes("0"), Tx.ABSENT);
            tx.put(C, "b", bytes("0"), Tx.ABSENT);
            return null;
        });
        List<String> seen = store.read(tx -> {
            String a = new String(tx.get(C, "a").orElseThrow().value(), UTF_8);
            Future<?> writer = threads.submit(() -> store.write(w -> {
                w.put(C, "a", bytes("1"), Tx.ANY);
                w.put(C, "b", bytes("1"), Tx.ANY);
                return null;
            }));
            join(writer);
            String b = new String(tx.get(C, "b").orElseThrow().value(), UTF_8);
            return List.of(a, b);
        });
        assertThat(seen).containsExactly("0", "0");
        assertThat(value("b")).isEqualTo("1");
    }

    @Test
    void concurrentOptimisticWritersOnOneKeyExactlyOneWins() throws Exception {
        store.write(tx -> tx.put(C, "k", bytes("start"), Tx.ABSENT));
        int writers = 8;
        CyclicBarrier barrier = new CyclicBarrier(writers);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String me = "writer-" + i;
            outcomes.add(threads.submit(() -> {
                long version = store.read(tx -> tx.get(C, "k").orElseThrow().version());
                barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
                try {
                    store.write(tx -> tx.put(C, "k", bytes(me), version));
                    return me;
                } catch (VersionConflictException e) {
                    return "conflict";
                }
            }));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        List<String> winners = results.stream().filter(r -> !r.equals("conflict")).toList();
        assertThat(winners).hasSize(1);
        assertThat(value("k")).isEqualTo(winners.get(0));
        assertThat(store.read((Tx tx) -> tx.get(C, "k")).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void concurrentCreateOnlyPutsExactlyOneWins() throws Exception {
        int writers = 8;
        CyclicBarrier barrier = new CyclicBarrier(writers);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String me = "writer-" + i;
            outcomes.add(threads.submit(() -> {
                barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
                try {
                    store.write(tx -> tx.put(C, "k", bytes(me), Tx.ABSENT));
                    return true;
                } catch (VersionConflictException e) {
                    return false;
                }
            }));
        }
        int wins = 0;
        for (Future<Boolean> f : outcomes) {
            wins += f.get(WAIT_SECONDS, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(wins).isEqualTo(1);
    }

    @Test
    void deleteAllRemovesEveryRecordUnderThePrefixAcrossPagesAndNothingElse() {
        store.write(tx -> {
            for (int i = 0; i < 1_203; i++) {
                tx.put(C, "gone/" + i, bytes("v"), Tx.ABSENT);
            }
            tx.put(C, "gone", bytes("the prefix itself is no key under it"), Tx.ABSENT);
            tx.put(C, "kept/1", bytes("v"), Tx.ABSENT);
            tx.put("other", "gone/1", bytes("v"), Tx.ABSENT);
            return null;
        });
        assertThat(store.write((Tx tx) -> tx.deleteAll(C, "gone/"))).isEqualTo(1_203);
        assertThat(store.read((Tx tx) -> tx.scan(ScanQuery.prefix(C, "", 10)).records().stream()
                .map(StoredRecord::key).toList())).containsExactly("gone", "kept/1");
        assertThat(store.read((Tx tx) -> tx.get("other", "gone/1"))).isPresent();
        assertThat(store.write((Tx tx) -> tx.deleteAll(C, ""))).isEqualTo(2);
    }

    // ---- sequences -----------------------------------------------------------------------------

    @Test
    void sequencesStartAtOneAndAreIndependentByName() {
        assertThat(store.write((Tx tx) -> tx.nextSequence("a"))).isEqualTo(1);
        assertThat(store.write((Tx tx) -> tx.nextSequence("a"))).isEqualTo(2);
        assertThat(store.write((Tx tx) -> tx.nextSequence("b"))).isEqualTo(1);
        assertThat(store.write((Tx tx) -> List.of(tx.nextSequence("a"), tx.nextSequence("a"))))
                .containsExactly(3L, 4L);
    }

    @Test
    void aTransactionThatTakesManyValuesLeavesTheSequenceAfterTheLastOne() {
        assertThat(store.write((Tx tx) -> java.util.stream.LongStream.range(0, 300)
                .map(i -> tx.nextSequence("many")).boxed().toList()))
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 300).boxed().toList());
        assertThat(store.writeBatched((Tx tx) -> List.of(tx.nextSequence("many"), tx.nextSequence("many"))))
                .containsExactly(301L, 302L);
        assertThat(store.write((Tx tx) -> tx.nextSequence("many"))).isEqualTo(303);
    }

    @Test
    void rolledBackTransactionDoesNotConsumeSequenceValues() {
        store.write(tx -> tx.nextSequence("s"));
        assertThatThrownBy(() -> store.write(tx -> {
            tx.nextSequence("s");
            throw new IllegalStateException("abandon");
        })).hasMessage("abandon");
        assertThat(store.write((Tx tx) -> tx.nextSequence("s"))).isEqualTo(2);
    }

    @Test
    void concurrentTransactionsGetDistinctGapFreeSequenceValues() throws Exception {
        int callers = 8;
        int each = 25;
        Set<Long> values = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            boolean batched = i % 2 == 0;
            futures.add(threads.submit(() -> {
                for (int j = 0; j < each; j++) {
                    // two values a transaction: the second is written back at its commit
                    Function<Tx, List<Long>> next = tx -> List.of(tx.nextSequence("s"), tx.nextSequence("s"));
                    values.addAll(batched ? store.writeBatched(next) : store.write(next));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertThat(new TreeSet<>(values)).hasSize(2 * callers * each).first().isEqualTo(1L);
        assertThat(new TreeSet<>(values).last()).isEqualTo(2L * callers * each);
    }

    // ---- timers --------------------------------------------------------------------------------

    @Test
    void dueTimersComeInDueThenSequenceOrder() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        long s1 = schedule("late", t0.plusSeconds(20));
        long s2 = schedule("early", t0.plusSeconds(10));
        long s3 = schedule("same-as-early", t0.plusSeconds(10));
        long s4 = schedule("nanos", t0.plusSeconds(10).plusNanos(1));
        long s5 = schedule("future", t0.plusSeconds(100));
        assertThat(List.of(s1, s2, s3, s4, s5)).doesNotHaveDuplicates();
        assertThat(s3).isGreaterThan(s2);

        List<Timer> due = store.read(tx -> tx.timers().due(t0.plusSeconds(20), 10));
        assertThat(due).extracting(Timer::key).containsExactly("early", "same-as-early", "nanos", "late");
        Timer first = due.get(0);
        assertThat(first.sequence()).isEqualTo(s2);
        assertThat(first.type()).isEqualTo("type-early");
        assertThat(first.due()).isEqualTo(t0.plusSeconds(10));
        assertThat(first.payload()).isEqualTo(bytes("payload-early"));
        assertThat(due.get(2).due()).isEqualTo(t0.plusSeconds(10).plusNanos(1));

        assertThat(store.read((Tx tx) -> tx.timers().due(t0.plusSeconds(20), 2))).extracting(Timer::key)
                .containsExactly("early", "same-as-early");
        assertThat(store.read((Tx tx) -> tx.timers().due(t0.plusSeconds(9), 10))).isEmpty();
        assertThat(store.read((Tx tx) -> tx.timers().nextDue())).contains(t0.plusSeconds(10));
    }

    @Test
    void theTimersScheduledCountGrowsOncePerCommittedTransactionThatScheduled() {
        long start = store.timersScheduled();
        if (start < 0) {
            return; // this store does not keep the count
        }
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        store.write(tx -> {
            tx.timers().schedule("a", "t", t0, bytes("a"));
            tx.timers().schedule("b", "t", t0, bytes("b"));
            return null;
        });
        assertThat(store.timersScheduled()).as("one transaction, two timers").isEqualTo(start + 1);
        store.write(tx -> tx.put("c", "k", bytes("v"), Tx.ANY));
        store.write(tx -> tx.timers().cancel("a"));
        assertThat(store.timersScheduled()).as("no timer scheduled").isEqualTo(start + 1);
        assertThatThrownBy(() -> store.write(tx -> {
            tx.timers().schedule("rolled-back", "t", t0, bytes("x"));
            throw new IllegalStateException("rolls back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.timersScheduled()).as("nothing committed").isEqualTo(start + 1);
        store.writeBatched(tx -> tx.timers().schedule("batched", "t", t0, bytes("c")));
        assertThat(store.timersScheduled()).as("a batched write, counted before it returns").isEqualTo(start + 2);
    }

    @Test
    void timersBeforeTheEpochAndFarInTheFutureKeepTheirOrder() {
        Instant past = Instant.parse("1900-06-01T00:00:00.5Z");
        Instant future = Instant.parse("9999-12-31T23:59:59.999999999Z");
        schedule("future", future);
        schedule("past", past);
        assertThat(store.read((Tx tx) -> tx.timers().due(future, 10))).extracting(Timer::key, Timer::due)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("past", past),
                        org.assertj.core.groups.Tuple.tuple("future", future));
    }

    @Test
    void reschedulingAKeyReplacesTheTimerAndKeepsItsSequence() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        long first = schedule("job", t0.plusSeconds(50));
        schedule("other", t0.plusSeconds(20));
        long again = store.write(tx -> tx.timers().schedule("job", "new-type", t0.plusSeconds(10), bytes("new")));

        assertThat(again).isEqualTo(first);
        List<Timer> due = store.read(tx -> tx.timers().due(t0.plusSeconds(100), 10));
        assertThat(due).extracting(Timer::key).containsExactly("job", "other");
        assertThat(due.get(0).type()).isEqualTo("new-type");
        assertThat(due.get(0).payload()).isEqualTo(bytes("new"));
        assertThat(due.get(0).due()).isEqualTo(t0.plusSeconds(10));
    }

    @Test
    void completeRemovesATimerAndCancelByKeyReportsWhetherItWasPending() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        long a = schedule("a", t0);
        schedule("b", t0.plusSeconds(1));
        schedule("c", t0.plusSeconds(2));

        assertThat(store.write((Tx tx) -> tx.timers().complete(a))).isTrue();
        assertThat(store.write((Tx tx) -> tx.timers().complete(a))).as("already completed").isFalse();
        assertThat(store.write((Tx tx) -> tx.timers().complete(987654321L))).isFalse();
        assertThat(store.write((Tx tx) -> tx.timers().cancel("b"))).isTrue();
        assertThat(store.write((Tx tx) -> tx.timers().cancel("b"))).isFalse();
        assertThat(store.write((Tx tx) -> tx.timers().cancel("never"))).isFalse();

        assertThat(store.read((Tx tx) -> tx.timers().due(t0.plusSeconds(10), 10))).extracting(Timer::key)
                .containsExactly("c");
        assertThat(store.read((Tx tx) -> tx.timers().nextDue())).contains(t0.plusSeconds(2));
        store.write(tx -> tx.timers().cancel("c"));
        assertThat(store.read((Tx tx) -> tx.timers().nextDue())).isEmpty();
    }

    /** The clock runs an instant's timers from one read: each is removed only if still pending as it was read. */
    @Test
    void completeAsReadRemovesOnlyATimerStillPendingAsItWasRead() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        for (String key : List.of("same", "moved", "repaid", "cancelled", "retyped", "done")) {
            schedule(key, t0);
        }
        List<Timer> read = store.read(tx -> tx.timers().due(t0, 10));
        assertThat(read).hasSize(6);
        java.util.Map<String, Timer> byKey = new java.util.HashMap<>();
        read.forEach(t -> byKey.put(t.key(), t));
        store.write(tx -> {
            // each changes one thing: the due time, the payload, the type
            tx.timers().schedule("moved", "type-moved", t0.plusSeconds(1), bytes("payload-moved"));
            tx.timers().schedule("repaid", "type-repaid", t0, bytes("another payload"));
            tx.timers().cancel("cancelled");
            tx.timers().schedule("retyped", "other", t0, bytes("payload-retyped"));
            tx.timers().complete(byKey.get("done").sequence());
            return null;
        });

        java.util.Map<String, Boolean> completed = store.write(tx -> {
            java.util.Map<String, Boolean> out = new java.util.TreeMap<>();
            read.forEach(t -> out.put(t.key(), tx.timers().completeAsRead(t)));
            return out;
        });

        assertThat(completed).containsEntry("same", true).containsEntry("moved", false)
                .containsEntry("repaid", false).containsEntry("cancelled", false).containsEntry("retyped", false)
                .containsEntry("done", false);
        List<Timer> pending = store.read(tx -> tx.timers().due(t0.plusSeconds(1), 10));
        assertThat(pending).extracting(Timer::key).containsExactlyInAnyOrder("moved", "repaid", "retyped");
    }

    @Test
    void aTransactionCountsTheTimersItScheduledByAnInstant() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        List<Integer> counts = store.write(tx -> {
            List<Integer> out = new java.util.ArrayList<>();
            out.add(tx.timers().scheduledDueBy(t0));
            tx.timers().schedule("later", "test", t0.plusSeconds(60), bytes("x"));
            out.add(tx.timers().scheduledDueBy(t0));
            tx.timers().schedule("now", "test", t0, bytes("x"));
            tx.timers().schedule("earlier", "test", t0.minusSeconds(60), bytes("x"));
            tx.timers().schedule("later", "test", t0, bytes("moved to t0"));
            out.add(tx.timers().scheduledDueBy(t0));
            out.add(tx.timers().scheduledDueBy(t0.plusSeconds(60)));
            return out;
        });
        assertThat(counts).containsExactly(0, 0, 3, 4);
        int inANewTransaction = store.write(tx -> tx.timers().scheduledDueBy(t0.plusSeconds(60)));
        assertThat(inANewTransaction).isZero();
    }

    @Test
    void completedKeyCanBeScheduledAgain() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        long first = schedule("job", t0);
        store.write(tx -> {
            tx.timers().complete(first);
            return null;
        });
        long second = schedule("job", t0.plusSeconds(5));
        assertThat(second).isNotEqualTo(first);
        assertThat(store.read((Tx tx) -> tx.timers().due(t0.plusSeconds(5), 10))).extracting(Timer::sequence)
                .containsExactly(second);
    }

    // ---- leases --------------------------------------------------------------------------------

    @Test
    void leaseIsTakenRenewedByItsOwnerAndRefusedToOthersUntilItExpires() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(lease("job", "a", t0, t0.plusSeconds(30))).isTrue();
        assertThat(lease("job", "b", t0.plusSeconds(10), t0.plusSeconds(40))).isFalse();
        assertThat(lease("job", "a", t0.plusSeconds(20), t0.plusSeconds(60))).isTrue();
        assertThat(lease("job", "b", t0.plusSeconds(59), t0.plusSeconds(90))).isFalse();
        assertThat(lease("other-job", "b", t0.plusSeconds(59), t0.plusSeconds(90))).isTrue();

        assertThat(lease("job", "b", t0.plusSeconds(60), t0.plusSeconds(90))).isTrue();
        assertThat(lease("job", "a", t0.plusSeconds(61), t0.plusSeconds(100))).isFalse();
    }

    @Test
    void leaseRefusedInsideATransactionLeavesTheHoldersLeaseAlone() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        lease("job", "a", t0, t0.plusSeconds(30));
        lease("job", "b", t0.plusSeconds(1), t0.plusSeconds(300));
        assertThat(lease("job", "c", t0.plusSeconds(30).minusNanos(1), t0.plusSeconds(300))).isFalse();
        assertThat(lease("job", "c", t0.plusSeconds(30), t0.plusSeconds(300))).isTrue();
    }

    // ---- group commit --------------------------------------------------------------------------

    @Test
    void writeBatchedAloneBehavesLikeWrite() {
        assertThat(store.writeBatched((Tx tx) -> tx.put(C, "k", bytes("a"), Tx.ABSENT))).isEqualTo(1);
        assertThat(value("k")).isEqualTo("a");
        assertThatThrownBy(() -> store.writeBatched(tx -> tx.put(C, "k", bytes("b"), Tx.ABSENT)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(value("k")).isEqualTo("a");
    }

    @Test
    void writeBatchedFromManyThreadsCommitsEverything() throws Exception {
        int callers = 16;
        int each = 40;
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            futures.add(threads.submit(() -> {
                for (int j = 0; j < each; j++) {
                    String key = "c" + caller + "/" + j;
                    long v = store.writeBatched(tx -> tx.put(C, key, bytes(key), Tx.ABSENT));
                    assertThat(v).isEqualTo(1);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        for (int i = 0; i < callers; i++) {
            int caller = i;
            List<String> keys = keysOf(store.read(tx -> tx.scan(ScanQuery.prefix(C, "c" + caller + "/", 1000))));
            assertThat(keys).hasSize(each);
        }
    }

    @Test
    void throwingBatchedCallerGetsItsExceptionAndLosesOnlyItsOwnWork() throws Exception {
        int callers = 16;
        int each = 30;
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            futures.add(threads.submit(() -> {
                for (int j = 0; j < each; j++) {
                    String key = "c" + caller + "/" + j;
                    boolean fails = (caller + j) % 3 == 0;
                    RuntimeException failure = new IllegalStateException("fail " + key);
                    AtomicReference<RuntimeException> caught = new AtomicReference<>();
                    try {
                        store.writeBatched(tx -> {
                            tx.put(C, key, bytes(key), Tx.ABSENT);
                            tx.nextSequence("s");
                            if (fails) {
                                throw failure;
                            }
                            return null;
                        });
                    } catch (RuntimeException e) {
                        caught.set(e);
                    }
                    assertThat(caught.get()).isSameAs(fails ? failure : null);
                }
                return null;
            }));
        }
        int succeeded = 0;
        for (Future<?> f : futures) {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        for (int i = 0; i < callers; i++) {
            for (int j = 0; j < each; j++) {
                String key = "c" + i + "/" + j;
                boolean failed = (i + j) % 3 == 0;
                assertThat(store.read((Tx tx) -> tx.get(C, key)).isPresent()).as(key).isEqualTo(!failed);
                succeeded += failed ? 0 : 1;
            }
        }
        assertThat(store.write((Tx tx) -> tx.nextSequence("s"))).isEqualTo(succeeded + 1L);
    }

    @Test
    void batchedVersionConflictReachesOnlyItsCaller() throws Exception {
        store.write(tx -> tx.put(C, "taken", bytes("x"), Tx.ABSENT));
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String key = i % 4 == 0 ? "taken" : "free-" + i;
            calls.add(() -> {
                try {
                    store.writeBatched(tx -> tx.put(C, key, bytes(key), Tx.ABSENT));
                    return "ok";
                } catch (VersionConflictException e) {
                    return "conflict";
                }
            });
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : threads.invokeAll(calls)) {
            results.add(f.get());
        }
        assertThat(results.stream().filter("conflict"::equals)).hasSize(3);
        assertThat(keysOf(store.read(tx -> tx.scan(ScanQuery.prefix(C, "free-", 100))))).hasSize(9);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Keys that trip up naive SQL (LIKE wildcards, quotes, escapes) or naive ordering (non-BMP). */
    protected static List<String> specialKeys() {
        return List.of("plain", "with space", "per%cent", "under_score", "back\\slash", "quote'", "dquote\"",
                "semi;colon", "slash/", "slash/x", "dash-", "dot.", "star*", "question?", "brackets[]",
                "caf\u00e9", "\u65e5\u672c", "emoji\uD83D\uDE00", "max\uFFFF", "private\uE000", "tab\t",
                "newline\n", "A", "a", "Z", "z", "0", "~", "\u007f");
    }

    protected static List<String> codePointSorted(List<String> keys) {
        return keys.stream().sorted(StoreContract::compareCodePoints).toList();
    }

    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static List<String> numberedKeys(String prefix, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(prefix + String.format("%0" + (n > 999 ? 4 : 3) + "d", i));
        }
        return keys;
    }

    private void putAll(List<String> keys) {
        store.write(tx -> {
            keys.forEach(k -> tx.put(C, k, bytes(k), Tx.ABSENT));
            return null;
        });
    }

    private List<String> scanKeys(String prefix, boolean descending) {
        return keysOf(store.read(tx -> tx.scan(new ScanQuery(C, prefix, null, 100, descending))));
    }

    private static List<String> keysOf(ScanPage page) {
        return page.records().stream().map(StoredRecord::key).toList();
    }

    private String value(String key) {
        Optional<StoredRecord> r = store.read(tx -> tx.get(C, key));
        return new String(r.orElseThrow().value(), UTF_8);
    }

    private long schedule(String key, Instant due) {
        return store.write(tx -> tx.timers().schedule(key, "type-" + key, due, bytes("payload-" + key)));
    }

    private boolean lease(String name, String owner, Instant now, Instant until) {
        return store.write(tx -> tx.tryLease(name, owner, now, until));
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Future<?> f) {
        try {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Utf8Codec implements Codec<String> {
        @Override
        public byte[] encode(String value) {
            return bytes(value);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, UTF_8);
        }
    }
}
