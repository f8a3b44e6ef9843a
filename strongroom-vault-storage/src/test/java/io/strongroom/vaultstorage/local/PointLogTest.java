package io.strongroom.vaultstorage.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** D78: manifests as records of an append-only log, replayed when the vault opens. */
class PointLogTest {
    private static final long LIMIT = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void putsDeletesAndRewritesAreWhatAReopenedLogShows() throws Exception {
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            log.put("a", bytes("a1"));
            log.put("b", bytes("b1"));
            log.remove("a");
            log.put("b", bytes("b2"));
            assertThat(log.remove("a")).isFalse();
        }
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).containsExactly("b");
            assertThat(text(log.read("b"))).isEqualTo("b2");
            assertThat(log.read("a")).isNull();
        }
    }

    @Test
    void removalsTakenOutFirstAndMadeDurableLaterAreGoneAfterAReopen() throws Exception {
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            log.put("a", bytes("a1"));
            log.put("b", bytes("b1"));
            log.put("c", bytes("c1"));
            PointLog.Removal a = log.removeLater("a");
            PointLog.Removal b = log.removeLater("b");
            assertThat(log.removeLater("a")).isNull();
            assertThat(log.ids()).containsExactly("c"); // gone for readers at once
            log.finish(b);
            log.finish(a);
        }
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).containsExactly("c");
        }
    }

    @Test
    void aTornAppendAtTheEndIsCutOffAndTheLogGoesOn() throws Exception {
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            log.put("a", bytes("a1"));
            log.put("b", bytes("b1"));
        }
        Path segment = segments().get(0);
        long whole = Files.size(segment);
        // the first bytes of a put that a crash cut short
        Files.write(segment, new byte[] {'P', 0, 0, 0, 40, 0, 1, 'c'}, StandardOpenOption.APPEND);
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).containsExactly("a", "b");
            assertThat(Files.size(segment)).isEqualTo(whole);
            log.put("c", bytes("c1"));
        }
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).containsExactly("a", "b", "c");
            assertThat(text(log.read("c"))).isEqualTo("c1");
        }
    }

    @Test
    void aRecordWhoseChecksumFailsEndsTheReplay() throws Exception {
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            log.put("a", bytes("a1"));
            log.put("b", bytes("b1"));
        }
        Path segment = segments().get(0);
        IntegrityTest.flipBit(segment, Files.size(segment) - 6); // inside b's manifest
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).containsExactly("a");
        }
    }

    @Test
    void aSegmentWhoseHeaderIsDamagedIsNeverAppendedTo() throws Exception {
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            log.put("a", bytes("a1"));
        }
        Path damaged = segments().get(0);
        IntegrityTest.flipBit(damaged, 1);
        long size = Files.size(damaged);
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).isEmpty();
            log.put("b", bytes("b1"));
        }
        assertThat(Files.size(damaged)).as("the damaged bytes are kept as they are").isEqualTo(size);
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).containsExactly("b");
        }
    }

    @Test
    void fullSegmentsAreSealedAndCompactionKeepsExactlyTheLivePoints() throws Exception {
        try (PointLog log = PointLog.open(dir, 1024)) {
            for (int i = 0; i < 20; i++) {
                log.put("p" + i, new byte[200]);
            }
            assertThat(segments()).hasSizeGreaterThan(3);
            for (int i = 0; i < 15; i++) {
                log.remove("p" + i);
            }
            assertThat(log.compact()).isPositive();
            assertThat(segments()).hasSizeLessThanOrEqualTo(2);
            assertThat(log.ids()).containsExactlyInAnyOrder("p15", "p16", "p17", "p18", "p19");
            assertThat(log.read("p17")).hasSize(200);
        }
        try (PointLog log = PointLog.open(dir, 1024)) {
            assertThat(log.ids()).as("deleted points stay deleted").containsExactlyInAnyOrder("p15", "p16", "p17",
                    "p18", "p19");
            assertThat(log.compact()).as("nothing dead left to win back").isZero();
        }
    }

    @Test
    void manifestFilesWrittenBeforeTheLogAreReadRewrittenAndDeleted() throws Exception {
        Files.write(dir.resolve("old" + VaultLayout.POINT_SUFFIX), bytes("old1"));
        Files.write(dir.resolve("older" + VaultLayout.POINT_SUFFIX), bytes("older1"));
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).containsExactly("old", "older");
            assertThat(text(log.read("old"))).isEqualTo("old1");
            log.put("old", bytes("old2"));
            assertThat(log.remove("older")).isTrue();
        }
        assertThat(dir.resolve("old" + VaultLayout.POINT_SUFFIX)).doesNotExist();
        assertThat(dir.resolve("older" + VaultLayout.POINT_SUFFIX)).doesNotExist();
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).containsExactly("old");
            assertThat(text(log.read("old"))).isEqualTo("old2");
        }
    }

    @Test
    void concurrentWritersAllSurviveAReopen() throws Exception {
        try (PointLog log = PointLog.open(dir, 64 << 10)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> IntStream.range(0, 50)
                        .forEach(i -> log.put("t" + thread + "-" + i, bytes(thread + "/" + i)))));
            }
            writers.forEach(CompletableFuture::join);
        }
        try (PointLog log = PointLog.open(dir, 64 << 10)) {
            assertThat(log.ids()).hasSize(400);
            assertThat(text(log.read("t5-49"))).isEqualTo("5/49");
        }
    }

    @Test
    void appendsLeftUnsyncedShareTheOneSyncThatFollowsThem() throws Exception {
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            log.put("synced", bytes("s"));
            long before = log.syncs();
            IntStream.range(0, 20).forEach(i -> log.putUnsynced("p" + i, bytes("p" + i)));
            assertThat(log.syncs()).isEqualTo(before);
            assertThat(text(log.read("p7"))).isEqualTo("p7"); // readable before the sync
            log.syncAppended();
            log.syncAppended(); // nothing new: no second fdatasync
            assertThat(log.syncs()).isEqualTo(before + 1);
        }
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).hasSize(21).contains("synced", "p0", "p19");
        }
    }

    @Test
    void removalsLeftUnsyncedShareTheOneSyncThatFollowsThem() throws Exception {
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            IntStream.range(0, 10).forEach(i -> log.put("p" + i, bytes("p" + i)));
            long before = log.syncs();
            IntStream.range(0, 5).forEach(i -> log.finishUnsynced(log.removeLater("p" + i)));
            assertThat(log.syncs()).isEqualTo(before);
            assertThat(log.ids()).hasSize(5);
            log.syncAppended();
            assertThat(log.syncs()).isEqualTo(before + 1);
        }
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            assertThat(log.ids()).containsExactlyInAnyOrder("p5", "p6", "p7", "p8", "p9");
        }
    }

    @Test
    void anUnsyncedAppendThatReplacesAPointIsMadeDurableAtOnce() throws Exception {
        try (PointLog log = PointLog.open(dir, LIMIT)) {
            log.put("a", bytes("a1"));
            long before = log.syncs();
            log.putUnsynced("a", bytes("a2"));
            assertThat(log.syncs()).isEqualTo(before + 1);
            assertThat(text(log.read("a"))).isEqualTo("a2");
        }
    }

    private List<Path> segments() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(PointLog.SUFFIX)).sorted().toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
