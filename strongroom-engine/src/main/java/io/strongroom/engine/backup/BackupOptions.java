package io.strongroom.engine.backup;

/**
 * The choices made where AWS's behaviour is unconfirmed (decision D37), kept in one place so each can be switched.
 *
 * @param missingVaultAsAccessDenied a vault-scoped call on a missing vault answers 403 AccessDeniedException (as
 *                                   observed for DescribeBackupVault), not ResourceNotFoundException
 * @param rejectSubHourlySchedules   a cron firing more than once an hour is refused (snapshot backups are at most
 *                                   hourly) rather than accepted
 */
public record BackupOptions(boolean missingVaultAsAccessDenied, boolean rejectSubHourlySchedules) {
    public static final BackupOptions DEFAULT = new BackupOptions(true, true);
}
