package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** AssumeRole through the SDK: ExternalId, durations, chaining, session policies, session and transitive tags. */
class AssumeRoleIT {
    static final String ACCOUNT = "111111111111";
    TestServer server;
    Endpoint endpoint;
    AwsCredentials user;

    @BeforeEach
    void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
        try (IamClient iam = endpoint.client(IamClient.builder())) {
            iam.createUser(r -> r.userName("dev"));
            iam.putUserPolicy(r -> r.userName("dev").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Resource\":\"*\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("dev")).accessKey();
            user = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            role(iam, "Vendor", "{\"StringEquals\":{\"sts:ExternalId\":\"vendor-123\"}}", 3600);
            role(iam, "Long", null, 7200);
            role(iam, "Tagged", "{\"StringEquals\":{\"aws:RequestTag/project\":\"ledger\"}}", 3600);
            role(iam, "ChainTarget", "{\"StringEquals\":{\"aws:PrincipalTag/project\":\"ledger\"}}", 3600);
        }
    }

    private static void role(IamClient iam, String name, String condition, int maxSession) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + ACCOUNT + ":root\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]"
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust).maxSessionDuration(maxSession));
        iam.putRolePolicy(r -> r.roleName(name).policyName("work").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:List*\",\"sts:AssumeRole\",\"sts:TagSession\"],\"Resource\":\"*\"}]}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AssumeRoleResponse assume(AwsCredentials as, String role, Consumer<AssumeRoleRequest.Builder> extra) {
        try (StsClient sts = endpoint.client(StsClient.builder(), as)) {
            return sts.assumeRole(r -> {
                r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/" + role).roleSessionName("session");
                extra.accept(r);
            });
        }
    }

    private StsException refused(AwsCredentials as, String role, Consumer<AssumeRoleRequest.Builder> extra) {
        return catchThrowableOfType(StsException.class, () -> assume(as, role, extra));
    }

    private static AwsCredentials credentials(AssumeRoleResponse response) {
        return Endpoint.session(response.credentials().accessKeyId(), response.credentials().secretAccessKey(),
                response.credentials().sessionToken());
    }

    @Test
    void externalIdMustMatch() {
        assertThat(refused(user, "Vendor", r -> { }).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(refused(user, "Vendor", r -> r.externalId("other-456")).statusCode()).isEqualTo(403);
        assertThat(assume(user, "Vendor", r -> r.externalId("vendor-123")).assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Vendor/session");
    }

    @Test
    void durationLimitsAndExpiryOnTheServersClock() {
        StsException tooLong = refused(user, "Vendor", r -> r.externalId("vendor-123").durationSeconds(7200));
        assertThat(tooLong.awsErrorDetails().errorMessage())
                .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        AssumeRoleResponse longSession = assume(user, "Long", r -> r.durationSeconds(7200));
        assertThat(Duration.between(endpoint.admin().now(), longSession.credentials().expiration()))
                .isEqualTo(Duration.ofHours(2));

        StsException chained = refused(credentials(longSession), "Vendor", r -> r.externalId("vendor-123")
                .durationSeconds(7200));
        assertThat(chained.awsErrorDetails().errorMessage()).isEqualTo(
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");

        endpoint.admin().advance(Duration.ofHours(2));
        try (StsClient sts = endpoint.client(StsClient.builder(), credentials(longSession))) {
            StsException expired = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(expired.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
        }
    }

    @Test
    void sessionPoliciesOnlyNarrow() {
        AssumeRoleResponse narrowed = assume(user, "Long", r -> r.policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}"));
        try (IamClient iam = endpoint.client(IamClient.builder(), credentials(narrowed))) {
            assertThat(iam.listUsers().users()).isNotEmpty();
            IamException denied = catchThrowableOfType(IamException.class, iam::listRoles);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.awsErrorDetails().errorMessage()).contains("iam:ListRoles", "session policy");
        }
    }

    @Test
    void sessionTagsAreConditionsAndTransitiveTagsCarryThroughChains() {
        assertThat(refused(user, "Tagged", r -> r.tags(t -> t.key("project").value("payments"))).statusCode())
                .isEqualTo(403);
        AssumeRoleResponse tagged = assume(user, "Tagged", r -> r.tags(t -> t.key("project").value("ledger"))
                .transitiveTagKeys("project"));
        AssumeRoleResponse notCarried = assume(user, "Tagged", r -> r.tags(t -> t.key("project").value("ledger")));

        // A session's own tags are its principal tags; only transitive ones reach the next session.
        AssumeRoleResponse second = assume(credentials(tagged), "ChainTarget", r -> { });
        AssumeRoleResponse secondUncarried = assume(credentials(notCarried), "ChainTarget", r -> { });

        assertThat(assume(credentials(second), "ChainTarget", r -> { }).assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/ChainTarget/session");
        assertThat(refused(credentials(secondUncarried), "ChainTarget", r -> { }).awsErrorDetails().errorCode())
                .isEqualTo("AccessDenied");
    }
}
