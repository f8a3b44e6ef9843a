package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * CloudTrail trails (D133): a trail checks its bucket's policy as CloudTrail does, and once logging delivers the
 * events of its account (an organization trail: of every member account, under the organization's folder) into the
 * bucket as gzipped JSON log files on the clock; events while it is stopped are not delivered, and a bucket policy
 * withdrawn shows as the trail's delivery error.
 */
class CloudTrailTrailsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static Endpoint endpoint;
    static String management;
    static String organizationId;
    static String member;
    static AwsBasicCredentials memberRoot;

    @BeforeAll
    static void start() {
        TrailOrganization started = TrailOrganization.start();
        server = started.server();
        endpoint = server.endpoint();
        management = started.management();
        organizationId = started.organizationId();
        member = started.member();
        memberRoot = started.memberRoot();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTrailDeliversItsAccountsEventsWhileLoggingAndReportsADeliveryError() throws Exception {
        String bucket = "trail-logs-own";
        try (CloudTrailClient trails = endpoint.client(CloudTrailClient.builder());
             S3Client s3 = s3(endpoint, endpoint.rootCredentials())) {
            CloudTrailException missing = catchThrowableOfType(CloudTrailException.class,
                    () -> trails.createTrail(r -> r.name("own-trail").s3BucketName(bucket)));
            assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("S3BucketDoesNotExistException");
            s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            CloudTrailException noPolicy = catchThrowableOfType(CloudTrailException.class,
                    () -> trails.createTrail(r -> r.name("own-trail").s3BucketName(bucket)));
            assertThat(noPolicy.awsErrorDetails().errorCode()).isEqualTo("InsufficientS3BucketPolicyException");
            assertThat(noPolicy.awsErrorDetails().errorMessage())
                    .isEqualTo("Incorrect S3 bucket policy is detected for bucket: " + bucket);
            String arn = "arn:aws:cloudtrail:eu-west-1:" + management + ":trail/own-trail";
            // A policy for another trail's ARN lets this one in no more than none.
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy(bucket, "AWSLogs/" + management + "/*",
                    arn.replace("own-trail", "other"))));
            assertThat(catchThrowableOfType(CloudTrailException.class,
                    () -> trails.createTrail(r -> r.name("own-trail").s3BucketName(bucket)))
                    .awsErrorDetails().errorCode()).isEqualTo("InsufficientS3BucketPolicyException");
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy(bucket, "AWSLogs/" + management + "/*", arn)));

            CreateTrailResponse created = trails.createTrail(r -> r.name("own-trail").s3BucketName(bucket));
            assertThat(created.trailARN()).isEqualTo(arn);
            assertThat(created.isMultiRegionTrail()).isFalse();
            assertThat(trails.getTrailStatus(r -> r.name("own-trail")).isLogging()).isFalse();
            assertThat(catchThrowableOfType(CloudTrailException.class,
                    () -> trails.createTrail(r -> r.name("own-trail").s3BucketName(bucket)))
                    .awsErrorDetails().errorCode()).isEqualTo("TrailAlreadyExistsException");

            table(endpoint, endpoint.rootCredentials(), "before-logging");
            endpoint.admin().advance(Duration.ofSeconds(1)); // the simulated clock stands still between calls
            trails.startLogging(r -> r.name(arn));
            table(endpoint, endpoint.rootCredentials(), "while-logging");
            endpoint.admin().advance(Duration.ofMinutes(11));
            List<JsonNode> records = records(s3, bucket, "AWSLogs/" + management + "/CloudTrail/eu-west-1/");
            assertThat(tablesCreated(records)).containsExactly("while-logging");
            assertThat(records).allSatisfy(r -> assertThat(r.path("recipientAccountId").asText())
                    .isEqualTo(management));
            GetTrailStatusResponse status = trails.getTrailStatus(r -> r.name("own-trail"));
            assertThat(status.isLogging()).isTrue();
            assertThat(status.latestDeliveryTime()).isNotNull();
            assertThat(status.latestDeliveryError()).isNull();

            trails.stopLogging(r -> r.name("own-trail"));
            table(endpoint, endpoint.rootCredentials(), "while-stopped");
            endpoint.admin().advance(Duration.ofMinutes(11));
            assertThat(tablesCreated(records(s3, bucket, "AWSLogs/"))).containsExactly("while-logging");

            trails.startLogging(r -> r.name("own-trail"));
            s3.deleteBucketPolicy(r -> r.bucket(bucket));
            table(endpoint, endpoint.rootCredentials(), "policy-withdrawn");
            endpoint.admin().advance(Duration.ofMinutes(11));
            assertThat(tablesCreated(records(s3, bucket, "AWSLogs/"))).containsExactly("while-logging");
            assertThat(trails.getTrailStatus(r -> r.name("own-trail")).latestDeliveryError()).isEqualTo("AccessDenied");

            trails.deleteTrail(r -> r.name("own-trail"));
            CloudTrailException gone = catchThrowableOfType(CloudTrailException.class,
                    () -> trails.getTrail(r -> r.name("own-trail")));
            assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("TrailNotFoundException");
            assertThat(gone.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void anOrganizationTrailTakesEveryMembersEventsAndOnlyTheManagementAccountChangesIt() throws Exception {
        String bucket = "trail-logs-org";
        String arn = "arn:aws:cloudtrail:eu-west-1:" + management + ":trail/org-trail";
        try (CloudTrailClient trails = endpoint.client(CloudTrailClient.builder());
             CloudTrailClient memberTrails = endpoint.client(CloudTrailClient.builder(), memberRoot);
             S3Client s3 = s3(endpoint, endpoint.rootCredentials());
             OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy(bucket, "AWSLogs/" + organizationId + "/*", arn)));
            assertThat(catchThrowableOfType(CloudTrailException.class, () -> trails.createTrail(r -> r.name("org-trail")
                    .s3BucketName(bucket).isOrganizationTrail(true).isMultiRegionTrail(true)))
                    .awsErrorDetails().errorCode()).isEqualTo("CloudTrailAccessNotEnabledException");
            org.enableAWSServiceAccess(r -> r.servicePrincipal("cloudtrail.amazonaws.com"));
            assertThat(catchThrowableOfType(CloudTrailException.class, () -> memberTrails.createTrail(r -> r
                    .name("org-trail").s3BucketName(bucket).isOrganizationTrail(true)))
                    .awsErrorDetails().errorCode()).isEqualTo("NotOrganizationMasterAccountException");

            trails.createTrail(r -> r.name("org-trail").s3BucketName(bucket).isOrganizationTrail(true)
                    .isMultiRegionTrail(true));
            trails.startLogging(r -> r.name("org-trail"));

            List<Trail> seen = memberTrails.describeTrails(r -> { }).trailList();
            assertThat(seen).extracting(Trail::trailARN).contains(arn);
            assertThat(seen.stream().filter(t -> t.trailARN().equals(arn)).findFirst().orElseThrow()
                    .isOrganizationTrail()).isTrue();
            CloudTrailException refused = catchThrowableOfType(CloudTrailException.class,
                    () -> memberTrails.deleteTrail(r -> r.name(arn)));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("NotOrganizationMasterAccountException");
            assertThat(catchThrowableOfType(CloudTrailException.class, () -> memberTrails.getTrail(r -> r.name(arn
                    .replace("org-trail", "nobody")))).awsErrorDetails().errorCode())
                    .isEqualTo("TrailNotFoundException");

            table(endpoint, memberRoot, "member-table");
            endpoint.admin().advance(Duration.ofMinutes(11));
            List<JsonNode> memberRecords = records(s3, bucket, "AWSLogs/" + organizationId + "/" + member
                    + "/CloudTrail/eu-west-1/");
            assertThat(tablesCreated(memberRecords)).containsExactly("member-table");
            trails.deleteTrail(r -> r.name("org-trail"));
        }
    }

    @Test
    void badNamesAndUnservedOptionsGetCloudTrailsErrors() {
        try (CloudTrailClient trails = endpoint.client(CloudTrailClient.builder())) {
            assertThat(error(() -> trails.createTrail(r -> r.name("ab").s3BucketName("some-bucket"))))
                    .isEqualTo("InvalidTrailNameException: Trail name too short. Minimum allowed length: 3 "
                            + "characters. Specified name length: 2 characters.");
            assertThat(error(() -> trails.createTrail(r -> r.name("-trail").s3BucketName("some-bucket"))))
                    .startsWith("InvalidTrailNameException: Trail name must starts with a letter or number.");
            assertThat(error(() -> trails.createTrail(r -> r.name("my trail").s3BucketName("some-bucket"))))
                    .startsWith("InvalidTrailNameException: Trail name or ARN can only contain");
            assertThat(error(() -> trails.createTrail(r -> r.name("trail").s3BucketName("some-bucket")
                    .enableLogFileValidation(true)))).startsWith("UnsupportedOperationException: ");
            assertThat(error(() -> trails.getTrail(r -> r.name("arn:aws:cloudtrail:eu-west-1:12:trail/x"))))
                    .startsWith("CloudTrailARNInvalidException: ");
        }
    }

    @Test
    void theCliCreatesDescribesAndDeletesATrail() {
        String bucket = "trail-logs-cli";
        String arn = "arn:aws:cloudtrail:eu-west-1:" + management + ":trail/cli-trail";
        try (S3Client s3 = s3(endpoint, endpoint.rootCredentials())) {
            s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy(bucket, "AWSLogs/" + management + "/*", arn)));
        }
        AwsCli cli = new AwsCli(endpoint);
        assertThat(cli.json("cloudtrail", "create-trail", "--name", "cli-trail", "--s3-bucket-name", bucket)
                .path("TrailARN").asText()).isEqualTo(arn);
        JsonNode described = cli.json("cloudtrail", "describe-trails", "--trail-name-list", "cli-trail");
        assertThat(described.at("/trailList/0/S3BucketName").asText()).isEqualTo(bucket);
        assertThat(described.at("/trailList/0/HomeRegion").asText()).isEqualTo("eu-west-1");
        AwsCli.Result deleted = cli.run("cloudtrail", "delete-trail", "--name", "cli-trail");
        assertThat(deleted.exitCode()).isZero();
        AwsCli.Result again = cli.run("cloudtrail", "get-trail", "--name", "cli-trail");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("TrailNotFoundException");
    }

    static String error(Runnable call) {
        CloudTrailException e = catchThrowableOfType(CloudTrailException.class, call::run);
        assertThat(e).as("an error").isNotNull();
        return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }

    /** AWS's documented bucket policy for CloudTrail, for log files under {@code objects} of trail {@code arn}. */
    static String policy(String bucket, String objects, String arn) {
        return """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
                  "Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::%1$s",
                  "Condition":{"StringEquals":{"aws:SourceArn":"%3$s"}}},
                 {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
                  "Action":"s3:PutObject","Resource":"arn:aws:s3:::%1$s/%2$s",
                  "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control","aws:SourceArn":"%3$s"}}}]}
                """.formatted(bucket, objects, arn);
    }

    static S3Client s3(Endpoint endpoint, AwsCredentials credentials) {
        return endpoint.client(S3Client.builder().forcePathStyle(true), credentials);
    }

    static void table(Endpoint endpoint, AwsCredentials credentials, String name) {
        try (DynamoDbClient dynamo = endpoint.client(DynamoDbClient.builder(), credentials)) {
            dynamo.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
        }
    }

    /** Every record of every log file under {@code prefix}, each file gunzipped and parsed. */
    static List<JsonNode> records(S3Client s3, String bucket, String prefix) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            assertThat(object.key()).matches(".*/\\d{4}/\\d{2}/\\d{2}/\\d{12}_CloudTrail_[a-z0-9-]+_\\d{8}T\\d{4}Z_"
                    + "[A-Za-z0-9]{16}\\.json\\.gz");
            byte[] gz = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asByteArray();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                JSON.readTree(in).path("Records").forEach(records::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    static List<String> tablesCreated(List<JsonNode> records) {
        return records.stream().filter(r -> r.path("eventName").asText().equals("CreateTable"))
                .map(r -> r.at("/requestParameters/tableName").asText()).toList();
    }
}
