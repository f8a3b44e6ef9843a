package io.strongroom.vaultstorage.local;

import static io.strongroom.vaultstorage.local.StorageFixture.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.WriteDurability;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> sizes() {
        return Stream.of(0L, 1L, 100L, 64L << 10, (64L << 10) + 1, 1L << 20, 3_333_333L, 40L << 20)
                .flatMap(size -> Stream.of(Arguments.of("random", size), Arguments.of("text", size)));
    }

    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("sizes")
    void whatIsWrittenReadsBackByteForByteAfterARestart(String kind, long size) {
        Supplier<InputStream> data = () -> kind.equals("random") ? SyntheticData.random(size, 7)
                : SyntheticData.text(size, 7);
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("vault-a");
            RecoveryPointStat stat = f.storage.write("vault-a", "rp-1", Retention.forever(), data.get());
            assertThat(stat.logicalSize()).isEqualTo(size);
            assertThat(sha256(f.storage.read("vault-a", "rp-1"))).isEqualTo(sha256(data.get()));
            f.reopen();
            assertThat(sha256(f.storage.read("vault-a", "rp-1"))).isEqualTo(sha256(data.get()));
            assertThat(f.storage.stat("vault-a", "rp-1")).isEqualTo(stat);
            if (kind.equals("text") && size >= 1 << 20) {
                assertThat(stat.storedSize()).as("text compresses").isLessThan(size / 2);
            }
            if (kind.equals("random") && size > 0) {
                assertThat(stat.storedSize()).as("random data is stored raw, with a small overhead per chunk")
                        .isBetween(size, size + 64L * stat.chunkCount());
            }
        }
    }

    @Test
    void pointsWrittenForTheNextSyncReadAtOnceAndAfterASyncAndARestart() {
        long[] sizes = {100L, 3_333_333L}; // one held in its manifest, one in packs
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("vault-a");
            f.createVault("vault-b");
            for (int i = 0; i < sizes.length; i++) {
                for (String vault : new String[] {"vault-a", "vault-b"}) {
                    f.storage.write(vault, "rp-" + i, Retention.forever(), SyntheticData.random(sizes[i], i),
                            WriteDurability.AT_NEXT_SYNC);
                    assertThat(sha256(f.storage.read(vault, "rp-" + i)))
                            .isEqualTo(sha256(SyntheticData.random(sizes[i], i)));
                }
            }
            f.storage.copy("vault-a", "rp-1", "vault-b", "rp-copy", Retention.forever(),
                    WriteDurability.AT_NEXT_SYNC);
            f.storage.syncWrites();
            f.reopen();
            for (int i = 0; i < sizes.length; i++) {
                for (String vault : new String[] {"vault-a", "vault-b"}) {
                    assertThat(sha256(f.storage.read(vault, "rp-" + i)))
                            .isEqualTo(sha256(SyntheticData.random(sizes[i], i)));
                }
            }
            assertThat(sha256(f.storage.read("vault-b", "rp-copy")))
                    .isEqualTo(sha256(SyntheticData.random(sizes[1], 1)));
        }
    }

    @Test
    void repeatedContentIsStoredOnce() {
        // Four MiB blocks: boundaries come from a per-vault random gear table, and with one MiB blocks about one vault
        // in twenty cuts the copies so that they resynchronise late. Over 2,000 seeds four 4 MiB copies never stored
        // more than 6.3 MB; the bound is 8 MiB.
        int blockSize = 4 << 20;
        byte[] block = StorageFixture.bytes(SyntheticData.random(blockSize, 3));
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            RecoveryPointStat stat = f.storage.write("v", "rp", Retention.forever(), copies(block, 4));
            assertThat(stat.logicalSize()).isEqualTo(4L * blockSize);
            assertThat(stat.newStoredBytes()).as("the later copies reuse the first one's chunks")
                    .isLessThan(2L * blockSize);
            RecoveryPointStat again = f.storage.write("v", "rp-again", Retention.forever(), copies(block, 4));
            assertThat(again.newStoredBytes()).as("the same content again adds nothing").isZero();
            assertThat(again.storedSize()).isEqualTo(stat.storedSize());
        }
    }

    private static InputStream copies(byte[] block, int count) {
        return new java.io.SequenceInputStream(java.util.Collections.enumeration(java.util.stream.Stream
                .generate(() -> (InputStream) new ByteArrayInputStream(block)).limit(count).toList()));
    }
}
