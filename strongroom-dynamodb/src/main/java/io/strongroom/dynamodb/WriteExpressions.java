package io.strongroom.dynamodb;

import io.strongroom.dynamodb.expression.Condition;
import io.strongroom.dynamodb.expression.Evaluator;
import io.strongroom.dynamodb.expression.ExpressionParser;
import io.strongroom.dynamodb.expression.Path;
import io.strongroom.dynamodb.expression.Update;

import java.util.List;
import java.util.Map;

/**
 * A write's condition and update expressions, parsed against the request's placeholders in AWS's order (update,
 * condition, unused placeholders, key attributes in the update): PutItem, UpdateItem, DeleteItem and each action of
 * TransactWriteItems.
 *
 * @param condition null when the write has none
 * @param update    null for writes that are not updates
 */
record WriteExpressions(Condition condition, Update update) {

    static WriteExpressions condition(Inputs.Conditional in) {
        return parse(null, false, null, in);
    }

    /** An update's expressions; no update expression is an empty update. */
    static WriteExpressions update(Table table, String updateExpression, Inputs.Conditional in) {
        return parse(table, true, updateExpression, in);
    }

    private static WriteExpressions parse(Table table, boolean updates, String updateExpression,
                                          Inputs.Conditional in) {
        Update update = !updates ? null : updateExpression == null ? new Update(List.of())
                : ExpressionParser.update(updateExpression, in.attributes());
        Condition condition = in.conditionExpression() == null ? null
                : ExpressionParser.condition(in.conditionExpression(), "ConditionExpression", in.attributes());
        in.attributes().requireAllUsed();
        if (update != null) {
            for (Path path : update.paths()) {
                if (table.isKey(path.topLevel())) {
                    throw DynamoDbErrors.invalidParameter("Cannot update attribute " + path.topLevel()
                            + ". This attribute is part of the key");
                }
            }
        }
        return new WriteExpressions(condition, update);
    }

    /** Whether the condition holds for the item as it is (null: no item). */
    boolean allows(Map<String, AttributeValue> item) {
        return condition == null || Evaluator.matches(condition, item == null ? Map.of() : item);
    }
}
