package io.strongroom.engine.kms;

import io.strongroom.engine.access.AuthorizationRequest;
import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.access.Decision;
import io.strongroom.storage.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encrypt, Decrypt, ReEncrypt, GenerateDataKey(WithoutPlaintext) and GenerateRandom with real AES-256-GCM under
 * each key's own material, which never leaves this class; and the {@link KeyService} port for other contexts.
 */
public final class KmsCrypto implements KeyService {
    private static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";

    private final KmsService keys;
    private final RandomBytes random;
    private final Authorizer authorizer;

    public KmsCrypto(KmsService keys, RandomBytes random, Authorizer authorizer) {
        this.keys = keys;
        this.random = random;
        this.authorizer = authorizer;
    }

    public record Encrypted(String keyArn, byte[] ciphertextBlob) {
    }

    public record Decrypted(String keyArn, byte[] plaintext) {
    }

    public record ReEncrypted(String sourceKeyArn, String keyArn, byte[] ciphertextBlob) {
    }

    public Encrypted encrypt(Tx tx, String account, String region, String keyId, byte[] plaintext,
                             Map<String, String> context, String algorithm) {
        if (plaintext == null || plaintext.length == 0 || plaintext.length > 4096) {
            throw KmsErrors.constraint("java.nio.HeapByteBuffer", "plaintext", plaintext == null
                    || plaintext.length == 0 ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 4096");
        }
        checkAlgorithm(algorithm);
        KmsKey key = keys.key(tx, account, region, keyId);
        KmsService.requireUsable(key);
        return new Encrypted(key.arn(), seal(key, plaintext, context));
    }

    /** The key a ciphertext blob names, for Decrypt's authorization and for Decrypt itself. */
    public KmsKey keyOf(Tx tx, String region, byte[] ciphertextBlob) {
        CiphertextBlob blob = CiphertextBlob.parse(ciphertextBlob).orElseThrow(KmsErrors::invalidCiphertext);
        KmsKey key = keys.key(tx, null, region, blob.keyArn());
        if (!key.region().equals(region)) {
            // A key lives in one Region: another Region's KMS cannot read the blob.
            throw KmsErrors.invalidCiphertext();
        }
        return key;
    }

    public Decrypted decrypt(Tx tx, String account, String region, byte[] ciphertextBlob, Map<String, String> context,
                             String keyId, String algorithm) {
        checkAlgorithm(algorithm);
        KmsKey key = keyOf(tx, region, ciphertextBlob);
        if (keyId != null && !keys.key(tx, account, region, keyId).arn().equals(key.arn())) {
            throw KmsErrors.incorrectKey();
        }
        KmsService.requireUsable(key);
        return new Decrypted(key.arn(), open(key, ciphertextBlob, context));
    }

    public ReEncrypted reEncrypt(Tx tx, String account, String region, byte[] ciphertextBlob,
                                 Map<String, String> sourceContext, String sourceKeyId, String destinationKeyId,
                                 Map<String, String> destinationContext) {
        Decrypted source = decrypt(tx, account, region, ciphertextBlob, sourceContext, sourceKeyId, null);
        KmsKey destination = keys.key(tx, account, region, destinationKeyId);
        KmsService.requireUsable(destination);
        return new ReEncrypted(source.keyArn(), destination.arn(), seal(destination, source.plaintext(),
                destinationContext));
    }

    /** A data key of {@code keySpec} (AES_256, AES_128) or {@code numberOfBytes} (1-1024), exactly one of them. */
    public DataKey generateDataKey(Tx tx, String account, String region, String keyId, String keySpec,
                                   Integer numberOfBytes, Map<String, String> context) {
        int length = dataKeyLength(keySpec, numberOfBytes);
        KmsKey key = keys.key(tx, account, region, keyId);
        KmsService.requireUsable(key);
        byte[] plaintext = random.next(length);
        return new DataKey(key.arn(), plaintext, seal(key, plaintext, context));
    }

    public byte[] generateRandom(Integer numberOfBytes) {
        return random.next(checkedNumberOfBytes(numberOfBytes == null ? 0 : numberOfBytes));
    }

    private static int dataKeyLength(String keySpec, Integer numberOfBytes) {
        if ((keySpec == null) == (numberOfBytes == null)) {
            throw KmsErrors.validation(keySpec == null ? "Please specify either number of bytes or key spec."
                    : "Please specify either number of bytes or key spec, not both.");
        }
        if (keySpec != null) {
            return switch (keySpec) {
                case "AES_256" -> 32;
                case "AES_128" -> 16;
                default -> throw KmsErrors.constraint(keySpec, "keySpec",
                        "Member must satisfy enum value set: [AES_256, AES_128]");
            };
        }
        return checkedNumberOfBytes(numberOfBytes);
    }

    /** NumberOfBytes is 1 to 1024 (GenerateDataKey, GenerateRandom). */
    private static int checkedNumberOfBytes(int numberOfBytes) {
        if (numberOfBytes < 1 || numberOfBytes > 1024) {
            throw KmsErrors.constraint(numberOfBytes, "numberOfBytes", numberOfBytes > 1024
                    ? "Member must have value less than or equal to 1024"
                    : "Member must have value greater than or equal to 1");
        }
        return numberOfBytes;
    }

    private static void checkAlgorithm(String algorithm) {
        if (algorithm != null && !algorithm.equals(SYMMETRIC_DEFAULT)) {
            throw new io.strongroom.kernel.ServiceException(io.strongroom.kernel.ErrorCode.of(
                    "InvalidKeyUsageException"), "The encryption algorithm " + algorithm
                    + " is not compatible with the type of the specified key.");
        }
    }

    private byte[] seal(KmsKey key, byte[] plaintext, Map<String, String> context) {
        return CiphertextBlob.seal(key.arn(), keys.material(key), random.next(AesGcm.IV_BYTES), plaintext, context);
    }

    private byte[] open(KmsKey key, byte[] ciphertextBlob, Map<String, String> context) {
        return CiphertextBlob.parse(ciphertextBlob).flatMap(b -> b.open(keys.material(key), context))
                .orElseThrow(KmsErrors::invalidCiphertext);
    }

    // ---- the engine port

    @Override
    public DataKey generateDataKey(Tx tx, Caller caller, String keyId, Map<String, String> encryptionContext) {
        String account = caller.principal().accountId();
        KmsKey key = keys.key(tx, account, caller.region(), keyId);
        authorize(tx, caller, "kms:GenerateDataKey", key, encryptionContext);
        return generateDataKey(tx, account, caller.region(), key.arn(), "AES_256", null, encryptionContext);
    }

    @Override
    public byte[] decrypt(Tx tx, Caller caller, byte[] ciphertextBlob, Map<String, String> encryptionContext) {
        KmsKey key = keyOf(tx, caller.region(), ciphertextBlob);
        authorize(tx, caller, "kms:Decrypt", key, encryptionContext);
        return decrypt(tx, caller.principal().accountId(), caller.region(), ciphertextBlob, encryptionContext, null,
                null).plaintext();
    }

    private void authorize(Tx tx, Caller caller, String action, KmsKey key, Map<String, String> context) {
        Map<String, List<String>> conditions = new LinkedHashMap<>(KmsConditionKeys.forKey(
                caller.principal().accountId(), key, keys.aliasesOf(tx, key)));
        conditions.putAll(KmsConditionKeys.encryptionContext(context));
        conditions.put("kms:ViaService", List.of(caller.viaService() + "." + caller.region() + ".amazonaws.com"));
        // A service using the caller's credentials (forward access): what aws:ViaAWSService and aws:CalledVia say.
        conditions.put("aws:ViaAWSService", List.of("true"));
        conditions.put("aws:CalledVia", List.of(caller.viaService() + ".amazonaws.com"));
        conditions.put("kms:EncryptionAlgorithm", List.of(SYMMETRIC_DEFAULT));
        Decision decision = authorizer.authorize(tx, new AuthorizationRequest(caller.principal(), List.of(action),
                List.of(key.arn()), conditions));
        if (!decision.allowed()) {
            throw KmsErrors.accessDenied(decision.message());
        }
    }
}
