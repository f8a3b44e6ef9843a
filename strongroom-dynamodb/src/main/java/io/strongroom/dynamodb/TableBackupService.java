package io.strongroom.dynamodb;

import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * DynamoDB's backups of an account in a Region: its own, which CreateBackup makes (type {@code USER}, kept in the
 * store by {@link UserBackups}, D117), and those AWS Backup keeps as the recovery points of tables
 * ({@link BackupTableBackups}, type {@code AWS_BACKUP}, D112). Point-in-time recovery makes no SYSTEM backups here.
 * DescribeBackup describes both; ListBackups lists DynamoDB's own only, whatever the type asked; DeleteBackup and
 * RestoreTableFromBackup take DynamoDB's own and refuse AWS Backup's.
 */
public final class TableBackupService {
    private static final Pattern BACKUP_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** BackupTypeFilter in the model's order. */
    static final List<String> TYPE_FILTERS = List.of("USER", "SYSTEM", "AWS_BACKUP", "ALL");
    private static final int MIN_ARN = 37;
    private static final int MAX_ARN = 1024;

    private final DynamoDbService tables;
    private final BackupTableBackups backups;
    private final UserBackups own = new UserBackups();
    private final Clock clock;
    private final Function<Tx, String> backupIds;

    /** @param backupIds hands out the hex digits that end a backup's ARN, from the server's seeded generator */
    public TableBackupService(DynamoDbService tables, BackupTableBackups backups, Clock clock,
                              Function<Tx, String> backupIds) {
        this.tables = tables;
        this.backups = backups;
        this.clock = clock;
        this.backupIds = backupIds;
    }

    /** A page of backups and, when more follow, the ARN to continue after. */
    public record BackupPage(List<TableBackup> backups, String lastEvaluatedBackupArn) {
    }

    /**
     * A backup and the table it was taken of, as that table still is when it was created no later than the backup
     * and UpdateTable has not changed its billing, throughput or indexes since (D115): then they are still those of
     * the backup.
     */
    public record Described(TableBackup backup, Optional<Table> sourceTable, Long itemCount) {
        public Described(TableBackup backup, Optional<Table> sourceTable) {
            this(backup, sourceTable, null);
        }

        /** One of DynamoDB's own backups: the table as it was backed up, and its items then (D117). */
        static Described of(UserBackup b, String status) {
            return new Described(b.summary(status), Optional.of(b.table()), b.itemCount());
        }
    }

    public BackupPage listBackups(Tx tx, String account, String region, Inputs.ListBackups q) {
        check(q);
        // The API reference: ListBackups lists backups "that weren't made with AWS Backup" (D112).
        List<TableBackup> all = new ArrayList<>();
        own.list(tx, account, region).forEach(b -> all.add(b.summary()));
        backups.list(tx, account, region).stream().filter(b -> !TableBackup.AWS_BACKUP.equals(b.type()))
                .forEach(all::add);
        return page(all, q);
    }

    public Described describeBackup(Tx tx, String account, String region, String backupArn) {
        checkArn(backupArn, "backupArn", false);
        Optional<UserBackup> mine = own.find(tx, account, region, backupArn);
        if (mine.isPresent()) {
            return Described.of(mine.get(), TableBackup.AVAILABLE);
        }
        TableBackup backup = backups.find(tx, account, region, backupArn)
                .orElseThrow(() -> DynamoDbErrors.backupNotFound(backupArn));
        return new Described(backup, sourceTable(tx, backup));
    }

