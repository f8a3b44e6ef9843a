package io.strongroom.vaultstorage.local;

import static io.strongroom.vaultstorage.local.StorageFixture.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strongroom.vaultstorage.RecoveryPointAlreadyExistsException;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.VaultAlreadyExistsException;
import io.strongroom.vaultstorage.VaultNotEmptyException;
import io.strongroom.vaultstorage.VaultNotFoundException;
import io.strongroom.vaultstorage.VaultStorageException;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentWritersOfOverlappingDataAndACollectionInBetweenLoseNothing() {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "old", Retention.forever(), SyntheticData.random(4L << 20, 1));
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                work.add(CompletableFuture.runAsync(() -> f.storage.write("v", "p" + n, Retention.forever(),
                        SyntheticData.changed(SyntheticData.random(4L << 20, 1), SyntheticData.random(4L << 20, n + 10),
                                4L << 20, 0.25, n))));
            }
            work.add(CompletableFuture.runAsync(() -> {
                f.storage.delete("v", "old");
                f.storage.collectGarbage();
            }));
            work.forEach(CompletableFuture::join);
            f.storage.collectGarbage();
            for (int i = 0; i < 4; i++) {
                InputStream expected = SyntheticData.changed(SyntheticData.random(4L << 20, 1),
                        SyntheticData.random(4L << 20, i + 10), 4L << 20, 0.25, i);
                assertThat(sha256(f.storage.read("v", "p" + i))).isEqualTo(sha256(expected));
            }
        }
    }

    @Test
    void aReadStreamSurvivesACollectionThatRepacksItsChunks() throws Exception {
        // b is the first half of a's first pack; once a goes, that pack is half dead and gets repacked while b's
        // reader, which has prefetched only its first few chunks, is open.
        try (StorageFixture f = new StorageFixture(dir, LocalVaultStorageOptions.DEFAULT.withPackTargetSize(8L << 20))) {
            f.createVault("v");
            f.storage.write("v", "a", Retention.forever(), SyntheticData.random(12L << 20, 1));
            f.storage.write("v", "b", Retention.forever(), SyntheticData.random(4L << 20, 1));
            try (InputStream in = f.storage.read("v", "b")) {
                byte[] head = in.readNBytes(1000);
                f.storage.delete("v", "a");
                assertThat(f.storage.collectGarbage().packsRepacked()).isPositive();
                byte[] rest = in.readAllBytes();
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                all.writeBytes(head);
                all.writeBytes(rest);
                assertThat(sha256(new java.io.ByteArrayInputStream(all.toByteArray())))
                        .isEqualTo(sha256(SyntheticData.random(4L << 20, 1)));
            }
        }
    }

    @Test
    void idsAreUniqueAndVaultsAreDeletedOnlyWhenEmpty() {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            assertThatThrownBy(() -> f.createVault("v")).isInstanceOf(VaultAlreadyExistsException.class);
            f.storage.write("v", "rp", Retention.forever(), SyntheticData.text(10, 1));
            assertThatThrownBy(() -> f.storage.write("v", "rp", Retention.forever(), SyntheticData.text(10, 1)))
                    .isInstanceOf(RecoveryPointAlreadyExistsException.class);
            assertThatThrownBy(() -> f.storage.deleteVault("v")).isInstanceOf(VaultNotEmptyException.class);
            assertThatThrownBy(() -> f.storage.read("nope", "rp")).isInstanceOf(VaultNotFoundException.class);
            assertThatThrownBy(() -> f.storage.write("v", "../x", Retention.forever(), SyntheticData.text(1, 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            f.storage.delete("v", "rp");
            f.storage.deleteVault("v");
            assertThat(f.storage.listVaults()).isEmpty();
            assertThatThrownBy(() -> f.storage.list("v")).isInstanceOf(VaultNotFoundException.class);
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameRoot() {
        try (StorageFixture f = new StorageFixture(dir)) {
            assertThatThrownBy(() -> LocalVaultStorage.open(dir, f.kms, f.clock)).isInstanceOf(
                    VaultStorageException.class).hasMessageContaining("in use by another process");
        }
    }
}
