package io.strongroom.dynamodb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CreateTable's checks of LocalSecondaryIndexes and GlobalSecondaryIndexes, in AWS's order and wording: first the
 * members' constraints, then each index against the table, local indexes before global ones (D109).
 */
final class IndexValidation {
    static final int MAX_LOCAL = 5;
    static final int MAX_GLOBAL = 20;
    static final int MAX_PROJECTED = 100;
    private static final List<String> PROJECTION_TYPES = List.of(SecondaryIndex.ALL, SecondaryIndex.KEYS_ONLY,
            SecondaryIndex.INCLUDE);

    private IndexValidation() {
    }

    static boolean any(Inputs.CreateTable in) {
        return in.globalIndexes() != null || in.localIndexes() != null;
    }

    /** The members' own constraints (names, key schema lengths and types, projection types). */
    static void members(Inputs.CreateTable in) {
        members(in.localIndexes(), "localSecondaryIndexes");
        members(in.globalIndexes(), "globalSecondaryIndexes");
    }

    private static void members(List<Inputs.IndexDefinition> indexes, String list) {
        if (indexes == null) {
            return;
        }
        for (int i = 0; i < indexes.size(); i++) {
            member(indexes.get(i), list + "." + (i + 1) + ".member");
        }
    }

    /** One definition's own constraints, named as the request member {@code member} (UpdateTable's Create too). */
    static void member(Inputs.IndexDefinition index, String member) {
        TableValidation.tableName(index.indexName(), member + ".indexName");
        List<Inputs.KeySchemaElement> schema = index.keySchema();
        if (schema == null || schema.isEmpty() || schema.size() > 2) {
            throw DynamoDbErrors.constraint(String.valueOf(schema), member + ".keySchema",
                    schema == null || schema.isEmpty() ? "Member must have length greater than or equal to 1"
                            : "Member must have length less than or equal to 2");
        }
        for (int k = 0; k < schema.size(); k++) {
            if (schema.get(k).attributeName() == null) {
                throw DynamoDbErrors.constraint("null", member + ".keySchema." + (k + 1) + ".member.attributeName",
                        "Member must not be null");
            }
            String type = schema.get(k).keyType();
            if (!"HASH".equals(type) && !"RANGE".equals(type)) {
                throw DynamoDbErrors.constraint(String.valueOf(type),
                        member + ".keySchema." + (k + 1) + ".member.keyType",
                        "Member must satisfy enum value set: [HASH, RANGE]");
            }
        }
        if (!index.projection()) {
            throw DynamoDbErrors.constraint("null", member + ".projection", "Member must not be null");
        }
        String type = index.projectionType();
        if (type != null && !PROJECTION_TYPES.contains(type)) {
            throw DynamoDbErrors.constraint(type, member + ".projection.projectionType",
                    "Member must satisfy enum value set: " + PROJECTION_TYPES);
        }
        if (index.nonKeyAttributes() != null && index.nonKeyAttributes().isEmpty()) {
            throw DynamoDbErrors.constraint("[]", member + ".projection.nonKeyAttributes",
                    "Member must have length greater than or equal to 1");
        }
        if (index.nonKeyAttributes() != null && index.nonKeyAttributes().stream().anyMatch(Objects::isNull)) {
            throw DynamoDbErrors.constraint(String.valueOf(index.nonKeyAttributes()),
                    member + ".projection.nonKeyAttributes", "Member must not contain null elements");
        }
    }

    /**
     * Each index against the table's keys and definitions; the indexes, local first.
     *
     * @param types every AttributeDefinition, in request order
     */
    static List<SecondaryIndex> indexes(Inputs.CreateTable in, Map<String, String> types, KeyAttribute hash,
                                        KeyAttribute range) {
        Set<String> names = new HashSet<>();
        List<SecondaryIndex> out = new ArrayList<>();
        if (in.localIndexes() != null) {
            if (in.localIndexes().isEmpty()) {
                throw DynamoDbErrors.invalidParameter("List of LocalSecondaryIndexes is empty");
            }
            if (range == null) {
                throw DynamoDbErrors.invalidParameter("Table KeySchema does not have a range key, which is required "
                        + "when specifying a LocalSecondaryIndex");
            }
            for (Inputs.IndexDefinition index : in.localIndexes()) {
                out.add(index(index, false, types, hash, names));
            }
            if (in.localIndexes().size() > MAX_LOCAL) {
                throw DynamoDbErrors.invalidParameter("LocalSecondaryIndex count exceeds the per-table limit of "
                        + MAX_LOCAL);
            }
        }
        if (in.globalIndexes() != null) {
            if (in.globalIndexes().isEmpty()) {
                throw DynamoDbErrors.invalidParameter("List of GlobalSecondaryIndexes is empty");
            }
            for (Inputs.IndexDefinition index : in.globalIndexes()) {
                out.add(index(index, true, types, hash, names));
            }
            if (in.globalIndexes().size() > MAX_GLOBAL) {
                throw DynamoDbErrors.invalidParameter("GlobalSecondaryIndex count exceeds the per-table limit of "
                        + MAX_GLOBAL);
            }
        }
        unusedDefinitions(types, hash, range, out);
        if (out.stream().mapToInt(i -> i.nonKeyAttributes().size()).sum() > MAX_PROJECTED) {
            throw DynamoDbErrors.invalidParameter("Number of projected attributes in all indexes exceeds limit of "
                    + MAX_PROJECTED);
        }
        return out;
    }

