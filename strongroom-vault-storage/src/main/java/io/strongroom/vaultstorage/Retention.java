package io.strongroom.vaultstorage;

import java.time.Instant;
import java.util.Objects;

/**
 * When a recovery point may go, and how firmly. {@code retainUntil} null means kept forever.
 *
 * <p>The rules the storage enforces whoever asks (decision D36): a locked point cannot be deleted before
 * {@code retainUntil}; its retention can be extended but not shortened; a compliance lock is never lowered; a
 * governance lock can be lifted to {@link LockMode#NONE}. Expiry at {@code retainUntil} removes any point.
 */
public record Retention(Instant retainUntil, LockMode mode) {
    public Retention {
        Objects.requireNonNull(mode, "mode");
    }

    public static Retention forever() {
        return new Retention(null, LockMode.NONE);
    }

    public static Retention until(Instant retainUntil, LockMode mode) {
        return new Retention(Objects.requireNonNull(retainUntil, "retainUntil"), mode);
    }

    public boolean locked() {
        return mode != LockMode.NONE;
    }

    /** True once retain-until has come: the point expires. Never for a point kept forever. */
    public boolean expiredAt(Instant now) {
        return retainUntil != null && !now.isBefore(retainUntil);
    }

    /** True while the lock forbids deleting the point at {@code now}. */
    public boolean forbidsDeleteAt(Instant now) {
        return locked() && !expiredAt(now);
    }

    /** Why replacing this retention by {@code next} is refused, or null when it is allowed. */
    public String refusalToChangeTo(Retention next) {
        if (mode == LockMode.NONE) {
            return null;
        }
        if (mode == LockMode.COMPLIANCE && next.mode != LockMode.COMPLIANCE) {
            return "a compliance lock cannot be lowered to " + next.mode;
        }
        if (mode == LockMode.GOVERNANCE && next.mode == LockMode.NONE) {
            return null;
        }
        if (shortens(next)) {
            return "retention of a locked recovery point cannot be shortened from " + describe(retainUntil)
                    + " to " + describe(next.retainUntil);
        }
        return null;
    }

    private boolean shortens(Retention next) {
        if (retainUntil == null) {
            return next.retainUntil != null;
        }
        return next.retainUntil != null && next.retainUntil.isBefore(retainUntil);
    }

    private static String describe(Instant instant) {
        return instant == null ? "forever" : instant.toString();
    }
}
