package io.strongroom.dynamodb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * UpdateTable's checks of the request alone, before the table is looked up, in AWS's order and words as far as AWS
 * shows them (D115): the members' constraints, the members Strongroom does not serve, "at least one change", the
 * shape of GlobalSecondaryIndexUpdates, and the changes AWS makes only alone or never together.
 */
final class UpdateTableValidation {
    static final List<String> TABLE_CLASSES = List.of("STANDARD", "STANDARD_INFREQUENT_ACCESS");

    private UpdateTableValidation() {
    }

    static void request(Inputs.UpdateTable in) {
        TableValidation.tableName(in.tableName());
        members(in);
        if (!in.unserved().isEmpty()) {
            throw DynamoDbErrors.unserved(String.join(", ", in.unserved()) + ": global tables (replicas and "
                    + "witnesses), on-demand maximum throughput and warm throughput are not served");
        }
        List<Inputs.GlobalIndexUpdate> updates = in.globalIndexUpdates();
        if (changes(in, false).isEmpty() && (updates == null || updates.isEmpty())) {
            throw DynamoDbErrors.nothingToUpdate();
        }
        if (updates != null && updates.isEmpty()) {
            throw DynamoDbErrors.invalidParameter("List of GlobalSecondaryIndexUpdates is empty");
        }
        if (updates != null) {
            entries(updates);
        }
        alone(in);
        if (in.tableClass() != null && !TABLE_CLASSES.contains(in.tableClass())) {
            throw DynamoDbErrors.invalidTableClass();
        }
        stream(in.stream());
        sse(in.sse());
    }

