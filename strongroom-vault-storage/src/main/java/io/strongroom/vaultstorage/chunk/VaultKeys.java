package io.strongroom.vaultstorage.chunk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one vault, all derived from its data key (the one secret the vault's KMS key wraps) as
 * HMAC-SHA256(dataKey, label): a chunk-id key, a chunk encryption key, a manifest encryption key and the seed
 * of the chunker's gear table. Separate labels keep the uses independent.
 */
public final class VaultKeys {
    private final SecretKeySpec chunkIdKey;
    private final SecretKeySpec chunkKey;
    private final SecretKeySpec manifestKey;
    private final long gearSeed;
    private final ThreadLocal<Mac> idMac;

    public VaultKeys(byte[] dataKey) {
        if (dataKey.length != 32) {
            throw new IllegalArgumentException("a vault data key is 32 bytes");
        }
        this.chunkIdKey = new SecretKeySpec(derive(dataKey, "chunk-id"), "HmacSHA256");
        this.chunkKey = new SecretKeySpec(derive(dataKey, "chunk-encryption"), "AES");
        this.manifestKey = new SecretKeySpec(derive(dataKey, "manifest-encryption"), "AES");
        this.gearSeed = ByteBuffer.wrap(derive(dataKey, "gear")).getLong();
        this.idMac = ThreadLocal.withInitial(() -> mac(chunkIdKey));
    }

    public ChunkId chunkId(byte[] plaintext) {
        Mac mac = idMac.get();
        return ChunkId.wrap(mac.doFinal(plaintext));
    }

    public SecretKeySpec chunkKey() {
        return chunkKey;
    }

    public SecretKeySpec manifestKey() {
        return manifestKey;
    }

    public long gearSeed() {
        return gearSeed;
    }

    private static byte[] derive(byte[] dataKey, String label) {
        Mac mac = mac(new SecretKeySpec(dataKey, "HmacSHA256"));
        byte[] out = mac.doFinal(("strongroom/vault/" + label).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(out, 32);
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
