package io.strongroom.orgpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case under {@code corpus/effective}: levels of attached policies in, effective content, validation
 * errors and (where given) ignored operations and setters out. Each case is computed both with {@code compute} and
 * through {@code merge}/{@code finish}, which must agree.
 */
class EffectivePolicyCorpusTest {

    static Stream<CorpusCase> cases() {
        return CorpusCase.load("effective");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void effectivePolicy(CorpusCase corpusCase) throws Exception {
        JsonNode spec = corpusCase.spec();
        PolicyType type = PolicyType.valueOf(spec.path("type").asText("BACKUP_POLICY"));
        EffectivePolicyEngine engine = new EffectivePolicyEngine(options(spec.path("options")));
        List<PolicyLevel> levels = levels(spec.get("levels"));

        EffectivePolicy effective = engine.compute(type, levels);

        JsonNode expected = spec.get("expected");
        if (expected == null || expected.isNull()) {
            assertThat(effective.content()).as("content").isNull();
        } else {
            assertThat(effective.content()).as("content").isNotNull();
            assertThat(CorpusCase.JSON.readTree(effective.content())).as("content").isEqualTo(expected);
            assertThat(effective.content()).as("compact")
                    .isEqualTo(CorpusCase.JSON.writeValueAsString(CorpusCase.JSON.readTree(effective.content())))
                    .doesNotContain("@@");
        }
        assertThat(errors(effective)).as("errors").isEqualTo(expectedErrors(spec.path("errors")));
        assertThat(effective.valid()).isEqualTo(spec.path("errors").isEmpty());
        if (spec.has("ignored")) {
            assertThat(ignored(effective)).as("ignored").isEqualTo(expectedList(spec.get("ignored")));
        }
        Iterator<Map.Entry<String, JsonNode>> setBy = spec.path("setBy").fields();
        while (setBy.hasNext()) {
            Map.Entry<String, JsonNode> key = setBy.next();
            assertThat(effective.explanation().key(key.getKey())).as("explained " + key.getKey()).isPresent();
            assertThat(effective.explanation().key(key.getKey()).flatMap(KeyExplanation::setBy)
                    .map(PolicySource::policyId).orElse(null)).as("set by " + key.getKey())
                    .isEqualTo(key.getValue().asText());
        }

        MergeState state = null;
        for (PolicyLevel level : levels) {
            state = engine.merge(type, state, level);
        }
        EffectivePolicy viaMerge = engine.finish(type, state);
        assertThat(viaMerge).isEqualTo(effective);
    }

    static List<PolicyLevel> levels(JsonNode levels) {
        List<PolicyLevel> result = new ArrayList<>();
        for (JsonNode level : levels) {
            List<AttachedPolicy> policies = new ArrayList<>();
            for (JsonNode policy : level.path("policies")) {
                String id = policy.get("id").asText();
                policies.add(new AttachedPolicy(id, policy.path("name").asText(id),
                        CorpusCase.content(policy.get("content"))));
            }
            result.add(new PolicyLevel(level.get("target").asText(), policies));
        }
        return result;
    }

    static EffectivePolicyOptions options(JsonNode options) {
        EffectivePolicyOptions result = EffectivePolicyOptions.defaults();
        Iterator<Map.Entry<String, JsonNode>> fields = options.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            result = switch (field.getKey()) {
                case "containerAdditions" -> result.withContainerAdditions(
                        EffectivePolicyOptions.ContainerAdditions.valueOf(value.asText()));
                case "appendSkipsPresentItems" -> result.withAppendSkipsPresentItems(value.asBoolean());
                case "keepEmptyArrayAfterRemove" -> result.withKeepEmptyArrayAfterRemove(value.asBoolean());
                case "omitUnvaluedKeys" -> result.withOmitUnvaluedKeys(value.asBoolean());
                case "sameLevelOrder" -> result.withSameLevelOrder(
                        EffectivePolicyOptions.SameLevelOrder.valueOf(value.asText()));
                case "lowercaseScannerKeys" -> result.withLowercaseScannerKeys(value.asBoolean());
                case "keyRequiredPath" -> result.withKeyRequiredPath(
                        EffectivePolicyOptions.KeyRequiredPath.valueOf(value.asText()));
                case "selectionsNeedTagsOrResources" -> result.withSelectionsNeedTagsOrResources(value.asBoolean());
                case "reportIgnoredOperations" -> result.withReportIgnoredOperations(value.asBoolean());
                default -> throw new IllegalArgumentException("unknown option " + field.getKey());
            };
        }
        return result;
    }

    private static List<Map<String, Object>> errors(EffectivePolicy effective) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ValidationError error : effective.errors()) {
            assertThat(error.errorMessage()).isNotBlank();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("errorCode", error.errorCode());
            row.put("pathToError", error.pathToError());
            row.put("contributingPolicies", error.contributingPolicies());
            errors.add(row);
        }
        return errors;
    }

    private static List<Map<String, Object>> expectedErrors(JsonNode errors) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode error : errors) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("errorCode", error.get("errorCode").asText());
            row.put("pathToError", error.get("pathToError").asText());
            List<String> contributors = new ArrayList<>();
            error.get("contributingPolicies").forEach(id -> contributors.add(id.asText()));
            row.put("contributingPolicies", contributors);
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> ignored(EffectivePolicy effective) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IgnoredOperation op : effective.explanation().ignored()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", op.path());
            row.put("operation", op.operation().name());
            row.put("policy", op.source().policyId());
            row.put("reason", op.reason().name());
            List<String> locks = new ArrayList<>();
            op.lockedBy().forEach(lock -> locks.add(lock.source().policyId()));
            row.put("lockedBy", locks);
            row.put("winner", op.winner() == null ? null : op.winner().policyId());
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> expectedList(JsonNode ignored) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode op : ignored) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", op.get("path").asText());
            row.put("operation", op.get("operation").asText());
            row.put("policy", op.get("policy").asText());
            row.put("reason", op.get("reason").asText());
            List<String> locks = new ArrayList<>();
            op.path("lockedBy").forEach(id -> locks.add(id.asText()));
            row.put("lockedBy", locks);
            row.put("winner", op.hasNonNull("winner") ? op.get("winner").asText() : null);
            rows.add(row);
        }
        return rows;
    }
}
