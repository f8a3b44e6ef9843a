package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.dynamodb.expression.Condition;
import io.strongroom.dynamodb.expression.Evaluator;
import io.strongroom.dynamodb.expression.ExpressionAttributes;
import io.strongroom.dynamodb.expression.ExpressionParser;
import io.strongroom.dynamodb.expression.Path;
import io.strongroom.resource.Inventories;
import io.strongroom.storage.Collection;
import io.strongroom.storage.RememberingCodec;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;
import io.strongroom.storage.WatchedCollection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * DynamoDB's tables and items, kept in the Strongroom store: tables in {@code dynamodb.tables} under
 * {@code <account>/<region>/<name>}, items in {@code dynamodb.items} under the order-preserving keys of
 * {@link KeyEncoding}.
 */
public final class DynamoDbService {
    static final String ITEMS = "dynamodb.items";
    private static final int PAGE = 500;

    // Every backup of a table reads it several times (describe, tags, its resource policy); every write of a
    // table moves its account's inventory generation (D71). Items are not tables: their writes move nothing.
    private final WatchedCollection<Table> tables = Inventories.collection("dynamodb.tables",
            new RememberingCodec<>(DynamoDbCodecs.TABLE, 32_768), Table::accountId, Table::region);
    private final Collection<Map<String, AttributeValue>> items = new Collection<>(ITEMS, DynamoDbCodecs.ITEM);
    private final Clock clock;
    private final Function<Tx, String> tableIds;
    private final ItemStatistics statistics;
    private final TransactWrites transactWrites;
    private final TransactGets transactGets;
    private final BatchItems batches = new BatchItems(this);
    private final TimeToLiveSweep timeToLiveSweep;
    private final TableSettingsService settings;
    private final ItemHistory history = new ItemHistory();
    private final PointInTimeRestore pointInTimeRestore;

    /** @param tableIds hands out TableIds (UUIDs) from the server's seeded generator */
    public DynamoDbService(Clock clock, Function<Tx, String> tableIds) {
        this.clock = clock;
        this.tableIds = tableIds;
        this.statistics = new ItemStatistics(clock);
        this.transactWrites = new TransactWrites(this, clock);
        this.transactGets = new TransactGets(this);
        this.timeToLiveSweep = new TimeToLiveSweep(this, clock);
        this.settings = new TableSettingsService(this, timeToLiveSweep, history, clock);
        this.pointInTimeRestore = new PointInTimeRestore(this, settings, history, clock);
    }

    /** The tables' point-in-time recovery and time-to-live settings (D110). */
    public TableSettingsService settings() {
        return settings;
    }

    /** The timer work that deletes expired items ({@link TimeToLiveSweep#TIMER}), for the server's clock. */
    public TimeToLiveSweep timeToLiveSweep() {
        return timeToLiveSweep;
    }

