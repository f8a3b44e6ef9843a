package io.strongroom.dynamodb.expression;

import io.strongroom.dynamodb.AttributeValue;

/** What a comparison, function or SET action works on. */
public sealed interface Operand {
    /** An attribute of the item. */
    record PathOperand(Path path) implements Operand {
    }

    /** An expression attribute value ({@code :v}), resolved. */
    record Value(String placeholder, AttributeValue value) implements Operand {
    }

    /** {@code size(path)}. */
    record Size(Path path) implements Operand {
    }

    /** {@code if_not_exists(path, operand)} (UpdateExpression SET only). */
    record IfNotExists(Path path, Operand fallback) implements Operand {
    }

    /** {@code list_append(a, b)} (UpdateExpression SET only). */
    record ListAppend(Operand first, Operand second) implements Operand {
    }

    /** {@code a + b} or {@code a - b} (UpdateExpression SET only). */
    record Arithmetic(Operand left, char operator, Operand right) implements Operand {
    }
}
