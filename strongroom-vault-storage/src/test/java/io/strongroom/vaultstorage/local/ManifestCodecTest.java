package io.strongroom.vaultstorage.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.vaultstorage.LockMode;
import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.chunk.ChunkId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {
    private static final SecretKey KEY = new SecretKeySpec(new byte[32], "AES");
    private static final RecoveryPointStat STAT = new RecoveryPointStat("v", "rp", Instant.parse("2027-02-01T00:00:00Z"),
            Retention.until(Instant.parse("2027-03-01T00:00:00Z"), LockMode.COMPLIANCE), 300, 40, 3, 2, 40);

    @Test
    void inlineRecordsRoundTripOnTheFirstEntryOfTheirChunk() {
        Manifest manifest = new Manifest(STAT, List.of(
                new Manifest.Entry(id(1), 100, 20, new byte[20]),
                new Manifest.Entry(id(2), 100, 7),
                new Manifest.Entry(id(1), 100, 20)));
        Manifest decoded = ManifestCodec.decode(ManifestCodec.encode(manifest, KEY), KEY, "test");
        assertThat(decoded.stat()).isEqualTo(STAT);
        assertThat(decoded.entries()).extracting(Manifest.Entry::id).containsExactly(id(1), id(2), id(1));
        assertThat(decoded.inlineRecords()).containsOnlyKeys(id(1));
        assertThat(decoded.entries().get(2).inline()).isNull();
        assertThat(ChunkReferences.of(decoded)).as("only packed chunks are counted").containsExactly(id(2));
    }

    @Test
    void aManifestWrittenBeforeInlineRecordsIsStillRead() throws Exception {
        List<Manifest.Entry> entries = List.of(new Manifest.Entry(id(1), 100, 20), new Manifest.Entry(id(2), 100, 7),
                new Manifest.Entry(id(1), 100, 20));
        byte[] current = ManifestCodec.encode(new Manifest(STAT, entries), KEY);
        Manifest decoded = ManifestCodec.decode(versionOne(current, entries), KEY, "test");
        assertThat(decoded.stat()).isEqualTo(STAT);
        assertThat(decoded.entries()).extracting(Manifest.Entry::id, Manifest.Entry::plainLength,
                Manifest.Entry::storedLength).containsExactlyElementsOf(entries.stream()
                .map(e -> org.assertj.core.groups.Tuple.tuple(e.id(), e.plainLength(), e.storedLength())).toList());
        assertThat(decoded.inlineRecords()).isEmpty();
    }

    /** The version-1 layout: the same header under version 1, and a body of entries without flags. */
    private static byte[] versionOne(byte[] current, List<Manifest.Entry> entries) throws Exception {
        int sealed = entries.size() * (Manifest.Entry.ENCODED_LENGTH + 1) + 16;
        int crcOffset = current.length - sealed - 4 - 12 - 4;
        byte[] header = Arrays.copyOf(current, crcOffset);
        header[4] = 1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(header);
        CRC32C crc = new CRC32C();
        crc.update(header);
        out.writeInt((int) crc.getValue());
        byte[] associated = bytes.toByteArray();
        ByteBuffer body = ByteBuffer.allocate(entries.size() * Manifest.Entry.ENCODED_LENGTH);
        byte[] id = new byte[ChunkId.LENGTH];
        for (Manifest.Entry e : entries) {
            e.id().copyTo(id, 0);
            body.put(id).putInt(e.plainLength()).putInt(e.storedLength());
        }
        byte[] nonce = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, KEY, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associated);
        byte[] ciphertext = cipher.doFinal(body.array());
        out.write(nonce);
        out.writeInt(ciphertext.length);
        out.write(ciphertext);
        return bytes.toByteArray();
    }

    private static ChunkId id(int n) {
        byte[] bytes = new byte[ChunkId.LENGTH];
        bytes[0] = (byte) n;
        return ChunkId.of(bytes);
    }
}