    private static String tableKey(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    /**
     * Whether the table's writes are kept in its item history: while its point-in-time recovery is enabled (D121).
     * The table record says (D134); only a table stored before it carried the flag costs a read of its settings.
     */
    boolean keepsHistory(Tx tx, Table table) {
        if (table.pointInTimeRecovery() != null) {
            return table.pointInTimeRecovery();
        }
        return settings.pointInTimeRecovery(tx, table).enabled();
    }

    /** Records the table's point-in-time recovery with it, so its item writes need not read the settings (D134). */
    void recordPointInTimeRecovery(Tx tx, Table table, boolean enabled) {
        if (!Boolean.valueOf(enabled).equals(table.pointInTimeRecovery())) {
            tables.put(tx, tableKey(table.accountId(), table.region(), table.name()),
                    table.withPointInTimeRecovery(enabled));
        }
    }

    /** Keeps the item as it was before a write now, in the write's transaction (D121). */
    void remember(Tx tx, Table table, String storeKey, Map<String, AttributeValue> before) {
        history.record(tx, table, storeKey, before, Instant.now(clock));
    }

    private void rememberIfKept(Tx tx, Table table, String storeKey, Map<String, AttributeValue> before) {
        if (keepsHistory(tx, table)) {
            remember(tx, table, storeKey, before);
        }
    }

    /** RestoreTableToPointInTime (D121). */
    public TableDescription restoreTableToPointInTime(Tx tx, String account, String region,
                                                      Inputs.RestoreToPointInTime in) {
        return pointInTimeRestore.restore(tx, account, region, in);
    }

    // ---- tables

    public TableDescription createTable(Tx tx, String account, String region, Inputs.CreateTable in) {
        Table table = TableValidation.validate(in, account, region, tableIds.apply(tx), Instant.now(clock));
        String key = tableKey(account, region, table.name());
        if (tables.get(tx, key).isPresent()) {
            throw DynamoDbErrors.tableExists(table.name());
        }
        tables.put(tx, key, table, Tx.ABSENT);
        return new TableDescription(table, "ACTIVE", 0, 0, Map.of(), table.created());
    }

    /**
     * UpdateTable (D115): the request's own checks, then the table's, then the change, in effect at once; the
     * answer describes the table as the change left it.
     */
    public TableDescription updateTable(Tx tx, String account, String region, Inputs.UpdateTable in) {
        UpdateTableValidation.request(in);
        Table table = findTable(tx, account, region, in.tableName())
                .orElseThrow(() -> DynamoDbErrors.tableNotFound(in.tableName()));
        Table updated = TableUpdate.apply(table, in, Instant.now(clock));
        tables.put(tx, tableKey(account, region, table.name()), updated);
        return describe(tx, updated, "ACTIVE");
    }

    public Optional<Table> findTable(Tx tx, String account, String region, String name) {
        return name == null ? Optional.empty() : tables.get(tx, tableKey(account, region, name));
    }

    public Table table(Tx tx, String account, String region, String name) {
        return table(tx, account, region, name, "tableName");
    }

    /** The table an item call names, its name checked as the request member {@code member}. */
    Table table(Tx tx, String account, String region, String name, String member) {
        TableValidation.tableName(name, member);
        return findTable(tx, account, region, name).orElseThrow(DynamoDbErrors::resourceNotFound);
    }

    public TableDescription describeTable(Tx tx, String account, String region, String name) {
        TableValidation.tableName(name);
        Table table = findTable(tx, account, region, name).orElseThrow(() -> DynamoDbErrors.tableNotFound(name));
        return describe(tx, table, "ACTIVE");
    }

    /** The table with its item count and size as AWS reports them: refreshed every six hours (D90). */
    TableDescription describe(Tx tx, Table table, String status) {
        ItemStatistics.Counted counted = statistics.of(tx, table);
        return new TableDescription(table, status, counted.items(), counted.bytes(), counted.indexes(),
                Instant.now(clock));
    }

    public List<Table> listAll(Tx tx, String account, String region) {
        return tables.list(tx, account + "/" + region + "/");
    }

    /** ListTables: names after {@code exclusiveStart}, at most {@code limit}; the last name when more remain. */
    public record TableNames(List<String> names, String lastEvaluated) {
    }

    public TableNames listTables(Tx tx, String account, String region, String exclusiveStart, Integer limit) {
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > 100) {
            throw DynamoDbErrors.constraint(String.valueOf(max), "limit", max < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 100");
        }
        if (exclusiveStart != null) {
            TableValidation.tableName(exclusiveStart, "exclusiveStartTableName");
        }
        String prefix = account + "/" + region + "/";
        ScanPage page = tx.scan(new ScanQuery("dynamodb.tables", prefix,
                exclusiveStart == null ? null : prefix + exclusiveStart, max, false));
        List<String> names = page.records().stream().map(r -> r.key().substring(prefix.length())).toList();
        return new TableNames(names, page.lastKey() == null ? null : names.get(names.size() - 1));
    }

    public TableDescription deleteTable(Tx tx, String account, String region, String name) {
        TableValidation.tableName(name);
        Table table = findTable(tx, account, region, name).orElseThrow(() -> DynamoDbErrors.tableNotFound(name));
        if (table.deletionProtection()) {
            throw DynamoDbErrors.deletionProtected(table.arn());
        }
        TableDescription description = describe(tx, table, "DELETING");
        deleteItems(tx, table);
        settings.forget(tx, table);
        tables.delete(tx, tableKey(account, region, name));
        statistics.forget(table);
        return description;
    }

    private void deleteItems(Tx tx, Table table) {
        tx.deleteAll(ITEMS, KeyEncoding.tablePrefix(table.tableId()));
    }

    // ---- tags

    /** The table an ARN names, in the caller's account and region. */
    public Table tableByArn(Tx tx, String account, String region, String arn) {
        String prefix = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
        if (arn == null || !arn.startsWith("arn:aws:dynamodb:") || !arn.contains(":table/")) {
            throw DynamoDbErrors.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        if (!arn.startsWith(prefix)) {
            throw DynamoDbErrors.arnNotFound(arn);
        }
        return findTable(tx, account, region, arn.substring(prefix.length()))
                .orElseThrow(() -> DynamoDbErrors.arnNotFound(arn));
    }

    public void tagResource(Tx tx, String account, String region, String arn, Map<String, String> tags) {
        Table table = tableByArn(tx, account, region, arn);
        TableValidation.tags(tags);
        Map<String, String> merged = new TreeMap<>(table.tags());
        merged.putAll(tags);
        if (merged.size() > 50) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: The number of tags exceeds "
                    + "the limit of 50");
        }
        tables.put(tx, tableKey(account, region, table.name()), table.withTags(merged));
    }

