package io.strongroom.dynamodb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The definition RestoreTableFromBackup gives the new table (D117): the backup's, changed by the request's overrides.
 * The index overrides choose which of the backup's indexes the table keeps (AWS: "The indexes provided should match
 * existing secondary indexes. You can choose to exclude some or all of the indexes"), a global one's throughput
 * taken from its entry; the billing mode and throughput overrides follow CreateTable's rules. The table class is
 * STANDARD: AWS says "Tables restored from backups are always created using the DynamoDB Standard table class".
 */
final class BackupRestore {
    static final List<String> BILLING_MODES = List.of(Table.PROVISIONED, Table.PAY_PER_REQUEST);

    private BackupRestore() {
    }

    /** The request's own checks, before the backup is looked up. */
    static void request(Inputs.RestoreFromBackup in) {
        TableValidation.tableName(in.targetTableName(), "targetTableName");
        if (in.billingModeOverride() != null && !BILLING_MODES.contains(in.billingModeOverride())) {
            throw DynamoDbErrors.constraint(in.billingModeOverride(), "billingModeOverride",
                    "Member must satisfy enum value set: " + BILLING_MODES);
        }
        capacity(in.readCapacityOverride(), "provisionedThroughputOverride.readCapacityUnits");
        capacity(in.writeCapacityOverride(), "provisionedThroughputOverride.writeCapacityUnits");
        if (in.sseEnabled() != null && in.sseEnabled() && !"AES256".equals(in.sseType())) {
            throw DynamoDbErrors.unserved("server-side encryption with a KMS key (SSESpecificationOverride): tables "
                    + "are encrypted with an AWS owned key");
        }
        if (!in.unserved().isEmpty()) {
            throw DynamoDbErrors.unserved(String.join(", ", in.unserved()));
        }
    }

    private static void capacity(Long value, String member) {
        if (value != null && value < 1) {
            throw DynamoDbErrors.constraint(String.valueOf(value), member,
                    "Member must have value greater than or equal to 1");
        }
    }

    /** The backed-up definition with the overrides; its account, Region and name are still the source table's. */
    static Table definition(Table source, Inputs.RestoreFromBackup in) {
        String billing = in.billingModeOverride() == null ? source.billingMode() : in.billingModeOverride();
        boolean provisioned = Table.PROVISIONED.equals(billing);
        boolean throughputGiven = in.readCapacityOverride() != null || in.writeCapacityOverride() != null;
        long read = 0;
        long write = 0;
        if (provisioned) {
            if (throughputGiven) {
                if (in.readCapacityOverride() == null || in.writeCapacityOverride() == null) {
                    throw DynamoDbErrors.invalidParameter("Both ReadCapacityUnits and WriteCapacityUnits must be "
                            + "specified");
                }
                read = in.readCapacityOverride();
                write = in.writeCapacityOverride();
            } else if (source.payPerRequest()) {
                throw DynamoDbErrors.validation("ProvisionedThroughputOverride must be specified when "
                        + "BillingModeOverride is PROVISIONED");
            } else {
                read = source.readCapacity();
                write = source.writeCapacity();
            }
        } else if (throughputGiven) {
            throw DynamoDbErrors.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                    + "specified when BillingMode is PAY_PER_REQUEST");
        }
        List<SecondaryIndex> indexes = new ArrayList<>();
        indexes.addAll(kept(source, false, in.localIndexOverride(), provisioned));
        indexes.addAll(kept(source, true, in.globalIndexOverride(), provisioned));
        return new Table(source.accountId(), source.region(), source.name(), source.tableId(), source.hashKey(),
                source.rangeKey(), definitions(source, indexes), billing, read, write, false, source.created(),
                Map.of(), null, indexes, null, TableHistory.NONE, false);
    }

    private static List<SecondaryIndex> kept(Table source, boolean global, List<Inputs.IndexOverride> override,
                                             boolean provisioned) {
        List<SecondaryIndex> backedUp = source.indexes().stream().filter(i -> i.global() == global).toList();
        List<SecondaryIndex> out = new ArrayList<>();
        if (override == null) {
            for (SecondaryIndex i : backedUp) {
                out.add(throughput(i, null, source, provisioned));
            }
            return out;
        }
        Set<String> named = new HashSet<>();
        for (Inputs.IndexOverride o : override) {
            SecondaryIndex index = backedUp.stream().filter(i -> i.name().equals(o.indexName())).findFirst()
                    .orElseThrow(() -> DynamoDbErrors.invalidParameter((global ? "Global" : "Local")
                            + " secondary index " + o.indexName() + " is not an index of the backup"));
            if (!named.add(o.indexName())) {
                throw DynamoDbErrors.invalidParameter("Duplicate index name: " + o.indexName());
            }
            if (o.keySchema() != null && !o.keySchema().isEmpty() && !keys(o.keySchema()).equals(keys(index))) {
                throw DynamoDbErrors.invalidParameter("The key schema of index " + o.indexName()
                        + " does not match the backup's");
            }
            out.add(throughput(index, o, source, provisioned));
        }
        return out;
    }

    private static SecondaryIndex throughput(SecondaryIndex index, Inputs.IndexOverride o, Table source,
                                             boolean provisioned) {
        boolean given = o != null && (o.readCapacity() != null || o.writeCapacity() != null);
        if (!index.global() || !provisioned) {
            if (given) {
                throw DynamoDbErrors.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified for index: " + index.name() + (index.global()
                        ? " when BillingMode is PAY_PER_REQUEST" : ""));
            }
            return index.withThroughput(0, 0, ThroughputHistory.NONE);
        }
        if (given) {
            if (o.readCapacity() == null || o.writeCapacity() == null || o.readCapacity() < 1
                    || o.writeCapacity() < 1) {
                throw DynamoDbErrors.invalidParameter("Both ReadCapacityUnits and WriteCapacityUnits must be "
                        + "specified for index: " + index.name());
            }
            return index.withThroughput(o.readCapacity(), o.writeCapacity(), ThroughputHistory.NONE);
        }
        if (source.payPerRequest()) {
            throw DynamoDbErrors.invalidParameter("ProvisionedThroughput must be specified for index: "
                    + index.name());
        }
        return index.withThroughput(index.readCapacity(), index.writeCapacity(), ThroughputHistory.NONE);
    }

    private static Map<String, String> keys(List<Inputs.KeySchemaElement> schema) {
        Map<String, String> out = new LinkedHashMap<>();
        schema.forEach(k -> out.put(k.attributeName(), k.keyType()));
        return out;
    }

    private static Map<String, String> keys(SecondaryIndex index) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(index.hashKey().name(), "HASH");
        if (index.rangeKey() != null) {
            out.put(index.rangeKey().name(), "RANGE");
        }
        return out;
    }

    /** The backup's attribute definitions that a key of the table or of a kept index uses. */
    private static Map<String, String> definitions(Table source, List<SecondaryIndex> indexes) {
        Set<String> used = new HashSet<>();
        source.keys().forEach(k -> used.add(k.name()));
        for (SecondaryIndex i : indexes) {
            used.add(i.hashKey().name());
            if (i.rangeKey() != null) {
                used.add(i.rangeKey().name());
            }
        }
        Map<String, String> out = new LinkedHashMap<>(source.attributeDefinitions());
        out.keySet().retainAll(used);
        return out;
    }
}
