package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.resource.SnapshotData;
import io.strongroom.storage.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDB tables as AWS Backup protects them. A snapshot is the table's definition and every item;
 * a restore creates a new table named by the metadata's {@code targetTableName} (keys compared without
 * case), with the source's key schema, attribute definitions, secondary indexes and billing, and no tags. A snapshot
 * taken before indexes were served holds none, and restores a table without them.
 */
public final class DynamoDbProvider implements ResourceProvider {
    private final DynamoDbService dynamoDb;

    public DynamoDbProvider(DynamoDbService dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @Override
    public String resourceType() {
        return "DynamoDB";
    }

    @Override
    public boolean owns(String arn) {
        return arn != null && arn.startsWith("arn:aws:dynamodb:") && arn.contains(":table/")
                && !arn.contains("/backup/") && !arn.contains("/stream/") && !arn.contains("/index/");
    }

    @Override
    public List<ProtectedResource> list(Tx tx, String accountId, String region) {
        return dynamoDb.listAll(tx, accountId, region).stream().map(t -> resource(tx, t)).toList();
    }

    /** Without the size, which DynamoDB knows only by reading every item of the table. */
    @Override
    public List<ProtectedResource> inventory(Tx tx, String accountId, String region) {
        return dynamoDb.listAll(tx, accountId, region).stream().map(t -> new ProtectedResource(t.arn(),
                resourceType(), t.accountId(), t.region(), t.name(), t.tags(), t.created(), 0)).toList();
    }

    @Override
    public Optional<ProtectedResource> describe(Tx tx, String arn) {
        return table(tx, arn).map(t -> resource(tx, t));
    }

    /** Without the size: a backup job checks its table as it starts, and the size is a read of every item. */
    @Override
    public Optional<ProtectedResource> find(Tx tx, String arn) {
        return table(tx, arn).map(t -> new ProtectedResource(t.arn(), resourceType(), t.accountId(), t.region(),
                t.name(), t.tags(), t.created(), 0));
    }

    @Override
    public void tag(Tx tx, String arn, Map<String, String> tags) {
        String[] parts = arn.split(":", 6);
        dynamoDb.tagResource(tx, parts[4], parts[3], arn, tags);
    }

    @Override
    public void untag(Tx tx, String arn, List<String> keys) {
        String[] parts = arn.split(":", 6);
        dynamoDb.untagResource(tx, parts[4], parts[3], arn, keys);
    }

    /** The restored table goes with its items; one already gone counts as deleted. */
    @Override
    public boolean deleteRestored(Tx tx, String arn) {
        table(tx, arn).ifPresent(t -> dynamoDb.deleteTable(tx, t.accountId(), t.region(), t.name()));
        return true;
    }

    @Override
    public Snapshot snapshot(Tx tx, String arn) {
        Table table = table(tx, arn).orElseThrow(DynamoDbErrors::resourceNotFound);
        byte[] data = DynamoDbCodecs.snapshot(new DynamoDbCodecs.TableData(table, dynamoDb.allItems(tx, table)));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("originalTableName", table.name());
        metadata.put("encryptionType", "Default");
        return new Snapshot(SnapshotData.of(data), metadata, table.tags());
    }

    @Override
    public ProtectedResource restore(Tx tx, String accountId, String region, Snapshot snapshot,
                                     Map<String, String> metadata) {
        String target = null;
        for (var e : metadata.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals("targettablename")) {
                target = e.getValue();
            }
        }
        if (target == null || target.isBlank()) {
            throw new RestoreRejected("Restore metadata is missing the required key targetTableName.");
        }
        try {
            TableValidation.tableName(target, "targetTableName");
        } catch (io.strongroom.kernel.ServiceException e) {
            throw new RestoreRejected(e.getMessage());
        }
        DynamoDbCodecs.TableData data = DynamoDbCodecs.snapshot(snapshot.data().readAllBytes());
        Table restored = dynamoDb.restoreTable(tx, data.table(), data.items(), accountId, region, target);
        return resource(tx, restored);
    }

    private Optional<Table> table(Tx tx, String arn) {
        if (!owns(arn)) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6) {
            return Optional.empty();
        }
        return dynamoDb.findTable(tx, parts[4], parts[3], parts[5].substring("table/".length()));
    }

    private ProtectedResource resource(Tx tx, Table t) {
        TableDescription d = dynamoDb.describe(tx, t, "ACTIVE");
        return new ProtectedResource(t.arn(), resourceType(), t.accountId(), t.region(), t.name(), t.tags(),
                t.created(), d.sizeBytes());
    }
}