    public void untagResource(Tx tx, String account, String region, String arn, List<String> keys) {
        Table table = tableByArn(tx, account, region, arn);
        Map<String, String> rest = new TreeMap<>(table.tags());
        keys.forEach(rest::remove);
        tables.put(tx, tableKey(account, region, table.name()), table.withTags(rest));
    }

    public Map<String, String> listTags(Tx tx, String account, String region, String arn) {
        return tableByArn(tx, account, region, arn).tags();
    }

    // ---- items

    /** The item before and after a write (either may be null), for ReturnValues. */
    public record Change(Map<String, AttributeValue> before, Map<String, AttributeValue> after, Set<String> updated) {
    }

    public Change putItem(Tx tx, String account, String region, String tableName, Map<String, AttributeValue> item,
                          Inputs.Conditional condition) {
        Table table = table(tx, account, region, tableName);
        ItemValidation.item(table, item);
        WriteExpressions expressions = WriteExpressions.condition(condition);
        String key = KeyEncoding.itemKey(table, item);
        Map<String, AttributeValue> before = items.get(tx, key).orElse(null);
        check(expressions, before);
        rememberIfKept(tx, table, key, before);
        items.put(tx, key, item);
        return new Change(before, item, item.keySet());
    }

    public Optional<Map<String, AttributeValue>> getItem(Tx tx, String account, String region, String tableName,
                                                         Map<String, AttributeValue> key, String projection,
                                                         ExpressionAttributes attributes) {
        Table table = table(tx, account, region, tableName);
        ItemValidation.key(table, key);
        List<Path> paths = projection == null ? null : ExpressionParser.projection(projection, attributes);
        attributes.requireAllUsed();
        return items.get(tx, KeyEncoding.itemKey(table, key)).map(i -> paths == null ? i : Evaluator.project(i, paths));
    }

    public Change deleteItem(Tx tx, String account, String region, String tableName, Map<String, AttributeValue> key,
                             Inputs.Conditional condition) {
        Table table = table(tx, account, region, tableName);
        ItemValidation.key(table, key);
        WriteExpressions expressions = WriteExpressions.condition(condition);
        String storeKey = KeyEncoding.itemKey(table, key);
        Map<String, AttributeValue> before = items.get(tx, storeKey).orElse(null);
        check(expressions, before);
        if (before != null) {
            rememberIfKept(tx, table, storeKey, before);
            items.delete(tx, storeKey);
        }
        return new Change(before, null, Set.of());
    }

