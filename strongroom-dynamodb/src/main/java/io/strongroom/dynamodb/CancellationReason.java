package io.strongroom.dynamodb;

import java.util.Map;

/**
 * Why one action of a cancelled transaction would not do, in request order: code {@code None} for the actions that
 * would have, {@code ConditionalCheckFailed} (with the item as it is, when the action asked for ALL_OLD and the item
 * exists) or {@code ValidationError}.
 *
 * @param message null for {@code None}
 * @param item    null unless asked for and present
 */
public record CancellationReason(String code, String message, Map<String, AttributeValue> item) {
    static final CancellationReason NONE = new CancellationReason("None", null, null);

    static CancellationReason conditionalCheckFailed(Map<String, AttributeValue> item) {
        return new CancellationReason("ConditionalCheckFailed", "The conditional request failed", item);
    }

    static CancellationReason validationError(String message) {
        return new CancellationReason("ValidationError", message, null);
    }

    boolean cancels() {
        return !code.equals(NONE.code);
    }
}
