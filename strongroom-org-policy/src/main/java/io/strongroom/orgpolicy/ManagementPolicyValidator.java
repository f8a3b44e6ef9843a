package io.strongroom.orgpolicy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inheritance-operator grammar shared by every management policy type, plus the backup grammar where the type
 * has one. Completeness and quotas are deliberately not checked here: partial policies are legal until merged.
 */
final class ManagementPolicyValidator {
    private static final Pattern REGION_CODE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private final PolicyValidationOptions options;

    ManagementPolicyValidator(PolicyValidationOptions options) {
        this.options = options;
    }

    void validate(PolicyType type, JsonNode document) {
        SchemaNode schema = type == PolicyType.BACKUP_POLICY ? BackupPolicySchema.ROOT : null;
        Iterator<Map.Entry<String, JsonNode>> fields = document.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (Operators.isOperatorKey(key)) {
                // Nothing above the document root could be restricted or assigned, so AWS has no meaning for these.
                fail(isKnown(key) ? "operator " + key + " cannot be used at the top level of the document"
                        : "unknown operator " + key, key);
            }
            if (schema != null && on(ValidationCheck.TOP_LEVEL_PLANS_ONLY) && !lower(key).equals("plans")) {
                fail("the only top-level key of a backup policy is \"plans\", found \"" + key + "\"", key);
            }
            element(key, field.getValue(), schema == null ? null : schema.child(lower(key)), key, schema != null);
        }
    }

    private void element(String key, JsonNode node, SchemaNode schema, String path, boolean typed) {
        if (typed && schema == null && on(ValidationCheck.UNKNOWN_BACKUP_KEYS)) {
            fail("unknown key \"" + key + "\"", path);
        }
        if (!node.isObject()) {
            if (on(ValidationCheck.LEAVES_ARE_VALUE_NODES)) {
                fail("a setting must be an object holding an inheritance operator, not a bare value", path);
            }
            if (!isScalarOrScalarArray(node)) {
                fail("a bare value must be a string, number, boolean or an array of those", path);
            }
            return;
        }
        List<String> operators = new ArrayList<>();
        List<String> elements = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> (Operators.isOperatorKey(name) ? operators : elements).add(name));
        boolean valueNode = false;
        for (String operator : operators) {
            if (!Operators.isKnownOperator(operator)) {
                fail("unknown operator " + operator, path + "." + operator);
            }
            if (Operators.isValueOperator(operator)) {
                valueNode = true;
            } else if (on(ValidationCheck.OPERATORS_ALLOWED_VALUES)) {
                childControl(node.get(operator), path + "." + operator);
            }
        }
        if (valueNode && !elements.isEmpty() && on(ValidationCheck.NO_MIXED_OPERATOR_AND_ELEMENT_KEYS)) {
            fail("a node cannot hold both value operators and child elements (\"" + elements.get(0) + "\")", path);
        }
        boolean leafSchema = schema != null && schema.isLeaf();
        if (valueNode) {
            if (schema != null && !leafSchema) {
                fail("value operators cannot be used on \"" + key + "\", which holds other elements", path);
            }
            for (String operator : operators) {
                if (Operators.isValueOperator(operator)) {
                    operand(operator, node.get(operator), leafSchema ? schema : null, key, path + "." + operator);
                }
            }
        } else if (leafSchema && !elements.isEmpty()) {
            fail("\"" + key + "\" is a setting; set it with @@assign, @@append or @@remove", path);
        }
        for (String child : elements) {
            SchemaNode childSchema = schema == null || leafSchema ? null : schema.child(lower(child));
            element(child, node.get(child), childSchema, path + "." + child, schema != null && !leafSchema);
        }
    }

    private void operand(String operator, JsonNode value, SchemaNode leaf, String key, String path) {
        boolean listOperator = !operator.equals(Operators.ASSIGN);
        if (value.isObject() || value.isArray() && !isScalarOrScalarArray(value)) {
            fail(operator + " takes a string, number, boolean or an array of those", path);
        }
        if (listOperator && !value.isArray()) {
            fail(operator + " takes an array of values", path);
        }
        if (leaf == null) {
            return;
        }
        boolean arraySetting = leaf.kind == SchemaNode.Kind.STRING_ARRAY;
        if (listOperator && !arraySetting && on(ValidationCheck.APPEND_REMOVE_ONLY_ON_ARRAYS)) {
            fail(operator + " can only be used on multi-valued settings; \"" + key + "\" holds a single value", path);
        }
        if (on(ValidationCheck.BACKUP_VALUE_TYPES)) {
            if (arraySetting && !value.isArray()) {
                fail("\"" + key + "\" takes an array of strings", path);
            }
            if (arraySetting) {
                value.forEach(item -> {
                    if (!item.isTextual()) {
                        fail("\"" + key + "\" takes an array of strings", path);
                    }
                });
            } else if (!listOperator && !scalarFits(leaf.kind, value)) {
                fail("\"" + key + "\" takes a single " + leaf.kind.name().toLowerCase(Locale.ROOT) + " value", path);
            }
        }
        if (key.equalsIgnoreCase("schedule_expression_timezone")
                && on(ValidationCheck.REJECT_SCHEDULE_EXPRESSION_TIMEZONE)) {
            fail("\"schedule_expression_timezone\" is not supported in backup policies", path);
        }
        if (key.equalsIgnoreCase("regions") && on(ValidationCheck.REGION_CODES) && value.isArray()) {
            value.forEach(item -> {
                if (!REGION_CODE.matcher(item.asText()).matches()) {
                    fail("\"" + item.asText() + "\" is not a Region code", path);
                }
            });
        }
    }

    private static boolean scalarFits(SchemaNode.Kind kind, JsonNode value) {
        switch (kind) {
            case NUMBER: return value.isTextual() || value.isIntegralNumber();
            case BOOLEAN: return value.isTextual() || value.isBoolean();
            default: return value.isTextual();
        }
    }

    private void childControl(JsonNode value, String path) {
        if (!value.isArray() || value.isEmpty()) {
            fail(Operators.CHILD_CONTROL + " takes a non-empty array", path);
        }
        for (JsonNode item : value) {
            if (!item.isTextual() || Operators.bitOf(item.asText()) < 0) {
                fail(Operators.CHILD_CONTROL + " accepts only @@all, @@none, @@assign, @@append and @@remove", path);
            }
            String name = item.asText();
            if ((name.equals(Operators.ALL) || name.equals(Operators.NONE)) && value.size() > 1) {
                fail(name + " cannot be combined with other operators", path);
            }
        }
    }

    private static boolean isScalarOrScalarArray(JsonNode node) {
        if (node.isValueNode()) {
            return true;
        }
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKnown(String key) {
        return Operators.isKnownOperator(key);
    }

    private boolean on(ValidationCheck check) {
        return options.enabled(check);
    }

    private static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    private void fail(String detail, String path) {
        throw new MalformedPolicyDocument(detail, path, options.detailInMessage());
    }
}
