package io.strongroom.policychecks;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings corpus: every case under {@code src/test/resources/findings/} is a policy (an object, pretty-printed with
 * two-space indentation and one array element per line, or {@code policyText} taken verbatim), its type and the findings expected, compared as whole
 * lists of (findingType, issueCode, path), plus the span and a fragment of the details where a case gives them.
 */
class PolicyFindingsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Two-space indentation, one array element per line, "\n" line ends: what the spans in the corpus count. */
    static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(PolicyFindingsTest.class.getResource("/findings").toURI());
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode c : JSON.readTree(file.toFile())) {
                    out.add(Arguments.of(file.getFileName() + ": " + c.get("name").asText(), c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findings(String name, JsonNode c) throws IOException {
        String policy = c.has("policyText") ? c.get("policyText").asText()
                : JSON.writer(PRINTER).writeValueAsString(c.get("policy"));
        List<Finding> findings = PolicyChecks.standard().validate(policy,
                PolicyCheckType.valueOf(c.get("policyType").asText()));
        List<String> actual = findings.stream().map(PolicyFindingsTest::summary).toList();
        List<String> expected = new ArrayList<>();
        c.get("findings").forEach(f -> expected.add(f.get("findingType").asText() + " " + f.get("issueCode").asText()
                + " " + f.get("path")));
        assertThat(actual).as(policy + "\n" + findings).containsExactlyElementsOf(expected);
        for (int i = 0; i < findings.size(); i++) {
            JsonNode e = c.get("findings").get(i);
            Finding f = findings.get(i);
            if (e.has("details")) {
                assertThat(f.details()).contains(e.get("details").asText());
            }
            if (e.has("span")) {
                Span s = f.locations().get(0).span();
                assertThat(List.of(s.start().line(), s.start().column(), s.start().offset(), s.end().line(),
                        s.end().column(), s.end().offset()))
                        .isEqualTo(JSON.convertValue(e.get("span"), List.class));
            }
            assertThat(f.learnMoreLink()).startsWith("https://docs.aws.amazon.com/IAM/latest/UserGuide/");
        }
    }

    static String summary(Finding f) {
        List<Object> path = new ArrayList<>();
        for (PathElement p : f.locations().get(0).path()) {
            path.add(p.index() != null ? java.util.Map.of("index", p.index())
                    : p.key() != null ? java.util.Map.of("key", p.key()) : java.util.Map.of("value", p.value()));
        }
        return f.type() + " " + f.issueCode() + " " + JSON.valueToTree(path);
    }

    static InputStream resource(String name) {
        return PolicyFindingsTest.class.getResourceAsStream(name);
    }
}
