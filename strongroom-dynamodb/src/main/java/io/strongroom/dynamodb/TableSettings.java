package io.strongroom.dynamodb;

import io.strongroom.storage.Tx;

/**
 * A table's continuous-backup and time-to-live settings, as DescribeContinuousBackups and DescribeTimeToLive
 * report them. Strongroom serves neither UpdateContinuousBackups nor UpdateTimeToLive, so every table is in the
 * state AWS gives a new one: continuous backups ENABLED (AWS always has them for on-demand backups),
 * point-in-time recovery DISABLED, time to live DISABLED. Those answers are the truth here, not a default.
 */
public final class TableSettings {
    public static final String CONTINUOUS_BACKUPS = "ENABLED";
    public static final String POINT_IN_TIME_RECOVERY = "DISABLED";
    public static final String TIME_TO_LIVE = "DISABLED";

    private final DynamoDbService tables;

    public TableSettings(DynamoDbService tables) {
        this.tables = tables;
    }

    public record ContinuousBackups(String continuousBackupsStatus, String pointInTimeRecoveryStatus) {
    }

    public ContinuousBackups continuousBackups(Tx tx, String account, String region, String name) {
        TableValidation.tableName(name);
        tables.findTable(tx, account, region, name)
                .orElseThrow(() -> DynamoDbErrors.backupTableNotFound(name));
        return new ContinuousBackups(CONTINUOUS_BACKUPS, POINT_IN_TIME_RECOVERY);
    }

    public String timeToLiveStatus(Tx tx, String account, String region, String name) {
        TableValidation.tableName(name);
        tables.findTable(tx, account, region, name).orElseThrow(() -> DynamoDbErrors.tableNotFound(name));
        return TIME_TO_LIVE;
    }
}
