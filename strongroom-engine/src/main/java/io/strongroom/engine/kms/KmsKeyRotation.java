package io.strongroom.engine.kms;

import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;

/**
 * Automatic key rotation as a key's state: EnableKeyRotation, DisableKeyRotation and GetKeyRotationStatus. The
 * setting is kept and answered as AWS does; the key material itself is not rotated on the clock (decision D59),
 * so no next rotation date is promised.
 */
public final class KmsKeyRotation {
    static final int DEFAULT_PERIOD_DAYS = 365;
    private static final int MIN_PERIOD_DAYS = 90;
    private static final int MAX_PERIOD_DAYS = 2560;

    private final KmsService kms;
    private final Clock clock;

    public KmsKeyRotation(KmsService kms, Clock clock) {
        this.kms = kms;
        this.clock = clock;
    }

    /** What GetKeyRotationStatus answers: the period only while rotation is enabled. */
    public record Status(String keyArn, boolean enabled, Integer rotationPeriodInDays) {
    }

    /**
     * A key of any account named by key id or ARN (no alias). AWS managed keys rotate every year whatever anyone
     * asks; a key pending deletion reports false and gets its setting back if the deletion is cancelled.
     */
    public Status status(Tx tx, String account, String region, String keyId) {
        KmsKey key = kms.keyByIdOrArn(tx, account, region, keyId);
        if (key.awsManaged()) {
            return new Status(key.arn(), true, DEFAULT_PERIOD_DAYS);
        }
        if (key.rotation() == null || key.state() == KeyState.PendingDeletion) {
            return new Status(key.arn(), false, null);
        }
        return new Status(key.arn(), true, key.rotation().rotationPeriodInDays());
    }

    /** Enables rotation (or changes its period) on an enabled key of the caller's account; default 365 days. */
    public KmsKey enable(Tx tx, String account, String region, String keyId, Integer rotationPeriodInDays) {
        int days = rotationPeriodInDays == null ? DEFAULT_PERIOD_DAYS : rotationPeriodInDays;
        if (days < MIN_PERIOD_DAYS || days > MAX_PERIOD_DAYS) {
            throw KmsErrors.constraint(days, "rotationPeriodInDays", days < MIN_PERIOD_DAYS
                    ? "Member must have value greater than or equal to " + MIN_PERIOD_DAYS
                    : "Member must have value less than or equal to " + MAX_PERIOD_DAYS);
        }
        KmsKey key = manageable(tx, account, region, keyId);
        Instant since = key.rotation() == null ? Instant.now(clock) : key.rotation().enabledAt();
        return kms.save(tx, key.withRotation(new KmsKey.KeyRotation(days, since)));
    }

    public KmsKey disable(Tx tx, String account, String region, String keyId) {
        return kms.save(tx, manageable(tx, account, region, keyId).withRotation(null));
    }

    /** Rotation is managed on an enabled customer managed key of the caller's own account only. */
    private KmsKey manageable(Tx tx, String account, String region, String keyId) {
        KmsKey key = kms.ownKey(tx, account, region, keyId);
        KmsService.requireUsable(key);
        if (key.awsManaged()) {
            throw KmsErrors.unsupported(key.arn() + " is an AWS managed key: its rotation cannot be changed.");
        }
        return key;
    }
}
