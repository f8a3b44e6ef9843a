package io.strongroom.iampolicy;

import io.strongroom.iampolicy.Comparison.Result;
import io.strongroom.iampolicy.ConditionOperator.Base;
import io.strongroom.iampolicy.ConditionOperator.Qualifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates one condition entry: values OR-ed (NOR for negated operators), IfExists, set qualifiers and the
 * missing-key rules of spec 2.3-2.4. An unknown key is simply absent: positive operators fail, never grant.
 */
final class ConditionEvaluator {
    private final EvaluationOptions options;

    ConditionEvaluator(EvaluationOptions options) {
        this.options = options;
    }

    boolean all(List<Condition> conditions, RequestContext context) {
        for (Condition condition : conditions) {
            if (!evaluate(condition, context)) {
                return false;
            }
        }
        return true;
    }

    boolean evaluate(Condition condition, RequestContext context) {
        ConditionOperator operator = condition.operator();
        Optional<List<String>> present = context.values(condition.key());
        if (operator.base() == Base.NULL) {
            return isNull(condition, present);
        }
        if (present.isEmpty()) {
            if (operator.ifExists()) {
                return true;
            }
            return switch (operator.qualifier()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> operator.negated();
            };
        }
        List<Template.Resolved> policyValues = new ArrayList<>();
        for (Template template : condition.templates()) {
            // a value whose variable has no value matches nothing (spec 1.6)
            template.resolve(context).ifPresent(policyValues::add);
        }
        List<String> requestValues = present.get();
        if (operator.qualifier() == Qualifier.FOR_ANY_VALUE) {
            return requestValues.stream().anyMatch(r -> element(operator, r, policyValues));
        }
        if (operator.qualifier() == Qualifier.NONE && !operator.negated()
                && options.multivaluedPlainOperator() == EvaluationOptions.MultivaluedPlainOperator.ANY_VALUE) {
            return requestValues.stream().anyMatch(r -> element(operator, r, policyValues));
        }
        // ForAllValues, negated plain operators (no request value may match) and ALL_VALUES
        return requestValues.stream().allMatch(r -> element(operator, r, policyValues));
    }

    /** {@code op(r, V)}: r matches some value, or for negated operators matches none. */
    private boolean element(ConditionOperator operator, String request, List<Template.Resolved> policyValues) {
        boolean matched = false;
        boolean mismatch = false;
        for (Template.Resolved value : policyValues) {
            Result result = Comparison.compare(operator.base(), request, value, options);
            matched |= result == Result.MATCH;
            mismatch |= result == Result.MISMATCH;
        }
        if (!operator.negated()) {
            return matched;
        }
        return !matched && (!mismatch || options.typeMismatchSatisfiesNegated());
    }

    private boolean isNull(Condition condition, Optional<List<String>> present) {
        boolean absent = present.isEmpty() || options.nullTreatsEmptyStringAsAbsent()
                && present.get().stream().allMatch(String::isEmpty);
        for (String value : condition.values()) {
            if (value.equalsIgnoreCase("true") && absent || value.equalsIgnoreCase("false") && !absent) {
                return true;
            }
        }
        return false;
    }
}
