package io.strongroom.dynamodb;

import java.time.Duration;
import java.time.Instant;

/**
 * A table's point-in-time recovery setting (UpdateContinuousBackups) and the window it opens; while enabled,
 * {@link ItemHistory} keeps what the table's items were, so RestoreTableToPointInTime can restore any time of the
 * window (D110, D121).
 *
 * @param recoveryPeriodInDays 1 to 35 while enabled, 0 while disabled
 * @param enabledAt            when it was last enabled, null while disabled
 * @param historyFrom          the start of the history the daily trim kept (D121): a window made longer later does
 *                             not reach back past it; null until the first trim
 */
public record PointInTimeRecovery(boolean enabled, int recoveryPeriodInDays, Instant enabledAt, Instant historyFrom) {
    public static final PointInTimeRecovery DISABLED = new PointInTimeRecovery(false, 0, null, null);
    static final int DEFAULT_PERIOD_DAYS = 35;
    /** AWS: "LatestRestorableDateTime is typically 5 minutes before the current time." */
    static final Duration LATEST_LAG = Duration.ofMinutes(5);

    /** A setting whose history was never trimmed. */
    public PointInTimeRecovery(boolean enabled, int recoveryPeriodInDays, Instant enabledAt) {
        this(enabled, recoveryPeriodInDays, enabledAt, null);
    }

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
                enabled ? enabledAt : now, enabled ? historyFrom : null);
    }

    /** The setting once the history up to {@code cutoff} has been trimmed. */
    PointInTimeRecovery trimmedTo(Instant cutoff) {
        return historyFrom != null && !cutoff.isAfter(historyFrom) ? this
                : new PointInTimeRecovery(enabled, recoveryPeriodInDays, enabledAt, cutoff);
    }

    /**
     * When it was enabled, until the period has passed since; then the start of the period; never before the history
     * the trim kept.
     */
    public Instant earliestRestorable(Instant now) {
        Instant periodStart = now.minus(Duration.ofDays(recoveryPeriodInDays));
        Instant earliest = periodStart.isAfter(enabledAt) ? periodStart : enabledAt;
        return historyFrom != null && historyFrom.isAfter(earliest) ? historyFrom : earliest;
    }

    public Instant latestRestorable(Instant now) {
        return now.minus(LATEST_LAG);
    }
}
