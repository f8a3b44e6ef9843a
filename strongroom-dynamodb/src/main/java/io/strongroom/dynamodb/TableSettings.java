package io.strongroom.dynamodb;

/**
 * A table's continuous-backup and time-to-live settings, as stored beside it. A table that never had them set has
 * AWS's settings for a new table: point-in-time recovery and time to live disabled (continuous backups, which AWS
 * has on every table for on-demand backups, are always ENABLED and so not stored).
 */
public record TableSettings(PointInTimeRecovery pointInTimeRecovery, TimeToLive timeToLive) {
    public static final TableSettings NEVER_SET = new TableSettings(PointInTimeRecovery.DISABLED, TimeToLive.NEVER_SET);

    TableSettings with(PointInTimeRecovery changed) {
        return new TableSettings(changed, timeToLive);
    }

    TableSettings with(TimeToLive changed) {
        return new TableSettings(pointInTimeRecovery, changed);
    }
}
