package io.strongroom.engine.cloudtrail;

import io.strongroom.json.JsonCodec;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.storage.Codec;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * CloudTrail event history: management events kept per (recipient account, region) for 90 days and
 * looked up newest first. Keys sort by time, so a lookup is one descending range scan.
 */
public final class EventHistory {
    static final Duration RETENTION = Duration.ofDays(90);
    private static final String COLLECTION = "trail-events";
    /** Strongroom's own note on a denied call (which policy statement at which level), kept beside the event. */
    private static final String DENIALS = "trail-denials";
    /**
     * Data-event calls (DynamoDB items, S3 objects) the Authorizer denied. Event history never holds data events
     * (D75), but "why was this denied" must still answer for them: Strongroom keeps these for its dashboard alone.
     */
    private static final String DENIED_DATA_CALLS = "denied-data-calls";
    private static final int DEFAULT_MAX = 50;
    /** How a stored event with an error code reads: {@code "errorCode":"...}; without one it is null. */
    private static final byte[] ERROR_CODE = "\"errorCode\":\"".getBytes(StandardCharsets.UTF_8);
    private static final Set<String> ATTRIBUTE_KEYS = Set.of("EventId", "EventName", "ReadOnly", "Username",
            "ResourceType", "ResourceName", "EventSource", "AccessKeyId");

    private final Codec<TrailEvent> codec = JsonCodec.of(TrailEvent.class);
    private final List<Recorded> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Clock clock;
    private final IdGenerator ids;

