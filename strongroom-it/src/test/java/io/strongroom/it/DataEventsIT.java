package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Item- and object-level calls are CloudTrail data events, which event history never holds (D75): tables and
 * buckets show in LookupEvents, their items and objects do not. A data-event call the Authorizer denied is still
 * explained on the dashboard.
 */
class DataEventsIT {

    @Test
    void itemAndObjectCallsStayOutOfEventHistoryWhileTablesAndBucketsAreIn() {
        try (TestServer server = TestServer.start();
             DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder());
             S3Client s3 = server.endpoint().client(S3Client.builder().forcePathStyle(true));
             CloudTrailClient trail = server.endpoint().client(CloudTrailClient.builder())) {
            BackupJobsIT.createTable(ddb, "orders");
            ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", AttributeValue.fromS("o-1"))));
            assertThat(ddb.getItem(r -> r.tableName("orders").key(Map.of("pk", AttributeValue.fromS("o-1"))))
                    .item()).containsKey("pk");
            assertThat(catchThrowableOfType(ConditionalCheckFailedException.class, () -> ddb.putItem(r -> r
                    .tableName("orders").item(Map.of("pk", AttributeValue.fromS("o-1")))
                    .conditionExpression("attribute_not_exists(pk)")))).isNotNull();
            ddb.scan(r -> r.tableName("orders"));
            s3.createBucket(r -> r.bucket("invoices"));
            s3.putObject(r -> r.bucket("invoices").key("2027/01.pdf"), RequestBody.fromString("invoice"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket("invoices").key("2027/01.pdf")).asUtf8String())
                    .isEqualTo("invoice");
            s3.headObject(r -> r.bucket("invoices").key("2027/01.pdf"));
            s3.listObjectsV2(r -> r.bucket("invoices"));
            s3.deleteObject(r -> r.bucket("invoices").key("2027/01.pdf"));

            List<String> names = allEvents(trail).stream().map(Event::eventName).toList();

            assertThat(names).contains("CreateTable", "CreateBucket");
            assertThat(names).doesNotContain("PutItem", "GetItem", "Scan", "PutObject", "GetObject", "HeadObject",
                    "ListObjectsV2", "DeleteObject");
        }
    }

    @Test
    void aDeniedItemWriteIsExplainedOnTheDashboardButNotInEventHistory() {
        try (TestServer server = TestServer.start();
             DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder());
             CloudTrailClient trail = server.endpoint().client(CloudTrailClient.builder())) {
            Endpoint endpoint = server.endpoint();
            BackupJobsIT.createTable(ddb, "orders");
            AwsCredentials intern;
            try (IamClient iam = endpoint.client(IamClient.builder())) {
                iam.createUser(r -> r.userName("intern"));
                iam.putUserPolicy(r -> r.userName("intern").policyName("read-only-items").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoItemWrites\",\"Effect\":\"Deny\","
                                + "\"Action\":\"dynamodb:PutItem\",\"Resource\":\"*\"}]}"));
                var key = iam.createAccessKey(r -> r.userName("intern")).accessKey();
                intern = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            }
            try (DynamoDbClient asIntern = endpoint.client(DynamoDbClient.builder(), intern)) {
                DynamoDbException denied = catchThrowableOfType(DynamoDbException.class, () -> asIntern.putItem(r -> r
                        .tableName("orders").item(Map.of("pk", AttributeValue.fromS("o-2")))));
                assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            }

            assertThat(allEvents(trail)).extracting(Event::eventName).doesNotContain("PutItem");
            String why = new DashboardFollowsChangesIT.DashboardPage(endpoint).get("why");
            int row = why.indexOf("PutItem");
            assertThat(row).as("the denied PutItem among the dashboard's denied calls").isPositive();
            assertThat(why.substring(row, why.indexOf("</tr>", row))).contains("NoItemWrites");
        }
    }

    private static List<Event> allEvents(CloudTrailClient trail) {
        List<Event> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = trail.lookupEvents(r -> r.nextToken(next));
            all.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        return all;
    }
}
