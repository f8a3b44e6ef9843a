package io.strongroom.dynamodb;

import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** UpdateTable's rules on the request and on the table, without a store (D115). */
class TableUpdateTest {
    static final Instant T0 = Instant.parse("2027-02-01T00:00:00Z");

    static Inputs.KeySchemaElement key(String name, String type) {
        return new Inputs.KeySchemaElement(name, type);
    }

    static Inputs.AttributeDefinition def(String name, String type) {
        return new Inputs.AttributeDefinition(name, type);
    }

    /** pk (S) + sk (S), PROVISIONED 5/5; by-g on g + sk (S) of 5/5; by-l on pk + l (N). */
    static Table orders() {
        return TableValidation.validate(new Inputs.CreateTable("orders", List.of(key("pk", "HASH"),
                key("sk", "RANGE")), List.of(def("pk", "S"), def("sk", "S"), def("g", "S"), def("l", "N")),
                "PROVISIONED", 5L, 5L, false, Map.of(), List.of(new Inputs.IndexDefinition("by-g",
                List.of(key("g", "HASH"), key("sk", "RANGE")), true, "ALL", null, true, 5L, 5L)),
                List.of(new Inputs.IndexDefinition("by-l", List.of(key("pk", "HASH"), key("l", "RANGE")), true,
                        "KEYS_ONLY", null, false, null, null))), "111111111111", "eu-west-1", "id", T0);
    }

    static Inputs.UpdateTable request(List<Inputs.AttributeDefinition> definitions, String billing,
                                      Inputs.Throughput throughput, List<Inputs.GlobalIndexUpdate> indexes,
                                      Inputs.StreamSpecification stream) {
        return new Inputs.UpdateTable("orders", definitions, billing, throughput, indexes, stream, null, null, null,
                List.of());
    }

    static Table apply(Table table, Inputs.UpdateTable in, Instant at) {
        UpdateTableValidation.request(in);
        return TableUpdate.apply(table, in, at);
    }

    static String refusal(Table table, Inputs.UpdateTable in) {
        return catchThrowableOfType(() -> apply(table, in, T0), ServiceException.class).getMessage();
    }

    static Inputs.GlobalIndexUpdate create(String name, List<Inputs.KeySchemaElement> keys, Long read, Long write) {
        return new Inputs.GlobalIndexUpdate(new Inputs.IndexDefinition(name, keys, true, "ALL", null, read != null,
                read, write), null, null);
    }

    static Inputs.GlobalIndexUpdate delete(String name) {
        return new Inputs.GlobalIndexUpdate(null, null, new Inputs.IndexDeletion(name));
    }

    static Inputs.GlobalIndexUpdate update(String name, long read, long write) {
        return new Inputs.GlobalIndexUpdate(null, new Inputs.IndexThroughput(name, new Inputs.Throughput(read,
                write)), null);
    }

    @Test
    void streamsAndIndexesAndThroughputDoNotMix() {
        Inputs.StreamSpecification on = new Inputs.StreamSpecification(true, "KEYS_ONLY");
        assertThat(refusal(orders(), request(null, null, new Inputs.Throughput(6L, 6L), null, on))).isEqualTo(
                "One or more parameter values were invalid: You cannot modify stream status while updating table "
                        + "IOPS");
        assertThat(refusal(orders(), request(null, null, null, List.of(delete("by-g")), on))).isEqualTo(
                "One or more parameter values were invalid: You cannot create or delete index while changing stream "
                        + "status");
        assertThat(refusal(orders(), request(null, null, null, null, new Inputs.StreamSpecification(false,
                "KEYS_ONLY")))).isEqualTo("One or more parameter values were invalid: If stream is being disabled, "
                + "then UpdateViewType must not be specified");
        // An index Update may share a call with the table's throughput.
        Table both = apply(orders(), request(null, null, new Inputs.Throughput(6L, 6L), List.of(update("by-g", 7, 7)),
                null), T0);
        assertThat(both.readCapacity()).isEqualTo(6);
        assertThat(both.index("by-g").orElseThrow().readCapacity()).isEqualTo(7);
    }

    @Test
    void membersAreCheckedBeforeAnythingElseAndUnservedOnesAreNamed() {
        Inputs.UpdateTable nullRead = request(null, null, new Inputs.Throughput(null, 1L), null, null);
        assertThat(refusal(orders(), nullRead)).isEqualTo("1 validation error detected: Value 'null' at "
                + "'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must not be null");
        Inputs.UpdateTable replicas = new Inputs.UpdateTable("orders", null, null, null, null, null, null, null, true,
                List.of("ReplicaUpdates", "WarmThroughput"));
        assertThat(refusal(orders(), replicas)).isEqualTo("Strongroom does not serve ReplicaUpdates, WarmThroughput: "
                + "global tables (replicas and witnesses), on-demand maximum throughput and warm throughput are not "
                + "served");
        Inputs.UpdateTable keyWithoutKms = new Inputs.UpdateTable("orders", null, null, null, null, null,
                new Inputs.SseSpecification(null, null, "alias/mine"), null, null, List.of());
        assertThat(refusal(orders(), keyWithoutKms)).isEqualTo("One or more parameter values were invalid: "
                + "KMSMasterKeyId can not be specified if Enabled is false");
    }

