package io.strongroom.vaultstorage.chunk;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Turns a chunk into its stored record and back: zstd compression (kept only when it saves bytes), then
 * AES-256-GCM with a random 96-bit nonce and the chunk id and compression flag as associated data, so a record
 * opens only as the chunk it was sealed as.
 *
 * <p>Record: flag (0 raw, 1 zstd), 12-byte nonce, ciphertext, 16-byte tag. Encryption runs in 16 KiB slices:
 * the JIT compiles the GCM loop within milliseconds that way, where whole-MiB calls stay slow for seconds.
 */
public final class ChunkSealer {
    public static final int OVERHEAD = 1 + 12 + 16;
    private static final int FLAG_RAW = 0;
    private static final int FLAG_ZSTD = 1;
    private static final int SLICE = 16 << 10;
    private static final SecureRandom NONCES = new SecureRandom();

    private final int level;
    private final ThreadLocal<ZstdCompressCtx> compressors;
    private final ThreadLocal<ZstdDecompressCtx> decompressors = ThreadLocal.withInitial(ZstdDecompressCtx::new);
    private final ThreadLocal<byte[]> scratch = new ThreadLocal<>();

    public ChunkSealer(int zstdLevel) {
        this.level = zstdLevel;
        this.compressors = ThreadLocal.withInitial(() -> {
            ZstdCompressCtx ctx = new ZstdCompressCtx();
            ctx.setLevel(level);
            ctx.setContentSize(false);
            return ctx;
        });
    }

    /** The stored record of {@code plaintext}. */
    public byte[] seal(SecretKey key, ChunkId id, byte[] plaintext) {
        byte[] compressed = scratch(plaintext.length);
        int compressedLength = compressors.get().compressByteArray(compressed, 0, compressed.length, plaintext, 0,
                plaintext.length);
        boolean useZstd = compressedLength < plaintext.length;
        byte[] body = useZstd ? compressed : plaintext;
        int bodyLength = useZstd ? compressedLength : plaintext.length;
        byte flag = (byte) (useZstd ? FLAG_ZSTD : FLAG_RAW);
        byte[] record = new byte[OVERHEAD + bodyLength];
        record[0] = flag;
        byte[] nonce = new byte[12];
        NONCES.nextBytes(nonce);
        System.arraycopy(nonce, 0, record, 1, 12);
        try {
            Cipher cipher = Gcm.cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(id, flag));
            int out = 13;
            for (int offset = 0; offset < bodyLength; offset += SLICE) {
                out += cipher.update(body, offset, Math.min(SLICE, bodyLength - offset), record, out);
            }
            cipher.doFinal(record, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        return record;
    }

    /**
     * The plaintext of a record.
     *
     * @throws DamagedChunkException when the record does not authenticate or does not decompress to
     *                               {@code plainLength} bytes
     */
    public byte[] open(SecretKey key, ChunkId id, byte[] record, int plainLength) {
        if (record.length < OVERHEAD || (record[0] != FLAG_RAW && record[0] != FLAG_ZSTD)) {
            throw new DamagedChunkException("record header damaged");
        }
        byte flag = record[0];
        byte[] body;
        try {
            Cipher cipher = Gcm.cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, record, 1, 12));
            cipher.updateAAD(associatedData(id, flag));
            body = cipher.doFinal(record, 13, record.length - 13);
        } catch (AEADBadTagException e) {
            throw new DamagedChunkException("authentication tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        if (flag == FLAG_RAW) {
            if (body.length != plainLength) {
                throw new DamagedChunkException("length " + body.length + " where " + plainLength + " was stored");
            }
            return body;
        }
        byte[] plain = new byte[plainLength];
        try {
            int n = decompressors.get().decompressByteArray(plain, 0, plainLength, body, 0, body.length);
            if (n != plainLength) {
                throw new DamagedChunkException("decompressed to " + n + " bytes where " + plainLength + " were stored");
            }
        } catch (ZstdException e) {
            throw new DamagedChunkException("does not decompress: " + e.getMessage());
        }
        return plain;
    }

    private byte[] scratch(int plainLength) {
        int bound = (int) Zstd.compressBound(plainLength);
        byte[] buffer = scratch.get();
        if (buffer == null || buffer.length < bound) {
            buffer = new byte[bound];
            scratch.set(buffer);
        }
        return buffer;
    }

    private static byte[] associatedData(ChunkId id, byte flag) {
        byte[] aad = new byte[ChunkId.LENGTH + 1];
        id.copyTo(aad, 0);
        aad[ChunkId.LENGTH] = flag;
        return aad;
    }

    /** A record that failed verification; the storage reports it with where it lies. */
    public static final class DamagedChunkException extends RuntimeException {
        public DamagedChunkException(String message) {
            super(message);
        }
    }
}