    /**
     * CreateBackup (D117): a copy of the table's definition and every item as they are in this transaction, so
     * consistent, AVAILABLE when the call answers.
     */
    public Described createBackup(Tx tx, String account, String region, String tableName, String backupName) {
        checkTableName(tableName);
        checkBackupName(backupName);
        Table table = (tableName.startsWith("arn:") ? tableOfArn(tx, account, region, tableName)
                : tables.findTable(tx, account, region, tableName))
                .orElseThrow(() -> DynamoDbErrors.backupTableNotFound(tableName));
        Instant created = Instant.now(clock);
        String arn = table.arn() + "/backup/" + zeroPadded(created.toEpochMilli()) + "-"
                + backupIds.apply(tx).toLowerCase(Locale.ROOT);
        Map<String, Map<String, AttributeValue>> copy = new LinkedHashMap<>();
        long size = 0;
        for (Map<String, AttributeValue> item : tables.allItems(tx, table)) {
            copy.put(KeyEncoding.itemKey(table, item), item);
            size += ItemSize.of(item);
        }
        UserBackup backup = new UserBackup(arn, backupName, table, created, copy.size(), size);
        own.put(tx, account, region, backup, copy);
        return Described.of(backup, TableBackup.AVAILABLE);
    }

    /** DeleteBackup (D117): one of DynamoDB's own backups, gone when the call answers; AWS Backup's are refused. */
    public Described deleteBackup(Tx tx, String account, String region, String backupArn) {
        checkArn(backupArn, "backupArn", false);
        UserBackup backup = ownBackup(tx, account, region, backupArn, DynamoDbErrors::managedByAwsBackup);
        own.delete(tx, account, region, backup);
        return Described.of(backup, TableBackup.DELETED);
    }

    /**
     * RestoreTableFromBackup (D117): a new table with the backup's definition, changed by the overrides, and its
     * items; ACTIVE when the call answers, like every table here.
     */
    public TableDescription restoreTableFromBackup(Tx tx, String account, String region,
                                                   Inputs.RestoreFromBackup in) {
        BackupRestore.request(in);
        checkArn(in.backupArn(), "backupArn", false);
        UserBackup backup = ownBackup(tx, account, region, in.backupArn(), DynamoDbErrors::restoreThroughAwsBackup);
        if (tables.findTable(tx, account, region, in.targetTableName()).isPresent()) {
            throw DynamoDbErrors.restoreTargetExists(in.targetTableName());
        }
        Table definition = BackupRestore.definition(backup.table(), in);
        // AWS's RestoreDateTime is "point in time or source backup time": the backup's creation (D135).
        Table restored = tables.restoreTable(tx, definition, own.items(tx, backup), account, region,
                in.targetTableName(), new Table.Restored(definition.arn(), backup.arn(), backup.created()));
        return tables.describe(tx, restored, "ACTIVE");
    }

    private UserBackup ownBackup(Tx tx, String account, String region, String arn,
                                 Function<String, RuntimeException> awsBackups) {
        Optional<UserBackup> mine = own.find(tx, account, region, arn);
        if (mine.isPresent()) {
            return mine.get();
        }
        if (backups.find(tx, account, region, arn).isPresent()) {
            throw awsBackups.apply(arn);
        }
        throw DynamoDbErrors.backupNotFound(arn);
    }

    private Optional<Table> tableOfArn(Tx tx, String account, String region, String arn) {
        String prefix = Table.arn(region, account, "");
        return arn.startsWith(prefix) ? tables.findTable(tx, account, region, arn.substring(prefix.length()))
                : Optional.empty();
    }

    private static void checkTableName(String name) {
        if (name == null) {
            throw DynamoDbErrors.constraint("null", "tableName", "Member must not be null");
        }
        if (name.isEmpty() || name.length() > MAX_ARN) {
            throw DynamoDbErrors.constraint(name, "tableName", name.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_ARN);
        }
    }