    public EventHistory(Clock clock, IdGenerator ids) {
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * A fresh event id for an event about to be recorded now. Events are keyed by time and id, so the ids of one
     * millisecond sort in the order they were made: lookups list one instant's events newest first, as they happened.
     */
    public String newEventId(Tx tx) {
        return ids.sequencedUuid(tx, Instant.now(clock));
    }

    public void record(Tx tx, TrailEvent event) {
        tx.put(COLLECTION, key(event), codec.encode(event), Tx.ABSENT);
        for (Recorded listener : listeners) {
            listener.recorded(tx, event);
        }
    }

    /** Told of every event as it is recorded, in the recording transaction (trails schedule their deliveries). */
    @FunctionalInterface
    public interface Recorded {
        void recorded(Tx tx, TrailEvent event);
    }

    public void onRecord(Recorded listener) {
        listeners.add(listener);
    }

    /** An account's events of a Region from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<TrailEvent> between(Tx tx, String account, String region, Instant from, Instant to) {
        String prefix = account + "/" + region + "/";
        String end = prefix + timeKey(to);
        List<TrailEvent> events = new ArrayList<>();
        // Keys are <time>/<id>: "~" sorts after every "/<id>" of the millisecond before, so the scan starts at from.
        String cursor = prefix + timeKey(from.minusMillis(1)) + "~";
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(COLLECTION, prefix, cursor, 200, false));
            for (StoredRecord record : page.records()) {
                if (record.key().compareTo(end) >= 0) {
                    return events;
                }
                events.add(codec.decode(record.value()));
            }
            if (page.lastKey() == null) {
                return events;
            }
            cursor = page.lastKey();
        }
    }

    /**
     * Records why the Authorizer denied the call of an event. CloudTrail's event itself stays as AWS writes it;
     * the explanation is Strongroom's and only the dashboard shows it.
     */
    public void recordDenial(Tx tx, String eventId, String explanation) {
        tx.put(DENIALS, eventId, explanation.getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }

    /**
     * Keeps a denied data-event call, with why it was denied, where the dashboard finds it and LookupEvents does not.
     */
    public void recordDeniedDataCall(Tx tx, TrailEvent event, String explanation) {
        tx.put(DENIED_DATA_CALLS, key(event), codec.encode(event), Tx.ABSENT);
        recordDenial(tx, event.eventId(), explanation);
    }

    /** Why the call of an event was denied; empty when it was not denied or nothing was recorded. */
    public java.util.Optional<String> denial(Tx tx, String eventId) {
        return tx.get(DENIALS, eventId).map(r -> new String(r.value(), StandardCharsets.UTF_8));
    }

    public LookupPage lookup(Tx tx, LookupQuery query) {
        validate(query);
        Instant now = Instant.now(clock);
        Instant oldest = now.minus(RETENTION);
        Instant start = query.startTime() == null || query.startTime().isBefore(oldest) ? oldest : query.startTime();
        Instant end = query.endTime() == null ? now : query.endTime();
        int max = query.maxResults() == null ? DEFAULT_MAX : query.maxResults();
        if ("insight".equals(query.eventCategory())) {
            return new LookupPage(List.of(), null); // no Insights events are ever generated here
        }
        String prefix = query.accountId() + "/" + query.region() + "/";
        String fingerprint = fingerprint(query);
        // Keys sort by time: the first key past "end" is where a descending scan starts.
        String cursor = query.nextToken() != null ? decodeToken(query.nextToken(), fingerprint)
                : prefix + timeKey(end.plusMillis(1));
        String lowerBound = prefix + timeKey(start);
        List<TrailEvent> matched = new ArrayList<>();
        String lastKey = null;
        while (matched.size() < max) {
            ScanPage page = tx.scan(new ScanQuery(COLLECTION, prefix, cursor, 200, true));
            for (StoredRecord record : page.records()) {
                if (record.key().compareTo(lowerBound) < 0) {
                    return new LookupPage(matched, null);
                }
                TrailEvent event = codec.decode(record.value());
                if (matches(event, query)) {
                    matched.add(event);
                    lastKey = record.key();
                    if (matched.size() == max) {
                        break;
                    }
                }
            }
            if (matched.size() < max && page.lastKey() == null) {
                return new LookupPage(matched, null);
            }
            cursor = page.lastKey();
        }
        return new LookupPage(matched, hasMore(tx, prefix, lastKey, lowerBound, query)
                ? encodeToken(lastKey, fingerprint) : null);
    }

    /**
     * The events among the newest {@code window} of an account and Region (within the 90 days) whose call failed with
     * an error code, newest first, and the newest denied data-event calls. Only those are decoded: the stored JSON of
     * an event without an error has no {@code "errorCode":"} text, so most of the window is skipped unread (the
     * dashboard's denied calls, D66).
     */
    public List<TrailEvent> newestFailed(Tx tx, String account, String region, int window) {
        List<TrailEvent> failed = newestFailed(tx, COLLECTION, account, region, window);
        failed.addAll(newestFailed(tx, DENIED_DATA_CALLS, account, region, window));
        failed.sort((a, b) -> b.eventTime().compareTo(a.eventTime()));
        return failed;
    }

    private List<TrailEvent> newestFailed(Tx tx, String collection, String account, String region, int window) {
        Instant now = Instant.now(clock);
        String prefix = account + "/" + region + "/";
        String lowerBound = prefix + timeKey(now.minus(RETENTION));
        String cursor = prefix + timeKey(now.plusMillis(1));
        List<TrailEvent> failed = new ArrayList<>();
        int seen = 0;
        while (seen < window) {
            ScanPage page = tx.scan(new ScanQuery(collection, prefix, cursor, Math.min(200, window - seen), true));
            for (StoredRecord record : page.records()) {
                if (record.key().compareTo(lowerBound) < 0) {
                    return failed;
                }
                seen++;
                if (contains(record.value(), ERROR_CODE)) {
                    TrailEvent event = codec.decode(record.value());
                    if (event.errorCode() != null) {
                        failed.add(event);
                    }
                }
            }
            if (page.lastKey() == null) {
                return failed;
            }
            cursor = page.lastKey();
        }
        return failed;
    }

    private static boolean contains(byte[] text, byte[] part) {
        outer:
        for (int i = 0; i <= text.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (text[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private boolean hasMore(Tx tx, String prefix, String after, String lowerBound, LookupQuery query) {
        String cursor = after;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(COLLECTION, prefix, cursor, 200, true));
            for (StoredRecord record : page.records()) {
                if (record.key().compareTo(lowerBound) < 0) {
                    return false;
                }
                if (matches(codec.decode(record.value()), query)) {
                    return true;
                }
            }
            if (page.lastKey() == null) {
                return false;
            }
            cursor = page.lastKey();
        }
    }

    private static void validate(LookupQuery query) {
        if (query.attributes().size() > 1) {
            throw CloudTrailErrors.tooManyAttributes();
        }
        for (LookupAttribute attribute : query.attributes()) {
            if (attribute.key() == null || !ATTRIBUTE_KEYS.contains(attribute.key())) {
                throw CloudTrailErrors.badAttributeKey(attribute.key());
            }
            if (attribute.value() == null || attribute.value().isEmpty() || attribute.value().length() > 2000) {
                throw CloudTrailErrors.badAttributeValue();
            }
        }
        if (query.startTime() != null && query.endTime() != null && query.startTime().isAfter(query.endTime())) {
            throw CloudTrailErrors.timeRange();
        }
        if (query.maxResults() != null && (query.maxResults() < 1 || query.maxResults() > 50)) {
            throw CloudTrailErrors.maxResults();
        }
        if (query.eventCategory() != null && !query.eventCategory().equals("insight")) {
            throw CloudTrailErrors.eventCategory();
        }
    }

    private static boolean matches(TrailEvent event, LookupQuery query) {
        for (LookupAttribute attribute : query.attributes()) {
            String v = attribute.value();
            boolean ok = switch (attribute.key()) {
                case "EventId" -> v.equals(event.eventId());
                case "EventName" -> v.equals(event.eventName());
                case "ReadOnly" -> v.equals(Boolean.toString(event.readOnly()));
                case "Username" -> v.equals(event.username());
                case "EventSource" -> v.equals(event.eventSource());
                case "AccessKeyId" -> v.equals(event.accessKeyId());
                case "ResourceType" -> event.resources().stream().anyMatch(r -> v.equals(r.type()));
                case "ResourceName" -> event.resources().stream().anyMatch(r -> v.equals(r.arn()));
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String key(TrailEvent event) {
        return event.recipientAccountId() + "/" + event.awsRegion() + "/" + timeKey(event.eventTime()) + "/"
                + event.eventId();
    }

    private static String timeKey(Instant time) {
        String millis = Long.toString(Math.max(0, time.toEpochMilli()));
        return "0".repeat(19 - millis.length()) + millis;
    }

    /** Binds a token to the parameters it was issued for, as AWS requires them replayed unchanged. */
    private static String fingerprint(LookupQuery q) {
        return Integer.toHexString(Objects.hash(q.accountId(), q.region(), q.attributes(), q.startTime(),
                q.endTime(), q.eventCategory()));
    }

    private static String encodeToken(String key, String fingerprint) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((fingerprint + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token, String fingerprint) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw CloudTrailErrors.nextToken();
        }
        int bar = decoded.indexOf('|');
        if (bar < 0 || !decoded.substring(0, bar).equals(fingerprint)) {
            throw CloudTrailErrors.nextToken();
        }
        return decoded.substring(bar + 1);
    }
}
