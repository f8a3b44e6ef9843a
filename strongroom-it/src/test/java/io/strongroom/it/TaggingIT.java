package io.strongroom.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One view of the tagged resources of every served type, and tagging through the owning service. */
class TaggingIT {
    TestServer server;
    Endpoint endpoint;
    ResourceGroupsTaggingApiClient tagging;
    String dailyTable;
    String plainTable;
    String bucket = "arn:aws:s3:::tagging-reports";

    @BeforeEach
    void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
        tagging = endpoint.client(ResourceGroupsTaggingApiClient.builder());
        try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder());
             S3Client s3 = endpoint.client(S3Client.builder().forcePathStyle(true))) {
            dailyTable = table(ddb, "payments", List.of(software.amazon.awssdk.services.dynamodb.model.Tag.builder()
                    .key("Backup").value("daily-prod").build()));
            plainTable = table(ddb, "scratch", List.of());
            s3.createBucket(b -> b.bucket("tagging-reports").createBucketConfiguration(c -> c
                    .locationConstraint(BucketLocationConstraint.EU_WEST_1)));
            s3.putBucketTagging(b -> b.bucket("tagging-reports").tagging(t -> t.tagSet(
                    software.amazon.awssdk.services.s3.model.Tag.builder().key("Backup").value("monthly-prod").build())));
        }
    }

    private static String table(DynamoDbClient ddb, String name, List<software.amazon.awssdk.services.dynamodb.model.Tag> tags) {
        return ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)).tags(tags)).tableDescription().tableArn();
    }

    @AfterEach
    void stop() {
        tagging.close();
        server.close();
    }

    private List<String> arns(List<ResourceTagMapping> mappings) {
        return mappings.stream().map(ResourceTagMapping::resourceARN).toList();
    }

    @Test
    void findsTaggedResourcesByTagAndType() {
        assertThat(arns(tagging.getResources(r -> { }).resourceTagMappingList()))
                .containsExactlyInAnyOrder(dailyTable, bucket);
        assertThat(arns(tagging.getResources(r -> r.tagFilters(f -> f.key("Backup").values("daily-prod")))
                .resourceTagMappingList())).containsExactly(dailyTable);
        assertThat(arns(tagging.getResources(r -> r.resourceTypeFilters("s3")).resourceTagMappingList()))
                .containsExactly(bucket);
        assertThat(arns(tagging.getResources(r -> r.resourceTypeFilters("dynamodb:table")).resourceTagMappingList()))
                .containsExactly(dailyTable);
        assertThat(arns(tagging.getResources(r -> r.resourceARNList(plainTable, bucket)).resourceTagMappingList()))
                .containsExactlyInAnyOrder(plainTable, bucket);
        var mixed = org.assertj.core.api.Assertions.catchThrowableOfType(
                software.amazon.awssdk.services.resourcegroupstaggingapi.model.InvalidParameterException.class,
                () -> tagging.getResources(r -> r.resourceARNList(plainTable).resourcesPerPage(10)));
        assertThat(mixed.statusCode()).isEqualTo(400);
        var keyless = org.assertj.core.api.Assertions.catchThrowableOfType(
                software.amazon.awssdk.services.resourcegroupstaggingapi.model.InvalidParameterException.class,
                () -> tagging.getResources(r -> r.tagFilters(f -> f.values("daily-prod"))));
        assertThat(keyless.awsErrorDetails().errorMessage()).isEqualTo("A tag filter must have a Key.");
        assertThat(tagging.getTagKeys(r -> { }).tagKeys()).containsExactly("Backup");
        assertThat(tagging.getTagValues(r -> r.key("Backup")).tagValues()).containsExactly("daily-prod", "monthly-prod");
    }

    @Test
    void tagsAndUntagsThroughTheOwningService() {
        var result = tagging.tagResources(r -> r.resourceARNList(plainTable, bucket, "arn:aws:dynamodb:eu-west-1:"
                + "111111111111:table/missing").tags(java.util.Map.of("Owner", "platform")));
        assertThat(result.failedResourcesMap()).containsOnlyKeys("arn:aws:dynamodb:eu-west-1:111111111111:table/missing");
        try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder())) {
            assertThat(ddb.listTagsOfResource(r -> r.resourceArn(plainTable)).tags())
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("Owner=platform");
        }
        assertThat(arns(tagging.getResources(r -> r.tagFilters(f -> f.key("Owner"))).resourceTagMappingList()))
                .containsExactlyInAnyOrder(plainTable, bucket);

        tagging.untagResources(r -> r.resourceARNList(plainTable, bucket).tagKeys("Owner"));
        assertThat(arns(tagging.getResources(r -> r.tagFilters(f -> f.key("Owner"))).resourceTagMappingList())).isEmpty();
    }

    @Test
    void theAwsCliFindsTheDailyProductionResources() throws Exception {
        AwsCli.Result result = new AwsCli(endpoint).run("resourcegroupstaggingapi", "get-resources",
                "--tag-filters", "Key=Backup,Values=daily-prod");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        var mappings = new ObjectMapper().readTree(result.stdout()).get("ResourceTagMappingList");
        assertThat(mappings.size()).isEqualTo(1);
        assertThat(mappings.get(0).get("ResourceARN").asText()).isEqualTo(dailyTable);
    }
}
