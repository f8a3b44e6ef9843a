package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testkit.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.PutEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ResourceTag;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static io.strongroom.it.CloudTrailTrailsIT.error;
import static io.strongroom.it.CloudTrailTrailsIT.policy;
import static io.strongroom.it.CloudTrailTrailsIT.records;
import static io.strongroom.it.CloudTrailTrailsIT.s3;
import static io.strongroom.it.CloudTrailTrailsIT.table;
import static io.strongroom.it.CloudTrailTrailsIT.tablesCreated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changing a trail (D136): UpdateTrail moves its log files to a new bucket or prefix checked as at creation and turns
 * it into an organization trail; AddTags, RemoveTags and ListTags keep its tags; basic event selectors choose which
 * management events it delivers.
 */
class CloudTrailTrailSettingsIT {
    static TrailOrganization org;
    static Endpoint endpoint;

    @BeforeAll
    static void start() {
        org = TrailOrganization.start();
        endpoint = org.server().endpoint();
    }

    @AfterAll
    static void stop() {
        org.server().close();
    }

    @Test
    void updateTrailMovesTheLogFilesToACheckedBucketAndMakesAnOrganizationTrail() throws Exception {
        String arn = arn("moving-trail");
        try (CloudTrailClient trails = endpoint.client(CloudTrailClient.builder());
             CloudTrailClient memberTrails = endpoint.client(CloudTrailClient.builder(), org.memberRoot());
             S3Client s3 = s3(endpoint, endpoint.rootCredentials());
             OrganizationsClient organizations = endpoint.client(OrganizationsClient.builder())) {
            bucket(s3, "moving-first", "AWSLogs/" + org.management() + "/*", arn);
            s3.createBucket(r -> r.bucket("moving-second").createBucketConfiguration(c -> c
                    .locationConstraint("eu-west-1")));
            trails.createTrail(r -> r.name("moving-trail").s3BucketName("moving-first"));
            trails.startLogging(r -> r.name("moving-trail"));

            assertThat(error(() -> trails.updateTrail(r -> r.name("moving-trail").s3BucketName("moving-second"))))
                    .isEqualTo("InsufficientS3BucketPolicyException: Incorrect S3 bucket policy is detected for "
                            + "bucket: moving-second");
            assertThat(error(() -> trails.updateTrail(r -> r.name("moving-trail").s3BucketName("nowhere-bucket"))))
                    .startsWith("S3BucketDoesNotExistException: ");
            assertThat(error(() -> trails.updateTrail(r -> r.name("moving-trail").kmsKeyId("alias/logs"))))
                    .startsWith("UnsupportedOperationException: ");
            assertThat(error(() -> trails.updateTrail(r -> r.name("moving-trail").isMultiRegionTrail(true)
                    .includeGlobalServiceEvents(false)))).isEqualTo("InvalidParameterCombinationException: "
                    + "Multi-Region trail must include global service events.");
            try (CloudTrailClient usEast = CloudTrailClient.builder().endpointOverride(endpoint.uri())
                    .region(Region.US_EAST_1).overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                    .credentialsProvider(StaticCredentialsProvider.create(endpoint.rootCredentials())).build()) {
                assertThat(error(() -> usEast.updateTrail(r -> r.name(arn).s3KeyPrefix("elsewhere"))))
                        .isEqualTo("InvalidHomeRegionException: This operation must be called from the trail's "
                                + "home region: " + arn);
            }
            assertThat(trails.getTrail(r -> r.name("moving-trail")).trail().s3BucketName()).isEqualTo("moving-first");

            s3.putBucketPolicy(r -> r.bucket("moving-second").policy(policy("moving-second",
                    "audit/AWSLogs/" + org.management() + "/*", arn)));
            UpdateTrailResponse updated = trails.updateTrail(r -> r.name("moving-trail").s3BucketName("moving-second")
                    .s3KeyPrefix("audit").isMultiRegionTrail(true));
            assertThat(updated.toString()).isEqualTo(UpdateTrailResponse.builder().name("moving-trail")
                    .s3BucketName("moving-second").s3KeyPrefix("audit").includeGlobalServiceEvents(true)
                    .isMultiRegionTrail(true).trailARN(arn).logFileValidationEnabled(false)
                    .isOrganizationTrail(false).build().toString());
            Trail now = trails.getTrail(r -> r.name("moving-trail")).trail();
            assertThat(now.s3BucketName()).isEqualTo("moving-second");
            assertThat(now.s3KeyPrefix()).isEqualTo("audit");
            assertThat(now.isMultiRegionTrail()).isTrue();
            assertThat(trails.getTrailStatus(r -> r.name("moving-trail")).isLogging()).isTrue();

            table(endpoint, endpoint.rootCredentials(), "after-the-move");
            endpoint.admin().advance(Duration.ofMinutes(11));
            assertThat(tablesCreated(records(s3, "moving-second", "audit/AWSLogs/" + org.management()
                    + "/CloudTrail/")))
                    .containsExactly("after-the-move");
            assertThat(s3.listObjectsV2(r -> r.bucket("moving-first")).contents()).isEmpty();

            // Becoming an organization trail needs CloudTrail's trusted access, and its files' new folder is checked.
            assertThat(error(() -> trails.updateTrail(r -> r.name("moving-trail").isOrganizationTrail(true))))
                    .startsWith("CloudTrailAccessNotEnabledException: ");
            organizations.enableAWSServiceAccess(r -> r.servicePrincipal("cloudtrail.amazonaws.com"));
            assertThat(error(() -> trails.updateTrail(r -> r.name("moving-trail").isOrganizationTrail(true))))
                    .startsWith("InsufficientS3BucketPolicyException: ");
            s3.putBucketPolicy(r -> r.bucket("moving-second").policy(policy("moving-second",
                    "audit/AWSLogs/" + org.organizationId() + "/*", arn)));
            assertThat(trails.updateTrail(r -> r.name("moving-trail").isOrganizationTrail(true)).isOrganizationTrail())
                    .isTrue();
            assertThat(memberTrails.describeTrails(r -> { }).trailList()).extracting(Trail::trailARN).contains(arn);
            assertThat(error(() -> memberTrails.updateTrail(r -> r.name(arn).s3KeyPrefix("mine"))))
                    .startsWith("NotOrganizationMasterAccountException: ");
            table(endpoint, org.memberRoot(), "member-after-update");
            endpoint.admin().advance(Duration.ofMinutes(11));
            assertThat(tablesCreated(records(s3, "moving-second", "audit/AWSLogs/" + org.organizationId() + "/"
                    + org.member() + "/CloudTrail/"))).containsExactly("member-after-update");
            trails.deleteTrail(r -> r.name("moving-trail"));
        }
    }

