package io.strongroom.server;

import io.strongroom.dynamodb.BackupTableBackups;
import io.strongroom.dynamodb.TableBackup;
import io.strongroom.engine.backup.RecoveryPoint;
import io.strongroom.engine.backup.RecoveryPointService;
import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Optional;

/**
 * DynamoDB's view of AWS Backup's recovery points of tables made without its advanced DynamoDB features: each is a
 * backup of the vault's account, {@code arn:aws:dynamodb:R:A:table/T/backup/ID}, of type AWS_BACKUP, copies from other
 * accounts and Regions included (D112). A point with advanced features has an AWS Backup ARN and is no DynamoDB
 * backup; a point that has expired has no backup.
 */
final class BackupDynamoDbBackups implements BackupTableBackups {
    /** Strongroom's name for AWS Backup's backups: AWS does not document the one it gives them. */
    static final String NAME_PREFIX = "AwsBackup-";
    private static final String RESOURCES = "arn:aws:dynamodb:";

    private final RecoveryPointService points;

    BackupDynamoDbBackups(RecoveryPointService points) {
        this.points = points;
    }

    @Override
    public List<TableBackup> list(Tx tx, String account, String region) {
        return points.servicePoints(tx, account, region, RESOURCES, backupArns(account, region)).stream()
                .filter(BackupDynamoDbBackups::isBackup)
                .map(BackupDynamoDbBackups::backup).toList();
    }

    @Override
    public Optional<TableBackup> find(Tx tx, String account, String region, String backupArn) {
        if (!backupArn.startsWith(backupArns(account, region))) {
            return Optional.empty();
        }
        return points.servicePoint(tx, account, region, RESOURCES, backupArn).filter(BackupDynamoDbBackups::isBackup)
                .map(BackupDynamoDbBackups::backup);
    }

    private static String backupArns(String account, String region) {
        return RESOURCES + region + ":" + account + ":table/";
    }

    private static boolean isBackup(RecoveryPoint p) {
        return p.arn().contains("/backup/");
    }

    static TableBackup backup(RecoveryPoint p) {
        String id = p.arn().substring(p.arn().lastIndexOf('/') + 1);
        String table = p.restoreMetadata().getOrDefault("originalTableName",
                p.resourceArn().substring(p.resourceArn().lastIndexOf('/') + 1));
        String status = switch (p.status()) {
            case RecoveryPoint.CREATING -> TableBackup.CREATING;
            case RecoveryPoint.DELETING -> TableBackup.DELETED;
            default -> TableBackup.AVAILABLE;
        };
        return new TableBackup(p.arn(), NAME_PREFIX + id, table, p.resourceArn(), p.creationDate(), p.deleteAt(),
                status, TableBackup.AWS_BACKUP, p.backupSizeInBytes());
    }
}
