package io.strongroom.vaultstorage.local;

import static io.strongroom.vaultstorage.local.StorageFixture.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strongroom.vaultstorage.IntegrityException;
import io.strongroom.vaultstorage.LockMode;
import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** D78: a point whose new records fit the inline limit keeps them in its manifest and writes no pack. */
class InlineRecordsTest {
    @TempDir
    Path dir;

    @Test
    void aSmallPointIsOneManifestAndNoPack() {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            RecoveryPointStat stat = f.storage.write("v", "rp", Retention.forever(), SyntheticData.text(1000, 1));
            assertThat(f.layout("v").packFiles()).isEmpty();
            assertThat(f.storage.indexedChunks("v")).as("inline chunks are not shared through the index").isZero();
            assertThat(stat.newStoredBytes()).isPositive().isEqualTo(stat.storedSize());
            assertThat(f.storage.manifest("v", "rp").inlineRecords()).hasSize(1);
            assertThat(sha256(f.storage.read("v", "rp"))).isEqualTo(sha256(SyntheticData.text(1000, 1)));
            f.reopen();
            assertThat(sha256(f.storage.read("v", "rp"))).isEqualTo(sha256(SyntheticData.text(1000, 1)));
        }
    }

    @Test
    void aPointOverTheLimitIsPackedWhole() {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            // incompressible: its sealed record is larger than the 3 KiB limit
            f.storage.write("v", "rp", Retention.forever(), SyntheticData.random(8 << 10, 1));
            assertThat(f.layout("v").packFiles()).hasSize(1);
            assertThat(f.storage.manifest("v", "rp").inlineRecords()).isEmpty();
            assertThat(sha256(f.storage.read("v", "rp"))).isEqualTo(sha256(SyntheticData.random(8 << 10, 1)));
        }
    }

    @Test
    void aChunkTheVaultHoldsIsReferencedNotCopiedInline() {
        try (StorageFixture f = new StorageFixture(dir, LocalVaultStorageOptions.DEFAULT.withInlineLimit(0))) {
            f.createVault("v");
            f.storage.write("v", "packed", Retention.forever(), SyntheticData.text(1000, 1));
        }
        try (StorageFixture f = new StorageFixture(dir)) {
            RecoveryPointStat again = f.storage.write("v", "again", Retention.forever(), SyntheticData.text(1000, 1));
            assertThat(again.newStoredBytes()).isZero();
            assertThat(f.storage.manifest("v", "again").inlineRecords()).isEmpty();
            assertThat(sha256(f.storage.read("v", "again"))).isEqualTo(sha256(SyntheticData.text(1000, 1)));
        }
    }

    @Test
    void eachSmallPointStandsAloneAndTakesItsBytesWithIt() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "monday", Retention.forever(), SyntheticData.text(1000, 1));
            f.storage.write("v", "tuesday", Retention.forever(), SyntheticData.text(1000, 1));
            f.storage.delete("v", "monday");
            f.storage.collectGarbage();
            assertThat(sha256(f.storage.read("v", "tuesday"))).isEqualTo(sha256(SyntheticData.text(1000, 1)));
            f.storage.updateRetention("v", "tuesday", Retention.until(StorageFixture.START.plusSeconds(86_400),
                    LockMode.NONE));
            assertThat(sha256(f.storage.read("v", "tuesday"))).as("a retention change keeps the records")
                    .isEqualTo(sha256(SyntheticData.text(1000, 1)));
            f.storage.delete("v", "tuesday");
            f.storage.collectGarbage();
            assertThat(f.storage.list("v")).isEmpty();
            assertThat(f.layout("v").packFiles()).isEmpty();
        }
    }

    @Test
    void aDamagedInlineRecordIsCaughtBeforeAByteIsReturned() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", Retention.forever(), SyntheticData.text(1000, 1));
            PointLog.Place manifest = f.storage.manifestPlace("v", "rp");
            IntegrityTest.flipBit(manifest.file(), manifest.offset() + manifest.length() - 40);
            assertThatThrownBy(() -> sha256(f.storage.read("v", "rp"))).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("does not authenticate");
        }
    }
}
