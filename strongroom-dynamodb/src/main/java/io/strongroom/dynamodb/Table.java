package io.strongroom.dynamodb;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table's definition as stored. Status is always ACTIVE once created (see docs/decisions.md).
 *
 * @param attributeDefinitions name to type (S, N, B), as CreateTable declared them and UpdateTable added to them
 * @param readCapacity         provisioned read capacity, 0 for PAY_PER_REQUEST
 * @param restored             for a restored table, what its RestoreSummary reports; null otherwise
 * @param indexes              its local secondary indexes, then its global ones, each in CreateTable's order, then
 *                             the global ones UpdateTable added
 * @param tableClass           STANDARD or STANDARD_INFREQUENT_ACCESS as CreateTable or UpdateTable set it; null when
 *                             never set (the table is STANDARD, and AWS then reports no TableClassSummary)
 * @param history              what UpdateTable changed and when (D115)
 * @param pointInTimeRecovery  whether point-in-time recovery is enabled, so that an item write knows from the table
 *                             it reads anyway whether to keep history (D134); null for a table stored before the
 *                             table carried it, whose settings then say
 */
public record Table(String accountId, String region, String name, String tableId, KeyAttribute hashKey,
                    KeyAttribute rangeKey, Map<String, String> attributeDefinitions, String billingMode,
                    long readCapacity, long writeCapacity, boolean deletionProtection, Instant created,
                    Map<String, String> tags, Restored restored, List<SecondaryIndex> indexes,
                    String tableClass, TableHistory history, Boolean pointInTimeRecovery) {
    public static final String PROVISIONED = "PROVISIONED";
    public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

    public Table {
        attributeDefinitions = Map.copyOf(attributeDefinitions);
        indexes = List.copyOf(indexes == null ? List.of() : indexes);
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
        history = history == null ? TableHistory.NONE : history;
    }

    /** A table UpdateTable never changed, whose class was never set. */
    public Table(String accountId, String region, String name, String tableId, KeyAttribute hashKey,
                 KeyAttribute rangeKey, Map<String, String> attributeDefinitions, String billingMode,
                 long readCapacity, long writeCapacity, boolean deletionProtection, Instant created,
                 Map<String, String> tags, List<SecondaryIndex> indexes) {
        this(accountId, region, name, tableId, hashKey, rangeKey, attributeDefinitions, billingMode, readCapacity,
                writeCapacity, deletionProtection, created, tags, null, indexes, null, TableHistory.NONE, false);
    }

    /**
     * Where a restored table came from, as DescribeTable's RestoreSummary reports it.
     *
     * @param sourceBackupArn the backup restored (RestoreTableFromBackup); null for a point-in-time restore and an
     *                        AWS Backup restore
     * @param restoreDateTime the time restored to, or the backup's creation time ("point in time or source backup
     *                        time")
     */
    public record Restored(String sourceTableArn, String sourceBackupArn, Instant restoreDateTime) {
    }

    /** The source table's ARN of a restored table; null otherwise. */
    public String restoredFrom() {
        return restored == null ? null : restored.sourceTableArn();
    }

    public String arn() {
        return arn(region, accountId, name);
    }

    public static String arn(String region, String accountId, String name) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
    }

    public List<KeyAttribute> keys() {
        return rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey);
    }

    public boolean isKey(String attribute) {
        return hashKey.name().equals(attribute) || (rangeKey != null && rangeKey.name().equals(attribute));
    }

    public Table withTags(Map<String, String> newTags) {
        return new Table(accountId, region, name, tableId, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, deletionProtection, created, newTags, restored, indexes, tableClass,
                history, pointInTimeRecovery);
    }

    /** The table with another billing mode, throughput, attribute definitions and indexes (UpdateTable). */
    Table withDefinition(String newBillingMode, long newRead, long newWrite, Map<String, String> definitions,
                         List<SecondaryIndex> newIndexes, TableHistory newHistory) {
        return new Table(accountId, region, name, tableId, hashKey, rangeKey, definitions, newBillingMode, newRead,
                newWrite, deletionProtection, created, tags, restored, newIndexes, tableClass,
                newHistory, pointInTimeRecovery);
    }

    Table withDeletionProtection(boolean enabled) {
        return new Table(accountId, region, name, tableId, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, enabled, created, tags, restored, indexes, tableClass,
                history, pointInTimeRecovery);
    }

    Table withTableClass(String newClass, TableHistory newHistory) {
        return new Table(accountId, region, name, tableId, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, deletionProtection, created, tags, restored, indexes, newClass,
                newHistory, pointInTimeRecovery);
    }

    /** The table as UpdateContinuousBackups left its point-in-time recovery (D134). */
    Table withPointInTimeRecovery(boolean enabled) {
        return new Table(accountId, region, name, tableId, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, deletionProtection, created, tags, restored, indexes, tableClass,
                history, enabled);
    }

    public boolean payPerRequest() {
        return PAY_PER_REQUEST.equals(billingMode);
    }

    /** When the table last became PAY_PER_REQUEST: its creation unless UpdateTable switched it; null if never. */
    public Instant lastUpdateToPayPerRequest() {
        if (history.lastUpdateToPayPerRequest() != null) {
            return history.lastUpdateToPayPerRequest();
        }
        return payPerRequest() ? created : null;
    }

    /** When the table class was last set: its last UpdateTable, else its creation; null when never set. */
    public Instant tableClassUpdated() {
        return tableClass == null ? null : history.lastTableClassUpdate().orElse(created);
    }

    public Optional<SecondaryIndex> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }
}