    /** The model's constraints of each member the request carries. */
    private static void members(Inputs.UpdateTable in) {
        if (in.attributeDefinitions() != null) {
            for (int i = 0; i < in.attributeDefinitions().size(); i++) {
                Inputs.AttributeDefinition d = in.attributeDefinitions().get(i);
                String member = "attributeDefinitions." + (i + 1) + ".member";
                if (d.attributeName() == null) {
                    throw DynamoDbErrors.constraint("null", member + ".attributeName", "Member must not be null");
                }
                if (d.attributeName().isEmpty() || d.attributeName().length() > 255) {
                    throw DynamoDbErrors.constraint(d.attributeName(), member + ".attributeName",
                            d.attributeName().isEmpty() ? "Member must have length greater than or equal to 1"
                                    : "Member must have length less than or equal to 255");
                }
                if (!List.of("S", "N", "B").contains(String.valueOf(d.attributeType()))) {
                    throw DynamoDbErrors.constraint(String.valueOf(d.attributeType()), member + ".attributeType",
                            "Member must satisfy enum value set: [B, N, S]");
                }
            }
        }
        if (in.billingMode() != null && !List.of(Table.PROVISIONED, Table.PAY_PER_REQUEST)
                .contains(in.billingMode())) {
            throw DynamoDbErrors.constraint(in.billingMode(), "billingMode",
                    "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        throughput(in.throughput(), "provisionedThroughput");
        List<Inputs.GlobalIndexUpdate> updates = in.globalIndexUpdates() == null ? List.of()
                : in.globalIndexUpdates();
        for (int i = 0; i < updates.size(); i++) {
            Inputs.GlobalIndexUpdate u = updates.get(i);
            String member = "globalSecondaryIndexUpdates." + (i + 1) + ".member";
            if (u.update() != null) {
                TableValidation.tableName(u.update().indexName(), member + ".update.indexName");
                throughput(u.update().throughput(), member + ".update.provisionedThroughput");
            }
            if (u.create() != null) {
                IndexValidation.member(u.create(), member + ".create");
                if (u.create().throughput()) {
                    throughput(new Inputs.Throughput(u.create().readCapacity(), u.create().writeCapacity()),
                            member + ".create.provisionedThroughput");
                }
            }
            if (u.delete() != null) {
                TableValidation.tableName(u.delete().indexName(), member + ".delete.indexName");
            }
        }
        if (in.stream() != null) {
            if (in.stream().streamEnabled() == null) {
                throw DynamoDbErrors.constraint("null", "streamSpecification.streamEnabled",
                        "Member must not be null");
            }
            String view = in.stream().streamViewType();
            if (view != null && !List.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY").contains(view)) {
                throw DynamoDbErrors.constraint(view, "streamSpecification.streamViewType",
                        "Member must satisfy enum value set: [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]");
            }
        }
        if (in.sse() != null) {
            String type = in.sse().sseType();
            if (type != null && !List.of("AES256", "KMS").contains(type)) {
                throw DynamoDbErrors.constraint(type, "sSESpecification.sSEType",
                        "Member must satisfy enum value set: [AES256, KMS]");
            }
            if (in.sse().kmsMasterKeyId() != null && in.sse().kmsMasterKeyId().isEmpty()) {
                throw DynamoDbErrors.constraint("", "sSESpecification.kMSMasterKeyId",
                        "Member must have length greater than or equal to 1");
            }
        }
    }

    private static void throughput(Inputs.Throughput t, String member) {
        if (t == null) {
            return;
        }
        if (t.readCapacity() == null || t.writeCapacity() == null) {
            throw DynamoDbErrors.constraint("null", member + (t.readCapacity() == null ? ".readCapacityUnits"
                    : ".writeCapacityUnits"), "Member must not be null");
        }
        if (t.readCapacity() < 1 || t.writeCapacity() < 1) {
            throw DynamoDbErrors.constraint(String.valueOf(Math.min(t.readCapacity(), t.writeCapacity())),
                    member + (t.readCapacity() < 1 ? ".readCapacityUnits" : ".writeCapacityUnits"),
                    "Member must have value greater than or equal to 1");
        }
    }

    /**
     * The changes the request asks for, by AWS's names for them in its "only operation" refusals; with
     * {@code withIndexes} false the index updates are left out.
     */
    private static List<String> changes(Inputs.UpdateTable in, boolean withIndexes) {
        List<String> out = new ArrayList<>();
        if (in.sse() != null) {
            out.add("Server-Side Encryption");
        }
        if (in.tableClass() != null) {
            out.add("TableClass");
        }
        if (in.deletionProtection() != null) {
            out.add("DeletionProtection");
        }
        if (in.billingMode() != null) {
            out.add("BillingMode");
        }
        if (in.throughput() != null) {
            out.add("ProvisionedThroughput");
        }
        if (in.stream() != null) {
            out.add("StreamSpecification");
        }
        if (withIndexes && in.globalIndexUpdates() != null && !in.globalIndexUpdates().isEmpty()) {
            out.add("GlobalSecondaryIndexUpdates");
        }
        return out;
    }

    /** Each entry holds one action, and no index is named by two entries. */
    private static void entries(List<Inputs.GlobalIndexUpdate> updates) {
        Set<String> named = new HashSet<>();
        for (Inputs.GlobalIndexUpdate u : updates) {
            int actions = (u.create() != null ? 1 : 0) + (u.update() != null ? 1 : 0) + (u.delete() != null ? 1 : 0);
            if (actions == 0) {
                throw DynamoDbErrors.invalidParameter("One of GlobalSecondaryIndexUpdate.Update, "
                        + "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
            }
            if (actions > 1) {
                throw DynamoDbErrors.invalidParameter("Only one global secondary index action is allowed per "
                        + "GlobalSecondaryIndexUpdate object");
            }
        }
        for (Inputs.GlobalIndexUpdate u : updates) {
            String name = name(u);
            if (!named.add(name)) {
                throw DynamoDbErrors.invalidParameter("Only one global secondary index update per index is allowed "
                        + "simultaneously. Index: " + name);
            }
        }
    }

    static String name(Inputs.GlobalIndexUpdate u) {
        if (u.create() != null) {
            return u.create().indexName();
        }
        return u.update() != null ? u.update().indexName() : u.delete().indexName();
    }

    static boolean createsOrDeletes(Inputs.GlobalIndexUpdate u) {
        return u.create() != null || u.delete() != null;
    }

    /** Encryption, table class and deletion protection change only alone; an index is made or removed apart. */
    private static void alone(Inputs.UpdateTable in) {
        List<String> changes = changes(in, true);
        for (String only : List.of("Server-Side Encryption", "TableClass", "DeletionProtection")) {
            if (changes.contains(only) && changes.size() > 1) {
                throw DynamoDbErrors.onlyOperation(only);
            }
        }
        boolean indexes = in.globalIndexUpdates() != null && in.globalIndexUpdates().stream()
                .anyMatch(UpdateTableValidation::createsOrDeletes);
        if (indexes && in.throughput() != null) {
            throw DynamoDbErrors.invalidParameter("You cannot create or delete index while updating table IOPS");
        }
        if (indexes && in.stream() != null) {
            throw DynamoDbErrors.invalidParameter("You cannot create or delete index while changing stream status");
        }
        if (in.stream() != null && in.throughput() != null) {
            throw DynamoDbErrors.invalidParameter("You cannot modify stream status while updating table IOPS");
        }
    }

    private static void stream(Inputs.StreamSpecification stream) {
        if (stream == null) {
            return;
        }
        if (stream.streamEnabled() && stream.streamViewType() == null) {
            throw DynamoDbErrors.invalidParameter("If stream is being enabled then UpdateViewType is required");
        }
        if (!stream.streamEnabled() && stream.streamViewType() != null) {
            throw DynamoDbErrors.invalidParameter("If stream is being disabled, then UpdateViewType must not be "
                    + "specified");
        }
    }

    /** A specification that is not enabled (Enabled false or left out) names neither a type nor a key. */
    private static void sse(Inputs.SseSpecification sse) {
        if (sse == null) {
            return;
        }
        if (!Boolean.TRUE.equals(sse.enabled())) {
            if (sse.sseType() != null) {
                throw DynamoDbErrors.invalidParameter("SSEType can not be specified if Enabled is false");
            }
            if (sse.kmsMasterKeyId() != null) {
                throw DynamoDbErrors.invalidParameter("KMSMasterKeyId can not be specified if Enabled is false");
            }
            return;
        }
        if ("AES256".equals(sse.sseType())) {
            throw DynamoDbErrors.invalidParameter("SSEType AES256 is not supported");
        }
        if (sse.kmsMasterKeyId() != null && !"KMS".equals(sse.sseType())) {
            throw DynamoDbErrors.invalidParameter("SSEType KMS is required if KMSMasterKeyId is specified");
        }
    }
}
