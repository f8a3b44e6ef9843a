package io.strongroom.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UpdateTable against the table as it is (D115): the checks that need the table, in this order, then the table as
 * the request leaves it. Pure: the caller stores the result. Every change takes effect at once, as tables are ACTIVE
 * on creation here: no UPDATING, and a new global index is ACTIVE at once, since its reads go through the table's
 * items (D109) and so need no backfill.
 */
final class TableUpdate {
    private final Table table;
    private final Inputs.UpdateTable in;
    private final Instant now;
    private final List<Inputs.GlobalIndexUpdate> updates;
    private final String billing;

    private TableUpdate(Table table, Inputs.UpdateTable in, Instant now) {
        this.table = table;
        this.in = in;
        this.now = now;
        this.updates = in.globalIndexUpdates() == null ? List.of() : in.globalIndexUpdates();
        this.billing = in.billingMode() == null ? table.billingMode() : in.billingMode();
    }

    /** The table as the request leaves it. The request has passed {@link UpdateTableValidation#request}. */
    static Table apply(Table table, Inputs.UpdateTable in, Instant now) {
        return new TableUpdate(table, in, now).apply();
    }

    private Table apply() {
        if (updates.stream().filter(UpdateTableValidation::createsOrDeletes).count() > 1) {
            throw DynamoDbErrors.oneOnlineIndex();
        }
        if (in.sse() != null) {
            throw Boolean.TRUE.equals(in.sse().enabled())
                    ? DynamoDbErrors.unserved("server-side encryption with a KMS key (SSESpecification Enabled): "
                    + "every table is encrypted at rest with an AWS owned key")
                    : DynamoDbErrors.invalidParameter("Table is already encrypted by default");
        }
        if (in.stream() != null) {
            throw in.stream().streamEnabled()
                    ? DynamoDbErrors.unserved("DynamoDB Streams (StreamSpecification): no table has a stream")
                    : DynamoDbErrors.validation("Table has no stream to disable: TableName: " + table.name());
        }
        if (in.tableClass() != null) {
            table.history().nextTableClassUpdateAfter(now).ifPresent(next -> {
                throw DynamoDbErrors.tableClassUpdatesLimited();
            });
            return table.withTableClass(in.tableClass(), table.history().tableClassUpdated(now));
        }
        if (in.deletionProtection() != null) {
            return table.withDeletionProtection(in.deletionProtection());
        }
        return definition();
    }

    private boolean payPerRequest() {
        return billing.equals(Table.PAY_PER_REQUEST);
    }

    private boolean toPayPerRequest() {
        return payPerRequest() && !table.payPerRequest();
    }

    private boolean toProvisioned() {
        return !payPerRequest() && table.payPerRequest();
    }

    /** Billing mode, throughput and global indexes. */
    private Table definition() {
        Map<String, SecondaryIndex> indexes = new LinkedHashMap<>();
        table.indexes().forEach(i -> indexes.put(i.name(), i));
        for (Inputs.GlobalIndexUpdate u : updates) {
            if (u.create() != null) {
                continue;
            }
            String name = UpdateTableValidation.name(u);
            SecondaryIndex index = indexes.get(name);
            if (index == null) {
                throw DynamoDbErrors.indexNotFound(name, table.name());
            }
            if (!index.global()) {
                throw DynamoDbErrors.validation("Cannot " + (u.delete() != null ? "delete" : "update")
                        + " an index that is not a GlobalSecondaryIndex: " + name);
            }
        }
        tableThroughput();
        for (Inputs.GlobalIndexUpdate u : updates) {
            if (u.update() == null) {
                continue;
            }
            if (payPerRequest()) {
                throw DynamoDbErrors.invalidParameter("The only Updates for index: " + u.update().indexName()
                        + " when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput");
            }
            if (u.update().throughput() == null) {
                throw mustSpecify(u.update().indexName());
            }
        }
        Map<String, String> definitions = new LinkedHashMap<>(table.attributeDefinitions());
        for (Inputs.GlobalIndexUpdate u : updates) {
            if (u.delete() != null) {
                indexes.remove(u.delete().indexName());
            }
        }
        prune(definitions, indexes.values());
        for (Inputs.GlobalIndexUpdate u : updates) {
            if (u.create() != null) {
                SecondaryIndex created = create(u.create(), definitions, indexes);
                indexes.put(created.name(), created);
                created.keys().forEach(k -> definitions.put(k.name(), k.type()));
            }
        }
        // No index is created or deleted here: that never shares a call with the table's throughput.
        if (toProvisioned()) {
            for (SecondaryIndex index : indexes.values()) {
                if (index.global() && updates.stream().noneMatch(u -> u.update() != null
                        && u.update().indexName().equals(index.name()))) {
                    throw mustSpecify(index.name());
                }
            }
        }
        return changed(indexes, definitions);
    }

