package io.strongroom.dynamodb;

import io.strongroom.dynamodb.expression.ExpressionAttributes;

import java.time.Instant;
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
     * @param globalIndexes null when the request has no GlobalSecondaryIndexes (an empty list is an error)
     * @param localIndexes  null when the request has no LocalSecondaryIndexes
     * @param tableClass    null when the request sets none
     */
    public record CreateTable(String tableName, List<KeySchemaElement> keySchema,
                              List<AttributeDefinition> attributeDefinitions, String billingMode, Long readCapacity,
                              Long writeCapacity, boolean deletionProtection, Map<String, String> tags,
                              List<IndexDefinition> globalIndexes, List<IndexDefinition> localIndexes,
                              String tableClass) {
        /** A table without secondary indexes. */
        public CreateTable(String tableName, List<KeySchemaElement> keySchema,
                           List<AttributeDefinition> attributeDefinitions, String billingMode, Long readCapacity,
                           Long writeCapacity, boolean deletionProtection, Map<String, String> tags) {
            this(tableName, keySchema, attributeDefinitions, billingMode, readCapacity, writeCapacity,
                    deletionProtection, tags, null, null);
        }

        /** A table of the default class. */
        public CreateTable(String tableName, List<KeySchemaElement> keySchema,
                           List<AttributeDefinition> attributeDefinitions, String billingMode, Long readCapacity,
                           Long writeCapacity, boolean deletionProtection, Map<String, String> tags,
                           List<IndexDefinition> globalIndexes, List<IndexDefinition> localIndexes) {
            this(tableName, keySchema, attributeDefinitions, billingMode, readCapacity, writeCapacity,
                    deletionProtection, tags, globalIndexes, localIndexes, null);
        }
    }

    /** A ProvisionedThroughput as sent: a member left out is null. */
    public record Throughput(Long readCapacity, Long writeCapacity) {
    }

    /**
     * UpdateTable, in domain terms (D115); a member the caller left out is null.
     *
     * @param attributeDefinitions the definitions a global index created by this call needs
     * @param globalIndexUpdates   GlobalSecondaryIndexUpdates as sent (an empty list is not absent)
     * @param unserved             the request's members Strongroom does not serve (replicas, witnesses, on-demand
     *                             and warm throughput), by name, in request order
     */
    public record UpdateTable(String tableName, List<AttributeDefinition> attributeDefinitions, String billingMode,
                              Throughput throughput, List<GlobalIndexUpdate> globalIndexUpdates,
                              StreamSpecification stream, SseSpecification sse, String tableClass,
                              Boolean deletionProtection, List<String> unserved) {
        public UpdateTable {
            unserved = List.copyOf(unserved == null ? List.of() : unserved);
        }
    }

    /**
     * One entry of GlobalSecondaryIndexUpdates: AWS allows exactly one of its actions, so any of them may be null.
     *
     * @param create the index to create, with its throughput as {@link IndexDefinition} carries it
     * @param update the index whose throughput to change
     * @param delete the index to delete
     */
    public record GlobalIndexUpdate(IndexDefinition create, IndexThroughput update, IndexDeletion delete) {
    }

    /** A Delete action of GlobalSecondaryIndexUpdates (its name null when not sent). */
    public record IndexDeletion(String indexName) {
    }

    /** An Update action of GlobalSecondaryIndexUpdates: the index and its new throughput (null when not sent). */
    public record IndexThroughput(String indexName, Throughput throughput) {
    }

    /** StreamSpecification as sent. */
    public record StreamSpecification(Boolean streamEnabled, String streamViewType) {
    }

    /** SSESpecification as sent. */
    public record SseSpecification(Boolean enabled, String sseType, String kmsMasterKeyId) {
    }

    /**
     * One GlobalSecondaryIndex or LocalSecondaryIndex of CreateTable.
     *
     * @param projectionType   null when the Projection or its type is missing
     * @param nonKeyAttributes null when not given
     * @param throughput       false when the index has no ProvisionedThroughput (then both capacities are null)
     */
    public record IndexDefinition(String indexName, List<KeySchemaElement> keySchema, boolean projection,
                                  String projectionType, List<String> nonKeyAttributes, boolean throughput,
                                  Long readCapacity, Long writeCapacity) {
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
     * @param select    ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, COUNT or SPECIFIC_ATTRIBUTES (null: the default
     *                  for a table or an index or, with a projection, SPECIFIC_ATTRIBUTES)
     * @param indexName null for a read of the table itself
     */
    public record Read(String tableName, String keyConditionExpression, String filterExpression,
                       String projectionExpression, ExpressionAttributes attributes, boolean forward, Integer limit,
                       Map<String, AttributeValue> exclusiveStartKey, String select, String indexName,
                       boolean consistentRead) {
        /** A read of the table itself, eventually consistent. */
        public Read(String tableName, String keyConditionExpression, String filterExpression,
                    String projectionExpression, ExpressionAttributes attributes, boolean forward, Integer limit,
                    Map<String, AttributeValue> exclusiveStartKey, String select) {
            this(tableName, keyConditionExpression, filterExpression, projectionExpression, attributes, forward, limit,
                    exclusiveStartKey, select, null, false);
        }
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

    /** UpdateContinuousBackups' specification; a member the caller left out is null. */
    public record PointInTimeRecoverySpecification(Boolean enabled, Integer recoveryPeriodInDays) {
    }

    /** UpdateTimeToLive's specification; a member the caller left out is null. */
    public record TimeToLiveSpecification(Boolean enabled, String attributeName) {
    }

    /** ListBackups' request; a member the caller left out is null. */
    public record ListBackups(String tableName, Integer limit, Instant timeRangeLowerBound,
                              Instant timeRangeUpperBound, String exclusiveStartBackupArn,
                              String backupType) {
    }

    /**
     * RestoreTableFromBackup's request (D117). The index overrides are null when absent (every index of the backup
     * is kept) and list the indexes to keep when present.
     */
    public record RestoreFromBackup(String targetTableName, String backupArn, String billingModeOverride,
                                    Long readCapacityOverride, Long writeCapacityOverride,
                                    List<IndexOverride> globalIndexOverride, List<IndexOverride> localIndexOverride,
                                    Boolean sseEnabled, String sseType, List<String> unserved) {
    }

    /**
     * RestoreTableToPointInTime's request (D121): the source table by name or ARN, the time, and the new table's
     * name and overrides as RestoreTableFromBackup takes them ({@code target}'s backupArn is null).
     */
    public record RestoreToPointInTime(String sourceTableArn, String sourceTableName,
                                       Boolean useLatestRestorableTime, Instant restoreDateTime,
                                       RestoreFromBackup target) {
    }

    /** One index of a restore's override: its name, key schema and (a global one's) throughput, which may be null. */
    public record IndexOverride(String indexName, List<KeySchemaElement> keySchema, Long readCapacity,
                                Long writeCapacity) {
    }
}
