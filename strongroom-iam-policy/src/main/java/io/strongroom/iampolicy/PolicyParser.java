package io.strongroom.iampolicy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON to statements: everything spec 1.8 step 1 calls a syntax error (not JSON, wrong JSON types, unknown element,
 * duplicate key). The semantic checks run afterwards in {@link PolicyValidator}, in AWS's order.
 */
final class PolicyParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_MEMBERS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");

    private final PolicyKind kind;
    private final EvaluationOptions options;

    PolicyParser(PolicyKind kind, EvaluationOptions options) {
        this.kind = kind;
        this.options = options;
    }

    PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw MalformedPolicyDocument.syntax();
        }
        if (root == null || !root.isObject()) {
            throw MalformedPolicyDocument.syntax();
        }
        root.fieldNames().forEachRemaining(name -> require(TOP_LEVEL.contains(name)));
        String version = optionalText(root, "Version");
        require(version == null || version.equals(PolicyDocument.CURRENT_VERSION) || version.equals("2008-10-17"));
        String id = optionalText(root, "Id");
        require(id == null || options.allowIdInIdentityPolicies() || kind.namesPrincipals());
        JsonNode statementNode = root.get("Statement");
        require(statementNode != null && (statementNode.isObject() || statementNode.isArray()));
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode.isObject()) {
            nodes.add(statementNode);
        } else {
            statementNode.forEach(nodes::add);
        }
        boolean variables = PolicyDocument.CURRENT_VERSION.equals(version);
        List<StatementPositions.Extent> extents = StatementPositions.of(json);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Statement statement = statement(i, nodes.get(i), variables);
            statements.add(extents.size() == nodes.size() ? statement.at(extents.get(i)) : statement);
        }
        return new PolicyDocument(kind, version, id, statements, json);
    }

    private Statement statement(int index, JsonNode node, boolean variables) {
        require(node.isObject());
        node.fieldNames().forEachRemaining(name -> require(STATEMENT_MEMBERS.contains(name)));
        require(!(node.has("Principal") && node.has("NotPrincipal")));
        require(!(node.has("Action") && node.has("NotAction")));
        require(!(node.has("Resource") && node.has("NotResource")));
        String sid = optionalText(node, "Sid");
        JsonNode effectNode = node.get("Effect");
        if (effectNode == null) {
            throw new MalformedPolicyDocument(MalformedPolicyDocument.Problem.SYNTAX,
                    MalformedPolicyDocument.MISSING_EFFECT);
        }
        require(effectNode.isTextual()
                && (effectNode.asText().equals("Allow") || effectNode.asText().equals("Deny")));
        Statement.Effect effect = effectNode.asText().equals("Allow") ? Statement.Effect.ALLOW : Statement.Effect.DENY;
        boolean notPrincipal = node.has("NotPrincipal");
        PrincipalElement principal = principal(node.get(notPrincipal ? "NotPrincipal" : "Principal"));
        boolean notAction = node.has("NotAction");
        List<String> actions = stringList(node.get(notAction ? "NotAction" : "Action"));
        boolean notResource = node.has("NotResource");
        List<String> resources = stringList(node.get(notResource ? "NotResource" : "Resource"));
        List<Condition> conditions = conditions(node.get("Condition"), variables);
        if (kind == PolicyKind.SERVICE_CONTROL && !options.scpFullGrammar() && effect == Statement.Effect.ALLOW) {
            require(conditions.isEmpty() && !notAction && !notResource
                    && (resources == null || resources.equals(List.of("*"))));
        }
        return new Statement(index, sid, effect, principal, notPrincipal, actions, notAction, resources, notResource,
                conditions, variables);
    }

    private static PrincipalElement principal(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            require(node.asText().equals("*"));
            return PrincipalElement.anyone();
        }
        require(node.isObject() && node.size() > 0);
        Map<String, List<String>> entries = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            require(PrincipalElement.TYPES.contains(field.getKey()));
            List<String> values = stringList(field.getValue());
            require(!values.isEmpty());
            entries.put(field.getKey(), values);
        }
        return new PrincipalElement(entries);
    }

    private static List<Condition> conditions(JsonNode node, boolean variables) {
        if (node == null) {
            return List.of();
        }
        require(node.isObject());
        List<Condition> conditions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> operators = node.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> entry = operators.next();
            JsonNode keys = entry.getValue();
            require(keys.isObject());
            var operator = ConditionOperator.parse(entry.getKey());
            if (operator.isEmpty()) {
                // AWS lets an unknown operator through when it has nothing under it [OBS]
                require(keys.isEmpty());
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = keys.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> key = fields.next();
                conditions.add(new Condition(operator.get(), key.getKey(), scalarList(key.getValue()), variables));
            }
        }
        return conditions;
    }

    private static List<String> stringList(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        require(node.isArray());
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            require(item.isTextual());
            values.add(item.asText());
        }
        return values;
    }

    /** Condition values may be strings, numbers or booleans, compared by their string form (spec 1.5). */
    private static List<String> scalarList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                values.add(scalar(item));
            }
        } else {
            values.add(scalar(node));
        }
        return values;
    }

    private static String scalar(JsonNode node) {
        require(node.isTextual() || node.isNumber() || node.isBoolean());
        return node.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        require(value.isTextual());
        return value.asText();
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw MalformedPolicyDocument.syntax();
        }
    }
}
