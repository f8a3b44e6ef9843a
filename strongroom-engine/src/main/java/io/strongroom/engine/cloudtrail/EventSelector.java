package io.strongroom.engine.cloudtrail;

import java.util.Set;

/**
 * A basic event selector of a trail (D136): which management events it logs, read-only, write-only or all. Data
 * resources and excluded event sources are not served, so a selector is these two settings alone.
 */
public record EventSelector(String readWriteType, boolean includeManagementEvents) {
    private static final Set<String> READ_WRITE_TYPES = Set.of("All", "ReadOnly", "WriteOnly");
    /** What a trail without custom selectors logs: every management event, read and write. */
    public static final EventSelector DEFAULT = new EventSelector("All", true);

    public EventSelector {
        if (!READ_WRITE_TYPES.contains(readWriteType)) {
            throw CloudTrailErrors.invalidEventSelectors("Value " + readWriteType + " for ReadWriteType is not "
                    + "valid. Valid values are All, ReadOnly and WriteOnly.");
        }
    }

    /** Whether a management event, read-only or not, matches this selector. */
    boolean matches(boolean readOnly) {
        return includeManagementEvents && switch (readWriteType) {
            case "ReadOnly" -> readOnly;
            case "WriteOnly" -> !readOnly;
            default -> true;
        };
    }
}
