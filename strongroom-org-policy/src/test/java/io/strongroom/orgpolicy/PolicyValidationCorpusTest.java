package io.strongroom.orgpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Runs every case under {@code corpus/validation}: one document in, accepted or refused with the right reason. */
class PolicyValidationCorpusTest {

    static Stream<CorpusCase> cases() {
        return CorpusCase.load("validation");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void createTimeValidation(CorpusCase corpusCase) {
        JsonNode spec = corpusCase.spec();
        PolicyType type = PolicyType.valueOf(spec.get("type").asText());
        String content = CorpusCase.content(spec.get("content"));
        PolicyValidationOptions options = options(spec.path("options"));

        switch (spec.get("expect").asText()) {
            case "VALID" -> assertThatCode(() -> PolicyDocuments.validate(type, content, options))
                    .doesNotThrowAnyException();
            case "MALFORMED" -> {
                MalformedPolicyDocument refused = catchThrowableOfType(
                        () -> PolicyDocuments.validate(type, content, options), MalformedPolicyDocument.class);
                assertThat(refused).as("refused").isNotNull();
                assertThat(refused.code()).isEqualTo("MalformedPolicyDocumentException");
                assertThat(refused.getMessage()).isEqualTo(MalformedPolicyDocument.AWS_MESSAGE);
                assertThat(refused.detail()).contains(spec.get("detail").asText());
            }
            default -> throw new IllegalArgumentException("unknown expectation " + spec.get("expect"));
        }
    }

    private static PolicyValidationOptions options(JsonNode options) {
        PolicyValidationOptions result = PolicyValidationOptions.defaults();
        for (JsonNode check : options.path("enable")) {
            result = result.with(ValidationCheck.valueOf(check.asText()), true);
        }
        for (JsonNode check : options.path("disable")) {
            result = result.with(ValidationCheck.valueOf(check.asText()), false);
        }
        return result;
    }
}
