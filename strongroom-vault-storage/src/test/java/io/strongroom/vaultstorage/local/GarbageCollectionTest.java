package io.strongroom.vaultstorage.local;

import static io.strongroom.vaultstorage.local.StorageFixture.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.vaultstorage.GarbageCollectionReport;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectionTest {
    @TempDir
    Path dir;

    @Test
    void chunksOfDeletedPointsGoChunksStillReferencedStay() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "base", Retention.forever(), SyntheticData.random(6L << 20, 1));
            f.storage.write("v", "changed", Retention.forever(),
                    SyntheticData.changed(SyntheticData.random(6L << 20, 1), SyntheticData.random(6L << 20, 2), 6L << 20, 0.15, 9));
            f.storage.write("v", "other", Retention.forever(), SyntheticData.random(3L << 20, 2));
            long before = diskBytes(f);

            f.storage.delete("v", "other");
            GarbageCollectionReport first = f.storage.collectGarbage();
            assertThat(first.packsDeleted()).isGreaterThan(0);
            assertThat(first.problems()).isEmpty();
            assertThat(diskBytes(f)).isLessThan(before - (3L << 20) + (1L << 20));

            f.storage.delete("v", "base");
            GarbageCollectionReport second = f.storage.collectGarbage();
            assertThat(second.packsDeleted() + second.packsRepacked()).isGreaterThan(0);
            assertThat(sha256(f.storage.read("v", "changed")))
                    .isEqualTo(sha256(SyntheticData.changed(SyntheticData.random(6L << 20, 1), SyntheticData.random(6L << 20, 2), 6L << 20, 0.15, 9)));
            assertThat(unreferencedBytes(f)).as("unreferenced bytes left in packs below the repack threshold")
                    .isLessThan((long) (0.2 * diskBytes(f)) + (1L << 20));

            f.storage.delete("v", "changed");
            f.storage.collectGarbage();
            assertThat(f.layout("v").packFiles()).isEmpty();
            assertThat(f.storage.indexedChunks("v")).isZero();
        }
    }

    /**
     * A collection counts the points using each chunk once, then writes and deletes keep the counts (the next one
     * reads no manifest): they must follow deletes and points written since, or a live chunk would go or a dead one
     * stay.
     */
    @Test
    void aLaterCollectionFollowsPointsDeletedAndWrittenSinceTheLastOne() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "a", Retention.forever(), SyntheticData.random(2L << 20, 1));
            f.storage.write("v", "b", Retention.forever(), SyntheticData.random(2L << 20, 2));
            f.storage.delete("v", "b");
            assertThat(f.storage.collectGarbage().packsDeleted()).isPositive(); // b's; a's chunks now remembered

            f.storage.write("v", "c", Retention.forever(), SyntheticData.random(2L << 20, 3)); // after that collection
            f.storage.delete("v", "a");
            GarbageCollectionReport next = f.storage.collectGarbage();
            assertThat(next.packsDeleted()).as("a's packs, though a's chunks were remembered").isPositive();
            assertThat(sha256(f.storage.read("v", "c"))).isEqualTo(sha256(SyntheticData.random(2L << 20, 3)));

            f.storage.delete("v", "c");
            f.storage.write("v", "c", Retention.forever(), SyntheticData.random(2L << 20, 4)); // same id, new bytes
            f.storage.collectGarbage();
            f.storage.collectGarbage();
            assertThat(sha256(f.storage.read("v", "c"))).isEqualTo(sha256(SyntheticData.random(2L << 20, 4)));
            assertThat(unreferencedBytes(f)).isZero();

            f.storage.delete("v", "c");
            f.storage.collectGarbage();
            assertThat(f.layout("v").packFiles()).isEmpty();
        }
    }

    /**
     * Once counted, a collection marks from the counts, not the manifests: a manifest damaged after its point was
     * counted neither stops the collection nor loses its chunks, while a deleted point's chunks still go.
     */
    @Test
    void laterCollectionsMarkFromTheCountsNotTheManifests() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "kept", Retention.forever(), SyntheticData.random(2L << 20, 1));
            f.storage.write("v", "gone", Retention.forever(), SyntheticData.random(2L << 20, 2));
            assertThat(f.storage.collectGarbage().problems()).isEmpty(); // counts every manifest
            f.storage.write("v", "late", Retention.forever(), SyntheticData.random(2L << 20, 3));
            PointLog.Place kept = f.storage.manifestPlace("v", "kept");
            long last = kept.offset() + kept.length() - 1;
            IntegrityTest.flipBit(kept.file(), last);

            f.storage.delete("v", "gone");
            GarbageCollectionReport report = f.storage.collectGarbage();

            assertThat(report.problems()).as("no manifest read").isEmpty();
            assertThat(report.packsDeleted()).as("the deleted point's pack").isPositive();
            IntegrityTest.flipBit(kept.file(), last);
            assertThat(sha256(f.storage.read("v", "kept"))).isEqualTo(sha256(SyntheticData.random(2L << 20, 1)));
            assertThat(sha256(f.storage.read("v", "late"))).isEqualTo(sha256(SyntheticData.random(2L << 20, 3)));
            assertThat(unreferencedBytes(f)).isZero();
        }
    }

    @Test
    void repackingMovesLiveChunksAndTheyStillReadAfterARestart() throws Exception {
        try (StorageFixture f = new StorageFixture(dir, LocalVaultStorageOptions.DEFAULT.withPackTargetSize(8L << 20))) {
            f.createVault("v");
            // One write, one pack holding both halves; then the first half's point goes.
            f.storage.write("v", "whole", Retention.forever(), SyntheticData.random(4L << 20, 5));
            f.storage.write("v", "tail", Retention.forever(), SyntheticData.random(4L << 20, 5));
            f.storage.delete("v", "whole");
            assertThat(f.storage.collectGarbage().packsRepacked()).isZero(); // all of it still referenced by tail
            f.storage.write("v", "extra", Retention.forever(), SyntheticData.random(7L << 20, 6));
            f.storage.delete("v", "tail");
            f.storage.write("v", "small", Retention.forever(), SyntheticData.random(1L << 20, 6));
            f.storage.delete("v", "extra");
            GarbageCollectionReport report = f.storage.collectGarbage();
            assertThat(report.packsRepacked()).isEqualTo(1);
            f.reopen();
            assertThat(sha256(f.storage.read("v", "small"))).isEqualTo(sha256(SyntheticData.random(1L << 20, 6)));
            assertThat(diskBytes(f)).as("the dead 4 MiB pack is gone, the 7 MiB one shrank to what small shares")
                    .isLessThan(2L << 20);
            assertThat(unreferencedBytes(f)).isZero();
        }
    }

    @Test
    void aSmallPackWithNothingDeadIsLeftAsItIs() throws Exception {
        // without inline records (D78), so the tiny point has a pack of its own
        try (StorageFixture f = new StorageFixture(dir, LocalVaultStorageOptions.DEFAULT.withInlineLimit(0))) {
            f.createVault("v");
            f.storage.write("v", "tiny", Retention.forever(), SyntheticData.random(100, 1));
            for (int collection = 0; collection < 2; collection++) {
                assertThat(f.storage.collectGarbage().packsRepacked()).as("a pack of framing and one live record")
                        .isZero();
            }
            assertThat(sha256(f.storage.read("v", "tiny"))).isEqualTo(sha256(SyntheticData.random(100, 1)));
        }
    }

    @Test
    void leftoversBesideTheirTargetsOrInTheOldScratchDirectoryAreNeverListedAndGoAtOpen() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "kept", Retention.forever(), SyntheticData.text(1000, 1));
            VaultLayout layout = f.layout("v");
            Files.write(layout.points().resolve("torn.point.tmp"), new byte[] {1, 2, 3});
            Files.write(layout.packs().resolve("torn.pack.tmp"), new byte[] {1, 2, 3});
            Files.createDirectories(layout.scratchDirectory());
            Files.write(layout.scratchDirectory().resolve("old.pack"), new byte[] {1, 2, 3});
            assertThat(f.storage.list("v")).extracting(s -> s.recoveryPointId()).containsExactly("kept");
            assertThat(layout.scratchFiles()).hasSize(3);
            f.reopen();
            assertThat(sha256(f.storage.read("v", "kept"))).isEqualTo(sha256(SyntheticData.text(1000, 1)));
            assertThat(layout.scratchFiles()).isEmpty();
        }
    }

    @Test
    void leftoversOfAnInterruptedWriteAreRemoved() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            java.io.InputStream failing = new java.io.SequenceInputStream(SyntheticData.random(5L << 20, 1),
                    new java.io.InputStream() {
                        @Override
                        public int read() throws java.io.IOException {
                            throw new java.io.IOException("source went away");
                        }
                    });
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> f.storage.write("v", "rp", Retention.forever(), failing))
                    .hasRootCauseMessage("source went away");
            assertThat(f.storage.list("v")).isEmpty();
            assertThat(f.layout("v").packFiles()).as("finished packs of the failed write").isNotEmpty();
            f.storage.collectGarbage();
            assertThat(f.layout("v").packFiles()).isEmpty();
            assertThat(f.layout("v").scratchFiles()).isEmpty();
        }
    }

    @Test
    void aVaultThatOnlyGrewSinceItsLastCollectionIsNotMarkedAgain() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("growing");
            f.createVault("shrinking");
            f.storage.write("growing", "day-1", Retention.forever(), SyntheticData.random(1L << 20, 1));
            f.storage.write("shrinking", "day-1", Retention.forever(), SyntheticData.random(1L << 20, 2));
            assertThat(f.storage.collectGarbage().vaultsCollected()).as("opened vaults are looked at once").isEqualTo(2);

            f.storage.write("growing", "day-2", Retention.forever(), SyntheticData.random(1L << 20, 3));
            f.storage.write("shrinking", "day-2", Retention.forever(), SyntheticData.random(1L << 20, 4));
            f.storage.delete("shrinking", "day-1");
            GarbageCollectionReport next = f.storage.collectGarbage();
            assertThat(next.vaultsCollected()).as("only the vault that lost a point").isEqualTo(1);
            assertThat(next.packsDeleted()).isEqualTo(1);
            assertThat(f.storage.collectGarbage().vaultsCollected()).isZero();

            f.reopen();
            assertThat(f.storage.collectGarbage().vaultsCollected()).as("after a restart, everything once more")
                    .isEqualTo(2);
            assertThat(sha256(f.storage.read("growing", "day-1"))).isEqualTo(sha256(SyntheticData.random(1L << 20, 1)));
        }
    }

    static long diskBytes(StorageFixture f) throws Exception {
        long total = 0;
        for (Path pack : f.layout("v").packFiles()) {
            total += Files.size(pack);
        }
        return total;
    }

    static long unreferencedBytes(StorageFixture f) throws Exception {
        return CrashCheck.unreferencedBytes(f.storage, f.layout("v"), "v");
    }
}
