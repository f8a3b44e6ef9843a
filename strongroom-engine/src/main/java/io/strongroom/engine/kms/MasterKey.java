package io.strongroom.engine.kms;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The installation's master key: every KMS key's material is stored sealed under it (AES-256-GCM, the key's
 * ARN as associated data, so material cannot be moved from one key record to another). The server keeps it in
 * the data directory, outside the store: a copy of the store alone reveals no key material.
 */
public final class MasterKey {
    private static final byte[] PURPOSE = "strongroom/kms/key-material/v1\0".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final RandomBytes random;

    public MasterKey(byte[] key, RandomBytes random) {
        if (key.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException("the master key is 32 bytes");
        }
        this.key = key.clone();
        this.random = random;
    }

    /** IV (12 bytes) followed by the sealed material and its tag. */
    byte[] wrap(String keyArn, byte[] material) {
        byte[] iv = random.next(AesGcm.IV_BYTES);
        byte[] sealed = AesGcm.seal(key, iv, aad(keyArn), material);
        byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return out;
    }

    byte[] unwrap(String keyArn, byte[] wrapped) {
        byte[] iv = Arrays.copyOfRange(wrapped, 0, AesGcm.IV_BYTES);
        byte[] sealed = Arrays.copyOfRange(wrapped, AesGcm.IV_BYTES, wrapped.length);
        return AesGcm.open(key, iv, aad(keyArn), sealed).orElseThrow(() -> new IllegalStateException(
                "the material of " + keyArn + " does not open under this installation's master key"));
    }

    private static byte[] aad(String keyArn) {
        byte[] arn = keyArn.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(PURPOSE, PURPOSE.length + arn.length);
        System.arraycopy(arn, 0, out, PURPOSE.length, arn.length);
        return out;
    }
}
