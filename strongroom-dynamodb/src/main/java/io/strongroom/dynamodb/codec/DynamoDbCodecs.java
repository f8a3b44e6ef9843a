package io.strongroom.dynamodb.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.dynamodb.AttributeValue;
import io.strongroom.dynamodb.ItemHistory;
import io.strongroom.dynamodb.KeyAttribute;
import io.strongroom.dynamodb.SecondaryIndex;
import io.strongroom.dynamodb.PointInTimeRecovery;
import io.strongroom.dynamodb.Table;
import io.strongroom.dynamodb.TableHistory;
import io.strongroom.dynamodb.TableSettings;
import io.strongroom.dynamodb.ThroughputHistory;
import io.strongroom.dynamodb.TimeToLive;
import io.strongroom.dynamodb.TimeToLiveSweep;
import io.strongroom.dynamodb.TransactionToken;
import io.strongroom.dynamodb.UserBackup;
import io.strongroom.storage.Codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored shapes of tables and items, each in a versioned envelope {@code {"v":1,"d":...}}, and the
 * snapshot format (the table's definition plus every item) the backup engine keeps.
 */
public final class DynamoDbCodecs {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int VERSION = 1;

    private DynamoDbCodecs() {
    }

    public static final Codec<Table> TABLE = new Codec<>() {
        @Override
        public byte[] encode(Table value) {
            return write(envelope(table(value)));
        }

        @Override
        public Table decode(byte[] bytes) {
            return table(open(bytes, "Table"));
        }
    };

    public static final Codec<Map<String, AttributeValue>> ITEM = new Codec<>() {
        @Override
        public byte[] encode(Map<String, AttributeValue> value) {
            return write(envelope(ItemJson.item(value)));
        }

        @Override
        public Map<String, AttributeValue> decode(byte[] bytes) {
            return ItemJson.item(open(bytes, "Item"));
        }
    };

    public static final Codec<TransactionToken> TRANSACTION_TOKEN = new Codec<>() {
        @Override
        public byte[] encode(TransactionToken value) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("fingerprint", value.fingerprint()).put("expires", value.expires().toString());
            return write(envelope(n));
        }

        @Override
        public TransactionToken decode(byte[] bytes) {
            JsonNode n = open(bytes, "TransactionToken");
            return new TransactionToken(n.get("fingerprint").asText(), Instant.parse(n.get("expires").asText()));
        }
    };

    /** A table's point-in-time recovery and time-to-live settings (D110); absent members are AWS's defaults. */
    public static final Codec<TableSettings> SETTINGS = new Codec<>() {
        @Override
        public byte[] encode(TableSettings value) {
            ObjectNode n = MAPPER.createObjectNode();
            PointInTimeRecovery pitr = value.pointInTimeRecovery();
            if (pitr.enabled()) {
                ObjectNode p = n.putObject("pointInTimeRecovery")
                        .put("recoveryPeriodInDays", pitr.recoveryPeriodInDays())
                        .put("enabledAt", pitr.enabledAt().toString());
                if (pitr.historyFrom() != null) {
                    p.put("historyFrom", pitr.historyFrom().toString());
                }
            }
            TimeToLive ttl = value.timeToLive();
            if (ttl.modifiedAt() != null) {
                ObjectNode t = n.putObject("timeToLive").put("modifiedAt", ttl.modifiedAt().toString());
                if (ttl.enabled()) {
                    t.put("attributeName", ttl.attributeName());
                }
            }
            return write(envelope(n));
        }

        @Override
        public TableSettings decode(byte[] bytes) {
            JsonNode n = open(bytes, "TableSettings");
            JsonNode p = n.get("pointInTimeRecovery");
            PointInTimeRecovery pitr = p == null ? PointInTimeRecovery.DISABLED : new PointInTimeRecovery(true,
                    p.get("recoveryPeriodInDays").asInt(), Instant.parse(p.get("enabledAt").asText()),
                    instant(p.get("historyFrom")));
            JsonNode t = n.get("timeToLive");
            TimeToLive ttl = t == null ? TimeToLive.NEVER_SET : new TimeToLive(t.hasNonNull("attributeName"),
                    t.hasNonNull("attributeName") ? t.get("attributeName").asText() : null,
                    Instant.parse(t.get("modifiedAt").asText()));
            return new TableSettings(pitr, ttl);
        }
    };

    /** Where a table's time-to-live sweep stands, as its timer's payload. */
    public static final Codec<TimeToLiveSweep.Pass> TTL_PASS = new Codec<>() {
        @Override
        public byte[] encode(TimeToLiveSweep.Pass value) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("tableId", value.tableId()).put("account", value.account()).put("region", value.region())
                    .put("name", value.name()).put("attributeName", value.attributeName())
                    .put("after", value.after());
            return write(envelope(n));
        }

        @Override
        public TimeToLiveSweep.Pass decode(byte[] bytes) {
            JsonNode n = open(bytes, "TimeToLiveSweep.Pass");
            return new TimeToLiveSweep.Pass(n.get("tableId").asText(), n.get("account").asText(),
                    n.get("region").asText(), n.get("name").asText(), n.get("attributeName").asText(),
                    n.get("after").asText());
        }
    };

    /** An item as it was before a write, kept while point-in-time recovery is enabled (D121); {} when absent. */
    public static final Codec<ItemHistory.Before> ITEM_BEFORE = new Codec<>() {
        @Override
        public byte[] encode(ItemHistory.Before value) {
            ObjectNode n = MAPPER.createObjectNode();
            if (value.item() != null) {
                n.set("item", ItemJson.item(value.item()));
            }
            return write(envelope(n));
        }

        @Override
        public ItemHistory.Before decode(byte[] bytes) {
            JsonNode n = open(bytes, "ItemHistory.Before");
            return new ItemHistory.Before(n.hasNonNull("item") ? ItemJson.item(n.get("item")) : null);
        }
    };

    /** Where a table's history trim stands, as its timer's payload (D121). */
    public static final Codec<ItemHistory.Trim> HISTORY_TRIM = new Codec<>() {
        @Override
        public byte[] encode(ItemHistory.Trim value) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("tableId", value.tableId()).put("account", value.account()).put("region", value.region())
                    .put("name", value.name());
            return write(envelope(n));
        }

        @Override
        public ItemHistory.Trim decode(byte[] bytes) {
            JsonNode n = open(bytes, "ItemHistory.Trim");
            return new ItemHistory.Trim(n.get("tableId").asText(), n.get("account").asText(),
                    n.get("region").asText(), n.get("name").asText());
        }
    };

    /** A backup CreateBackup made (D117); its items are stored apart, each as an {@link #ITEM}. */
    public static final Codec<UserBackup> USER_BACKUP = new Codec<>() {
        @Override
        public byte[] encode(UserBackup value) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("arn", value.arn()).put("name", value.name()).put("created", value.created().toString())
                    .put("itemCount", value.itemCount()).put("sizeBytes", value.sizeBytes());
            n.set("table", table(value.table()));
            return write(envelope(n));
        }

        @Override
        public UserBackup decode(byte[] bytes) {
            JsonNode n = open(bytes, "UserBackup");
            return new UserBackup(n.get("arn").asText(), n.get("name").asText(), table(n.get("table")),
                    Instant.parse(n.get("created").asText()), n.get("itemCount").asLong(),
                    n.get("sizeBytes").asLong());
        }
    };

    /** A table and its items, as one snapshot. */
    public record TableData(Table table, List<Map<String, AttributeValue>> items) {
    }

    public static byte[] snapshot(TableData data) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", VERSION);
        root.set("table", table(data.table()));
        var items = root.putArray("items");
        data.items().forEach(i -> items.add(ItemJson.item(i)));
        return write(root);
    }

    public static TableData snapshot(byte[] bytes) {
        JsonNode root = read(bytes);
        if (root.path("v").asInt() != VERSION) {
            throw new IllegalStateException("DynamoDB snapshot of format " + root.path("v").asInt()
                    + ", this server reads format " + VERSION);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        root.get("items").forEach(i -> items.add(ItemJson.item(i)));
        return new TableData(table(root.get("table")), items);
    }

    private static ObjectNode table(Table t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("accountId", t.accountId()).put("region", t.region()).put("name", t.name()).put("tableId", t.tableId());
        n.putObject("hashKey").put("name", t.hashKey().name()).put("type", t.hashKey().type());
        if (t.rangeKey() != null) {
            n.putObject("rangeKey").put("name", t.rangeKey().name()).put("type", t.rangeKey().type());
        }
        ObjectNode defs = n.putObject("attributeDefinitions");
        new TreeMap<>(t.attributeDefinitions()).forEach(defs::put);
        n.put("billingMode", t.billingMode()).put("readCapacity", t.readCapacity())
                .put("writeCapacity", t.writeCapacity()).put("deletionProtection", t.deletionProtection())
                .put("created", t.created().toString());
        ObjectNode tags = n.putObject("tags");
        t.tags().forEach(tags::put);
        if (t.restored() != null) {
            n.put("restoredFrom", t.restored().sourceTableArn())
                    .put("restoredAt", t.restored().restoreDateTime().toString());
            if (t.restored().sourceBackupArn() != null) {
                n.put("restoredFromBackup", t.restored().sourceBackupArn());
            }
        }
        if (!t.indexes().isEmpty()) {
            var indexes = n.putArray("indexes");
            t.indexes().forEach(i -> indexes.add(index(i)));
        }
        if (t.tableClass() != null) {
            n.put("tableClass", t.tableClass());
        }
        if (!t.history().equals(TableHistory.NONE)) {
            n.set("history", history(t.history()));
        }
        if (t.pointInTimeRecovery() != null) {
            n.put("pointInTimeRecovery", t.pointInTimeRecovery());
        }
        return n;
    }

    /** What UpdateTable changed (D115); absent from tables stored before it was served, and from unchanged ones. */
    private static ObjectNode history(TableHistory h) {
        ObjectNode n = MAPPER.createObjectNode();
        if (!h.throughput().equals(ThroughputHistory.NONE)) {
            n.set("throughput", throughput(h.throughput()));
        }
        if (h.lastUpdateToPayPerRequest() != null) {
            n.put("lastUpdateToPayPerRequest", h.lastUpdateToPayPerRequest().toString());
        }
        if (!h.switchesToPayPerRequest().isEmpty()) {
            var switches = n.putArray("switchesToPayPerRequest");
            h.switchesToPayPerRequest().forEach(i -> switches.add(i.toString()));
        }
        if (!h.tableClassUpdates().isEmpty()) {
            var updates = n.putArray("tableClassUpdates");
            h.tableClassUpdates().forEach(i -> updates.add(i.toString()));
        }
        if (h.definitionChanged() != null) {
            n.put("definitionChanged", h.definitionChanged().toString());
        }
        return n;
    }

    private static TableHistory history(JsonNode n) {
        if (n == null) {
            return TableHistory.NONE;
        }
        return new TableHistory(throughput(n.get("throughput")), instant(n.get("lastUpdateToPayPerRequest")),
                instants(n.get("switchesToPayPerRequest")), instants(n.get("tableClassUpdates")),
                instant(n.get("definitionChanged")));
    }

    private static ObjectNode throughput(ThroughputHistory h) {
        ObjectNode n = MAPPER.createObjectNode();
        if (h.lastIncrease() != null) {
            n.put("lastIncrease", h.lastIncrease().toString());
        }
        if (h.lastDecrease() != null) {
            n.put("lastDecrease", h.lastDecrease().toString()).put("decreasesThatDay", h.decreasesThatDay());
        }
        return n;
    }

    private static ThroughputHistory throughput(JsonNode n) {
        if (n == null) {
            return ThroughputHistory.NONE;
        }
        return new ThroughputHistory(instant(n.get("lastIncrease")), instant(n.get("lastDecrease")),
                n.path("decreasesThatDay").asInt());
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    private static List<Instant> instants(JsonNode n) {
        List<Instant> out = new ArrayList<>();
        if (n != null) {
            n.forEach(i -> out.add(Instant.parse(i.asText())));
        }
        return out;
    }

    private static ObjectNode index(SecondaryIndex i) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", i.name()).put("global", i.global());
        n.putObject("hashKey").put("name", i.hashKey().name()).put("type", i.hashKey().type());
        if (i.rangeKey() != null) {
            n.putObject("rangeKey").put("name", i.rangeKey().name()).put("type", i.rangeKey().type());
        }
        n.put("projectionType", i.projectionType());
        var nonKey = n.putArray("nonKeyAttributes");
        i.nonKeyAttributes().forEach(nonKey::add);
        n.put("readCapacity", i.readCapacity()).put("writeCapacity", i.writeCapacity());
        if (!i.throughputHistory().equals(ThroughputHistory.NONE)) {
            n.set("throughputHistory", throughput(i.throughputHistory()));
        }
        return n;
    }

    /**
     * Tables stored, and snapshots taken, before secondary indexes were served have no "indexes": none. Those
     * stored before UpdateTable was served have no "tableClass", "history" or "throughputHistory" (D115).
     */
    private static List<SecondaryIndex> indexes(JsonNode n) {
        List<SecondaryIndex> out = new ArrayList<>();
        n.path("indexes").forEach(i -> {
            List<String> nonKey = new ArrayList<>();
            i.path("nonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
            JsonNode range = i.get("rangeKey");
            out.add(new SecondaryIndex(i.get("name").asText(), i.get("global").asBoolean(), key(i.get("hashKey")),
                    range == null ? null : key(range), i.get("projectionType").asText(), nonKey,
                    i.get("readCapacity").asLong(), i.get("writeCapacity").asLong(),
                    throughput(i.get("throughputHistory"))));
        });
        return out;
    }

    private static Table table(JsonNode n) {
        Map<String, String> defs = new TreeMap<>();
        n.get("attributeDefinitions").fields().forEachRemaining(e -> defs.put(e.getKey(), e.getValue().asText()));
        Map<String, String> tags = new TreeMap<>();
        n.get("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        JsonNode range = n.get("rangeKey");
        return new Table(n.get("accountId").asText(), n.get("region").asText(), n.get("name").asText(),
                n.get("tableId").asText(), key(n.get("hashKey")), range == null ? null : key(range), defs,
                n.get("billingMode").asText(), n.get("readCapacity").asLong(), n.get("writeCapacity").asLong(),
                n.get("deletionProtection").asBoolean(), Instant.parse(n.get("created").asText()), tags,
                restored(n), indexes(n), n.hasNonNull("tableClass") ? n.get("tableClass").asText() : null,
                history(n.get("history")),
                n.hasNonNull("pointInTimeRecovery") ? n.get("pointInTimeRecovery").asBoolean() : null);
    }

    /** Tables restored before D135 have no "restoredFromBackup"; tables stored before D134 no "pointInTimeRecovery". */
    private static Table.Restored restored(JsonNode n) {
        if (!n.hasNonNull("restoredFrom")) {
            return null;
        }
        return new Table.Restored(n.get("restoredFrom").asText(),
                n.hasNonNull("restoredFromBackup") ? n.get("restoredFromBackup").asText() : null,
                Instant.parse(n.get("restoredAt").asText()));
    }

    private static KeyAttribute key(JsonNode n) {
        return new KeyAttribute(n.get("name").asText(), n.get("type").asText());
    }

    private static ObjectNode envelope(JsonNode data) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", VERSION);
        root.set("d", data);
        return root;
    }

    private static JsonNode open(byte[] bytes, String kind) {
        JsonNode root = read(bytes);
        int stored = root.path("v").asInt();
        if (stored != VERSION) {
            throw new IllegalStateException(kind + " stored at schema version " + stored + ", this server reads version "
                    + VERSION);
        }
        return root.get("d");
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
