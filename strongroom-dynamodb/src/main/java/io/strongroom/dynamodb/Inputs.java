package io.strongroom.dynamodb;

import io.strongroom.dynamodb.expression.ExpressionAttributes;

import java.util.List;
import java.util.Map;

/** The requests the DynamoDB engine takes, in domain terms. */
public final class Inputs {
    private Inputs() {
    }

    /** One KeySchemaElement: attribute name and key type (HASH or RANGE). */
    public record KeySchemaElement(String attributeName, String keyType) {
    }

    /** One AttributeDefinition. */
    public record AttributeDefinition(String attributeName, String attributeType) {
    }

    /**
     * @param readCapacity  null when ProvisionedThroughput was not given
     * @param indexes       true when the request asked for secondary indexes (not served)
     */
    public record CreateTable(String tableName, List<KeySchemaElement> keySchema,
                              List<AttributeDefinition> attributeDefinitions, String billingMode, Long readCapacity,
                              Long writeCapacity, boolean deletionProtection, Map<String, String> tags,
                              boolean indexes) {
    }

    /** A conditional write's condition, with the request's placeholders. */
    public record Conditional(String conditionExpression, ExpressionAttributes attributes) {
        public static Conditional none() {
            return new Conditional(null, ExpressionAttributes.none());
        }
    }

    /**
     * Query and Scan. {@code keyConditionExpression} is null for Scan.
     *
     * @param select ALL_ATTRIBUTES, COUNT or SPECIFIC_ATTRIBUTES (null: ALL_ATTRIBUTES or, with a projection,
     *               SPECIFIC_ATTRIBUTES)
     */
    public record Read(String tableName, String keyConditionExpression, String filterExpression,
                       String projectionExpression, ExpressionAttributes attributes, boolean forward, Integer limit,
                       Map<String, AttributeValue> exclusiveStartKey, String select) {
    }

    /** One BatchWriteItem request: an item to put, or a key to delete. */
    public record WriteRequest(Map<String, AttributeValue> putItem, Map<String, AttributeValue> deleteKey) {
    }

    /** The keys BatchGetItem asks of one table. */
    public record KeysAndAttributes(List<Map<String, AttributeValue>> keys, String projectionExpression,
                                    ExpressionAttributes attributes) {
    }

    /** The four kinds of TransactWriteItems action, with the member name AWS's validation messages use. */
    public enum TransactAction {
        CONDITION_CHECK("conditionCheck"), PUT("put"), DELETE("delete"), UPDATE("update");

        private final String member;

        TransactAction(String member) {
            this.member = member;
        }

        public String member() {
            return member;
        }
    }

    /**
     * One action of TransactWriteItems.
     *
     * @param itemOrKey        the item for PUT, the key for the others
     * @param updateExpression UPDATE's expression (null for the others)
     * @param returnValuesOnConditionCheckFailure ALL_OLD, NONE or null
     */
    public record TransactWriteItem(TransactAction action, String tableName, Map<String, AttributeValue> itemOrKey,
                                    String updateExpression, Conditional condition,
                                    String returnValuesOnConditionCheckFailure) {
    }

    /** TransactWriteItems: its actions in order, and the idempotency token (null when none was sent). */
    public record TransactWrite(List<TransactWriteItem> items, String clientRequestToken) {
    }

    /** One Get of TransactGetItems. */
    public record TransactGetItem(String tableName, Map<String, AttributeValue> key, String projectionExpression,
                                  ExpressionAttributes attributes) {
    }
}
