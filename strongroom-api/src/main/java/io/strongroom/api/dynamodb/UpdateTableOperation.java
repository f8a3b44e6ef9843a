package io.strongroom.api.dynamodb;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.dynamodb.DynamoDbService;
import io.strongroom.dynamodb.Inputs;
import io.strongroom.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * UpdateTable (D115), authorized as {@code dynamodb:UpdateTable} on the table's ARN like every table operation: the
 * SDK request in the engine's terms, the table as the change left it out.
 */
final class UpdateTableOperation {
    private UpdateTableOperation() {
    }

    static void register(ServiceApi.Builder api, DynamoDbService db) {
        api.write("UpdateTable", UpdateTableRequest.class, "dynamodb:UpdateTable",
                (ctx, q) -> AccessRequirement.of("dynamodb:UpdateTable", Table.arn(ctx.region(), ctx.accountId(),
                        q.tableName() == null ? "*" : q.tableName())),
                (ctx, q) -> UpdateTableResponse.builder().tableDescription(DynamoDbShapes.table(
                        db.updateTable(ctx.tx(), ctx.accountId(), ctx.region(), input(q)))).build());
        api.note("UpdateTable", "billing mode, throughput, global index create/update/delete, deletion protection "
                + "and table class take effect at once: the table stays ACTIVE and a new global index is ACTIVE "
                + "and queried at once (read through the table's items, D109); streams, KMS encryption, replicas, "
                + "on-demand and warm throughput are refused (D115)");
    }

    static Inputs.UpdateTable input(UpdateTableRequest q) {
        List<String> unserved = new ArrayList<>();
        if (q.hasReplicaUpdates()) {
            unserved.add("ReplicaUpdates");
        }
        if (q.multiRegionConsistencyAsString() != null) {
            unserved.add("MultiRegionConsistency");
        }
        if (q.hasGlobalTableWitnessUpdates()) {
            unserved.add("GlobalTableWitnessUpdates");
        }
        if (q.onDemandThroughput() != null) {
            unserved.add("OnDemandThroughput");
        }
        if (q.warmThroughput() != null) {
            unserved.add("WarmThroughput");
        }
        List<Inputs.GlobalIndexUpdate> updates = null;
        if (q.hasGlobalSecondaryIndexUpdates()) {
            updates = new ArrayList<>();
            for (GlobalSecondaryIndexUpdate u : q.globalSecondaryIndexUpdates()) {
                updates.add(update(u, unserved));
            }
        }
        StreamSpecification stream = q.streamSpecification();
        SSESpecification sse = q.sseSpecification();
        return new Inputs.UpdateTable(q.tableName(),
                q.hasAttributeDefinitions() ? q.attributeDefinitions().stream().map(d -> new Inputs.AttributeDefinition(
                        d.attributeName(), d.attributeTypeAsString())).toList() : null,
                q.billingModeAsString(), throughput(q.provisionedThroughput()), updates,
                stream == null ? null : new Inputs.StreamSpecification(stream.streamEnabled(),
                        stream.streamViewTypeAsString()),
                sse == null ? null : new Inputs.SseSpecification(sse.enabled(), sse.sseTypeAsString(),
                        sse.kmsMasterKeyId()),
                q.tableClassAsString(), q.deletionProtectionEnabled(), unserved);
    }

    private static Inputs.GlobalIndexUpdate update(GlobalSecondaryIndexUpdate u, List<String> unserved) {
        CreateGlobalSecondaryIndexAction create = u.create();
        UpdateGlobalSecondaryIndexAction update = u.update();
        if (create != null && (create.onDemandThroughput() != null || create.warmThroughput() != null)) {
            unserved.add(create.onDemandThroughput() != null ? "GlobalSecondaryIndexUpdates.Create.OnDemandThroughput"
                    : "GlobalSecondaryIndexUpdates.Create.WarmThroughput");
        }
        if (update != null && (update.onDemandThroughput() != null || update.warmThroughput() != null)) {
            unserved.add(update.onDemandThroughput() != null ? "GlobalSecondaryIndexUpdates.Update.OnDemandThroughput"
                    : "GlobalSecondaryIndexUpdates.Update.WarmThroughput");
        }
        Inputs.IndexDefinition created = null;
        if (create != null) {
            ProvisionedThroughput pt = create.provisionedThroughput();
            created = DynamoDbShapes.index(create.indexName(), create.keySchema(), create.hasKeySchema(),
                    create.projection(), pt != null, pt == null ? null : pt.readCapacityUnits(),
                    pt == null ? null : pt.writeCapacityUnits());
        }
        return new Inputs.GlobalIndexUpdate(created, update == null ? null
                : new Inputs.IndexThroughput(update.indexName(), throughput(update.provisionedThroughput())),
                u.delete() == null ? null : new Inputs.IndexDeletion(u.delete().indexName()));
    }

    private static Inputs.Throughput throughput(ProvisionedThroughput pt) {
        return pt == null ? null : new Inputs.Throughput(pt.readCapacityUnits(), pt.writeCapacityUnits());
    }
}
