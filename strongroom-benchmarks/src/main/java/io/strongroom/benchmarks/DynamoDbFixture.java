package io.strongroom.benchmarks;

import io.strongroom.dynamodb.AttributeValue;
import io.strongroom.dynamodb.DynamoDbProvider;
import io.strongroom.dynamodb.DynamoDbService;
import io.strongroom.dynamodb.Inputs;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Store;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A table of 1 KiB items (a string key, three small attributes and a text payload), written 2048 per commit. */
final class DynamoDbFixture implements ProviderFixture {
    private static final int ITEM_BYTES = 1024;
    private static final int ITEMS_PER_COMMIT = 2048;
    private DynamoDbService dynamoDb;

    @Override
    public ResourceProvider provider(java.nio.file.Path dataDirectory) {
        java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
        dynamoDb = new DynamoDbService(CLOCK, tx -> String.format("00000000-0000-4000-8000-%012d",
                ids.incrementAndGet()));
        return new DynamoDbProvider(dynamoDb);
    }

    @Override
    public String unit() {
        return "1 KiB items";
    }

    @Override
    public String fill(Store store, String name, long bytes) {
        String arn = store.write(tx -> dynamoDb.createTable(tx, ACCOUNT, REGION, new Inputs.CreateTable(name,
                List.of(new Inputs.KeySchemaElement("pk", "HASH")), List.of(new Inputs.AttributeDefinition("pk", "S")),
                "PAY_PER_REQUEST", null, null, false, Map.of())).table().arn());
        long items = bytes / ITEM_BYTES;
        SplittableRandom random = new SplittableRandom(1);
        ProviderFixture.inCommits(store, items, ITEMS_PER_COMMIT, (tx, i) -> dynamoDb.putItem(tx, ACCOUNT, REGION,
                name, item(i, random), Inputs.Conditional.none()));
        return arn;
    }

    private static Map<String, AttributeValue> item(long i, SplittableRandom random) {
        String key = String.format("item-%012d", i);
        String owner = "team-" + random.nextInt(100);
        String updated = Long.toString(1_700_000_000_000L + random.nextInt(1 << 30));
        int used = "pk".length() + key.length() + "status".length() + "ACTIVE".length() + "owner".length()
                + owner.length() + "updatedAt".length() + updated.length() + "payload".length();
        char[] text = new char[ITEM_BYTES - used];
        for (int c = 0; c < text.length; c++) {
            text[c] = (char) ('a' + random.nextInt(26));
        }
        return Map.of("pk", new AttributeValue.S(key), "status", new AttributeValue.S("ACTIVE"), "owner",
                new AttributeValue.S(owner), "updatedAt", new AttributeValue.N(updated), "payload",
                new AttributeValue.S(new String(text)));
    }

    @Override
    public Map<String, String> restoreMetadata(String newName) {
        return Map.of("targetTableName", newName);
    }
}
