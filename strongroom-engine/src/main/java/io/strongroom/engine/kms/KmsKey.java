package io.strongroom.engine.kms;

import java.time.Instant;
import java.util.Map;

/**
 * A KMS key as stored. {@code wrappedMaterial} is the 256-bit key material sealed under the installation's
 * master key ({@link MasterKey}); no API ever returns it.
 *
 * @param managedFor for an AWS managed key, the service of its {@code alias/aws/<service>}; null for a
 *                   customer managed key
 * @param rotation   automatic rotation of a customer managed key when enabled, else null (keys stored before
 *                   rotation was served read back as null: rotation disabled, AWS's default)
 */
public record KmsKey(String accountId, String region, String keyId, String description, KeyState state,
                     Instant created, Instant deletionDate, Integer pendingWindowInDays, String policy,
                     Map<String, String> tags, String managedFor, byte[] wrappedMaterial, KeyRotation rotation) {
    /** Automatic rotation as EnableKeyRotation set it: the period, and when it was enabled. */
    public record KeyRotation(int rotationPeriodInDays, Instant enabledAt) {
    }

    public KmsKey {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static String arn(String region, String accountId, String keyId) {
        return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    public String arn() {
        return arn(region, accountId, keyId);
    }

    public boolean awsManaged() {
        return managedFor != null;
    }

    public boolean enabled() {
        return state == KeyState.Enabled;
    }

    KmsKey withState(KeyState value, Instant deletion, Integer window) {
        return new KmsKey(accountId, region, keyId, description, value, created, deletion, window, policy, tags,
                managedFor, wrappedMaterial, rotation);
    }

    KmsKey withPolicy(String value) {
        return new KmsKey(accountId, region, keyId, description, state, created, deletionDate, pendingWindowInDays,
                value, tags, managedFor, wrappedMaterial, rotation);
    }

    KmsKey withDescription(String value) {
        return new KmsKey(accountId, region, keyId, value, state, created, deletionDate, pendingWindowInDays,
                policy, tags, managedFor, wrappedMaterial, rotation);
    }

    KmsKey withTags(Map<String, String> value) {
        return new KmsKey(accountId, region, keyId, description, state, created, deletionDate, pendingWindowInDays,
                policy, value, managedFor, wrappedMaterial, rotation);
    }

    KmsKey withRotation(KeyRotation value) {
        return new KmsKey(accountId, region, keyId, description, state, created, deletionDate, pendingWindowInDays,
                policy, tags, managedFor, wrappedMaterial, value);
    }
}
