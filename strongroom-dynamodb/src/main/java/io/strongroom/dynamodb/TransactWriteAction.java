package io.strongroom.dynamodb;

import io.strongroom.dynamodb.Inputs.TransactAction;
import io.strongroom.dynamodb.expression.Evaluator;
import io.strongroom.kernel.ServiceException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One action of TransactWriteItems, checked and its expressions parsed, not yet applied. What is wrong with the
 * request itself (a missing member, an unknown table, an expression that does not parse, an empty key value) is
 * thrown at once; what is wrong with the item for its table (a missing or mistyped key, an update that cannot
 * apply, an item grown too large) only cancels the transaction, with a ValidationError reason (D105).
 */
final class TransactWriteAction {
    private final TransactAction action;
    private final Table table;
    private final Map<String, AttributeValue> itemOrKey;
    private final WriteExpressions expressions;
    private final boolean returnOld;
    /** The item's or key's fault for its table, null when it has none. */
    private final String invalid;
    private final String storeKey;
    private final long requestBytes;

    /** What the action does to its item as it is: a reason to cancel, or the item after (null: none). */
    record Outcome(CancellationReason reason, Map<String, AttributeValue> after) {
    }

    private TransactWriteAction(TransactAction action, Table table, Map<String, AttributeValue> itemOrKey,
                                WriteExpressions expressions, boolean returnOld, String invalid,
                                long requestBytes) {
        this.action = action;
        this.table = table;
        this.itemOrKey = itemOrKey;
        this.expressions = expressions;
        this.returnOld = returnOld;
        this.invalid = invalid;
        this.storeKey = invalid == null ? KeyEncoding.itemKey(table, itemOrKey) : null;
        this.requestBytes = requestBytes;
    }

    /** @param member the action's member path ({@code transactItems.1.member.put}) */
    static TransactWriteAction prepare(Inputs.TransactWriteItem in, Table table, String member) {
        TransactAction action = in.action();
        if (in.itemOrKey() == null) {
            throw DynamoDbErrors.constraint("null", member + (action == TransactAction.PUT ? ".item" : ".key"),
                    "Member must not be null");
        }
        if (action == TransactAction.UPDATE && in.updateExpression() == null) {
            throw DynamoDbErrors.constraint("null", member + ".updateExpression", "Member must not be null");
        }
        if (action == TransactAction.CONDITION_CHECK && in.condition().conditionExpression() == null) {
            throw DynamoDbErrors.constraint("null", member + ".conditionExpression", "Member must not be null");
        }
        String returnValues = in.returnValuesOnConditionCheckFailure();
        if (returnValues != null && !returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
            throw DynamoDbErrors.constraint(returnValues, member + ".returnValuesOnConditionCheckFailure",
                    "Member must satisfy enum value set: [ALL_OLD, NONE]");
        }
        ItemValidation.nonEmptyKeyValues(table, in.itemOrKey());
        WriteExpressions expressions = action == TransactAction.UPDATE
                ? WriteExpressions.update(table, in.updateExpression(), in.condition())
                : WriteExpressions.condition(in.condition());
        return new TransactWriteAction(action, table, in.itemOrKey(), expressions, "ALL_OLD".equals(returnValues),
                faultFor(table, action, in.itemOrKey()),
                ItemSize.of(in.itemOrKey()) + ItemSize.of(in.condition().attributes().values()));
    }

    private static String faultFor(Table table, TransactAction action, Map<String, AttributeValue> itemOrKey) {
        try {
            if (action == TransactAction.PUT) {
                ItemValidation.item(table, itemOrKey);
            } else {
                ItemValidation.key(table, itemOrKey);
            }
            return null;
        } catch (ServiceException e) {
            return e.getMessage();
        }
    }

    Table table() {
        return table;
    }

    /** The item's key in the store; null when the item or key does not fit its table. */
    String storeKey() {
        return storeKey;
    }

    /** What the request carries for this action (item or key, and values), counted towards a transaction's 4 MB. */
    long requestBytes() {
        return requestBytes;
    }

    Outcome outcome(Map<String, AttributeValue> before) {
        if (invalid != null) {
            return new Outcome(CancellationReason.validationError(invalid), null);
        }
        if (!expressions.allows(before)) {
            return new Outcome(CancellationReason.conditionalCheckFailed(returnOld ? before : null), null);
        }
        return switch (action) {
            case CONDITION_CHECK -> new Outcome(CancellationReason.NONE, before);
            case PUT -> new Outcome(CancellationReason.NONE, itemOrKey);
            case DELETE -> new Outcome(CancellationReason.NONE, null);
            case UPDATE -> updated(before);
        };
    }

    private Outcome updated(Map<String, AttributeValue> before) {
        try {
            Map<String, AttributeValue> after = Evaluator.apply(expressions.update(),
                    before != null ? before : new LinkedHashMap<>(itemOrKey));
            ItemValidation.indexKeys(table, after);
            ItemValidation.size(after);
            return new Outcome(CancellationReason.NONE, after);
        } catch (ServiceException e) {
            if (!e.code().equals("ValidationException")) {
                throw e;
            }
            return new Outcome(CancellationReason.validationError(e.getMessage()), null);
        }
    }

    boolean writes() {
        return action != TransactAction.CONDITION_CHECK;
    }
}
