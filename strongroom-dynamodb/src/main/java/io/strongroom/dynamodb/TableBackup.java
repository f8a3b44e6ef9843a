package io.strongroom.dynamodb;

import java.time.Instant;

/**
 * A DynamoDB backup as ListBackups and DescribeBackup report it.
 *
 * @param tableArn the backed-up table's ARN (another account's for a backup copied into this one)
 * @param expires  when it is deleted, from its lifecycle; null when kept until deleted
 * @param status   CREATING, AVAILABLE, or DELETED while it is being deleted
 * @param type     USER for the backups CreateBackup makes, AWS_BACKUP for those AWS Backup keeps as recovery points
 */
public record TableBackup(String arn, String name, String tableName, String tableArn, Instant created,
                          Instant expires, String status, String type, long sizeBytes) {
    public static final String USER = "USER";
    public static final String AWS_BACKUP = "AWS_BACKUP";
    public static final String CREATING = "CREATING";
    public static final String AVAILABLE = "AVAILABLE";
    public static final String DELETED = "DELETED";
}