    @Test
    void tagsGivenAtCreationAreListedAddedAndRemovedWithinAwsLimits() {
        String arn = arn("tagged-trail");
        try (CloudTrailClient trails = endpoint.client(CloudTrailClient.builder());
             CloudTrailClient memberTrails = endpoint.client(CloudTrailClient.builder(), org.memberRoot());
             S3Client s3 = s3(endpoint, endpoint.rootCredentials())) {
            bucket(s3, "tagged-logs", "AWSLogs/" + org.management() + "/*", arn);
            assertThat(error(() -> trails.createTrail(r -> r.name("tagged-trail").s3BucketName("tagged-logs")
                    .tagsList(tag("aws:owner", "me"))))).startsWith("InvalidTagParameterException: ");
            trails.createTrail(r -> r.name("tagged-trail").s3BucketName("tagged-logs")
                    .tagsList(tag("team", "platform"), tag("cost-centre", "42")));
            assertThat(tags(trails, arn)).containsExactly(tag("team", "platform"), tag("cost-centre", "42"));

            trails.addTags(r -> r.resourceId(arn).tagsList(tag("team", "security"), Tag.builder().key("audited")
                    .build()));
            assertThat(tags(trails, arn)).containsExactly(tag("team", "security"), tag("cost-centre", "42"),
                    Tag.builder().key("audited").build());
            trails.removeTags(r -> r.resourceId(arn).tagsList(Tag.builder().key("cost-centre").build()));
            assertThat(tags(trails, arn)).containsExactly(tag("team", "security"), Tag.builder().key("audited")
                    .build());

            List<Tag> fortyNine = IntStream.range(0, 49).mapToObj(i -> tag("k" + i, "v")).toList();
            assertThat(error(() -> trails.addTags(r -> r.resourceId(arn).tagsList(fortyNine))))
                    .isEqualTo("TagsLimitExceededException: The number of tags per trail has exceeded the "
                            + "permitted amount. Currently, the limit is 50.");
            assertThat(error(() -> trails.addTags(r -> r.resourceId(arn).tagsList(tag("aws:team", "x")))))
                    .startsWith("InvalidTagParameterException: ");
            assertThat(error(() -> trails.addTags(r -> r.resourceId(arn).tagsList(tag("a", "1"), tag("a", "2")))))
                    .startsWith("InvalidTagParameterException: ");
            assertThat(error(() -> trails.addTags(r -> r.resourceId(arn).tagsList(tag("bad#key", "1")))))
                    .startsWith("InvalidTagParameterException: ");
            String unknown = arn("no-such-trail");
            assertThat(error(() -> trails.addTags(r -> r.resourceId(unknown).tagsList(tag("a", "1")))))
                    .isEqualTo("ResourceNotFoundException: Resource " + unknown + " not found.");
            assertThat(error(() -> trails.listTags(r -> r.resourceIdList(unknown))))
                    .startsWith("ResourceNotFoundException: ");
            assertThat(error(() -> trails.listTags(r -> r.resourceIdList(IntStream.range(0, 21)
                    .mapToObj(i -> arn).toList())))).startsWith("InvalidParameterException: ");
            assertThat(error(() -> memberTrails.addTags(r -> r.resourceId(arn).tagsList(tag("a", "1")))))
                    .startsWith("ResourceNotFoundException: ");
            assertThat(tags(trails, arn)).hasSize(2);
            trails.deleteTrail(r -> r.name("tagged-trail"));
        }
    }

