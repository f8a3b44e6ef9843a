package io.strongroom.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When a table's or a global index's provisioned throughput last went up and down, and how many decreases the UTC
 * day of the last one has seen: what DescribeTable reports as {@code LastIncreaseDateTime},
 * {@code LastDecreaseDateTime} and {@code NumberOfDecreasesToday}, and what AWS's daily decrease quota is judged on
 * (D115): four decreases in a UTC day, then one more each 3600 seconds after the last.
 *
 * @param lastIncrease     null when the throughput never went up
 * @param lastDecrease     null when it never went down
 * @param decreasesThatDay the decreases on the UTC day of {@code lastDecrease}
 */
public record ThroughputHistory(Instant lastIncrease, Instant lastDecrease, int decreasesThatDay) {
    public static final ThroughputHistory NONE = new ThroughputHistory(null, null, 0);
    static final int FREE_DECREASES_PER_DAY = 4;
    static final Duration AFTER_THE_FREE_ONES = Duration.ofHours(1);

    /** The decreases on the UTC day of {@code now}: none when the last decrease was on another day. */
    public long decreasesOn(Instant now) {
        return lastDecrease != null && day(lastDecrease).equals(day(now)) ? decreasesThatDay : 0;
    }

    /**
     * When the next decrease may be made, if not now: after four on this UTC day, 3600 seconds after the last one,
     * or the next UTC midnight if that comes first.
     */
    Optional<Instant> nextDecreaseAfter(Instant now) {
        if (decreasesOn(now) < FREE_DECREASES_PER_DAY) {
            return Optional.empty();
        }
        Instant hourAfter = lastDecrease.plus(AFTER_THE_FREE_ONES);
        if (!now.isBefore(hourAfter)) {
            return Optional.empty();
        }
        Instant midnight = day(now).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Optional.of(hourAfter.isBefore(midnight) ? hourAfter : midnight);
    }

    /** Refuses a decrease the quota does not allow now, in AWS's words. */
    void checkDecrease(Instant now) {
        nextDecreaseAfter(now).ifPresent(next -> {
            throw DynamoDbErrors.decreasesLimited(decreasesOn(now), lastDecrease, next);
        });
    }

    /**
     * The history after a change from one throughput to another: a decrease of either unit counts once, an
     * increase of either moves the last increase (a change can do both).
     */
    ThroughputHistory change(long oldRead, long oldWrite, long newRead, long newWrite, Instant now) {
        boolean up = newRead > oldRead || newWrite > oldWrite;
        boolean down = newRead < oldRead || newWrite < oldWrite;
        Instant increase = up ? now : lastIncrease;
        if (!down) {
            return new ThroughputHistory(increase, lastDecrease, decreasesThatDay);
        }
        return new ThroughputHistory(increase, now, (int) decreasesOn(now) + 1);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
