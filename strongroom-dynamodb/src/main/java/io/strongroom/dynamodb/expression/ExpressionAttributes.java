package io.strongroom.dynamodb.expression;

import io.strongroom.dynamodb.AttributeValue;
import io.strongroom.dynamodb.DynamoDbErrors;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, and which of them its expressions
 * used: AWS refuses a request that supplies one no expression uses.
 */
public final class ExpressionAttributes {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    public ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? Map.of() : names;
        this.values = values == null ? Map.of() : values;
    }

    public static ExpressionAttributes none() {
        return new ExpressionAttributes(Map.of(), Map.of());
    }

    /** ExpressionAttributeNames as the request gave them. */
    public Map<String, String> names() {
        return names;
    }

    /** ExpressionAttributeValues as the request gave them. */
    public Map<String, AttributeValue> values() {
        return values;
    }

    String name(String placeholder, String expressionKind) {
        String name = names.get(placeholder);
        if (name == null) {
            throw DynamoDbErrors.validation("Invalid " + expressionKind + ": An expression attribute name used in the "
                    + "document path is not defined; attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    AttributeValue value(String placeholder, String expressionKind) {
        AttributeValue value = values.get(placeholder);
        if (value == null) {
            throw DynamoDbErrors.validation("Invalid " + expressionKind + ": An expression attribute value used in "
                    + "expression is not defined; attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    /** Call once every expression of the request is parsed. */
    public void requireAllUsed() {
        Set<String> unusedNames = new HashSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw DynamoDbErrors.unusedNames(unusedNames);
        }
        Set<String> unusedValues = new HashSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw DynamoDbErrors.unusedValues(unusedValues);
        }
    }

    public boolean isEmpty() {
        return names.isEmpty() && values.isEmpty();
    }
}
