package io.strongroom.engine.kms;

import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.util.Map;

/**
 * The engine-level port through which other contexts (the vault storage engine, AWS Backup) use KMS keys, without
 * HTTP: a data key generated under a key, and a data key unwrapped. Each call is authorized like an API call, as
 * {@code caller} acting through {@code viaService} (so {@code kms:ViaService} is {@code <viaService>.<region>.amazonaws.com},
 * which the {@code aws/backup} key's policy requires), and fails with the same KMS errors (NotFoundException,
 * DisabledException, KMSInvalidStateException, InvalidCiphertextException, AccessDeniedException).
 */
public interface KeyService {
    /** Who uses the key: the principal the service acts as (a role session), its Region, the service ("backup"). */
    record Caller(Principal principal, String region, String viaService) {
    }

    /** A data key: its plaintext (use, then forget) and the ciphertext blob to store, under {@code keyArn}. */
    record DataKey(String keyArn, byte[] plaintext, byte[] ciphertextBlob) {
    }

    /**
     * A new 256-bit data key under {@code keyId} (any identifier KMS accepts; {@code alias/aws/backup} creates the
     * account's AWS managed key on first use), bound to {@code encryptionContext}.
     */
    DataKey generateDataKey(Tx tx, Caller caller, String keyId, Map<String, String> encryptionContext);

    /** The plaintext of a blob from {@link #generateDataKey}, given the same encryption context. */
    byte[] decrypt(Tx tx, Caller caller, byte[] ciphertextBlob, Map<String, String> encryptionContext);
}
