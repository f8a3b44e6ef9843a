package io.strongroom.vaultstorage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strongroom.vaultstorage.IntegrityException;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityTest {
    @TempDir
    Path dir;

    @Test
    void aFlippedBitInAChunkIsReportedNeverReturned() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", Retention.forever(), SyntheticData.text(4L << 20, 2));
            Path pack = f.layout("v").packFiles().get(0);
            PackEntry victim = PackFormat.readEntries(pack).get(1);
            flipBit(pack, victim.offset() + victim.length() / 2);

            assertThatThrownBy(() -> StorageFixture.sha256(f.storage.read("v", "rp")))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("chunk " + victim.id())
                    .hasMessageContaining("offset " + victim.offset())
                    .hasMessageContaining("damaged");
        }
    }

    @Test
    void bytesBeforeTheDamagedChunkAreDeliveredThenTheStreamFails() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", Retention.forever(), SyntheticData.random(3L << 20, 2));
            Path pack = f.layout("v").packFiles().get(0);
            List<PackEntry> entries = PackFormat.readEntries(pack);
            PackEntry last = entries.get(entries.size() - 1);
            flipBit(pack, last.offset() + 20);
            long delivered = 0;
            try (InputStream in = f.storage.read("v", "rp")) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    delivered += n;
                }
                throw new AssertionError("damage went unnoticed");
            } catch (IntegrityException expected) {
                assertThat(delivered).isLessThan(3L << 20);
            }
        }
    }

    @Test
    void aDamagedManifestIsReportedAndStopsTheCollectionOfItsVault() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", Retention.forever(), SyntheticData.text(1L << 20, 2));
            PointLog.Place manifest = f.storage.manifestPlace("v", "rp");
            flipBit(manifest.file(), manifest.offset() + manifest.length() - 20);

            assertThatThrownBy(() -> f.storage.read("v", "rp")).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("manifest does not authenticate");
            var report = f.storage.collectGarbage();
            assertThat(report.problems()).singleElement().asString().contains("collection skipped");
            assertThat(report.packsDeleted()).isZero();
            assertThat(f.layout("v").packFiles()).isNotEmpty();
        }
    }

    @Test
    void aDamagedManifestHeaderIsCaughtByItsChecksum() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", Retention.forever(), SyntheticData.text(1000, 2));
            PointLog.Place manifest = f.storage.manifestPlace("v", "rp");
            flipBit(manifest.file(), manifest.offset() + 30);
            assertThatThrownBy(() -> f.storage.stat("v", "rp")).isInstanceOf(IntegrityException.class);
        }
    }

    @Test
    void aMissingPackIsReportedAsAMissingChunk() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", Retention.forever(), SyntheticData.random(1L << 20, 2));
            for (Path pack : f.layout("v").packFiles()) {
                Files.delete(pack);
            }
            f.reopen();
            assertThatThrownBy(() -> StorageFixture.sha256(f.storage.read("v", "rp")))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("is missing");
        }
    }

    static void flipBit(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x10);
        }
    }
}
