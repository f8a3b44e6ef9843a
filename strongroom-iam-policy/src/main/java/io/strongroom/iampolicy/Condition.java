package io.strongroom.iampolicy;

import java.util.List;

/** One {@code operator: {key: values}} entry of a statement's Condition block. */
public final class Condition {
    private final ConditionOperator operator;
    private final String key;
    private final List<String> values;
    private final List<Template> templates;

    Condition(ConditionOperator operator, String key, List<String> values, boolean variables) {
        this.operator = operator;
        this.key = key;
        this.values = List.copyOf(values);
        boolean expand = variables && operator.base().takesVariables();
        this.templates = this.values.stream().map(v -> Template.parse(v, expand, 0)).toList();
    }

    public ConditionOperator operator() {
        return operator;
    }

    /** As written; compared case-insensitively. */
    public String key() {
        return key;
    }

    /** JSON strings, numbers and booleans in their string form. */
    public List<String> values() {
        return values;
    }

    List<Template> templates() {
        return templates;
    }

    @Override
    public String toString() {
        return operator + ":{" + key + ":" + values + "}";
    }
}
