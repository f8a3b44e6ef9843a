package io.strongroom.engine.backup;

import java.util.Optional;

/**
 * The lifecycle rules (spec 3.4), one check for every place a lifecycle is given: plan rules and their copy actions,
 * and later StartBackupJob, StartCopyJob and UpdateRecoveryPointLifecycle.
 */
public final class Lifecycles {
    static final String DELETE_RANGE = "Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than "
            + "36500 days";
    static final String COLD_RANGE = "Invalid lifecycle. MoveToColdStorageAfterDays cannot be less than 1 or more "
            + "than 36500 days";
    static final String COLD_GAP = "Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from "
            + "MoveToColdStorageAfterDays";
    static final String CONTINUOUS_NEEDS_LIFECYCLE = "Lifecycle must be specified for backup rule enabled "
            + "continuous backup";
    static final String CONTINUOUS_NO_COLD = "Invalid lifecycle. MoveToColdStorageAfterDays is unavailable";
    static final int MAX_DAYS = 36500;
    static final int MIN_COLD_DAYS = 90;
    static final int MAX_CONTINUOUS_DAYS = 35;

    private Lifecycles() {
    }

    /**
     * Why {@code lifecycle} is invalid, empty when it is valid. {@code keepForeverAllowed}: -1 in either field means
     * "no lifecycle, keep indefinitely" (copy lifecycles, recovery points).
     */
    public static Optional<String> problem(Lifecycle lifecycle, boolean keepForeverAllowed) {
        if (lifecycle == null) {
            return Optional.empty();
        }
        Long cold = lifecycle.moveToColdStorageAfterDays();
        Long delete = lifecycle.deleteAfterDays();
        if (delete != null && !(keepForeverAllowed && delete == -1) && (delete < 1 || delete > MAX_DAYS)) {
            return Optional.of(DELETE_RANGE);
        }
        if (cold != null && !(keepForeverAllowed && cold == -1) && (cold < 1 || cold > MAX_DAYS)) {
            return Optional.of(COLD_RANGE);
        }
        if (cold != null && delete != null && cold >= 0 && delete >= 0 && delete - cold < MIN_COLD_DAYS) {
            return Optional.of(COLD_GAP);
        }
        return Optional.empty();
    }

    /** A continuous-backup rule's lifecycle: required, DeleteAfterDays 1–35, no cold storage (spec 3.5). */
    public static Optional<String> continuousProblem(Lifecycle lifecycle) {
        if (lifecycle == null || lifecycle.deleteAfterDays() == null) {
            return Optional.of(CONTINUOUS_NEEDS_LIFECYCLE);
        }
        if (lifecycle.moveToColdStorageAfterDays() != null) {
            return Optional.of(CONTINUOUS_NO_COLD);
        }
        long delete = lifecycle.deleteAfterDays();
        return delete < 1 || delete > MAX_CONTINUOUS_DAYS ? Optional.of(DELETE_RANGE) : Optional.empty();
    }
}
