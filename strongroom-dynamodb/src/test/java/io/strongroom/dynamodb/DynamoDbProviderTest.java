package io.strongroom.dynamodb;

import io.strongroom.dynamodb.expression.ExpressionAttributes;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.ResourceProviderContract;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbProviderTest extends ResourceProviderContract {
    @TempDir
    Path dir;
    DynamoDbService dynamoDb;

    @Override
    protected Store newStore() {
        return StoreFactory.open(dir.resolve("store.db").toString());
    }

    @Override
    protected ResourceProvider newProvider(Store store) {
        AtomicInteger ids = new AtomicInteger();
        dynamoDb = new DynamoDbService(Clock.fixed(Instant.parse("2027-02-01T00:00:00Z"), ZoneOffset.UTC),
                tx -> String.format("00000000-0000-4000-8000-%012d", ids.incrementAndGet()));
        return new DynamoDbProvider(dynamoDb);
    }

    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        return store.write(tx -> {
            Table table = dynamoDb.createTable(tx, ACCOUNT, REGION, new Inputs.CreateTable(name,
                    List.of(new Inputs.KeySchemaElement("pk", "HASH"), new Inputs.KeySchemaElement("sk", "RANGE")),
                    List.of(new Inputs.AttributeDefinition("pk", "S"), new Inputs.AttributeDefinition("sk", "N")),
                    "PAY_PER_REQUEST", null, null, false, tags)).table();
            for (int i = 0; i < 3; i++) {
                dynamoDb.putItem(tx, ACCOUNT, REGION, name, Map.of("pk", AttributeValue.s("order"),
                        "sk", AttributeValue.n(String.valueOf(i)), "total", AttributeValue.n(i + ".5")),
                        Inputs.Conditional.none());
            }
            return table.arn();
        });
    }

    @Override
    protected void changeData(String arn) {
        store.write(tx -> dynamoDb.putItem(tx, ACCOUNT, REGION, name(arn), Map.of("pk", AttributeValue.s("order"),
                "sk", AttributeValue.n("1"), "total", AttributeValue.n("99")), Inputs.Conditional.none()));
    }

    @Override
    protected Object readData(String arn) {
        return store.read(tx -> dynamoDb.scan(tx, ACCOUNT, REGION, new Inputs.Read(name(arn), null, null, null,
                ExpressionAttributes.none(), true, null, null, null)).items());
    }

    @Override
    protected Map<String, String> restoreMetadataFor(String newName) {
        return Map.of("TargetTableName", newName, "encryptionType", "Default");
    }

    private static String name(String arn) {
        return arn.substring(arn.indexOf(":table/") + 7);
    }

    @Test
    void restoredTableKeepsTheKeySchemaButNotTheTags() {
        String arn = createResourceWithData("with-tags", Map.of("Backup", "daily"));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThat(snapshot.restoreMetadata()).containsEntry("originalTableName", "with-tags");
        assertThat(snapshot.tags()).containsEntry("Backup", "daily");
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("targetTableName", "with-tags-copy")));
        assertThat(restored.tags()).isEmpty();
        Table table = store.read(tx -> dynamoDb.table(tx, ACCOUNT, REGION, "with-tags-copy"));
        assertThat(table.rangeKey()).isEqualTo(new KeyAttribute("sk", "N"));
        assertThat(table.restoredFrom()).isEqualTo(arn);
    }

    /** AWS restores neither setting: a restored table's time to live and point-in-time recovery are set again. */
    @Test
    void restoredTableHasNoTimeToLiveOrRecoverySetting() {
        String arn = createResourceWithData("with-settings", Map.of());
        store.write(tx -> {
            dynamoDb.settings().updateTimeToLive(tx, ACCOUNT, REGION, "with-settings",
                    new Inputs.TimeToLiveSpecification(true, "expires_at"));
            return dynamoDb.settings().updateContinuousBackups(tx, ACCOUNT, REGION, "with-settings",
                    new Inputs.PointInTimeRecoverySpecification(true, 7));
        });
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("targetTableName", "with-settings-copy")));
        TimeToLive restoredTtl = store.read(tx -> dynamoDb.settings().timeToLive(tx, ACCOUNT, REGION,
                "with-settings-copy"));
        PointInTimeRecovery restoredPitr = store.read(tx -> dynamoDb.settings().continuousBackups(tx, ACCOUNT, REGION,
                "with-settings-copy").pointInTimeRecovery());
        TimeToLive sourceTtl = store.read(tx -> dynamoDb.settings().timeToLive(tx, ACCOUNT, REGION, "with-settings"));
        assertThat(restoredTtl).isEqualTo(TimeToLive.NEVER_SET);
        assertThat(restoredPitr).isEqualTo(PointInTimeRecovery.DISABLED);
        assertThat(sourceTtl.enabled()).isTrue();
    }

    @Test
    void restoredTableKeepsItsSecondaryIndexes() {
        String arn = store.write(tx -> dynamoDb.createTable(tx, ACCOUNT, REGION, new Inputs.CreateTable("indexed",
                List.of(new Inputs.KeySchemaElement("pk", "HASH"), new Inputs.KeySchemaElement("sk", "RANGE")),
                List.of(new Inputs.AttributeDefinition("pk", "S"), new Inputs.AttributeDefinition("sk", "N"),
                        new Inputs.AttributeDefinition("status", "S")),
                "PAY_PER_REQUEST", null, null, false, Map.of(),
                List.of(new Inputs.IndexDefinition("by-status", List.of(new Inputs.KeySchemaElement("status", "HASH")),
                        true, "INCLUDE", List.of("total"), false, null, null)), null)).table().arn());
        store.write(tx -> dynamoDb.putItem(tx, ACCOUNT, REGION, "indexed", Map.of("pk", AttributeValue.s("a"),
                "sk", AttributeValue.n("1"), "status", AttributeValue.s("open"), "total", AttributeValue.n("3"),
                "note", AttributeValue.s("x")), Inputs.Conditional.none()));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of("targetTableName", "indexed-copy")));
        Table restored = store.read(tx -> dynamoDb.table(tx, ACCOUNT, REGION, "indexed-copy"));
        Table source = store.read(tx -> dynamoDb.table(tx, ACCOUNT, REGION, "indexed"));
        assertThat(restored.indexes()).isEqualTo(source.indexes());
        var found = store.read(tx -> dynamoDb.query(tx, ACCOUNT, REGION, new Inputs.Read("indexed-copy",
                "status = :s", null, null, new ExpressionAttributes(Map.of(), Map.of(":s", AttributeValue.s("open"))),
                true, null, null, null, "by-status", false)).items());
        assertThat(found).containsExactly(Map.of("pk", AttributeValue.s("a"), "sk", AttributeValue.n("1"),
                "status", AttributeValue.s("open"), "total", AttributeValue.n("3")));
    }

    @Test
    void aRestoredTableHasTheUpdatedDefinitionAndClassButNoHistoryOfUpdates() {
        String arn = store.write(tx -> dynamoDb.createTable(tx, ACCOUNT, REGION, new Inputs.CreateTable("updated",
                List.of(new Inputs.KeySchemaElement("pk", "HASH")), List.of(new Inputs.AttributeDefinition("pk", "S"),
                new Inputs.AttributeDefinition("g", "S")), "PROVISIONED", 5L, 5L, false, Map.of(),
                List.of(new Inputs.IndexDefinition("by-g", List.of(new Inputs.KeySchemaElement("g", "HASH")), true,
                        "ALL", null, true, 5L, 5L)), null)).table().arn());
        store.write(tx -> dynamoDb.updateTable(tx, ACCOUNT, REGION, new Inputs.UpdateTable("updated", null, null,
                new Inputs.Throughput(4L, 5L), List.of(new Inputs.GlobalIndexUpdate(null, new Inputs.IndexThroughput(
                "by-g", new Inputs.Throughput(3L, 3L)), null)), null, null, null, null, List.of())));
        store.write(tx -> dynamoDb.updateTable(tx, ACCOUNT, REGION, new Inputs.UpdateTable("updated", null, null,
                null, null, null, null, "STANDARD_INFREQUENT_ACCESS", null, List.of())));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of("targetTableName", "updated-copy")));
        Table restored = store.read(tx -> dynamoDb.table(tx, ACCOUNT, REGION, "updated-copy"));
        assertThat(restored.readCapacity()).isEqualTo(4);
        assertThat(restored.index("by-g").orElseThrow().readCapacity()).isEqualTo(3);
        assertThat(restored.index("by-g").orElseThrow().throughputHistory()).isEqualTo(ThroughputHistory.NONE);
        assertThat(restored.tableClass()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
        assertThat(restored.history()).isEqualTo(TableHistory.NONE);
    }

    @Test
    void refusesARestoreWithoutATargetName() {
        String arn = createResourceWithData("no-target", Map.of());
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of())))
                .isInstanceOf(ResourceProvider.RestoreRejected.class)
                .hasMessageContaining("targetTableName");
    }
}
