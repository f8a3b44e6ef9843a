package io.strongroom.orgpolicy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM-language syntax of SCPs and RCPs (spec 4.1, 4.6): the full IAM grammar except principals in SCPs. Only syntax
 * is checked; whether an action or condition key exists is not, as AWS does not check that either.
 */
final class AuthorizationPolicyValidator {
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Condition", "Principal", "NotPrincipal");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+");
    private static final Pattern CONDITION_OPERATOR = Pattern.compile(
            "(ForAllValues:|ForAnyValue:)?(StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase"
                    + "|StringLike|StringNotLike|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals"
                    + "|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan"
                    + "|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress"
                    + "|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)(IfExists)?|Null");

    private final PolicyValidationOptions options;

    AuthorizationPolicyValidator(PolicyValidationOptions options) {
        this.options = options;
    }

    void validate(PolicyType type, JsonNode document) {
        Iterator<String> names = document.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.startsWith("@@")) {
                fail("inheritance operators are not part of the " + type + " syntax", name);
            }
            if (!TOP_LEVEL.contains(name)) {
                fail("unknown top-level element \"" + name + "\"", name);
            }
        }
        JsonNode version = document.get("Version");
        if (version == null) {
            if (options.enabled(ValidationCheck.SCP_VERSION_REQUIRED)) {
                fail("the policy must include \"Version\": \"2012-10-17\"", "Version");
            }
        } else if (!version.isTextual() || !VERSIONS.contains(version.asText())) {
            fail("\"Version\" must be \"2012-10-17\"", "Version");
        }
        if (document.has("Id") && !document.get("Id").isTextual()) {
            fail("\"Id\" must be a string", "Id");
        }
        JsonNode statements = document.get("Statement");
        if (statements == null) {
            fail("the policy must contain \"Statement\"", "Statement");
        }
        if (statements.isObject()) {
            statement(type, statements, "Statement");
        } else if (statements.isArray() && !statements.isEmpty()) {
            for (int i = 0; i < statements.size(); i++) {
                JsonNode statement = statements.get(i);
                if (!statement.isObject()) {
                    fail("each statement must be an object", "Statement[" + i + "]");
                }
                statement(type, statement, "Statement[" + i + "]");
            }
        } else {
            fail("\"Statement\" must be an object or a non-empty array of objects", "Statement");
        }
    }

    private void statement(PolicyType type, JsonNode statement, String path) {
        Iterator<String> names = statement.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!STATEMENT_KEYS.contains(name)) {
                fail("unknown statement element \"" + name + "\"", path + "." + name);
            }
        }
        if (statement.has("NotPrincipal")) {
            fail("\"NotPrincipal\" is not supported in " + type, path + ".NotPrincipal");
        }
        if (statement.has("Principal")) {
            if (type == PolicyType.SERVICE_CONTROL_POLICY) {
                fail("\"Principal\" is not supported in service control policies", path + ".Principal");
            }
            principal(statement.get("Principal"), path + ".Principal");
        }
        if (statement.has("Sid") && !statement.get("Sid").isTextual()) {
            fail("\"Sid\" must be a string", path + ".Sid");
        }
        JsonNode effect = statement.get("Effect");
        if (effect == null || !effect.isTextual()
                || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
            fail("\"Effect\" must be \"Allow\" or \"Deny\"", path + ".Effect");
        }
        exactlyOne(statement, "Action", "NotAction", path);
        exactlyOne(statement, "Resource", "NotResource", path);
        String actionKey = statement.has("Action") ? "Action" : "NotAction";
        strings(statement.get(actionKey), path + "." + actionKey, ACTION, "an action such as \"s3:GetObject\"");
        String resourceKey = statement.has("Resource") ? "Resource" : "NotResource";
        strings(statement.get(resourceKey), path + "." + resourceKey, null, null);
        for (JsonNode resource : iterate(statement.get(resourceKey))) {
            String text = resource.asText();
            if (!text.equals("*") && !text.startsWith("arn:")) {
                fail("resources must be \"*\" or an ARN, found \"" + text + "\"", path + "." + resourceKey);
            }
        }
        if (statement.has("Condition")) {
            condition(statement.get("Condition"), path + ".Condition");
        }
    }

    private void principal(JsonNode principal, String path) {
        if (principal.isTextual() && principal.asText().equals("*")) {
            return;
        }
        if (!principal.isObject() || principal.isEmpty()) {
            fail("\"Principal\" must be \"*\" or an object of principal types", path);
        }
        Iterator<Map.Entry<String, JsonNode>> kinds = principal.fields();
        while (kinds.hasNext()) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            strings(kind.getValue(), path + "." + kind.getKey(), null, null);
        }
    }

    private void condition(JsonNode condition, String path) {
        if (!condition.isObject()) {
            fail("\"Condition\" must be an object of condition operators", path);
        }
        Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> operator = operators.next();
            String where = path + "." + operator.getKey();
            if (!CONDITION_OPERATOR.matcher(operator.getKey()).matches()) {
                fail("unknown condition operator \"" + operator.getKey() + "\"", where);
            }
            if (!operator.getValue().isObject() || operator.getValue().isEmpty()) {
                fail("a condition operator holds an object of condition keys", where);
            }
            Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                JsonNode value = key.getValue();
                boolean ok = value.isValueNode() && !value.isNull()
                        || value.isArray() && !value.isEmpty() && allScalars(value);
                if (!ok) {
                    fail("a condition value is a string, number, boolean or a non-empty array of those",
                            where + "." + key.getKey());
                }
            }
        }
    }

    private void exactlyOne(JsonNode statement, String one, String other, String path) {
        boolean hasOne = statement.has(one);
        boolean hasOther = statement.has(other);
        if (hasOne == hasOther) {
            fail(hasOne ? "a statement cannot contain both \"" + one + "\" and \"" + other + "\""
                    : "a statement must contain \"" + one + "\" or \"" + other + "\"", path);
        }
    }

    private void strings(JsonNode value, String path, Pattern pattern, String expected) {
        if (!(value.isTextual() || value.isArray() && !value.isEmpty())) {
            fail("must be a string or a non-empty array of strings", path);
        }
        for (JsonNode item : iterate(value)) {
            if (!item.isTextual()) {
                fail("must be a string or a non-empty array of strings", path);
            }
            if (pattern != null && !pattern.matcher(item.asText()).matches()) {
                fail("\"" + item.asText() + "\" is not " + expected, path);
            }
        }
    }

    private static Iterable<JsonNode> iterate(JsonNode value) {
        return value.isArray() ? value : java.util.List.of(value);
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode() || item.isNull()) {
                return false;
            }
        }
        return true;
    }

    private void fail(String detail, String path) {
        throw new MalformedPolicyDocument(detail, path, options.detailInMessage());
    }
}
