package io.strongroom.engine.cloudtrail;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudTrail trail: where an account's (or, for an organization trail, every member account's) management events go
 * as log files in an S3 bucket. It lives in its home Region; a multi-Region trail takes the events of every Region.
 * {@code organizationId} is set on an organization trail. The delivery fields are what GetTrailStatus reports.
 * {@code eventSelectors} is null until PutEventSelectors sets them (D136): the trail then logs every management event.
 * A tag may have no value (AddTags keeps a key given without one), so {@code tags} may map a key to null.
 */
public record Trail(String name, String homeAccount, String homeRegion, String bucket, String keyPrefix,
                    boolean includeGlobalServiceEvents, boolean multiRegion, String organizationId,
                    Instant created, boolean logging, Instant startLoggingTime, Instant stopLoggingTime,
                    Instant latestDeliveryTime, Instant latestDeliveryAttemptTime, String latestDeliveryError,
                    Map<String, String> tags, List<EventSelector> eventSelectors) {
    /** Services whose events are global (recorded in us-east-1): left out where IncludeGlobalServiceEvents is false. */
    static final Set<String> GLOBAL_SOURCES = Set.of("iam.amazonaws.com", "organizations.amazonaws.com",
            "signin.amazonaws.com", "cloudfront.amazonaws.com", "route53.amazonaws.com");

    public Trail {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        eventSelectors = eventSelectors == null ? null : List.copyOf(eventSelectors);
    }

    public String arn() {
        return arn(homeRegion, homeAccount, name);
    }

    static String arn(String region, String account, String name) {
        return "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + name;
    }

    private static final Pattern ARN =
            Pattern.compile("arn:aws:cloudtrail:([a-z0-9-]+):(\\d{12}):trail/(.+)");

    /** The parts of a trail's ARN. */
    public record Arn(String region, String account, String name) {
        /** Empty when {@code arn} is not a trail's ARN. */
        public static Optional<Arn> parse(String arn) {
            Matcher m = ARN.matcher(arn);
            return m.matches() ? Optional.of(new Arn(m.group(1), m.group(2), m.group(3)))
                    : Optional.empty();
        }
    }

    public boolean organizationTrail() {
        return organizationId != null;
    }

    public boolean hasCustomEventSelectors() {
        return eventSelectors != null;
    }

    /** The selectors in force: those set, else the default one that logs every management event. */
    public List<EventSelector> selectorsInForce() {
        return eventSelectors == null ? List.of(EventSelector.DEFAULT) : eventSelectors;
    }

    /** Whether an event is one this trail takes (its accounts aside): its Region, its source and a selector match. */
    boolean takes(TrailEvent event) {
        return (multiRegion || homeRegion.equals(event.awsRegion()))
                && (includeGlobalServiceEvents || !GLOBAL_SOURCES.contains(event.eventSource()))
                && selectorsInForce().stream().anyMatch(s -> s.matches(event.readOnly()));
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
                latestDeliveryTime, latestDeliveryAttemptTime, latestDeliveryError, tags, eventSelectors);
    }

    Trail delivered(Instant at, String error) {
        return new Trail(name, homeAccount, homeRegion, bucket, keyPrefix, includeGlobalServiceEvents, multiRegion,
                organizationId, created, logging, startLoggingTime, stopLoggingTime,
                error == null ? at : latestDeliveryTime, at, error, tags, eventSelectors);
    }

    /** The trail with UpdateTrail's settings: where its files go and which events it takes. */
    Trail withSettings(String newBucket, String newKeyPrefix, boolean globalEvents, boolean allRegions,
                       String newOrganizationId) {
        return new Trail(name, homeAccount, homeRegion, newBucket, newKeyPrefix, globalEvents, allRegions,
                newOrganizationId, created, logging, startLoggingTime, stopLoggingTime, latestDeliveryTime,
                latestDeliveryAttemptTime, latestDeliveryError, tags, eventSelectors);
    }

    Trail withTags(Map<String, String> newTags) {
        return new Trail(name, homeAccount, homeRegion, bucket, keyPrefix, includeGlobalServiceEvents, multiRegion,
                organizationId, created, logging, startLoggingTime, stopLoggingTime, latestDeliveryTime,
                latestDeliveryAttemptTime, latestDeliveryError, newTags, eventSelectors);
    }

    Trail withEventSelectors(List<EventSelector> selectors) {
        return new Trail(name, homeAccount, homeRegion, bucket, keyPrefix, includeGlobalServiceEvents, multiRegion,
                organizationId, created, logging, startLoggingTime, stopLoggingTime, latestDeliveryTime,
                latestDeliveryAttemptTime, latestDeliveryError, tags, selectors);
    }
}
