package io.strongroom.dynamodb;

import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Optional;

/**
 * The DynamoDB backups AWS Backup keeps as the recovery points of tables (without its advanced DynamoDB features), in
 * an account's vaults of one Region: on AWS they are backups of the account, of type {@code AWS_BACKUP}, that
 * DescribeBackup describes and ListBackups does not list; here AWS Backup owns them, so DynamoDB asks it (wired by the
 * server, D112).
 */
public interface BackupTableBackups {
    List<TableBackup> list(Tx tx, String account, String region);

    /** The backup {@link #list} would give under this ARN; an implementation may find it without listing. */
    default Optional<TableBackup> find(Tx tx, String account, String region, String backupArn) {
        return list(tx, account, region).stream().filter(b -> b.arn().equals(backupArn)).findFirst();
    }
}