    @Test
    void eventSelectorsChooseWhichManagementEventsAreDelivered() throws Exception {
        String arn = arn("selective-trail");
        try (CloudTrailClient trails = endpoint.client(CloudTrailClient.builder());
             S3Client s3 = s3(endpoint, endpoint.rootCredentials())) {
            bucket(s3, "selective-logs", "AWSLogs/" + org.management() + "/*", arn);
            trails.createTrail(r -> r.name("selective-trail").s3BucketName("selective-logs"));
            GetEventSelectorsResponse initial = trails.getEventSelectors(r -> r.trailName("selective-trail"));
            assertThat(initial.eventSelectors()).containsExactly(selector("All", true));
            assertThat(trails.getTrail(r -> r.name("selective-trail")).trail().hasCustomEventSelectors()).isFalse();
            trails.startLogging(r -> r.name("selective-trail"));

            tableAndRead("every-event");
            endpoint.admin().advance(Duration.ofMinutes(11));
            assertThat(readsOf(s3)).containsExactly("every-event");

            PutEventSelectorsResponse put = trails.putEventSelectors(r -> r.trailName("selective-trail")
                    .eventSelectors(e -> e.readWriteType("WriteOnly")));
            assertThat(put.trailARN()).isEqualTo(arn);
            assertThat(put.eventSelectors()).containsExactly(selector("WriteOnly", true));
            assertThat(trails.getEventSelectors(r -> r.trailName(arn)).eventSelectors())
                    .containsExactly(selector("WriteOnly", true));
            assertThat(trails.describeTrails(r -> r.trailNameList("selective-trail")).trailList().get(0)
                    .hasCustomEventSelectors()).isTrue();
            tableAndRead("writes-only");
            endpoint.admin().advance(Duration.ofMinutes(11));
            assertThat(tablesCreated(records(s3, "selective-logs", "AWSLogs/")))
                    .containsExactly("every-event", "writes-only");
            assertThat(readsOf(s3)).containsExactly("every-event");

            trails.putEventSelectors(r -> r.trailName("selective-trail")
                    .eventSelectors(e -> e.readWriteType("All").includeManagementEvents(false)));
            tableAndRead("no-management-events");
            endpoint.admin().advance(Duration.ofMinutes(11));
            assertThat(tablesCreated(records(s3, "selective-logs", "AWSLogs/")))
                    .containsExactly("every-event", "writes-only");

            assertThat(error(() -> trails.putEventSelectors(r -> r.trailName("selective-trail").eventSelectors(e -> e
                    .readWriteType("All").dataResources(d -> d.type("AWS::S3::Object")
                            .values("arn:aws:s3:::selective-logs/")))))).startsWith("UnsupportedOperationException: ");
            assertThat(error(() -> trails.putEventSelectors(r -> r.trailName("selective-trail")
                    .advancedEventSelectors(a -> a.name("management").fieldSelectors(f -> f.field("eventCategory")
                            .equalsValue("Management")))))).startsWith("UnsupportedOperationException: ");
            assertThat(error(() -> trails.putEventSelectors(r -> r.trailName("selective-trail")
                    .eventSelectors(e -> e.readWriteType("read-only"))))).isEqualTo("InvalidEventSelectorsException: "
                    + "Value read-only for ReadWriteType is not valid. Valid values are All, ReadOnly and WriteOnly.");
            assertThat(error(() -> trails.putEventSelectors(r -> r.trailName("selective-trail")
                    .eventSelectors(List.of())))).startsWith("InvalidEventSelectorsException: ");
            assertThat(error(() -> trails.putEventSelectors(r -> r.trailName("no-such-trail")
                    .eventSelectors(e -> e.readWriteType("All"))))).startsWith("TrailNotFoundException: ");
            trails.deleteTrail(r -> r.name("selective-trail"));
        }
    }

