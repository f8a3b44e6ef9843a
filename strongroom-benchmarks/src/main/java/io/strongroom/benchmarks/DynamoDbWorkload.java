package io.strongroom.benchmarks;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * dynamodb:PutItem or dynamodb:GetItem of items of about {@code itemBytes} (DynamoDB's item size: attribute
 * names plus values) in one on-demand table with a string hash key. Puts insert a new key on every call
 * (window, thread and sequence number in the key), so the table grows as a real write load would; gets read,
 * round-robin, {@link #KEYS_PER_THREAD} items per thread written in {@link #prepare}.
 */
final class DynamoDbWorkload implements Workload {
    static final String TABLE = "bench-items";
    static final int KEYS_PER_THREAD = 256;

    private final boolean put;
    private final int itemBytes;
    private final AtomicInteger windows = new AtomicInteger();

    DynamoDbWorkload(boolean put, int itemBytes) {
        this.put = put;
        this.itemBytes = itemBytes;
    }

    @Override
    public String name() {
        return (put ? "dynamodb:PutItem" : "dynamodb:GetItem") + " " + Workload.size(itemBytes);
    }

    @Override
    public void prepare(SdkClients clients, int threads) {
        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            dynamoDb.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
            if (!put) {
                for (int t = 0; t < threads; t++) {
                    for (int i = 0; i < KEYS_PER_THREAD; i++) {
                        dynamoDb.putItem(item(readKey(t, i), new SplittableRandom(t * 100_000L + i)));
                    }
                }
            }
        }
    }

    @Override
    public Caller caller(SdkClients clients, int thread) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        int window = windows.incrementAndGet();
        SplittableRandom random = new SplittableRandom(thread);
        return new Caller() {
            long n;

            public long call() {
                if (put) {
                    PutItemRequest request = item("w" + window + "-t" + thread + "-" + n++, random);
                    dynamoDb.putItem(request);
                    return itemBytes;
                }
                String key = readKey(thread, (int) (n++ % KEYS_PER_THREAD));
                GetItemResponse answer = dynamoDb.getItem(GetItemRequest.builder().tableName(TABLE)
                        .key(Map.of("pk", AttributeValue.fromS(key))).build());
                if (!answer.hasItem()) {
                    throw new IllegalStateException("item " + key + " not found");
                }
                return itemBytes;
            }

            public void close() {
                dynamoDb.close();
            }
        };
    }

    private static String readKey(int thread, int i) {
        return "read-t" + thread + "-" + i;
    }

    /** A record-like item: a few small attributes and a text payload that brings it to {@code itemBytes}. */
    private PutItemRequest item(String key, SplittableRandom random) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(key));
        item.put("status", AttributeValue.fromS("ACTIVE"));
        item.put("owner", AttributeValue.fromS("team-" + random.nextInt(100)));
        item.put("updatedAt", AttributeValue.fromN(Long.toString(1_700_000_000_000L + random.nextInt(1 << 30))));
        int used = 0;
        for (var e : item.entrySet()) {
            AttributeValue v = e.getValue();
            used += e.getKey().length() + (v.s() != null ? v.s().getBytes(StandardCharsets.UTF_8).length
                    : v.n().length());
        }
        int payload = Math.max(1, itemBytes - used - "payload".length());
        char[] text = new char[payload];
        for (int i = 0; i < payload; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        item.put("payload", AttributeValue.fromS(new String(text)));
        return PutItemRequest.builder().tableName(TABLE).item(item).build();
    }
}
