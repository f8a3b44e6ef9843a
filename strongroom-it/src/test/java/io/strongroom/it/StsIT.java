package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** STS calls that need no IAM user: AssumeRole's refusals for root callers and bad parameters, GetAccessKeyInfo. */
class StsIT {
    static TestServer server;
    static Endpoint endpoint;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static StsException assume(String roleArn, String session, Integer duration) {
        try (StsClient sts = endpoint.client(StsClient.builder())) {
            return catchThrowableOfType(StsException.class, () -> sts.assumeRole(r -> r.roleArn(roleArn)
                    .roleSessionName(session).durationSeconds(duration)));
        }
    }

    @Test
    void rootUsersCannotAssumeRoles() {
        StsException e = assume("arn:aws:iam::111111111111:role/Anything", "s1", null);
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Roles may not be assumed by root accounts.");
    }

    @Test
    void getAccessKeyInfoNamesTheKeysAccount() {
        String[] other = endpoint.admin().createAccount("other");
        try (StsClient sts = endpoint.client(StsClient.builder())) {
            assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(other[1])).account()).isEqualTo(other[0]);
            assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(endpoint.accessKeyId())).account())
                    .isEqualTo("111111111111");
        }
    }

    @Test
    void unknownAndMalformedRoleArnsAreRefusedAsAwsDoes() {
        software.amazon.awssdk.services.iam.model.AccessKey key;
        try (var iam = endpoint.client(software.amazon.awssdk.services.iam.IamClient.builder())) {
            iam.createUser(r -> r.userName("caller"));
            iam.putUserPolicy(r -> r.userName("caller").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
            key = iam.createAccessKey(r -> r.userName("caller")).accessKey();
        }
        try (StsClient sts = endpoint.client(StsClient.builder(),
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
            StsException unknown = catchThrowableOfType(StsException.class, () -> sts.assumeRole(r -> r
                    .roleArn("arn:aws:iam::111111111111:role/NoSuchRole").roleSessionName("session")));
            assertThat(unknown.statusCode()).isEqualTo(403);
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(unknown.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:iam::111111111111:user/caller "
                    + "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/NoSuchRole");
            StsException malformed = catchThrowableOfType(StsException.class, () -> sts.assumeRole(r -> r
                    .roleArn("arn:aws:s3:::not-a-role-at-all").roleSessionName("session")));
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        }
    }

    @Test
    void parametersAreValidatedFirst() {
        StsException shortName = assume("arn:aws:iam::111111111111:role/Anything", "s", null);
        assertThat(shortName.statusCode()).isEqualTo(400);
        assertThat(shortName.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(shortName.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 's' at "
                + "'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
        StsException shortDuration = assume("arn:aws:iam::111111111111:role/Anything", "session", 899);
        assertThat(shortDuration.awsErrorDetails().errorMessage()).endsWith(
                "Member must have value greater than or equal to 900");
    }
}
