package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Strongroom started as the README says, driven by the AWS CLI and the SDK. */
class LauncherIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static ServerProcess server;
    static Endpoint endpoint;

    @BeforeAll
    static void start() {
        server = ServerProcess.start(data);
        endpoint = server.endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void writesCredentialsConfigAndAdminTokenForTheManagementAccount() throws Exception {
        assertThat(Files.readString(data.resolve("credentials")))
                .startsWith("[strongroom]\n")
                .containsPattern("aws_access_key_id = AKIA[A-Z2-7]{16}\n")
                .containsPattern("aws_secret_access_key = [A-Za-z0-9+/]{40}\n");
        assertThat(Files.readString(data.resolve("config"))).contains("[profile strongroom]", "region = eu-west-1");
        assertThat(Files.readString(data.resolve("admin-token")).trim()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(server.output()).contains("Strongroom is serving at " + server.uri());
    }

    @Test
    void awsCliGetsCallerIdentityOfTheManagementRoot() throws Exception {
        AwsCli.Result result = new AwsCli(endpoint).run("sts", "get-caller-identity");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode identity = JSON.readTree(result.stdout());
        assertThat(identity.get("Account").asText()).isEqualTo("111111111111");
        assertThat(identity.get("Arn").asText()).isEqualTo("arn:aws:iam::111111111111:root");
        assertThat(identity.get("UserId").asText()).isEqualTo("111111111111");
    }

    @Test
    void sdkGetsCallerIdentityAndFindsItInEventHistory() throws Exception {
        try (StsClient sts = endpoint.client(StsClient.builder());
             CloudTrailClient trail = endpoint.client(CloudTrailClient.builder())) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("111111111111");

            LookupEventsResponse events = trail.lookupEvents(r -> r.lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("GetCallerIdentity")));

            assertThat(events.events()).isNotEmpty();
            assertThat(events.events().get(0).eventSource()).isEqualTo("sts.amazonaws.com");
            assertThat(events.events().get(0).username()).isEqualTo("root");
            assertThat(events.events().get(0).accessKeyId()).isEqualTo(endpoint.accessKeyId());
            JsonNode record = JSON.readTree(events.events().get(0).cloudTrailEvent());
            assertThat(record.get("userIdentity").get("type").asText()).isEqualTo("Root");
            assertThat(record.get("eventType").asText()).isEqualTo("AwsApiCall");
            assertThat(record.get("awsRegion").asText()).isEqualTo("eu-west-1");
            assertThat(record.get("readOnly").asBoolean()).isTrue();
            assertThat(record.get("recipientAccountId").asText()).isEqualTo("111111111111");
        }
    }

    @Test
    void awsCliLooksUpEvents() throws Exception {
        AwsCli cli = new AwsCli(endpoint);
        assertThat(cli.run("sts", "get-caller-identity").exitCode()).isZero();

        AwsCli.Result result = cli.run("cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=EventSource,AttributeValue=sts.amazonaws.com", "--max-results", "5");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode events = JSON.readTree(result.stdout()).get("Events");
        assertThat(events.size()).isBetween(1, 5);
        assertThat(events.get(0).get("EventName").asText()).isEqualTo("GetCallerIdentity");
        assertThat(JSON.readTree(events.get(0).get("CloudTrailEvent").asText()).get("eventSource").asText())
                .isEqualTo("sts.amazonaws.com");
    }

    @Test
    void clockCommandsMoveTheSimulatedClock() throws Exception {
        Path launcher = ServerProcess.repositoryRoot().resolve("strongroom");
        String before = run(launcher.toString(), "clock", "show", "--data", data.toString());
        String after = run(launcher.toString(), "clock", "advance", "P1D", "--data", data.toString());

        java.time.Instant then = java.time.Instant.parse(JSON.readTree(before).get("now").asText());
        java.time.Instant now = java.time.Instant.parse(JSON.readTree(after).get("now").asText());
        assertThat(now).isEqualTo(then.plus(java.time.Duration.ofDays(1)));
        assertThat(endpoint.admin().now()).isEqualTo(now);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
