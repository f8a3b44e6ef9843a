package io.strongroom.dynamodb.expression;

import java.util.List;

/** A parsed condition: ConditionExpression, FilterExpression, KeyConditionExpression. */
public sealed interface Condition {
    /** {@code =, <>, <, <=, >, >=}. */
    record Compare(Operand left, String operator, Operand right) implements Condition {
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
    }

    /** attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
    record Function(String name, List<Operand> arguments) implements Condition {
    }

    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition condition) implements Condition {
    }
}
