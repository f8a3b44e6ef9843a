package io.strongroom.dynamodb;

import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** CreateTable's checks of secondary indexes: AWS's wording, in AWS's order (D109). */
class IndexValidationTest {
    static final List<Inputs.KeySchemaElement> TABLE_KEYS = List.of(key("pk", "HASH"), key("sk", "RANGE"));

    static Inputs.KeySchemaElement key(String name, String type) {
        return new Inputs.KeySchemaElement(name, type);
    }

    static List<Inputs.AttributeDefinition> defs(String... names) {
        return java.util.Arrays.stream(names).map(n -> new Inputs.AttributeDefinition(n, "S")).toList();
    }

    static Inputs.IndexDefinition index(String name, List<Inputs.KeySchemaElement> keys, String projection,
                                        List<String> nonKey) {
        return new Inputs.IndexDefinition(name, keys, true, projection, nonKey, false, null, null);
    }

    static Inputs.IndexDefinition gsi(String name, String hash) {
        return index(name, List.of(key(hash, "HASH")), "ALL", null);
    }

    static Table create(List<Inputs.KeySchemaElement> keys, List<Inputs.AttributeDefinition> defs,
                        List<Inputs.IndexDefinition> global, List<Inputs.IndexDefinition> local) {
        return TableValidation.validate(new Inputs.CreateTable("t1234", keys, defs, "PAY_PER_REQUEST", null, null,
                false, Map.of(), global, local), "111111111111", "eu-west-1", "id", Instant.EPOCH);
    }

    static String refusal(List<Inputs.KeySchemaElement> keys, List<Inputs.AttributeDefinition> defs,
                          List<Inputs.IndexDefinition> global, List<Inputs.IndexDefinition> local) {
        return catchThrowableOfType(() -> create(keys, defs, global, local), ServiceException.class).getMessage();
    }

    @Test
    void aTableWithBothKindsKeepsThemLocalFirstWithTheirKeyTypes() {
        Table t = create(TABLE_KEYS, defs("pk", "sk", "gpk", "lsk"), List.of(gsi("by-g", "gpk")),
                List.of(index("by-l", List.of(key("pk", "HASH"), key("lsk", "RANGE")), "KEYS_ONLY", null)));
        assertThat(t.indexes()).extracting(SecondaryIndex::name).containsExactly("by-l", "by-g");
        assertThat(t.index("by-g").orElseThrow().hashKey()).isEqualTo(new KeyAttribute("gpk", "S"));
        assertThat(t.attributeDefinitions()).containsKeys("gpk", "lsk");
    }

    @Test
    void localIndexesNeedTheTablesRangeKeyAndItsHashKey() {
        List<Inputs.IndexDefinition> lsi = List.of(index("by-l", List.of(key("pk", "HASH"), key("lsk", "RANGE")),
                "ALL", null));
        assertThat(refusal(List.of(key("pk", "HASH")), defs("pk", "lsk"), null, lsi)).isEqualTo(
                "One or more parameter values were invalid: Table KeySchema does not have a range key, which is "
                        + "required when specifying a LocalSecondaryIndex");
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "other", "lsk"), null, List.of(index("by-l",
                List.of(key("other", "HASH"), key("lsk", "RANGE")), "ALL", null)))).isEqualTo(
                "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key "
                        + "as table KeySchema for index: by-l. index hash key: other, table hash key: pk");
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk"), null, List.of(index("by-l", List.of(key("pk", "HASH")),
                "ALL", null)))).isEqualTo("One or more parameter values were invalid: Index KeySchema does not have "
                + "a range key for index: by-l");
    }

    @Test
    void projectionsNameNonKeyAttributesOnlyWhenIncluding() {
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g"), List.of(index("by-g", List.of(key("g", "HASH")),
                "INCLUDE", null)), null)).isEqualTo("One or more parameter values were invalid: ProjectionType is "
                + "INCLUDE, but NonKeyAttributes is not specified");
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g"), List.of(index("by-g", List.of(key("g", "HASH")),
                "KEYS_ONLY", List.of("a"))), null)).isEqualTo("One or more parameter values were invalid: "
                + "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified");
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g"), List.of(index("by-g", List.of(key("g", "HASH")),
                null, null)), null)).isEqualTo("One or more parameter values were invalid: Unknown ProjectionType: "
                + "null");
        List<String> fifty = IntStream.range(0, 51).mapToObj(i -> "a" + i).toList();
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g", "h"), List.of(
                index("by-g", List.of(key("g", "HASH")), "INCLUDE", fifty),
                index("by-h", List.of(key("h", "HASH")), "INCLUDE", fifty)), null)).isEqualTo(
                "One or more parameter values were invalid: Number of projected attributes in all indexes exceeds "
                        + "limit of 100");
    }

    @Test
    void everyDefinitionIsAKeyAndEveryKeyDefined() {
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g", "spare"), List.of(gsi("by-g", "g")), null)).isEqualTo(
                "One or more parameter values were invalid: Some AttributeDefinitions are not used. "
                        + "AttributeDefinitions: [pk, sk, g, spare], keys used: [pk, sk, g]");
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk"), List.of(gsi("by-g", "g")), null)).isEqualTo(
                "One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: [g], AttributeDefinitions: [pk, sk]");
    }

    @Test
    void namesAreUniqueAndCountsLimited() {
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g"), List.of(gsi("same", "g"), gsi("same", "g")), null))
                .isEqualTo("One or more parameter values were invalid: Duplicate index name: same");
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g"), List.of(gsi("ab", "g")), null)).isEqualTo(
                "1 validation error detected: Value 'ab' at 'globalSecondaryIndexes.1.member.indexName' failed to "
                        + "satisfy constraint: Member must have length greater than or equal to 3");
        List<Inputs.IndexDefinition> many = new ArrayList<>();
        IntStream.range(0, 21).forEach(i -> many.add(gsi("g-" + i + "-index", "g")));
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g"), many, null)).isEqualTo("One or more parameter values "
                + "were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g"), List.of(), null)).isEqualTo("One or more parameter "
                + "values were invalid: List of GlobalSecondaryIndexes is empty");
    }

    @Test
    void globalThroughputFollowsTheTablesBillingMode() {
        Inputs.IndexDefinition withThroughput = new Inputs.IndexDefinition("by-g", List.of(key("g", "HASH")), true,
                "ALL", null, true, 5L, 3L);
        assertThat(refusal(TABLE_KEYS, defs("pk", "sk", "g"), List.of(withThroughput), null)).isEqualTo(
                "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: "
                        + "by-g when BillingMode is PAY_PER_REQUEST");
        Table provisioned = TableValidation.validate(new Inputs.CreateTable("t1234", TABLE_KEYS, defs("pk", "sk", "g"),
                "PROVISIONED", 1L, 1L, false, Map.of(), List.of(withThroughput), null), "1", "r", "id", Instant.EPOCH);
        assertThat(provisioned.indexes().get(0).readCapacity()).isEqualTo(5);
        assertThat(provisioned.indexes().get(0).writeCapacity()).isEqualTo(3);
        assertThat(catchThrowableOfType(() -> TableValidation.validate(new Inputs.CreateTable("t1234", TABLE_KEYS,
                defs("pk", "sk", "g"), "PROVISIONED", 1L, 1L, false, Map.of(), List.of(gsi("by-g", "g")), null),
                "1", "r", "id", Instant.EPOCH), ServiceException.class)).hasMessage("One or more parameter values "
                + "were invalid: ProvisionedThroughput is not specified for index: by-g");
    }
}
