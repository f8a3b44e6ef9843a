package io.strongroom.dynamodb;

import java.time.Duration;
import java.time.Instant;

/**
 * A table's point-in-time recovery setting (UpdateContinuousBackups). Only the setting and the window it opens are
 * kept: restoring to a time is not served (D110).
 *
 * @param recoveryPeriodInDays 1 to 35 while enabled, 0 while disabled
 * @param enabledAt            when it was last enabled, null while disabled
 */
public record PointInTimeRecovery(boolean enabled, int recoveryPeriodInDays, Instant enabledAt) {
    public static final PointInTimeRecovery DISABLED = new PointInTimeRecovery(false, 0, null);
    static final int DEFAULT_PERIOD_DAYS = 35;
    /** AWS: "LatestRestorableDateTime is typically 5 minutes before the current time." */
    static final Duration LATEST_LAG = Duration.ofMinutes(5);

    /**
     * The setting after an UpdateContinuousBackups at {@code now}. Enabling what is enabled keeps when it was enabled
     * (the history already kept stays restorable) and takes the new period; disabling forgets the window.
     */
    PointInTimeRecovery change(boolean enable, Integer periodInDays, Instant now) {
        if (periodInDays != null && (periodInDays < 1 || periodInDays > DEFAULT_PERIOD_DAYS)) {
            throw DynamoDbErrors.constraint(String.valueOf(periodInDays),
                    "pointInTimeRecoverySpecification.recoveryPeriodInDays", periodInDays < 1
                            ? "Member must have value greater than or equal to 1"
                            : "Member must have value less than or equal to 35");
        }
        if (!enable) {
            return DISABLED;
        }
        return new PointInTimeRecovery(true, periodInDays == null ? DEFAULT_PERIOD_DAYS : periodInDays,
                enabled ? enabledAt : now);
    }

    /** When it was enabled, until the period has passed since; then the start of the period. */
    public Instant earliestRestorable(Instant now) {
        Instant periodStart = now.minus(Duration.ofDays(recoveryPeriodInDays));
        return periodStart.isAfter(enabledAt) ? periodStart : enabledAt;
    }

    public Instant latestRestorable(Instant now) {
        return now.minus(LATEST_LAG);
    }
}
