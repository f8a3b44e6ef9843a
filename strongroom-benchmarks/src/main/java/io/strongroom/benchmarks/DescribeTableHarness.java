package io.strongroom.benchmarks;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * DescribeTable on a table of many items (decision D90), through the SDK v2 against {@code ./strongroom serve}: the
 * table is filled with BatchWriteItem from several clients, then described {@code --describes} times; prints the first
 * call's time and the median and largest of the others.
 */
public final class DescribeTableHarness {
    private static final String TABLE = "large";
    private static final int BATCH = 25;

    private DescribeTableHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessArgs options = HarnessArgs.parse(args, HarnessArgs.defaults("items", "100000", "threads", "8",
                "describes", "50"));
        int items = options.integer("items");
        int threads = options.integer("threads");
        int describes = options.integer("describes");
        try (ServerProcess server = ServerProcess.start(Files.createTempDirectory("strongroom-describe-bench"))) {
            Endpoint endpoint = server.endpoint();
            try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder())) {
                ddb.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S")
                                .build()));
                long t0 = System.nanoTime();
                fill(endpoint, items, threads);
                System.out.printf(Locale.ROOT, "commit %s: %d items put in %.1f s%n", OrgBackupHarness.commit(), items,
                        OrgBackupHarness.seconds(t0));
                long t1 = System.nanoTime();
                TableDescription first = ddb.describeTable(r -> r.tableName(TABLE)).table();
                double firstMs = (System.nanoTime() - t1) / 1e6;
                double[] ms = new double[describes];
                for (int i = 0; i < describes; i++) {
                    long t = System.nanoTime();
                    ddb.describeTable(r -> r.tableName(TABLE));
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "first DescribeTable %.1f ms (ItemCount %d, TableSizeBytes %d); next %d: "
                        + "median %.1f ms, max %.1f ms%n", firstMs, first.itemCount(), first.tableSizeBytes(), describes,
                        ms[describes / 2], ms[describes - 1]);
            }
        }
    }

    private static void fill(Endpoint endpoint, int items, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            int share = (items + threads - 1) / threads;
            for (int from = 0; from < items; from += share) {
                int start = from;
                int end = Math.min(items, from + share);
                done.add(pool.submit(() -> {
                    try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder())) {
                        for (int b = start; b < end; b += BATCH) {
                            List<WriteRequest> puts = new ArrayList<>();
                            for (int i = b; i < Math.min(end, b + BATCH); i++) {
                                puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                                        "pk", AttributeValue.fromS(String.format(Locale.ROOT, "k%08d", i)),
                                        "v", AttributeValue.fromS("x".repeat(100)),
                                        "n", AttributeValue.fromN(Integer.toString(i)))).build()).build());
                            }
                            ddb.batchWriteItem(r -> r.requestItems(Map.of(TABLE, puts)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