    private static RuntimeException mustSpecify(String index) {
        return DynamoDbErrors.invalidParameter("ProvisionedThroughput must be specified for index: " + index);
    }

    /** The table's own ProvisionedThroughput against the billing mode it will have. */
    private void tableThroughput() {
        if (payPerRequest()) {
            if (in.throughput() != null) {
                throw DynamoDbErrors.invalidParameter(in.billingMode() != null
                        ? "ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST"
                        : "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                        + "PAY_PER_REQUEST");
            }
            return;
        }
        if (in.throughput() == null && in.billingMode() != null) {
            throw DynamoDbErrors.invalidParameter("ProvisionedThroughput must be specified when BillingMode is "
                    + "PROVISIONED");
        }
    }

    /** A global index a Create defines, against the table and the indexes it keeps. */
    private SecondaryIndex create(Inputs.IndexDefinition c, Map<String, String> definitions,
                                  Map<String, SecondaryIndex> indexes) {
        if (in.attributeDefinitions() == null) {
            throw DynamoDbErrors.invalidParameter("AttributeDefinitions is not specified for index: "
                    + c.indexName());
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (Inputs.AttributeDefinition d : in.attributeDefinitions()) {
            if (types.put(d.attributeName(), d.attributeType()) != null) {
                throw DynamoDbErrors.validation("Cannot have two attributes with the same name");
            }
        }
        if (!c.keySchema().stream().allMatch(k -> types.containsKey(k.attributeName()))) {
            throw DynamoDbErrors.validation("Invalid KeySchema: Some index key attribute have no definition");
        }
        SecondaryIndex index = IndexValidation.shape(c, true, types, table.hashKey());
        if (indexes.containsKey(c.indexName())) {
            throw DynamoDbErrors.validation("Attempting to create an index which already exists");
        }
        for (KeyAttribute k : index.keys()) {
            String defined = definitions.get(k.name());
            if (defined != null && !defined.equals(k.type())) {
                throw DynamoDbErrors.invalidParameter("Attributes cannot be redefined. Please check that your "
                        + "attribute has the same type as previously defined. Existing schema: "
                        + schema(schemaUsing(k.name(), indexes)) + " New schema: " + schema(index.keys()));
            }
        }
        if (payPerRequest()) {
            if (c.throughput()) {
                throw DynamoDbErrors.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified for index: " + c.indexName() + " when BillingMode is PAY_PER_REQUEST");
            }
        } else if (!c.throughput()) {
            throw DynamoDbErrors.invalidParameter("Both ReadCapacityUnits and WriteCapacityUnits must be specified "
                    + "for index: " + c.indexName());
        }
        long globals = indexes.values().stream().filter(SecondaryIndex::global).count();
        if (globals + 1 > IndexValidation.MAX_GLOBAL) {
            throw DynamoDbErrors.limitExceeded("Number of global secondary indexes exceeds per-table limit of "
                    + IndexValidation.MAX_GLOBAL);
        }
        int projected = index.nonKeyAttributes().size()
                + indexes.values().stream().mapToInt(i -> i.nonKeyAttributes().size()).sum();
        if (projected > IndexValidation.MAX_PROJECTED) {
            throw DynamoDbErrors.invalidParameter("Number of projected attributes in all indexes exceeds limit of "
                    + IndexValidation.MAX_PROJECTED);
        }
        return payPerRequest() ? index : index.withThroughput(c.readCapacity(), c.writeCapacity(),
                ThroughputHistory.NONE);
    }

    /** The key schema that declared an attribute: the table's, else the first index's using it. */
    private List<KeyAttribute> schemaUsing(String attribute, Map<String, SecondaryIndex> indexes) {
        if (table.keys().stream().anyMatch(k -> k.name().equals(attribute))) {
            return table.keys();
        }
        return indexes.values().stream().map(SecondaryIndex::keys)
                .filter(keys -> keys.stream().anyMatch(k -> k.name().equals(attribute))).findFirst()
                .orElse(List.of());
    }

    /** A key schema as AWS's redefinition refusal prints one. */
    private static String schema(List<KeyAttribute> keys) {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            elements.add("SchemaElement: key{" + keys.get(i).name() + ":" + keys.get(i).type() + ":"
                    + (i == 0 ? "HASH" : "RANGE") + "}");
        }
        return "Schema:[" + String.join(", ", elements) + "]";
    }

    /** A deleted index's key attributes are no longer defined, unless another key still uses them. */
    private void prune(Map<String, String> definitions, Collection<SecondaryIndex> kept) {
        Set<String> used = new LinkedHashSet<>();
        table.keys().forEach(k -> used.add(k.name()));
        kept.forEach(i -> i.keys().forEach(k -> used.add(k.name())));
        definitions.keySet().retainAll(used);
    }

    /** The quotas, then the table with the changes; nothing is changed unless every check passes. */
    private Table changed(Map<String, SecondaryIndex> indexes, Map<String, String> definitions) {
        boolean changedThroughput = false;
        long read = payPerRequest() ? 0 : table.readCapacity();
        long write = payPerRequest() ? 0 : table.writeCapacity();
        ThroughputHistory tableHistory = table.history().throughput();
        if (in.throughput() != null) {
            read = in.throughput().readCapacity();
            write = in.throughput().writeCapacity();
            if (!toProvisioned()) {
                if (read == table.readCapacity() && write == table.writeCapacity()) {
                    throw DynamoDbErrors.throughputUnchanged(null, read, write);
                }
                if (read < table.readCapacity() || write < table.writeCapacity()) {
                    tableHistory.checkDecrease(now);
                }
                tableHistory = tableHistory.change(table.readCapacity(), table.writeCapacity(), read, write, now);
            }
            changedThroughput = true;
        }
        for (Inputs.GlobalIndexUpdate u : updates) {
            if (u.update() == null) {
                continue;
            }
            SecondaryIndex index = indexes.get(u.update().indexName());
            long r = u.update().throughput().readCapacity();
            long w = u.update().throughput().writeCapacity();
            ThroughputHistory history = index.throughputHistory();
            if (!toProvisioned()) {
                if (r == index.readCapacity() && w == index.writeCapacity()) {
                    throw DynamoDbErrors.throughputUnchanged(index.name(), r, w);
                }
                if (r < index.readCapacity() || w < index.writeCapacity()) {
                    history.checkDecrease(now);
                }
                history = history.change(index.readCapacity(), index.writeCapacity(), r, w, now);
            }
            indexes.put(index.name(), index.withThroughput(r, w, history));
            changedThroughput = true;
        }
        TableHistory history = table.history().withThroughput(tableHistory);
        if (toPayPerRequest()) {
            TableHistory before = table.history();
            before.nextSwitchToPayPerRequestAfter(now).ifPresent(next -> {
                throw DynamoDbErrors.switchesToPayPerRequestLimited(before.switchesToPayPerRequest()
                        .get(before.switchesToPayPerRequest().size() - 1), next);
            });
            history = history.switchedToPayPerRequest(now);
            indexes.replaceAll((name, i) -> i.global() ? i.withThroughput(0, 0, i.throughputHistory()) : i);
        }
        if (toProvisioned() && history.lastUpdateToPayPerRequest() == null) {
            history = history.payPerRequestSince(table.lastUpdateToPayPerRequest());
        }
        boolean changedIndexes = !updates.isEmpty();
        if (changedThroughput || changedIndexes || !billing.equals(table.billingMode())) {
            history = history.definitionChanged(now);
        }
        return table.withDefinition(billing, read, write, definitions, List.copyOf(indexes.values()), history);
    }
}
