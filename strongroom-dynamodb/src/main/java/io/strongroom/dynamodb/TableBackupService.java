package io.strongroom.dynamodb;

import io.strongroom.storage.Tx;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * ListBackups and DescribeBackup over the backups an account has in a Region. The only ones are those AWS Backup keeps
 * as the recovery points of tables ({@link BackupTableBackups}, type {@code AWS_BACKUP}): CreateBackup is not served,
 * so there are no USER backups, and point-in-time recovery makes no SYSTEM backups here. DescribeBackup describes AWS
 * Backup's backups by ARN; ListBackups lists DynamoDB's own backups only, whatever the type asked, so it lists none
 * (D112).
 */
public final class TableBackupService {
    /** BackupTypeFilter in the model's order. */
    static final List<String> TYPE_FILTERS = List.of("USER", "SYSTEM", "AWS_BACKUP", "ALL");
    private static final int MIN_ARN = 37;
    private static final int MAX_ARN = 1024;

    private final DynamoDbService tables;
    private final BackupTableBackups backups;

    public TableBackupService(DynamoDbService tables, BackupTableBackups backups) {
        this.tables = tables;
        this.backups = backups;
    }

    /** A page of backups and, when more follow, the ARN to continue after. */
    public record BackupPage(List<TableBackup> backups, String lastEvaluatedBackupArn) {
    }

    /**
     * A backup and the table it was taken of, as that table still is when it was created no later than the backup
     * and UpdateTable has not changed its billing, throughput or indexes since (D115): then they are still those of
     * the backup.
     */
    public record Described(TableBackup backup, Optional<Table> sourceTable) {
    }

    public BackupPage listBackups(Tx tx, String account, String region, Inputs.ListBackups q) {
        check(q);
        // The API reference: ListBackups lists backups "that weren't made with AWS Backup" (D112).
        return page(backups.list(tx, account, region).stream()
                .filter(b -> !TableBackup.AWS_BACKUP.equals(b.type())).toList(), q);
    }

    public Described describeBackup(Tx tx, String account, String region, String backupArn) {
        checkArn(backupArn, "backupArn", false);
        TableBackup backup = backups.find(tx, account, region, backupArn)
                .orElseThrow(() -> DynamoDbErrors.backupNotFound(backupArn));
        return new Described(backup, sourceTable(tx, backup));
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
