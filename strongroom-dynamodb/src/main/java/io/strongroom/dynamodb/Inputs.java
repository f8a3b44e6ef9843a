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
}
