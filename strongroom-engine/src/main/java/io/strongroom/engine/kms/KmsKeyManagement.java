package io.strongroom.engine.kms;

import io.strongroom.storage.Store;
import io.strongroom.vaultstorage.kms.DataKey;
import io.strongroom.vaultstorage.kms.KeyManagement;

import java.util.Map;
import java.util.function.Function;

/**
 * The vault storage engine's key seam served by KMS: a vault's data key is generated under, and unwrapped by, the
 * vault's KMS key, authorized like any KMS call through {@link KeyService}. The storage engine names no caller, so
 * the caller (the vault account's backup principal acting through {@code backup}) is read from the encryption
 * context the Backup layer gave the vault.
 *
 * <p>Each call runs in its own store transaction: call it outside any other transaction of the same store.
 */
public final class KmsKeyManagement implements KeyManagement {
    private final Store store;
    private final KeyService keys;
    private final Function<Map<String, String>, KeyService.Caller> callerOfContext;

    public KmsKeyManagement(Store store, KeyService keys,
            Function<Map<String, String>, KeyService.Caller> callerOfContext) {
        this.store = store;
        this.keys = keys;
        this.callerOfContext = callerOfContext;
    }

    @Override
    public DataKey generateDataKey(String keyId, Map<String, String> encryptionContext) {
        KeyService.Caller caller = callerOfContext.apply(encryptionContext);
        // A write: the account's AWS managed key may be created on first use.
        KeyService.DataKey key = store.write(tx -> keys.generateDataKey(tx, caller, keyId, encryptionContext));
        return new DataKey(key.plaintext(), key.ciphertextBlob());
    }

    @Override
    public byte[] decryptDataKey(byte[] wrappedKey, Map<String, String> encryptionContext) {
        KeyService.Caller caller = callerOfContext.apply(encryptionContext);
        return store.read(tx -> keys.decrypt(tx, caller, wrappedKey, encryptionContext));
    }
}
