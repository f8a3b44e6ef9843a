package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import io.strongroom.testkit.Totp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The seed's break-glass role: BackupAdminRole may be assumed only with MFA and a ticket (a source
 * identity INC-*); without either, with a wrong or a reused code, it is refused; with both it works and
 * CloudTrail shows the MFA and the ticket on what the session does.
 */
class BreakGlassIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},"
            + "\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"],"
            + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},"
            + "\"StringLike\":{\"sts:SourceIdentity\":\"INC-*\"}}}]}";

    TestServer server;
    Endpoint endpoint;
    String roleArn;
    String serial;
    String seed;
    AwsBasicCredentials oncall;

    @BeforeEach
    void setUp() {
        server = TestServer.start();
        endpoint = server.endpoint();
        try (IamClient iam = endpoint.client(IamClient.builder())) {
            roleArn = iam.createRole(r -> r.roleName("BackupAdminRole").path("/ops/").assumeRolePolicyDocument(TRUST))
                    .role().arn();
            iam.attachRolePolicy(r -> r.roleName("BackupAdminRole").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            iam.createUser(r -> r.userName("oncall"));
            iam.putUserPolicy(r -> r.userName("oncall").policyName("break-glass").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:*\","
                            + "\"Resource\":\"" + roleArn + "\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("oncall")).accessKey();
            oncall = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            var device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("oncall-phone")).virtualMFADevice();
            serial = device.serialNumber();
            seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
            long step = Totp.step(endpoint.admin().now());
            iam.enableMFADevice(r -> r.userName("oncall").serialNumber(serial)
                    .authenticationCode1(Totp.code(seed, step)).authenticationCode2(Totp.code(seed, step + 1)));
        }
        // The enabling codes are spent: move on to a fresh time step.
        endpoint.admin().advance(Duration.ofMinutes(2));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private StsException refused(Consumer<AssumeRoleRequest.Builder> request) {
        try (StsClient sts = endpoint.client(StsClient.builder(), oncall)) {
            StsException e = catchThrowableOfType(StsException.class,
                    () -> sts.assumeRole(r -> request.accept(r.roleArn(roleArn).roleSessionName("oncall"))));
            assertThat(e).isNotNull();
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            return e;
        }
    }

    private String codeNow() {
        return Totp.code(seed, Totp.step(endpoint.admin().now()));
    }

    @Test
    void refusedWithoutMfaWithoutTicketOrWithABadCode() {
        refused(r -> r.sourceIdentity("INC-4711"));
        refused(r -> r.serialNumber(serial).tokenCode(codeNow()));
        StsException wrong = refused(r -> r.serialNumber(serial).tokenCode("000000").sourceIdentity("INC-4711"));
        assertThat(wrong.awsErrorDetails().errorMessage())
                .isEqualTo("MultiFactorAuthentication failed with invalid MFA one time pass code.");
        refused(r -> r.serialNumber(serial).tokenCode(codeNow()).sourceIdentity("CHANGE-1"));
    }

    @Test
    void withMfaAndTicketItWorksOnceAndCloudTrailShowsBoth() throws Exception {
        String code = codeNow();
        Credentials session;
        try (StsClient sts = endpoint.client(StsClient.builder(), oncall)) {
            var answer = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("oncall").serialNumber(serial)
                    .tokenCode(code).sourceIdentity("INC-4711"));
            session = answer.credentials();
            assertThat(answer.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::111111111111:assumed-role/BackupAdminRole/oncall");
            assertThat(answer.sourceIdentity()).isEqualTo("INC-4711");
        }
        StsException reused = refused(r -> r.serialNumber(serial).tokenCode(code).sourceIdentity("INC-4711"));
        assertThat(reused.awsErrorDetails().errorMessage()).contains("invalid MFA one time pass code");

        var asAdmin = Endpoint.session(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        try (IamClient iam = endpoint.client(IamClient.builder(), asAdmin)) {
            assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).contains("BackupAdminRole");
        }
        try (CloudTrailClient trail = endpoint.client(CloudTrailClient.builder())) {
            var event = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                    .attributeValue("ListRoles"))).events().get(0);
            JsonNode identity = JSON.readTree(event.cloudTrailEvent()).get("userIdentity");
            assertThat(identity.get("type").asText()).isEqualTo("AssumedRole");
            assertThat(identity.at("/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("true");
            assertThat(identity.at("/sessionContext/sourceIdentity").asText()).isEqualTo("INC-4711");
            assertThat(identity.at("/sessionContext/sessionIssuer/arn").asText()).isEqualTo(roleArn);
        }
    }
}
