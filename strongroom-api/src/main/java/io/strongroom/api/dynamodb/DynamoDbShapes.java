package io.strongroom.api.dynamodb;

import io.strongroom.dynamodb.DynamoDbErrors;
import io.strongroom.dynamodb.Inputs;
import io.strongroom.dynamodb.KeyAttribute;
import io.strongroom.dynamodb.PointInTimeRecovery;
import io.strongroom.dynamodb.SecondaryIndex;
import io.strongroom.dynamodb.Table;
import io.strongroom.dynamodb.TableDescription;
import io.strongroom.dynamodb.TableSettingsService;
import io.strongroom.dynamodb.ThroughputHistory;
import io.strongroom.dynamodb.TimeToLive;
import io.strongroom.dynamodb.expression.ExpressionAttributes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.RestoreSummary;
import software.amazon.awssdk.services.dynamodb.model.TableClassSummary;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SDK shapes to the DynamoDB engine's records and back, with AWS's checks of the AttributeValue union. */
final class DynamoDbShapes {
    private DynamoDbShapes() {
    }

    // ---- attribute values in

    static Map<String, io.strongroom.dynamodb.AttributeValue> item(Map<String, AttributeValue> sdk) {
        if (sdk == null) {
            return null;
        }
        Map<String, io.strongroom.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        sdk.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    static io.strongroom.dynamodb.AttributeValue value(AttributeValue v) {
        int members = 0;
        members += v.s() != null ? 1 : 0;
        members += v.n() != null ? 1 : 0;
        members += v.b() != null ? 1 : 0;
        members += v.hasSs() ? 1 : 0;
        members += v.hasNs() ? 1 : 0;
        members += v.hasBs() ? 1 : 0;
        members += v.hasM() ? 1 : 0;
        members += v.hasL() ? 1 : 0;
        members += v.nul() != null ? 1 : 0;
        members += v.bool() != null ? 1 : 0;
        if (members == 0) {
            throw DynamoDbErrors.validation("Supplied AttributeValue is empty, must contain exactly one of the "
                    + "supported datatypes");
        }
        if (members > 1) {
            throw DynamoDbErrors.validation("Supplied AttributeValue has more than one datatypes set, must contain "
                    + "exactly one of the supported datatypes");
        }
        if (v.s() != null) {
            return new io.strongroom.dynamodb.AttributeValue.S(v.s());
        }
        if (v.n() != null) {
            return new io.strongroom.dynamodb.AttributeValue.N(v.n());
        }
        if (v.b() != null) {
            return new io.strongroom.dynamodb.AttributeValue.B(v.b().asByteArray());
        }
        if (v.hasSs()) {
            return new io.strongroom.dynamodb.AttributeValue.SS(set(v.ss(), "string"));
        }
        if (v.hasNs()) {
            Set<String> numbers = set(v.ns(), "number");
            Set<String> canonical = new HashSet<>();
            numbers.forEach(n -> canonical.add(new io.strongroom.dynamodb.AttributeValue.N(n).value()));
            if (canonical.size() != numbers.size()) {
                throw duplicates(v.ns());
            }
            return new io.strongroom.dynamodb.AttributeValue.NS(numbers);
        }
        if (v.hasBs()) {
            List<byte[]> bytes = v.bs().stream().map(SdkBytes::asByteArray).toList();
            if (bytes.isEmpty()) {
                throw DynamoDbErrors.invalidParameter("Binary sets should not be empty");
            }
            io.strongroom.dynamodb.AttributeValue.BS bs = io.strongroom.dynamodb.AttributeValue.BS.of(bytes);
            if (bs.base64Values().size() != bytes.size()) {
                throw DynamoDbErrors.invalidParameter("Input collection contains duplicates.");
            }
            return bs;
        }
        if (v.hasM()) {
            return new io.strongroom.dynamodb.AttributeValue.M(item(v.m()));
        }
        if (v.hasL()) {
            return new io.strongroom.dynamodb.AttributeValue.L(v.l().stream().map(DynamoDbShapes::value).toList());
        }
        if (v.nul() != null) {
            if (!v.nul()) {
                throw DynamoDbErrors.invalidParameter("Null attribute value types must have the true value");
            }
            return new io.strongroom.dynamodb.AttributeValue.Null();
        }
        return new io.strongroom.dynamodb.AttributeValue.Bool(v.bool());
    }

    private static Set<String> set(List<String> values, String kind) {
        if (values.isEmpty()) {
            throw DynamoDbErrors.invalidParameter("An " + kind + " set  may not be empty");
        }
        Set<String> out = new java.util.LinkedHashSet<>(values);
        if (out.size() != values.size()) {
            throw duplicates(values);
        }
        return out;
    }

    private static RuntimeException duplicates(List<String> values) {
        return DynamoDbErrors.invalidParameter("Input collection " + values + " contains duplicates.");
    }

    static ExpressionAttributes attributes(Map<String, String> names, boolean hasNames,
                                           Map<String, AttributeValue> values, boolean hasValues) {
        return new ExpressionAttributes(hasNames ? names : Map.of(), hasValues ? item(values) : Map.of());
    }

    // ---- attribute values out

    static Map<String, AttributeValue> sdkItem(Map<String, io.strongroom.dynamodb.AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, sdkValue(v)));
        return out;
    }

    static AttributeValue sdkValue(io.strongroom.dynamodb.AttributeValue v) {
        AttributeValue.Builder b = AttributeValue.builder();
        if (v instanceof io.strongroom.dynamodb.AttributeValue.S s) {
            b.s(s.value());
        } else if (v instanceof io.strongroom.dynamodb.AttributeValue.N n) {
            b.n(n.value());
        } else if (v instanceof io.strongroom.dynamodb.AttributeValue.B bin) {
            b.b(SdkBytes.fromByteArray(bin.value()));
        } else if (v instanceof io.strongroom.dynamodb.AttributeValue.SS ss) {
            b.ss(ss.values());
        } else if (v instanceof io.strongroom.dynamodb.AttributeValue.NS ns) {
            b.ns(ns.values());
        } else if (v instanceof io.strongroom.dynamodb.AttributeValue.BS bs) {
            b.bs(bs.bytes().stream().map(SdkBytes::fromByteArray).toList());
        } else if (v instanceof io.strongroom.dynamodb.AttributeValue.M m) {
            b.m(sdkItem(m.values()));
        } else if (v instanceof io.strongroom.dynamodb.AttributeValue.L l) {
            b.l(l.values().stream().map(DynamoDbShapes::sdkValue).toList());
        } else if (v instanceof io.strongroom.dynamodb.AttributeValue.Null) {
            b.nul(true);
        } else if (v instanceof io.strongroom.dynamodb.AttributeValue.Bool bool) {
            b.bool(bool.value());
        }
        return b.build();
    }

    // ---- tables

    static software.amazon.awssdk.services.dynamodb.model.TableDescription table(TableDescription d) {
        Table t = d.table();
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(t.hashKey().name()).keyType("HASH").build());
        if (t.rangeKey() != null) {
            keys.add(KeySchemaElement.builder().attributeName(t.rangeKey().name()).keyType("RANGE").build());
        }
        List<AttributeDefinition> definitions = new ArrayList<>();
        Set<String> defined = new HashSet<>();
        List<KeyAttribute> keyed = new ArrayList<>(t.keys());
        t.indexes().forEach(i -> keyed.addAll(i.keys()));
        for (KeyAttribute k : keyed) {
            if (defined.add(k.name())) {
                definitions.add(AttributeDefinition.builder().attributeName(k.name()).attributeType(k.type()).build());
            }
        }
        var b = software.amazon.awssdk.services.dynamodb.model.TableDescription.builder()
                .tableName(t.name())
                .tableArn(t.arn())
                .tableId(t.tableId())
                .tableStatus(d.status())
                .creationDateTime(t.created())
                .itemCount(d.itemCount())
                .tableSizeBytes(d.sizeBytes())
                .keySchema(keys)
                .attributeDefinitions(definitions)
                .provisionedThroughput(throughput(t.readCapacity(), t.writeCapacity(), t.history().throughput(),
                        d.at()))
                .deletionProtectionEnabled(t.deletionProtection());
        // PAY_PER_REQUEST tables, and PROVISIONED ones that UpdateTable switched back, say when they last became
        // PAY_PER_REQUEST (D115).
        if (t.lastUpdateToPayPerRequest() != null) {
            b.billingModeSummary(BillingModeSummary.builder().billingMode(t.billingMode())
                    .lastUpdateToPayPerRequestDateTime(t.lastUpdateToPayPerRequest()).build());
        }
        if (t.tableClass() != null) {
            b.tableClassSummary(TableClassSummary.builder().tableClass(t.tableClass())
                    .lastUpdateDateTime(t.tableClassUpdated()).build());
        }
        List<GlobalSecondaryIndexDescription> global = new ArrayList<>();
        List<LocalSecondaryIndexDescription> local = new ArrayList<>();
        for (SecondaryIndex i : t.indexes()) {
            TableDescription.Counts counts = d.counts(i.name());
            if (i.global()) {
                global.add(GlobalSecondaryIndexDescription.builder().indexName(i.name()).keySchema(keySchema(i.keys()))
                        .projection(projection(i)).indexStatus("ACTIVE")
                        .provisionedThroughput(throughput(i.readCapacity(), i.writeCapacity(),
                                i.throughputHistory(), d.at()))
                        .indexSizeBytes(counts.sizeBytes()).itemCount(counts.itemCount()).indexArn(i.arn(t))
                        .build());
            } else {
                local.add(LocalSecondaryIndexDescription.builder().indexName(i.name()).keySchema(keySchema(i.keys()))
                        .projection(projection(i)).indexSizeBytes(counts.sizeBytes())
                        .itemCount(counts.itemCount()).indexArn(i.arn(t)).build());
            }
        }
        if (!global.isEmpty()) {
            b.globalSecondaryIndexes(global);
        }
        if (!local.isEmpty()) {
            b.localSecondaryIndexes(local);
        }
        if (t.restored() != null) {
            b.restoreSummary(RestoreSummary.builder().sourceBackupArn(t.restored().sourceBackupArn())
                    .sourceTableArn(t.restored().sourceTableArn()).restoreDateTime(t.restored().restoreDateTime())
                    .restoreInProgress(false).build());
        }
        return b.build();
    }

    /** Throughput with its last increase and decrease, when there were any, and today's decreases (D115). */
    private static ProvisionedThroughputDescription throughput(long read, long write, ThroughputHistory history,
                                                               Instant at) {
        return ProvisionedThroughputDescription.builder().lastIncreaseDateTime(history.lastIncrease())
                .lastDecreaseDateTime(history.lastDecrease()).numberOfDecreasesToday(history.decreasesOn(at))
                .readCapacityUnits(read).writeCapacityUnits(write).build();
    }

    static List<KeySchemaElement> keySchema(List<KeyAttribute> keys) {
        List<KeySchemaElement> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(KeySchemaElement.builder().attributeName(keys.get(i).name()).keyType(i == 0 ? "HASH" : "RANGE")
                    .build());
        }
        return out;
    }

    static Projection projection(SecondaryIndex i) {
        Projection.Builder b = Projection.builder().projectionType(i.projectionType());
        if (i.projectionType().equals(SecondaryIndex.INCLUDE)) {
            b.nonKeyAttributes(i.nonKeyAttributes());
        }
        return b.build();
    }

    // ---- secondary indexes in

    static Inputs.IndexDefinition globalIndex(GlobalSecondaryIndex i) {
        ProvisionedThroughput pt = i.provisionedThroughput();
        return index(i.indexName(), i.keySchema(), i.hasKeySchema(), i.projection(), pt != null,
                pt == null ? null : pt.readCapacityUnits(), pt == null ? null : pt.writeCapacityUnits());
    }

    static Inputs.IndexDefinition localIndex(LocalSecondaryIndex i) {
        return index(i.indexName(), i.keySchema(), i.hasKeySchema(), i.projection(), false, null, null);
    }

    static Inputs.IndexDefinition index(String name, List<KeySchemaElement> keySchema, boolean hasKeySchema,
                                        Projection projection, boolean throughput, Long read, Long write) {
        List<Inputs.KeySchemaElement> keys = hasKeySchema ? keySchema.stream().map(k -> new Inputs.KeySchemaElement(
                k.attributeName(), k.keyTypeAsString())).toList() : null;
        return new Inputs.IndexDefinition(name, keys, projection != null,
                projection == null ? null : projection.projectionTypeAsString(),
                projection != null && projection.hasNonKeyAttributes() ? projection.nonKeyAttributes() : null,
                throughput, read, write);
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.key(), t.value()));
        }
        return out;
    }

    static List<Tag> sdkTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    // ---- table settings out

    /** Point-in-time recovery as AWS describes it: its period and window only while enabled. */
    static ContinuousBackupsDescription continuousBackups(TableSettingsService.ContinuousBackups b) {
        PointInTimeRecovery pitr = b.pointInTimeRecovery();
        PointInTimeRecoveryDescription.Builder description = PointInTimeRecoveryDescription.builder()
                .pointInTimeRecoveryStatus(b.pointInTimeRecoveryStatus());
        if (pitr.enabled()) {
            description.recoveryPeriodInDays(pitr.recoveryPeriodInDays())
                    .earliestRestorableDateTime(pitr.earliestRestorable(b.now()))
                    .latestRestorableDateTime(pitr.latestRestorable(b.now()));
        }
        return ContinuousBackupsDescription.builder().continuousBackupsStatus(b.continuousBackupsStatus())
                .pointInTimeRecoveryDescription(description.build()).build();
    }

    /** Time to live as AWS describes it: the attribute only while enabled. */
    static TimeToLiveDescription timeToLive(TimeToLive ttl) {
        return TimeToLiveDescription.builder().timeToLiveStatus(ttl.enabled() ? "ENABLED" : "DISABLED")
                .attributeName(ttl.attributeName()).build();
    }
}
