package io.strongroom.dynamodb;

import java.time.Instant;

/**
 * A backup CreateBackup made (D117): the table's definition as it was then, beside the copy of its items that
 * {@link UserBackups} keeps.
 *
 * @param table     the table's definition at the backup, its tags included (a restore does not take them)
 * @param itemCount the items copied
 * @param sizeBytes their size as DynamoDB counts an item's size
 */
public record UserBackup(String arn, String name, Table table, Instant created, long itemCount, long sizeBytes) {
    /** As ListBackups and DescribeBackup report it: AVAILABLE from the moment CreateBackup answers. */
    public TableBackup summary() {
        return summary(TableBackup.AVAILABLE);
    }

    public TableBackup summary(String status) {
        return new TableBackup(arn, name, table.name(), table.arn(), created, null, status, TableBackup.USER,
                sizeBytes);
    }
}
