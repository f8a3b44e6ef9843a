package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.RawRequests;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad input through the whole pipeline gets the protocol's error envelope, never a 500 or a stack trace. */
class ProtocolErrorsIT {
    private static final String TRAIL = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
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

    private RawRequests.Answer json(String target, String body) {
        return raw.send(RawRequests.json(endpoint.uri(), "cloudtrail", target,
                RawRequests.identity(endpoint.accessKeyId(), endpoint.secretAccessKey(), null), body, Clock.systemUTC()));
    }

    private RawRequests.Answer query(String form) {
        return raw.send(RawRequests.query(endpoint.uri(), "sts",
                RawRequests.identity(endpoint.accessKeyId(), endpoint.secretAccessKey(), null), form, Clock.systemUTC()));
    }

    @Test
    void malformedJsonBodyIsASerializationException() {
        RawRequests.Answer answer = json(TRAIL + "LookupEvents", "{\"MaxResults\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"__type\"", "SerializationException").doesNotContain("at io.strongroom");
        assertThat(answer.header("x-amzn-RequestId")).isNotBlank();
    }

    @Test
    void wrongJsonTypeIsASerializationException() {
        RawRequests.Answer answer = json(TRAIL + "LookupEvents", "{\"MaxResults\": \"many\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("SerializationException");
    }

    @Test
    void aNullInAListOrMapIsASerializationException() {
        for (String body : new String[]{"{\"LookupAttributes\": [null]}",
                "{\"LookupAttributes\": [{\"AttributeKey\": \"EventName\", \"AttributeValue\": \"x\"}, null]}"}) {
            RawRequests.Answer answer = json(TRAIL + "LookupEvents", body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).contains("SerializationException");
        }
    }

    @Test
    void unknownJsonTargetIsAnUnknownOperation() {
        RawRequests.Answer answer = json(TRAIL + "NoSuchOperation", "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("UnknownOperationException");
    }

    @Test
    void unknownQueryActionIsInvalidAction() {
        RawRequests.Answer answer = query("Action=NoSuchAction&Version=2011-06-15");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<ErrorResponse", "<Code>InvalidAction</Code>", "<RequestId>");
    }

    @Test
    void routedButUnservedOperationIsDeniedAndRecorded() {
        StsException denied;
        try (StsClient sts = endpoint.client(StsClient.builder())) {
            denied = catchThrowableOfType(StsException.class, () -> sts.decodeAuthorizationMessage(r -> r
                    .encodedMessage("anything")));
        }
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.awsErrorDetails().errorMessage()).contains("sts:DecodeAuthorizationMessage", "does not serve");

        try (CloudTrailClient trail = endpoint.client(CloudTrailClient.builder())) {
            Event event = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                    .attributeValue("DecodeAuthorizationMessage"))).events().get(0);
            assertThat(event.cloudTrailEvent()).contains("\"errorCode\":\"AccessDenied\"");
        }
    }
}
