package io.strongroom.vaultstorage.local;

import static io.strongroom.vaultstorage.local.StorageFixture.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeduplicationTest {
    private static final long SIZE = 128L << 20;

    @TempDir
    Path dir;

    @Test
    void aSecondBackupWithFivePercentChangedStoresUnderTenPercentNewBytes() {
        try (StorageFixture f = new StorageFixture(dir, LocalVaultStorageOptions.DEFAULT)) {
            f.createVault("v");
            RecoveryPointStat first = f.storage.write("v", "monday", Retention.forever(),
                    SyntheticData.mixed(SIZE, 11));
            RecoveryPointStat second = f.storage.write("v", "tuesday", Retention.forever(),
                    SyntheticData.mixedChanged(SIZE, 11));

            assertThat(first.newStoredBytes()).isEqualTo(first.storedSize());
            assertThat((double) second.newStoredBytes() / first.storedSize())
                    .as("new bytes stored by the second backup / bytes stored by the first").isLessThan(0.10)
                    .isGreaterThan(0.04);
            assertThat((double) second.newStoredBytes() / SIZE).as("new bytes stored / bytes backed up")
                    .isLessThan(0.10);
            assertThat(sha256(f.storage.read("v", "tuesday"))).isEqualTo(sha256(SyntheticData.mixedChanged(SIZE, 11)));
            assertThat(sha256(f.storage.read("v", "monday"))).isEqualTo(sha256(SyntheticData.mixed(SIZE, 11)));
        }
    }

    @Test
    void dedupIsPerVaultAndACopyIsReEncryptedUnderTheTargetVaultsKeys() throws Exception {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("source");
            f.createVault("target");
            f.storage.write("source", "rp", Retention.forever(), SyntheticData.text(8L << 20, 1));
            RecoveryPointStat copy = f.storage.copy("source", "rp", "target", "rp-copy", Retention.forever());

            assertThat(copy.newChunkCount()).as("nothing is shared with the source vault").isEqualTo(copy.chunkCount());
            assertThat(sha256(f.storage.read("target", "rp-copy"))).isEqualTo(sha256(SyntheticData.text(8L << 20, 1)));
            assertThat(chunkIds(f, "target")).doesNotContainAnyElementsOf(chunkIds(f, "source"));
            // Same plaintext, different vault keys: no record of one vault appears in the other's packs.
            assertThat(io.strongroom.vaultstorage.testing.Bytes.contains(packBytes(f, "target"), slice(packBytes(f, "source"))))
                    .isFalse();
        }
    }

    private static java.util.Set<String> chunkIds(StorageFixture f, String vault) throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Path pack : f.layout(vault).packFiles()) {
            PackFormat.readEntries(pack).forEach(e -> ids.add(e.id().toString()));
        }
        return ids;
    }

    private static byte[] packBytes(StorageFixture f, String vault) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Path pack : f.layout(vault).packFiles()) {
            out.write(java.nio.file.Files.readAllBytes(pack));
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] packs) {
        return java.util.Arrays.copyOfRange(packs, 4096, 4096 + 64);
    }
}