    public Change updateItem(Tx tx, String account, String region, String tableName, Map<String, AttributeValue> key,
                             String updateExpression, Inputs.Conditional condition) {
        Table table = table(tx, account, region, tableName);
        ItemValidation.key(table, key);
        WriteExpressions expressions = WriteExpressions.update(table, updateExpression, condition);
        String storeKey = KeyEncoding.itemKey(table, key);
        Map<String, AttributeValue> before = items.get(tx, storeKey).orElse(null);
        check(expressions, before);
        Map<String, AttributeValue> start = before != null ? before : new LinkedHashMap<>(key);
        Map<String, AttributeValue> after = Evaluator.apply(expressions.update(), start);
        ItemValidation.indexKeys(table, after);
        ItemValidation.size(after);
        rememberIfKept(tx, table, storeKey, before);
        items.put(tx, storeKey, after);
        Set<String> updated = new HashSet<>();
        expressions.update().paths().forEach(p -> updated.add(p.topLevel()));
        return new Change(before, after, updated);
    }

    private static void check(WriteExpressions expressions, Map<String, AttributeValue> item) {
        if (!expressions.allows(item)) {
            throw DynamoDbErrors.conditionalCheckFailed();
        }
    }

    // ---- query and scan

    public ItemPage query(Tx tx, String account, String region, Inputs.Read in) {
        Table table = table(tx, account, region, in.tableName());
        SecondaryIndex index = index(table, in);
        if (in.keyConditionExpression() == null) {
            throw DynamoDbErrors.validation("Either the KeyConditions or KeyConditionExpression parameter must be "
                    + "specified in the request.");
        }
        Condition keyCondition = ExpressionParser.condition(in.keyConditionExpression(), "KeyConditionExpression",
                in.attributes());
        if (index != null) {
            KeyRange range = KeyRange.of(index.keySchema(table), keyCondition);
            ReadParts parts = ReadParts.of(table, index, in);
            // A local index shares the table's partition key: only that partition's items can be its entries.
            List<Map<String, AttributeValue>> candidates = index.global() ? allItems(tx, table)
                    : items.list(tx, KeyEncoding.partitionPrefix(table, range.partition()));
            return IndexReads.read(candidates, parts, range, in.forward(), in.exclusiveStartKey());
        }
        KeyRange range = KeyRange.of(table, keyCondition);
        return read(tx, table, in, range);
    }

    public ItemPage scan(Tx tx, String account, String region, Inputs.Read in) {
        Table table = table(tx, account, region, in.tableName());
        SecondaryIndex index = index(table, in);
        if (index != null) {
            ReadParts parts = ReadParts.of(table, index, in);
            return IndexReads.read(allItems(tx, table), parts, KeyRange.whole(index.keySchema(table)), true,
                    in.exclusiveStartKey());
        }
        return read(tx, table, in, KeyRange.whole(table));
    }

    /** The index a read names (null: none), which must exist and, when global, be read eventually consistent. */
    private static SecondaryIndex index(Table table, Inputs.Read in) {
        if (in.indexName() == null) {
            return null;
        }
        SecondaryIndex index = table.index(in.indexName())
                .orElseThrow(() -> DynamoDbErrors.noSuchIndex(in.indexName()));
        if (index.global() && in.consistentRead()) {
            throw DynamoDbErrors.validation("Consistent reads are not supported on global secondary indexes");
        }
        return index;
    }

