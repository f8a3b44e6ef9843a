package io.strongroom.dynamodb;

import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RestoreTableToPointInTime (D121): a new table with the source table's definition as it is now ("All these settings
 * come from the current settings of the source table at the time of restore"), changed by the overrides as
 * RestoreTableFromBackup's are (D117), holding the source's items as they were at the time asked, rebuilt from its
 * {@link ItemHistory}. ACTIVE when the call answers, like every table here.
 */
final class PointInTimeRestore {
    private static final int MAX_ARN = 1024;

    private final DynamoDbService tables;
    private final TableSettingsService settings;
    private final ItemHistory history;
    private final Clock clock;

    PointInTimeRestore(DynamoDbService tables, TableSettingsService settings, ItemHistory history, Clock clock) {
        this.tables = tables;
        this.settings = settings;
        this.history = history;
        this.clock = clock;
    }

    TableDescription restore(Tx tx, String account, String region, Inputs.RestoreToPointInTime in) {
        BackupRestore.request(in.target());
        String sourceName = sourceName(in, account, region);
        boolean latest = Boolean.TRUE.equals(in.useLatestRestorableTime());
        if (latest && in.restoreDateTime() != null) {
            throw DynamoDbErrors.validation("Only one of RestoreDateTime or UseLatestRestorableTime may be specified");
        }
        if (!latest && in.restoreDateTime() == null) {
            throw DynamoDbErrors.validation("Either RestoreDateTime or UseLatestRestorableTime must be specified");
        }
        String shown = in.sourceTableArn() != null ? in.sourceTableArn() : in.sourceTableName();
        Table source = tables.findTable(tx, account, region, sourceName)
                .orElseThrow(() -> DynamoDbErrors.backupTableNotFound(shown));
        String target = in.target().targetTableName();
        if (tables.findTable(tx, account, region, target).isPresent()) {
            throw DynamoDbErrors.restoreTargetExists(target);
        }
        PointInTimeRecovery pitr = settings.pointInTimeRecovery(tx, source);
        if (!pitr.enabled()) {
            throw DynamoDbErrors.pointInTimeRecoveryUnavailable(source.name());
        }
        Instant now = Instant.now(clock);
        Instant at = latest ? pitr.latestRestorable(now) : in.restoreDateTime();
        if (at.isBefore(pitr.earliestRestorable(now)) || at.isAfter(pitr.latestRestorable(now))) {
            throw DynamoDbErrors.invalidRestoreTime();
        }
        Table definition = BackupRestore.definition(source, in.target());
        Map<String, Map<String, AttributeValue>> current = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : tables.allItems(tx, source)) {
            current.put(KeyEncoding.itemKey(source, item), item);
        }
        List<Map<String, AttributeValue>> items = ItemHistory.asOf(current, history.after(tx, source, at));
        Table restored = tables.restoreTable(tx, definition, items, account, region, target,
                new Table.Restored(source.arn(), null, at));
        return tables.describe(tx, restored, "ACTIVE");
    }

    /**
     * The source table's name: SourceTableName, or the name in SourceTableArn, exactly one given. An ARN of another
     * account or Region, or of no table, names no table here: "-" is never a table's name (3 characters at least).
     */
    private static String sourceName(Inputs.RestoreToPointInTime in, String account, String region) {
        if ((in.sourceTableArn() == null) == (in.sourceTableName() == null)) {
            throw DynamoDbErrors.validation(in.sourceTableArn() == null
                    ? "Either SourceTableArn or SourceTableName must be specified"
                    : "Only one of SourceTableArn or SourceTableName may be specified");
        }
        if (in.sourceTableName() != null) {
            TableValidation.tableName(in.sourceTableName(), "sourceTableName");
            return in.sourceTableName();
        }
        String arn = in.sourceTableArn();
        if (arn.isEmpty() || arn.length() > MAX_ARN) {
            throw DynamoDbErrors.constraint(arn, "sourceTableArn", arn.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_ARN);
        }
        String prefix = Table.arn(region, account, "");
        return arn.startsWith(prefix) && arn.length() > prefix.length() ? arn.substring(prefix.length()) : "-";
    }
}
