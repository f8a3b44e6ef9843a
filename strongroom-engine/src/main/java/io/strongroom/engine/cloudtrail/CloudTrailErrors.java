package io.strongroom.engine.cloudtrail;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/** Every error CloudTrail's event history answers with, and its wording. */
public final class CloudTrailErrors {
    private CloudTrailErrors() {
    }

    public static ServiceException tooManyAttributes() {
        return new ServiceException(ErrorCode.of("InvalidLookupAttributesException"),
                "You cannot specify more than one lookup attribute.");
    }

    public static ServiceException badAttributeKey(String key) {
        return new ServiceException(ErrorCode.of("InvalidLookupAttributesException"),
                "The attribute key " + key + " is not valid. Valid attribute keys are EventId, EventName, "
                        + "ReadOnly, Username, ResourceType, ResourceName, EventSource and AccessKeyId.");
    }

    public static ServiceException badAttributeValue() {
        return new ServiceException(ErrorCode.of("InvalidLookupAttributesException"),
                "The attribute value must be between 1 and 2000 characters.");
    }

    public static ServiceException timeRange() {
        return new ServiceException(ErrorCode.of("InvalidTimeRangeException"),
                "Start time must be earlier than end time.");
    }

    public static ServiceException maxResults() {
        return new ServiceException(ErrorCode.of("InvalidMaxResultsException"),
                "MaxResults must be between 1 and 50.");
    }

    public static ServiceException nextToken() {
        return new ServiceException(ErrorCode.of("InvalidNextTokenException"),
                "The next token is not valid for these parameters.");
    }

    public static ServiceException eventCategory() {
        return new ServiceException(ErrorCode.of("InvalidEventCategoryException"),
                "The event category must be insight.");
    }
}
