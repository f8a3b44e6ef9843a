package io.strongroom.iampolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs every case under {@code corpus/}. A case is one of: {@code parse} (a document in, the accepted kind or AWS's
 * error out); {@code condition} (one Condition block on an Allow-everything identity policy, decision out); or a full
 * request (principal, action, resource, context, policies of every type in, the decision with its deciding policy,
 * statement, level and AccessDenied message out).
 */
class PolicyCorpusTest {
    private static final String ALICE = "arn:aws:iam::222222222222:user/alice";
    private static final String DEFAULT_ACTION = "backup:DeleteRecoveryPoint";
    private static final String DEFAULT_RESOURCE =
            "arn:aws:backup:eu-west-1:222222222222:recovery-point:rp-1";
    private static final String FULL_AWS_ACCESS =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final String RCP_FULL_AWS_ACCESS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    static Stream<CorpusCase> cases() {
        return CorpusCase.load().stream();
    }

    @Test
    void corpusIsLargeEnoughToMeanSomething() {
        assertThat(CorpusCase.load()).hasSizeGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusCase(CorpusCase corpusCase) {
        JsonNode spec = corpusCase.spec();
        EvaluationOptions options = options(spec.path("options"));
        if (spec.has("parse")) {
            parseCase(spec.get("parse"), spec.get("expect"), options);
            return;
        }
        Decision decision = new Evaluator(options).evaluate(context(spec, options));
        JsonNode expect = spec.get("expect");
        if (expect.isTextual()) {
            assertThat(decision.outcome()).as(decision.explanation()).hasToString(expect.asText());
            return;
        }
        assertThat(decision.outcome()).as(decision.explanation()).hasToString(expect.get("decision").asText());
        if (expect.has("type")) {
            assertThat(decision.policyType() == null ? null : decision.policyType().name()).as("type")
                    .isEqualTo(text(expect.get("type")));
        }
        if (expect.has("policy")) {
            assertThat(decision.policy() == null ? null : decision.policy().label()).as("policy")
                    .isEqualTo(text(expect.get("policy")));
        }
        if (expect.has("statement")) {
            assertThat(decision.statement() == null ? null : decision.statement().label()).as("statement")
                    .isEqualTo(text(expect.get("statement")));
        }
        if (expect.has("level")) {
            assertThat(decision.organizationLevel()).as("level").isEqualTo(text(expect.get("level")));
        }
        if (expect.has("message")) {
            assertThat(decision.message()).as("message").isEqualTo(text(expect.get("message")));
        }
        if (expect.has("messagePrefix")) {
            assertThat(decision.message()).as("message").startsWith(expect.get("messagePrefix").asText());
        }
        if (expect.has("explanationContains")) {
            assertThat(decision.explanation()).contains(expect.get("explanationContains").asText());
        }
        if (decision.allowed()) {
            assertThat(decision.message()).isNull();
        }
    }

    private static void parseCase(JsonNode parse, JsonNode expect, EvaluationOptions options) {
        PolicyKind kind = PolicyKind.valueOf(parse.path("kind").asText("IDENTITY"));
        ParseSettings settings = new ParseSettings(parse.path("managed").asBoolean(false),
                parse.path("sizeLimit").asInt(0), options);
        // "@PAD@" in a document grows it by "pad" characters, for the size limits
        String json = CorpusCase.content(parse.get("document"))
                .replace("@PAD@", "x".repeat(parse.path("pad").asInt(0)));
        Throwable thrown = catchThrowable(() -> PolicyDocument.parse(json, kind, settings));
        if (expect.path("valid").asBoolean(false)) {
            assertThat(thrown).as("accepted").isNull();
            PolicyDocument document = PolicyDocument.parse(json, kind, settings);
            if (expect.has("statements")) {
                assertThat(document.statements()).hasSize(expect.get("statements").asInt());
            }
            return;
        }
        assertThat(thrown).as("refused").isNotNull();
        if (expect.has("code")) {
            assertThat(thrown).isInstanceOf(io.strongroom.kernel.ServiceException.class);
            assertThat(((io.strongroom.kernel.ServiceException) thrown).code()).isEqualTo(expect.get("code").asText());
        } else {
            assertThat(thrown).isInstanceOf(MalformedPolicyDocument.class);
            assertThat(((MalformedPolicyDocument) thrown).code()).isEqualTo("MalformedPolicyDocument");
        }
        assertThat(thrown.getMessage()).isEqualTo(expect.get("error").asText());
        if (expect.has("problem")) {
            assertThat(((MalformedPolicyDocument) thrown).problem()).hasToString(expect.get("problem").asText());
        }
    }

    static AuthorizationContext context(JsonNode spec, EvaluationOptions options) {
        RequestPrincipal principal = principal(spec.path("principal"));
        String action = spec.path("action").asText(DEFAULT_ACTION);
        RequestResource resource = resource(spec.has("resource") ? spec.get("resource") : null);
        PolicySet policies;
        if (spec.has("condition")) {
            ObjectNode statement = CorpusCase.JSON.createObjectNode();
            statement.put("Effect", "Allow").put("Action", "*").put("Resource", "*");
            statement.set("Condition", spec.get("condition"));
            ObjectNode document = CorpusCase.JSON.createObjectNode().put("Version", "2012-10-17");
            document.set("Statement", statement);
            policies = PolicySet.identity(List.of(attached(document, PolicyKind.IDENTITY, "ConditionUnderTest",
                    options)));
        } else {
            policies = new PolicySet(levels(spec.get("scp"), PolicyKind.SERVICE_CONTROL, options),
                    levels(spec.get("rcp"), PolicyKind.RESOURCE_CONTROL, options),
                    list(spec.path("identity"), PolicyKind.IDENTITY, "identity", options),
                    spec.has("boundary") ? attached(spec.get("boundary"), PolicyKind.PERMISSIONS_BOUNDARY,
                            "boundary", options) : null,
                    list(spec.path("session"), PolicyKind.SESSION, "session", options),
                    spec.has("resourcePolicy") ? attached(spec.get("resourcePolicy"), PolicyKind.valueOf(
                            spec.get("resourcePolicy").path("kind").asText("RESOURCE")), "resource-policy",
                            options) : null);
        }
        return new AuthorizationContext(principal, action, resource, contextKeys(spec.path("context")), policies);
    }

    static RequestPrincipal principal(JsonNode node) {
        RequestPrincipal p;
        if (node.has("root")) {
            p = RequestPrincipal.root(node.get("root").asText());
        } else if (node.has("role")) {
            p = RequestPrincipal.roleSession(node.get("role").asText(), node.path("session").asText("session"),
                    node.path("uniqueId").asText("AROAROLEEXAMPLE00001"));
        } else if (node.has("federatedUser")) {
            p = RequestPrincipal.federatedUser(node.path("account").asText("222222222222"),
                    node.get("federatedUser").asText(), text(node.get("federatingUser")));
        } else if (node.has("service")) {
            p = RequestPrincipal.service(node.get("service").asText());
        } else if (node.has("provider")) {
            p = RequestPrincipal.identityProvider(node.get("provider").asText());
        } else if (node.has("anonymous")) {
            p = RequestPrincipal.anonymous();
        } else {
            p = RequestPrincipal.user(node.path("user").asText(ALICE),
                    node.path("uniqueId").asText("AIDAALICEEXAMPLE0001"));
        }
        if (node.has("tags")) {
            Map<String, String> tags = new LinkedHashMap<>();
            node.get("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            p = p.withTags(tags);
        }
        if (node.has("organizationId") || node.has("managementAccount")) {
            p = p.withOrganization(text(node.get("organizationId")), node.path("managementAccount").asBoolean());
        }
        if (node.has("serviceLinkedRole")) {
            p = p.withServiceLinkedRole(node.get("serviceLinkedRole").asBoolean());
        }
        if (node.has("canonicalUserId")) {
            p = p.withCanonicalUserId(node.get("canonicalUserId").asText());
        }
        return p;
    }

    static RequestResource resource(JsonNode node) {
        if (node == null) {
            return RequestResource.of(DEFAULT_RESOURCE);
        }
        if (node.isNull()) {
            return RequestResource.none();
        }
        if (node.isTextual()) {
            return RequestResource.of(node.asText());
        }
        RequestResource r = node.has("account") ? RequestResource.owned(text(node.get("arn")),
                node.get("account").asText()) : RequestResource.of(text(node.get("arn")));
        return r.withOrganization(text(node.get("organizationId")), node.path("managementAccount").asBoolean());
    }

    private static List<OrganizationLevel> levels(JsonNode node, PolicyKind kind, EvaluationOptions options) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<OrganizationLevel> levels = new ArrayList<>();
        for (JsonNode level : node) {
            levels.add(new OrganizationLevel(level.get("target").asText(),
                    list(level.path("policies"), kind, kind.name(), options)));
        }
        return levels;
    }

    private static List<AttachedPolicy> list(JsonNode node, PolicyKind kind, String label, EvaluationOptions options) {
        List<AttachedPolicy> policies = new ArrayList<>();
        int i = 0;
        for (JsonNode policy : node) {
            policies.add(attached(policy, kind, label + "-" + i++, options));
        }
        return policies;
    }

    /**
     * A policy is a document object, the name of an AWS-managed one ({@code "FullAWSAccess"},
     * {@code "RCPFullAWSAccess"}), or {@code {"id","name","arn","document"}}.
     */
    private static AttachedPolicy attached(JsonNode node, PolicyKind kind, String fallbackName,
                                           EvaluationOptions options) {
        ParseSettings settings = ParseSettings.defaults().withOptions(options);
        if (node.isTextual() && node.asText().equals("FullAWSAccess")) {
            return AttachedPolicy.of("p-FullAWSAccess", "FullAWSAccess",
                    "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
                    PolicyDocument.parse(FULL_AWS_ACCESS, kind, settings));
        }
        if (node.isTextual() && node.asText().equals("RCPFullAWSAccess")) {
            return AttachedPolicy.of("p-RCPFullAWSAccess", "RCPFullAWSAccess",
                    "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess",
                    PolicyDocument.parse(RCP_FULL_AWS_ACCESS, kind, settings));
        }
        if (node.has("document")) {
            String id = text(node.get("id"));
            String arn = text(node.get("arn"));
            String name = id == null && arn == null ? node.path("name").asText(fallbackName) : text(node.get("name"));
            return AttachedPolicy.of(id, name, arn,
                    PolicyDocument.parse(CorpusCase.content(node.get("document")), kind, settings));
        }
        return AttachedPolicy.named(fallbackName, PolicyDocument.parse(CorpusCase.content(node), kind, settings));
    }

    private static Map<String, List<String>> contextKeys(JsonNode node) {
        Map<String, List<String>> keys = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(field.getValue().asText());
            }
            keys.put(field.getKey(), values);
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    static EvaluationOptions options(JsonNode overrides) {
        Map<String, Object> merged = CorpusCase.JSON.convertValue(EvaluationOptions.defaults(), Map.class);
        overrides.fields().forEachRemaining(e -> merged.put(e.getKey(),
                CorpusCase.JSON.convertValue(e.getValue(), Object.class)));
        return CorpusCase.JSON.convertValue(merged, EvaluationOptions.class);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
