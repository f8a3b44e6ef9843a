package io.strongroom.dynamodb;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A table's time-to-live setting (UpdateTimeToLive) and which items it makes expire.
 *
 * @param attributeName the attribute holding each item's expiry, null while disabled
 * @param modifiedAt    the last change, null if never changed: a second change within {@link #COOLDOWN} is refused
 */
public record TimeToLive(boolean enabled, String attributeName, Instant modifiedAt) {
    public static final TimeToLive NEVER_SET = new TimeToLive(false, null, null);
    /** AWS refuses another UpdateTimeToLive "during this one hour duration". */
    static final Duration COOLDOWN = Duration.ofHours(1);
    /** AWS never deletes an item whose expiry is more than five years in the past. */
    private static final int IGNORED_AFTER_YEARS = 5;

    /** The setting after an UpdateTimeToLive at {@code now}: AWS checks the change itself, then the cooldown. */
    TimeToLive change(boolean enable, String name, Instant now) {
        if (enabled && !attributeName.equals(name)) {
            throw DynamoDbErrors.validation("TimeToLive is active on a different AttributeName: current AttributeName "
                    + "is " + attributeName);
        }
        if (enable && enabled) {
            throw DynamoDbErrors.validation("TimeToLive is already enabled");
        }
        if (!enable && !enabled) {
            throw DynamoDbErrors.validation("TimeToLive is already disabled");
        }
        if (modifiedAt != null && now.isBefore(modifiedAt.plus(COOLDOWN))) {
            throw DynamoDbErrors.validation("Time to live has been modified multiple times within a fixed interval");
        }
        return enable ? new TimeToLive(true, name, now) : new TimeToLive(false, null, now);
    }

    /**
     * True when the item's expiry attribute is a Number of epoch seconds before {@code now}, and not more than five
     * years before it. An item without the attribute, or with another type, never expires.
     */
    public boolean expired(Map<String, AttributeValue> item, Instant now) {
        if (!enabled || !(item.get(attributeName) instanceof AttributeValue.N number)) {
            return false;
        }
        BigDecimal expiry = number.decimal();
        BigDecimal oldest = BigDecimal.valueOf(now.atOffset(ZoneOffset.UTC).minusYears(IGNORED_AFTER_YEARS)
                .toEpochSecond());
        return expiry.compareTo(epochSeconds(now)) < 0 && expiry.compareTo(oldest) >= 0;
    }

    private static BigDecimal epochSeconds(Instant now) {
        return BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9));
    }
}
