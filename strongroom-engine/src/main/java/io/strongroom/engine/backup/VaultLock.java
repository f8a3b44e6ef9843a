package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.Optional;

/**
 * A vault's Vault Lock (spec 2). Compliance mode when a lock date exists (ChangeableForDays was given): before the
 * lock date it may still be replaced or removed, from the lock date on it is immutable for everyone. Governance mode
 * (no lock date) may be changed at any time by a permitted principal. Either way the vault is {@code Locked} at once.
 * The storage engine's retention mirrors this record.
 *
 * @param minRetentionDays absent: no lower bound
 * @param maxRetentionDays absent: no upper bound
 * @param lockDate         compliance mode's end of the grace time; null in governance mode
 */
public record VaultLock(Integer minRetentionDays, Integer maxRetentionDays, Instant lockDate, Instant applied) {

    public boolean compliance() {
        return lockDate != null;
    }

    /** A compliance lock on or after its lock date: nobody may change or delete it any more. */
    public boolean immutableAt(Instant now) {
        return lockDate != null && !now.isBefore(lockDate);
    }

    /**
     * Why a recovery point kept {@code deleteAfterDays} days (null: forever) may not enter a vault with this lock —
     * the message its backup or copy job fails with — or empty when it may (spec 2.4: min ≤ retention ≤ max; a point
     * kept forever passes a min-only lock and fails any max).
     */
    public Optional<String> retentionViolation(Integer deleteAfterDays) {
        if (deleteAfterDays == null || deleteAfterDays < 0) {
            return maxRetentionDays == null ? Optional.empty()
                    : Optional.of("The recovery point has no retention period, but the backup vault is locked with a "
                    + "maximum retention period of " + maxRetentionDays + " days.");
        }
        if (minRetentionDays != null && deleteAfterDays < minRetentionDays) {
            return Optional.of("The retention period of the recovery point (" + deleteAfterDays + " days) is shorter "
                    + "than the minimum retention period of the locked backup vault (" + minRetentionDays + " days).");
        }
        if (maxRetentionDays != null && deleteAfterDays > maxRetentionDays) {
            return Optional.of("The retention period of the recovery point (" + deleteAfterDays + " days) is longer "
                    + "than the maximum retention period of the locked backup vault (" + maxRetentionDays + " days).");
        }
        return Optional.empty();
    }
}