    @Test
    void aRedefinedAttributeNamesBothSchemas() {
        Inputs.UpdateTable in = request(List.of(def("g", "N"), def("z", "S")), null, null,
                List.of(create("by-gz", List.of(key("g", "HASH"), key("z", "RANGE")), 1L, 1L)), null);
        assertThat(refusal(orders(), in)).isEqualTo("One or more parameter values were invalid: Attributes cannot be "
                + "redefined. Please check that your attribute has the same type as previously defined. Existing "
                + "schema: Schema:[SchemaElement: key{g:S:HASH}, SchemaElement: key{sk:S:RANGE}] New schema: "
                + "Schema:[SchemaElement: key{g:N:HASH}, SchemaElement: key{z:S:RANGE}]");
    }

    @Test
    void aDeletedIndexTakesTheDefinitionsOnlyItUsed() {
        Table deleted = apply(orders(), request(null, null, null, List.of(delete("by-g")), null), T0);
        assertThat(deleted.attributeDefinitions()).containsOnlyKeys("pk", "sk", "l");
        assertThat(deleted.indexes()).extracting(SecondaryIndex::name).containsExactly("by-l");
        assertThat(deleted.history().definitionChanged()).isEqualTo(T0);
    }

    @Test
    void switchingToPayPerRequestZeroesEveryThroughputAndBackNeedsEachIndexs() {
        Instant later = T0.plus(Duration.ofHours(1));
        Table onDemand = apply(orders(), request(null, "PAY_PER_REQUEST", null, null, null), later);
        assertThat(onDemand.payPerRequest()).isTrue();
        assertThat(onDemand.readCapacity()).isZero();
        assertThat(onDemand.index("by-g").orElseThrow().readCapacity()).isZero();
        assertThat(onDemand.lastUpdateToPayPerRequest()).isEqualTo(later);
        assertThat(onDemand.history().switchesToPayPerRequest()).containsExactly(later);

        assertThat(refusal(onDemand, request(List.of(def("h", "S")), "PROVISIONED", new Inputs.Throughput(3L, 3L),
                List.of(create("by-h", List.of(key("h", "HASH")), 2L, 2L), update("by-g", 1, 1)), null))).isEqualTo(
                "One or more parameter values were invalid: You cannot create or delete index while updating table "
                        + "IOPS");
        Table back = apply(onDemand, request(null, "PROVISIONED", new Inputs.Throughput(3L, 3L),
                List.of(update("by-g", 1, 1)), null), later);
        assertThat(back.readCapacity()).isEqualTo(3);
        assertThat(back.index("by-g").orElseThrow().readCapacity()).isEqualTo(1);
        assertThat(back.index("by-l").orElseThrow().readCapacity()).isZero();
        // A switch from PAY_PER_REQUEST is no increase, so no quota or date moves.
        assertThat(back.history().throughput()).isEqualTo(ThroughputHistory.NONE);
        assertThat(back.lastUpdateToPayPerRequest()).isEqualTo(later);
    }

    @Test
    void switchesToPayPerRequestAndTableClassUpdatesAreCountedInRollingWindows() {
        TableHistory h = TableHistory.NONE;
        for (int i = 0; i < 4; i++) {
            h = h.switchedToPayPerRequest(T0.plus(Duration.ofHours(i)));
        }
        assertThat(h.switchesToPayPerRequest()).hasSize(4);
        assertThat(h.nextSwitchToPayPerRequestAfter(T0.plus(Duration.ofHours(5)))).contains(T0.plus(Duration.ofDays(1)));
        assertThat(h.nextSwitchToPayPerRequestAfter(T0.plus(Duration.ofDays(1)))).isEmpty();
        h = h.switchedToPayPerRequest(T0.plus(Duration.ofDays(1)));
        assertThat(h.switchesToPayPerRequest()).hasSize(4).startsWith(T0.plus(Duration.ofHours(1)));
        assertThat(h.nextSwitchToPayPerRequestAfter(T0.plus(Duration.ofDays(1))))
                .contains(T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));

        TableHistory classes = TableHistory.NONE.tableClassUpdated(T0).tableClassUpdated(T0.plus(Duration.ofDays(2)));
        assertThat(classes.nextTableClassUpdateAfter(T0.plus(Duration.ofDays(29)))).contains(T0.plus(Duration
                .ofDays(30)));
        assertThat(classes.nextTableClassUpdateAfter(T0.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void aTableClassUpdateIsKeptWithItsTime() {
        Inputs.UpdateTable cls = new Inputs.UpdateTable("orders", null, null, null, null, null, null,
                "STANDARD_INFREQUENT_ACCESS", null, List.of());
        Table infrequent = apply(orders(), cls, T0);
        assertThat(infrequent.tableClass()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
        assertThat(infrequent.tableClassUpdated()).isEqualTo(T0);
        assertThat(infrequent.history().tableClassUpdates()).containsExactly(T0);
    }
}
