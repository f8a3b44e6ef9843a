package io.strongroom.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** CreateTable's checks, in AWS's order and wording. */
final class TableValidation {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private TableValidation() {
    }

    static void tableName(String name) {
        tableName(name, "tableName");
    }

    static void tableName(String name, String member) {
        if (name == null) {
            throw DynamoDbErrors.constraint("null", member, "Member must not be null");
        }
        if (name.length() < 3) {
            throw DynamoDbErrors.constraint(name, member, "Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            throw DynamoDbErrors.constraint(name, member, "Member must have length less than or equal to 255");
        }
        if (!NAME.matcher(name).matches()) {
            throw DynamoDbErrors.constraint(name, member, "Member must satisfy regular expression pattern: "
                    + "[a-zA-Z0-9_.-]+");
        }
    }

    static Table validate(Inputs.CreateTable in, String account, String region, String tableId, Instant now) {
        tableName(in.tableName());
        List<Inputs.KeySchemaElement> schema = in.keySchema() == null ? List.of() : in.keySchema();
        if (schema.isEmpty() || schema.size() > 2) {
            throw DynamoDbErrors.constraint(String.valueOf(schema), "keySchema", schema.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 2");
        }
        for (int i = 0; i < schema.size(); i++) {
            String type = schema.get(i).keyType();
            if (!"HASH".equals(type) && !"RANGE".equals(type)) {
                throw DynamoDbErrors.constraint(String.valueOf(type), "keySchema." + (i + 1) + ".member.keyType",
                        "Member must satisfy enum value set: [HASH, RANGE]");
            }
        }
        if (!schema.get(0).keyType().equals("HASH")) {
            throw DynamoDbErrors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (schema.size() == 2) {
            if (schema.get(1).keyType().equals("HASH")) {
                throw DynamoDbErrors.validation("Too many hash keys specified.  All Dynamo DB tables must have exactly "
                        + "one hash key");
            }
            if (schema.get(0).attributeName().equals(schema.get(1).attributeName())) {
                throw DynamoDbErrors.validation("Both the Hash Key and the Range Key element in the KeySchema have the "
                        + "same name");
            }
        }
        List<Inputs.AttributeDefinition> definitions = in.attributeDefinitions() == null ? List.of()
                : in.attributeDefinitions();
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < definitions.size(); i++) {
            Inputs.AttributeDefinition d = definitions.get(i);
            if (!List.of("S", "N", "B").contains(String.valueOf(d.attributeType()))) {
                throw DynamoDbErrors.constraint(String.valueOf(d.attributeType()),
                        "attributeDefinitions." + (i + 1) + ".member.attributeType",
                        "Member must satisfy enum value set: [B, N, S]");
            }
            if (types.put(d.attributeName(), d.attributeType()) != null) {
                throw DynamoDbErrors.validation("Cannot have two attributes with the same name");
            }
        }
        IndexValidation.members(in);
        List<String> missing = new ArrayList<>();
        schema.forEach(k -> {
            if (!types.containsKey(k.attributeName())) {
                missing.add(k.attributeName());
            }
        });
        if (!missing.isEmpty()) {
            throw DynamoDbErrors.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. "
                    + "Keys: " + missing + ", AttributeDefinitions: " + new ArrayList<>(types.keySet()));
        }
        if (!IndexValidation.any(in) && types.size() != schema.size()) {
            throw DynamoDbErrors.invalidParameter("Number of attributes in KeySchema does not exactly match number of "
                    + "attributes defined in AttributeDefinitions");
        }
        Inputs.KeySchemaElement hash = schema.get(0);
        KeyAttribute hashKey = new KeyAttribute(hash.attributeName(), types.get(hash.attributeName()));
        KeyAttribute rangeKey = schema.size() == 2 ? new KeyAttribute(schema.get(1).attributeName(),
                types.get(schema.get(1).attributeName())) : null;
        List<SecondaryIndex> indexes = IndexValidation.indexes(in, types, hashKey, rangeKey);
        String billing = in.billingMode() == null ? "PROVISIONED" : in.billingMode();
        long read = 0;
        long write = 0;
        switch (billing) {
            case "PROVISIONED" -> {
                if (in.readCapacity() == null || in.writeCapacity() == null) {
                    throw in.billingMode() == null
                            ? DynamoDbErrors.validation("No provisioned throughput specified for the table")
                            : DynamoDbErrors.invalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be "
                            + "specified when BillingMode is PROVISIONED");
                }
                read = in.readCapacity();
                write = in.writeCapacity();
                if (read < 1 || write < 1) {
                    throw DynamoDbErrors.constraint(String.valueOf(Math.min(read, write)),
                            read < 1 ? "provisionedThroughput.readCapacityUnits"
                                    : "provisionedThroughput.writeCapacityUnits",
                            "Member must have value greater than or equal to 1");
                }
            }
            case "PAY_PER_REQUEST" -> {
                if (in.readCapacity() != null || in.writeCapacity() != null) {
                    throw DynamoDbErrors.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                            + "specified when BillingMode is PAY_PER_REQUEST");
                }
            }
            default -> throw DynamoDbErrors.constraint(billing, "billingMode",
                    "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        indexes = IndexValidation.throughput(in, indexes, billing);
        if (in.tableClass() != null && !UpdateTableValidation.TABLE_CLASSES.contains(in.tableClass())) {
            throw DynamoDbErrors.invalidTableClass();
        }
        tags(in.tags());
        return new Table(account, region, in.tableName(), tableId, hashKey, rangeKey, types, billing, read, write,
                in.deletionProtection(), now, in.tags(), null, indexes, in.tableClass(), TableHistory.NONE, false);
    }

    static void tags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > 50) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: The number of tags exceeds the "
                    + "limit of 50");
        }
        tags.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw DynamoDbErrors.validation("One or more parameter values were invalid: Tag keys must be between 1 "
                        + "and 128 characters in length");
            }
            if (v == null || v.length() > 256) {
                throw DynamoDbErrors.validation("One or more parameter values were invalid: Tag values must be between "
                        + "0 and 256 characters in length");
            }
            if (k.startsWith("aws:")) {
                throw DynamoDbErrors.validation("One or more parameter values were invalid: Tag keys starting with "
                        + "'aws:' are reserved for system use");
            }
        });
    }
}
