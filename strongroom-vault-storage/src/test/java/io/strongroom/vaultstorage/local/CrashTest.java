package io.strongroom.vaultstorage.local;

import static io.strongroom.vaultstorage.local.StorageFixture.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL a child JVM while it writes or collects, then check the store from the outside. */
class CrashTest {
    static final LocalVaultStorageOptions OPTIONS = LocalVaultStorageOptions.DEFAULT.withPackTargetSize(1L << 20);
    private static final long POINT_SIZE = 12L << 20;
    private static final long BASE_SIZE = 3L << 20;

    @TempDir
    Path dir;

    @Test
    void aKillDuringWritesLeavesOnlyWholePointsAndNoLeakAfterTheNextCollection() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        int killedMidWrite = 0;
        for (int round = 0; round < 3; round++) {
            Process child = start("write", dir.toString(), Long.toString(POINT_SIZE));
            awaitLine(child, "WROTE");
            Thread.sleep(random.nextInt(20, 250)); // somewhere inside a later write
            kill(child);
            killedMidWrite += new VaultLayout(dir.resolve("vaults/v")).scratchFiles().isEmpty() ? 0 : 1;
        }
        assertThat(killedMidWrite).as("kills that left a pack or manifest half written").isGreaterThan(0);
        try (StorageFixture f = new StorageFixture(dir, OPTIONS)) {
            List<RecoveryPointStat> points = f.storage.list("v");
            assertThat(points).hasSizeGreaterThanOrEqualTo(3);
            for (RecoveryPointStat point : points) {
                int seed = Integer.parseInt(point.recoveryPointId().substring(2));
                assertThat(point.logicalSize()).isEqualTo(POINT_SIZE);
                assertThat(sha256(f.storage.read("v", point.recoveryPointId())))
                        .as(point.recoveryPointId()).isEqualTo(sha256(SyntheticData.random(POINT_SIZE, seed)));
            }
            f.storage.collectGarbage();
            CrashCheck.packsCompleteAndScratchEmpty(f.layout("v"));
            assertThat(CrashCheck.unreferencedBytes(f.storage, f.layout("v"), "v"))
                    .as("chunks of the killed writes").isZero();
        }
    }

    @Test
    void aKillDuringACollectionLosesNothingStillReferenced() throws Exception {
        List<String> survivors = new ArrayList<>();
        try (StorageFixture f = new StorageFixture(dir, OPTIONS)) {
            f.createVault("v");
            // Each "changed" point shares most chunks with its base; deleting the bases leaves packs part live, so
            // the collection both deletes and repacks.
            for (int i = 0; i < 16; i++) {
                f.storage.write("v", "base-" + i, Retention.forever(), SyntheticData.random(BASE_SIZE, i));
                f.storage.write("v", "changed-" + i, Retention.forever(), changed(i));
                survivors.add("changed-" + i);
            }
            for (int i = 0; i < 16; i++) {
                f.storage.delete("v", "base-" + i);
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        int interrupted = 0;
        for (int round = 0; round < 6 && interrupted < 3; round++) {
            Process child = start("collect", dir.toString());
            awaitLine(child, "COLLECTING");
            Thread.sleep(random.nextInt(0, 120));
            kill(child);
            if (output().stream().noneMatch(line -> line.startsWith("DONE"))) {
                interrupted++;
            }
            try (StorageFixture f = new StorageFixture(dir, OPTIONS)) {
                assertThat(f.storage.list("v")).extracting(RecoveryPointStat::recoveryPointId)
                        .containsExactlyInAnyOrderElementsOf(survivors);
                for (int i = 0; i < 16; i++) {
                    assertThat(sha256(f.storage.read("v", "changed-" + i))).isEqualTo(sha256(changed(i)));
                }
            }
        }
        assertThat(interrupted).as("collections killed before they finished").isGreaterThan(0);
        try (StorageFixture f = new StorageFixture(dir, OPTIONS)) {
            var report = f.storage.collectGarbage();
            assertThat(report.problems()).isEmpty();
            CrashCheck.packsCompleteAndScratchEmpty(f.layout("v"));
            for (int i = 0; i < 16; i++) {
                assertThat(sha256(f.storage.read("v", "changed-" + i))).isEqualTo(sha256(changed(i)));
            }
            long packed = GarbageCollectionTest.diskBytes(f);
            assertThat(CrashCheck.unreferencedBytes(f.storage, f.layout("v"), "v"))
                    .isLessThanOrEqualTo((long) (OPTIONS.repackThreshold() * packed));
        }
    }

    private static java.io.InputStream changed(int i) {
        return SyntheticData.changed(SyntheticData.random(BASE_SIZE, i), SyntheticData.random(BASE_SIZE, 100 + i), BASE_SIZE,
                0.3, i);
    }

    private Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()))
                .start();
    }

    /** Polls the child's output file (its pipe would be closed by the kill before we read what it said). */
    private void awaitLine(Process child, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (output().stream().noneMatch(line -> line.startsWith(prefix))) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("child never said " + prefix + "; stderr: "
                        + java.nio.file.Files.readString(dir.resolve("child.err")));
            }
            Thread.sleep(5);
        }
    }

    private List<String> output() throws Exception {
        return java.nio.file.Files.readAllLines(dir.resolve("child.out"), StandardCharsets.UTF_8);
    }

    private static void kill(Process child) throws Exception {
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
