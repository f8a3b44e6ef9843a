package io.strongroom.vaultstorage.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One GiB, half random and half text, through a JVM whose heap is capped at 512 MiB (surefire's argLine): the
 * write and the read must stream.
 */
class OneGibRoundTripTest {
    private static final long SIZE = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void oneGibibyteStreamsInAndOutUnchanged() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap cap").isLessThan(SIZE);
        try (StorageFixture f = new StorageFixture(dir, LocalVaultStorageOptions.DEFAULT)) {
            f.createVault("v");
            MessageDigest written = MessageDigest.getInstance("SHA-256");
            RecoveryPointStat stat = f.storage.write("v", "big", Retention.forever(),
                    new DigestInputStream(SyntheticData.mixed(SIZE, 3), written));
            assertThat(stat.logicalSize()).isEqualTo(SIZE);
            assertThat(stat.storedSize()).as("the text half compresses").isLessThan(SIZE * 85 / 100);
            assertThat(StorageFixture.sha256(f.storage.read("v", "big")))
                    .isEqualTo(HexFormat.of().formatHex(written.digest()));
        }
    }
}