    /** BackupName: 3 to 255 of {@code [a-zA-Z0-9_.-]}, the model's constraints in its order. */
    static void checkBackupName(String name) {
        if (name == null) {
            throw DynamoDbErrors.constraint("null", "backupName", "Member must not be null");
        }
        if (name.length() < 3 || name.length() > 255) {
            throw DynamoDbErrors.constraint(name, "backupName", name.length() < 3
                    ? "Member must have length greater than or equal to 3"
                    : "Member must have length less than or equal to 255");
        }
        if (!BACKUP_NAME.matcher(name).matches()) {
            throw DynamoDbErrors.constraint(name, "backupName",
                    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
    }

    /** The creation time in milliseconds, in 14 digits, as AWS's backup ARNs give it. */
    static String zeroPadded(long millis) {
        String digits = Long.toString(millis);
        return digits.length() >= 14 ? digits : "0".repeat(14 - digits.length()) + digits;
    }

    private Optional<Table> sourceTable(Tx tx, TableBackup backup) {
        String[] parts = backup.tableArn().split(":", 6);
        if (parts.length != 6 || !parts[5].startsWith("table/")) {
            return Optional.empty();
        }
        return sameTable(tables.findTable(tx, parts[4], parts[3], parts[5].substring("table/".length())), backup);
    }

    /**
     * The table of that name now, if it is the one backed up and as it was then: a table made after the backup is
     * another one, and one UpdateTable changed since no longer shows the backup's definition.
     */
    static Optional<Table> sameTable(Optional<Table> now, TableBackup backup) {
        return now.filter(t -> !t.created().isAfter(backup.created()))
                .filter(t -> t.history().definitionChanged() == null
                        || !t.history().definitionChanged().isAfter(backup.created()));
    }

    /**
     * The backups the request asks for, in ARN order (by table name, then creation time, as the ARNs are made), after
     * {@code ExclusiveStartBackupArn}, at most {@code Limit} of them (all without it). The type defaults to USER.
     */
    static BackupPage page(List<TableBackup> all, Inputs.ListBackups q) {
        String type = q.backupType() == null ? "USER" : q.backupType();
        String table = q.tableName();
        List<TableBackup> matching = all.stream()
                .filter(b -> type.equals("ALL") || type.equals(b.type()))
                .filter(b -> table == null || (table.startsWith("arn:") ? table.equals(b.tableArn())
                        : table.equals(b.tableName())))
                .filter(b -> q.timeRangeLowerBound() == null || !b.created().isBefore(q.timeRangeLowerBound()))
                .filter(b -> q.timeRangeUpperBound() == null || b.created().isBefore(q.timeRangeUpperBound()))
                .filter(b -> q.exclusiveStartBackupArn() == null
                        || b.arn().compareTo(q.exclusiveStartBackupArn()) > 0)
                .sorted(Comparator.comparing(TableBackup::arn)).toList();
        if (q.limit() == null || matching.size() <= q.limit()) {
            return new BackupPage(matching, null);
        }
        List<TableBackup> page = matching.subList(0, q.limit());
        return new BackupPage(List.copyOf(page), page.get(page.size() - 1).arn());
    }

    private static void check(Inputs.ListBackups q) {
        if (q.tableName() != null && (q.tableName().isEmpty() || q.tableName().length() > MAX_ARN)) {
            throw DynamoDbErrors.constraint(q.tableName(), "tableName", q.tableName().isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_ARN);
        }
        if (q.limit() != null && (q.limit() < 1 || q.limit() > 100)) {
            throw DynamoDbErrors.constraint(String.valueOf(q.limit()), "limit", q.limit() < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 100");
        }
        checkArn(q.exclusiveStartBackupArn(), "exclusiveStartBackupArn", true);
        if (q.backupType() != null && !TYPE_FILTERS.contains(q.backupType())) {
            throw DynamoDbErrors.constraint(q.backupType(), "backupType",
                    "Member must satisfy enum value set: " + TYPE_FILTERS);
        }
    }

    private static void checkArn(String arn, String member, boolean optional) {
        if (arn == null) {
            if (!optional) {
                throw DynamoDbErrors.constraint("null", member, "Member must not be null");
            }
            return;
        }
        if (arn.length() < MIN_ARN || arn.length() > MAX_ARN) {
            throw DynamoDbErrors.constraint(arn, member, arn.length() < MIN_ARN
                    ? "Member must have length greater than or equal to " + MIN_ARN
                    : "Member must have length less than or equal to " + MAX_ARN);
        }
    }
}