    /** Creates a table and reads it: a write event and a read-only event, of the same window. */
    private static void tableAndRead(String name) {
        table(endpoint, endpoint.rootCredentials(), name);
        try (DynamoDbClient dynamo = endpoint.client(DynamoDbClient.builder())) {
            dynamo.describeTable(r -> r.tableName(name));
        }
    }

    /** The tables whose DescribeTable (a read-only event) the log files hold. */
    private static List<String> readsOf(S3Client s3) throws Exception {
        return records(s3, "selective-logs", "AWSLogs/").stream()
                .filter(r -> r.path("eventName").asText().equals("DescribeTable"))
                .peek(r -> assertThat(r.path("readOnly").asBoolean()).isTrue())
                .map(r -> r.at("/requestParameters/tableName").asText()).toList();
    }

    private static EventSelector selector(String readWriteType, boolean management) {
        return EventSelector.builder().readWriteType(readWriteType).includeManagementEvents(management)
                .dataResources(List.of()).excludeManagementEventSources(List.of()).build();
    }

    private static List<Tag> tags(CloudTrailClient trails, String arn) {
        List<ResourceTag> listed = trails.listTags(r -> r.resourceIdList(arn)).resourceTagList();
        assertThat(listed).extracting(ResourceTag::resourceId).containsExactly(arn);
        return listed.get(0).tagsList();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static void bucket(S3Client s3, String bucket, String objects, String arn) {
        s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy(bucket, objects, arn)));
    }

    private static String arn(String name) {
        return "arn:aws:cloudtrail:eu-west-1:" + org.management() + ":trail/" + name;
    }
}
