package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent write calls share commits (decision D38): each call is one piece of a shared transaction. A call
 * that fails takes only its own changes with it; every other call's change and every management event are kept
 * (item calls are data events, not recorded in event history: D75).
 */
class ConcurrentWritesIT {
    private static final int THREADS = 16;
    private static final int KEYS = 10;

    @Test
    void failingWritesInASharedCommitTakeOnlyTheirOwnChangesWithThem() throws Exception {
        try (TestServer server = TestServer.start();
             DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder());
             CloudTrailClient trail = server.endpoint().client(CloudTrailClient.builder())) {
            String table = ddb.createTable(t -> t.tableName("claims").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                    .tableDescription().tableArn();
            // Every thread tries to claim every key, and also writes one item and one tag of its own: per key exactly
            // one conditional put wins and the others fail, interleaved with successes in the same commits.
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> wins = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String owner = "thread-" + t;
                Callable<Integer> claims = () -> {
                    start.await();
                    int won = 0;
                    for (int k = 0; k < KEYS; k++) {
                        ddb.putItem(p -> p.tableName("claims").item(Map.of("pk", AttributeValue.fromS(owner),
                                "kind", AttributeValue.fromS("own"))));
                        int round = k;
                        ddb.tagResource(r -> r.resourceArn(table).tags(tag -> tag.key(owner)
                                .value(Integer.toString(round))));
                        String key = "key-" + k;
                        try {
                            ddb.putItem(p -> p.tableName("claims").item(Map.of("pk", AttributeValue.fromS(key),
                                    "owner", AttributeValue.fromS(owner)))
                                    .conditionExpression("attribute_not_exists(pk)"));
                            won++;
                        } catch (ConditionalCheckFailedException lost) {
                            assertThat(lost.statusCode()).isEqualTo(400);
                        }
                    }
                    return won;
                };
                wins.add(pool.submit(claims));
            }
            start.countDown();
            int totalWins = 0;
            for (Future<Integer> w : wins) {
                totalWins += w.get();
            }
            pool.shutdown();

            assertThat(totalWins).isEqualTo(KEYS);
            var items = ddb.scan(s -> s.tableName("claims").consistentRead(true)).items();
            assertThat(items).hasSize(KEYS + THREADS);
            assertThat(items.stream().filter(i -> i.get("pk").s().startsWith("key-")))
                    .allSatisfy(i -> assertThat(i.get("owner").s()).startsWith("thread-"));
            assertThat(ddb.listTagsOfResource(r -> r.resourceArn(table)).tags())
                    .allSatisfy(tag -> assertThat(tag.value()).isEqualTo(Integer.toString(KEYS - 1))).hasSize(THREADS);
            assertThat(events(trail, "TagResource")).isEqualTo(THREADS * KEYS);
            assertThat(events(trail, "PutItem")).isZero();
        }
    }

    private static int events(CloudTrailClient trail, String name) {
        int recorded = 0;
        String token = null;
        do {
            String next = token;
            var page = trail.lookupEvents(r -> r.nextToken(next).lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue(name)));
            recorded += page.events().size();
            token = page.nextToken();
        } while (token != null);
        return recorded;
    }
}
