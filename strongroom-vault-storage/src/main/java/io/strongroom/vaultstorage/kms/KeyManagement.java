package io.strongroom.vaultstorage.kms;

import java.util.Map;

/**
 * The seam to a key management service: the vault storage never holds a KMS key, only data keys that a KMS key
 * wraps. The KMS service implements this with its GenerateDataKey and Decrypt; {@link LocalKeyManagement} is a
 * real, self-contained implementation for tests and single-node use.
 *
 * <p>Implementations throw their own unchecked exceptions (a disabled key, a key pending deletion, a denied
 * caller); {@link KeyManagementException} is there for those that have none.
 */
public interface KeyManagement {

    /** A new 256-bit data key: its plaintext, and the same key wrapped under {@code keyId}. */
    DataKey generateDataKey(String keyId, Map<String, String> encryptionContext);

    /**
     * Unwraps a blob made by {@link #generateDataKey}. The blob names its key; the encryption context must be
     * the one given when the key was generated.
     */
    byte[] decryptDataKey(byte[] wrappedKey, Map<String, String> encryptionContext);
}
