package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.RawRequests;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every way a signature can be wrong gets AWS's code and status for the service's protocol, and
 * changes nothing: no event is recorded, no credential issued.
 */
class AuthenticationIT {
    private static final String STS_FORM = "Action=GetCallerIdentity&Version=2011-06-15";
    private static final String LOOKUP_TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";

    static TestServer server;
    static Endpoint endpoint;
    final RawRequests raw = new RawRequests();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownAccessKey() {
        AwsBasicCredentials unknown = AwsBasicCredentials.create("AKIAAAAAAAAAAAAAAAAA", "x".repeat(40));
        long before = eventCount();

        AwsServiceException sts = stsError(endpoint.client(StsClient.builder(), unknown));
        AwsServiceException trail = trailError(endpoint.client(CloudTrailClient.builder(), unknown));

        assertError(sts, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        assertError(trail, 400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void wrongSecret() {
        AwsBasicCredentials wrong = AwsBasicCredentials.create(endpoint.accessKeyId(), "y".repeat(40));
        long before = eventCount();

        AwsServiceException sts = stsError(endpoint.client(StsClient.builder(), wrong));
        AwsServiceException trail = trailError(endpoint.client(CloudTrailClient.builder(), wrong));

        assertError(sts, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
                + "service documentation for details.");
        assertError(trail, 400, "InvalidSignatureException", "The request signature we calculated does not match "
                + "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
                + "service documentation for details.");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void tamperedBody() {
        var identity = RawRequests.identity(endpoint.accessKeyId(), endpoint.secretAccessKey(), null);
        RawRequests.Raw signed = RawRequests.query(endpoint.uri(), "sts", identity,
                "Action=GetSessionToken&Version=2011-06-15&DurationSeconds=900", Clock.systemUTC());
        assertThat(raw.send(signed).status()).as("the untampered request is accepted").isEqualTo(200);
        long before = eventCount();

        RawRequests.Answer answer = raw.send(signed.withBody(
                "Action=GetSessionToken&Version=2011-06-15&DurationSeconds=3600"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("<Code>SignatureDoesNotMatch</Code>", "<Type>Sender</Type>");
        assertThat(answer.header("x-amzn-RequestId")).isNotBlank();
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void skewedDate() {
        var identity = RawRequests.identity(endpoint.accessKeyId(), endpoint.secretAccessKey(), null);
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
        Clock future = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));
        long before = eventCount();

        RawRequests.Answer old = raw.send(RawRequests.query(endpoint.uri(), "sts", identity, STS_FORM, past));
        RawRequests.Answer ahead = raw.send(RawRequests.query(endpoint.uri(), "sts", identity, STS_FORM, future));
        RawRequests.Answer json = raw.send(RawRequests.json(endpoint.uri(), "cloudtrail", LOOKUP_TARGET, identity,
                "{}", past));

        assertThat(old.status()).isEqualTo(403);
        assertThat(old.body()).contains("<Code>SignatureDoesNotMatch</Code>").containsPattern(
                "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 15 min\\.\\)");
        assertThat(ahead.status()).isEqualTo(403);
        assertThat(ahead.body()).containsPattern(
                "Signature not yet current: \\d{8}T\\d{6}Z is still later than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z \\+ 15 min\\.\\)");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body()).contains("InvalidSignatureException", "Signature expired");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void expiredSessionToken() {
        Credentials session;
        try (StsClient sts = endpoint.client(StsClient.builder())) {
            session = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
        }
        var credentials = Endpoint.session(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        try (StsClient asSession = endpoint.client(StsClient.builder(), credentials)) {
            assertThat(asSession.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:root");
        }
        // Session lifetimes follow the server's clock, which the test moves past the expiry.
        endpoint.admin().advance(Duration.ofMinutes(16));
        long before = eventCount();

        AwsServiceException sts = stsError(endpoint.client(StsClient.builder(), credentials));
        AwsServiceException trail = trailError(endpoint.client(CloudTrailClient.builder(), credentials));

        assertError(sts, 403, "ExpiredToken", "The security token included in the request is expired");
        assertError(trail, 400, "ExpiredTokenException", "The security token included in the request is expired");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void sessionTokenOfAnotherKey() {
        Credentials session;
        try (StsClient sts = endpoint.client(StsClient.builder())) {
            session = sts.getSessionToken().credentials();
        }
        var forged = Endpoint.session(session.accessKeyId(), session.secretAccessKey(), "not-the-token");

        AwsServiceException sts = stsError(endpoint.client(StsClient.builder(), forged));

        assertError(sts, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    @Test
    void missingAuthentication() {
        RawRequests.Raw unsigned = new RawRequests.Raw("POST", endpoint.uri().resolve("/"),
                java.util.Map.of("Content-Type", java.util.List.of("application/x-www-form-urlencoded")), STS_FORM);

        RawRequests.Answer answer = raw.send(unsigned);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("<Code>MissingAuthenticationToken</Code>",
                "<Message>Request is missing Authentication Token</Message>");
    }

    private static AwsServiceException stsError(StsClient client) {
        try (client) {
            return catchThrowableOfType(AwsServiceException.class, client::getCallerIdentity);
        }
    }

    private static AwsServiceException trailError(CloudTrailClient client) {
        try (client) {
            return catchThrowableOfType(AwsServiceException.class, () -> client.lookupEvents(r -> r.maxResults(1)));
        }
    }

    private static void assertError(AwsServiceException e, int status, String code, String message) {
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(e.requestId()).isNotBlank();
    }

    /** How many events the management account's history holds now (this lookup itself is not counted). */
    private static long eventCount() {
        try (CloudTrailClient trail = endpoint.client(CloudTrailClient.builder())) {
            long count = 0;
            String token = null;
            do {
                String next = token;
                LookupEventsResponse page = trail.lookupEvents(r -> r.maxResults(50).nextToken(next));
                count += page.events().stream().filter(e -> !e.eventName().equals("LookupEvents")).count();
                token = page.nextToken();
            } while (token != null);
            return count;
        }
    }
}