    private static SecondaryIndex index(Inputs.IndexDefinition in, boolean global, Map<String, String> types,
                                        KeyAttribute tableHash, Set<String> names) {
        List<String> keys = in.keySchema().stream().map(Inputs.KeySchemaElement::attributeName).toList();
        if (!types.keySet().containsAll(keys)) {
            throw DynamoDbErrors.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. "
                    + "Keys: " + keys + ", AttributeDefinitions: " + new ArrayList<>(types.keySet()));
        }
        SecondaryIndex index = shape(in, global, types, tableHash);
        if (!names.add(in.indexName())) {
            throw DynamoDbErrors.invalidParameter("Duplicate index name: " + in.indexName());
        }
        return index;
    }

    /**
     * A definition's key schema and projection, its keys typed by {@code types} (which defines them all): the
     * checks CreateTable and UpdateTable's Create share.
     */
    static SecondaryIndex shape(Inputs.IndexDefinition in, boolean global, Map<String, String> types,
                                KeyAttribute tableHash) {
        List<Inputs.KeySchemaElement> schema = in.keySchema();
        List<String> keys = schema.stream().map(Inputs.KeySchemaElement::attributeName).toList();
        if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
            throw DynamoDbErrors.validation("Both the Hash Key and the Range Key element in the KeySchema have the "
                    + "same name");
        }
        if (!schema.get(0).keyType().equals("HASH")) {
            throw DynamoDbErrors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (schema.size() == 2 && !schema.get(1).keyType().equals("RANGE")) {
            throw DynamoDbErrors.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        if (!global && schema.size() != 2) {
            throw DynamoDbErrors.invalidParameter("Index KeySchema does not have a range key for index: "
                    + in.indexName());
        }
        if (!global && !keys.get(0).equals(tableHash.name())) {
            throw DynamoDbErrors.invalidParameter("Index KeySchema does not have the same leading hash key as table "
                    + "KeySchema for index: " + in.indexName() + ". index hash key: " + keys.get(0)
                    + ", table hash key: " + tableHash.name());
        }
        String type = in.projectionType();
        if (type == null) {
            throw DynamoDbErrors.invalidParameter("Unknown ProjectionType: null");
        }
        if (in.nonKeyAttributes() != null && !type.equals(SecondaryIndex.INCLUDE)) {
            throw DynamoDbErrors.invalidParameter("ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
        if (in.nonKeyAttributes() == null && type.equals(SecondaryIndex.INCLUDE)) {
            throw DynamoDbErrors.invalidParameter("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
        }
        KeyAttribute hash = new KeyAttribute(keys.get(0), types.get(keys.get(0)));
        KeyAttribute range = keys.size() == 2 ? new KeyAttribute(keys.get(1), types.get(keys.get(1))) : null;
        List<String> nonKey = in.nonKeyAttributes() == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(in.nonKeyAttributes()));
        return new SecondaryIndex(in.indexName(), global, hash, range, type, nonKey, 0, 0);
    }

    private static void unusedDefinitions(Map<String, String> types, KeyAttribute hash, KeyAttribute range,
                                          List<SecondaryIndex> indexes) {
        Set<String> used = new LinkedHashSet<>();
        used.add(hash.name());
        if (range != null) {
            used.add(range.name());
        }
        indexes.forEach(i -> i.keys().forEach(k -> used.add(k.name())));
        if (!used.containsAll(types.keySet())) {
            throw DynamoDbErrors.invalidParameter("Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + new ArrayList<>(types.keySet()) + ", keys used: " + new ArrayList<>(used));
        }
    }

    /** A GSI's throughput, which the table's billing mode requires or forbids; an LSI shares the table's. */
    static List<SecondaryIndex> throughput(Inputs.CreateTable in, List<SecondaryIndex> indexes, String billing) {
        List<SecondaryIndex> out = new ArrayList<>();
        int global = 0;
        for (SecondaryIndex index : indexes) {
            if (!index.global()) {
                out.add(index);
                continue;
            }
            Inputs.IndexDefinition definition = in.globalIndexes().get(global++);
            if (billing.equals("PAY_PER_REQUEST")) {
                if (definition.throughput()) {
                    throw DynamoDbErrors.invalidParameter("ProvisionedThroughput should not be specified for index: "
                            + index.name() + " when BillingMode is PAY_PER_REQUEST");
                }
                out.add(index);
                continue;
            }
            if (!definition.throughput() || definition.readCapacity() == null
                    || definition.writeCapacity() == null) {
                throw DynamoDbErrors.invalidParameter("ProvisionedThroughput is not specified for index: "
                        + index.name());
            }
            long read = definition.readCapacity();
            long write = definition.writeCapacity();
            if (read < 1 || write < 1) {
                throw DynamoDbErrors.constraint(String.valueOf(Math.min(read, write)), "globalSecondaryIndexes."
                                + global + ".member.provisionedThroughput."
                                + (read < 1 ? "readCapacityUnits" : "writeCapacityUnits"),
                        "Member must have value greater than or equal to 1");
            }
            out.add(new SecondaryIndex(index.name(), true, index.hashKey(), index.rangeKey(),
                    index.projectionType(), index.nonKeyAttributes(), read, write));
        }
        return out;
    }
}