    private ItemPage read(Tx tx, Table table, Inputs.Read in, KeyRange range) {
        ReadParts parts = ReadParts.of(table, null, in);
        String lower = range.lowerExclusive();
        String upper = range.upperExclusive();
        if (in.exclusiveStartKey() != null) {
            String start = range.startKey(table, in.exclusiveStartKey());
            if (in.forward()) {
                lower = lower == null || start.compareTo(lower) > 0 ? start : lower;
            } else {
                upper = upper == null || start.compareTo(upper) < 0 ? start : upper;
            }
        }
        int limit = parts.limit();
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        int scanned = 0;
        Map<String, AttributeValue> last = null;
        String cursor = in.forward() ? lower : upper;
        boolean more = true;
        while (more && scanned < limit) {
            ScanPage page = tx.scan(new ScanQuery(ITEMS, range.prefix(), cursor, Math.min(PAGE, limit - scanned),
                    !in.forward()));
            for (StoredRecord r : page.records()) {
                if (in.forward() ? upper != null && r.key().compareTo(upper) >= 0
                        : lower != null && r.key().compareTo(lower) <= 0) {
                    more = false;
                    break;
                }
                Map<String, AttributeValue> item = DynamoDbCodecs.ITEM.decode(r.value());
                scanned++;
                last = item;
                if (parts.matches(item)) {
                    out.add(parts.shown(item));
                }
                cursor = r.key();
            }
            if (page.lastKey() == null) {
                more = false;
            }
        }
        Map<String, AttributeValue> lastKey = null;
        if (scanned == limit && last != null) {
            lastKey = new LinkedHashMap<>();
            for (KeyAttribute k : table.keys()) {
                lastKey.put(k.name(), last.get(k.name()));
            }
        }
        return new ItemPage(parts.counts() ? List.of() : out, out.size(), scanned, lastKey);
    }

    // ---- batches

    public void batchWriteItem(Tx tx, String account, String region,
                               Map<String, List<Inputs.WriteRequest>> requests) {
        batches.write(tx, account, region, requests);
    }

    public Map<String, List<Map<String, AttributeValue>>> batchGetItem(
            Tx tx, String account, String region, Map<String, Inputs.KeysAndAttributes> requests) {
        return batches.get(tx, account, region, requests);
    }

    // ---- transactions

    /** All the actions or none; the capacity they used. @throws TransactionCanceled when any would not do */
    public List<TableCapacity> transactWriteItems(Tx tx, String account, String region, Inputs.TransactWrite in) {
        return transactWrites.write(tx, account, region, in);
    }

    public TransactGetResult transactGetItems(Tx tx, String account, String region,
                                              List<Inputs.TransactGetItem> in) {
        return transactGets.get(tx, account, region, in);
    }

    // ---- snapshot and restore (for DynamoDbProvider)

    List<Map<String, AttributeValue>> allItems(Tx tx, Table table) {
        return items.list(tx, KeyEncoding.tablePrefix(table.tableId()));
    }

    /** An AWS Backup restore: its RestoreSummary names the source table and the time of the restore (D135). */
    Table restoreTable(Tx tx, Table source, List<Map<String, AttributeValue>> data, String account, String region,
                       String name) {
        return restoreTable(tx, source, data, account, region, name,
                new Table.Restored(source.arn(), null, Instant.now(clock)));
    }

    /**
     * A new table with the source's definition and the items given, without point-in-time recovery of its own.
     *
     * @param summary what its RestoreSummary reports
     */
    Table restoreTable(Tx tx, Table source, List<Map<String, AttributeValue>> data, String account, String region,
                       String name, Table.Restored summary) {
        String key = tableKey(account, region, name);
        if (tables.get(tx, key).isPresent()) {
            throw new io.strongroom.resource.ResourceProvider.RestoreRejected("Table already exists: " + name);
        }
        Instant now = Instant.now(clock);
        // A restored table is a new one: its class is the source's, but UpdateTable never changed it (D115).
        Table restored = new Table(account, region, name, tableIds.apply(tx), source.hashKey(), source.rangeKey(),
                source.attributeDefinitions(), source.billingMode(), source.readCapacity(), source.writeCapacity(),
                false, now, Map.of(), summary, source.indexes().stream()
                .map(i -> i.withThroughput(i.readCapacity(), i.writeCapacity(), ThroughputHistory.NONE)).toList(),
                source.tableClass(), TableHistory.NONE, false);
        tables.put(tx, key, restored, Tx.ABSENT);
        data.forEach(i -> items.put(tx, KeyEncoding.itemKey(restored, i), i));
        return restored;
    }
}
