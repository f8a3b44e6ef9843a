package io.strongroom.engine.cloudtrail;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A CloudTrail trail: where an account's (or, for an organization trail, every member account's) management events go
 * as log files in an S3 bucket. It lives in its home Region; a multi-Region trail takes the events of every Region.
 * {@code organizationId} is set on an organization trail. The delivery fields are what GetTrailStatus reports.
 */
public record Trail(String name, String homeAccount, String homeRegion, String bucket, String keyPrefix,
                    boolean includeGlobalServiceEvents, boolean multiRegion, String organizationId,
                    Instant created, boolean logging, Instant startLoggingTime, Instant stopLoggingTime,
                    Instant latestDeliveryTime, Instant latestDeliveryAttemptTime, String latestDeliveryError,
                    Map<String, String> tags) {
    /** Services whose events are global (recorded in us-east-1): left out where IncludeGlobalServiceEvents is false. */
    static final Set<String> GLOBAL_SOURCES = Set.of("iam.amazonaws.com", "organizations.amazonaws.com",
            "signin.amazonaws.com", "cloudfront.amazonaws.com", "route53.amazonaws.com");

    public Trail {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public String arn() {
        return arn(homeRegion, homeAccount, name);
    }

    static String arn(String region, String account, String name) {
        return "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + name;
    }

    public boolean organizationTrail() {
        return organizationId != null;
    }

    /** Whether an event of this Region and source is one this trail takes (its accounts aside). */
    boolean takes(String region, String eventSource) {
        return (multiRegion || homeRegion.equals(region))
                && (includeGlobalServiceEvents || !GLOBAL_SOURCES.contains(eventSource));
    }

    /** Whether the trail was logging at {@code time}: since its last StartLogging and not stopped after it. */
    boolean loggedAt(Instant time) {
        if (startLoggingTime == null || time.isBefore(startLoggingTime)) {
            return false;
        }
        return logging || stopLoggingTime == null || time.isBefore(stopLoggingTime);
    }

    Trail withLogging(boolean on, Instant at) {
        return new Trail(name, homeAccount, homeRegion, bucket, keyPrefix, includeGlobalServiceEvents, multiRegion,
                organizationId, created, on, on ? at : startLoggingTime, on ? stopLoggingTime : at,
                latestDeliveryTime, latestDeliveryAttemptTime, latestDeliveryError, tags);
    }

    Trail delivered(Instant at, String error) {
        return new Trail(name, homeAccount, homeRegion, bucket, keyPrefix, includeGlobalServiceEvents, multiRegion,
                organizationId, created, logging, startLoggingTime, stopLoggingTime,
                error == null ? at : latestDeliveryTime, at, error, tags);
    }
}
