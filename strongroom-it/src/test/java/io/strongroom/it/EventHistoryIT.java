package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidMaxResultsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** CloudTrail event history through the SDK: every call recorded, filters, time ranges, paging, errors. */
class EventHistoryIT {
    TestServer server;
    Endpoint endpoint;
    StsClient sts;
    CloudTrailClient trail;

    @BeforeEach
    void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
        sts = endpoint.client(StsClient.builder());
        trail = endpoint.client(CloudTrailClient.builder());
    }

    @AfterEach
    void stop() {
        sts.close();
        trail.close();
        server.close();
    }

    @Test
    void pagesNewestFirstWithoutGapsOrRepeats() {
        for (int i = 0; i < 7; i++) {
            sts.getCallerIdentity();
            endpoint.admin().advance(Duration.ofMinutes(1));
        }
        List<Event> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            LookupEventsResponse page = trail.lookupEvents(r -> r.maxResults(3).nextToken(next)
                    .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("GetCallerIdentity")));
            all.addAll(page.events());
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(7);
        assertThat(all).extracting(Event::eventId).doesNotHaveDuplicates();
        assertThat(all).extracting(Event::eventTime).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void recordsWritesWithResponseElementsButNoSecrets() throws Exception {
        Credentials session = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();

        Event event = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue("GetSessionToken"))).events().get(0);

        assertThat(event.readOnly()).isEqualTo("false");
        var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(event.cloudTrailEvent());
        assertThat(record.get("requestParameters").get("durationSeconds").asInt()).isEqualTo(900);
        assertThat(record.get("responseElements").get("credentials").get("accessKeyId").asText())
                .isEqualTo(session.accessKeyId());
        assertThat(event.cloudTrailEvent()).doesNotContain(session.secretAccessKey(), session.sessionToken());
    }

    @Test
    void filtersByEachAttribute() {
        sts.getCallerIdentity();
        Event recorded = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue("GetCallerIdentity"))).events().get(0);

        assertThat(lookup(LookupAttributeKey.EVENT_ID, recorded.eventId())).containsExactly(recorded.eventId());
        assertThat(lookup(LookupAttributeKey.USERNAME, "root")).contains(recorded.eventId());
        assertThat(lookup(LookupAttributeKey.ACCESS_KEY_ID, endpoint.accessKeyId())).contains(recorded.eventId());
        assertThat(lookup(LookupAttributeKey.READ_ONLY, "true")).contains(recorded.eventId());
        assertThat(lookup(LookupAttributeKey.READ_ONLY, "false")).doesNotContain(recorded.eventId());
        assertThat(lookup(LookupAttributeKey.EVENT_SOURCE, "kms.amazonaws.com")).isEmpty();
    }

    @Test
    void timeRangeIsInclusiveAndNinetyDaysDeep() {
        Instant first = endpoint.admin().now();
        sts.getCallerIdentity();
        endpoint.admin().advance(Duration.ofDays(1));
        sts.getCallerIdentity();

        assertThat(trail.lookupEvents(r -> r.startTime(first).endTime(first)
                .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("GetCallerIdentity")))
                .events()).hasSize(1);

        endpoint.admin().advance(Duration.ofDays(90));
        assertThat(trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue("GetCallerIdentity"))).events()).hasSize(1);
    }

    @Test
    void rejectsBadParameters() {
        var two = catchThrowableOfType(InvalidLookupAttributesException.class, () -> trail.lookupEvents(r -> r
                .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("x"),
                        a -> a.attributeKey(LookupAttributeKey.USERNAME).attributeValue("y"))));
        var range = catchThrowableOfType(InvalidTimeRangeException.class, () -> trail.lookupEvents(r -> r
                .startTime(Instant.parse("2027-02-02T00:00:00Z")).endTime(Instant.parse("2027-02-01T00:00:00Z"))));
        var max = catchThrowableOfType(InvalidMaxResultsException.class, () -> trail.lookupEvents(r -> r.maxResults(51)));
        var token = catchThrowableOfType(InvalidNextTokenException.class, () -> trail.lookupEvents(r -> r.nextToken("bogus")));

        for (AwsServiceException e : List.of(two, range, max, token)) {
            assertThat(e).isNotNull();
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
        }
        assertThat(two.awsErrorDetails().errorMessage()).isEqualTo("You cannot specify more than one lookup attribute.");
    }

    private List<String> lookup(LookupAttributeKey key, String value) {
        return trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(key).attributeValue(value)))
                .events().stream().map(Event::eventId).toList();
    }
}
