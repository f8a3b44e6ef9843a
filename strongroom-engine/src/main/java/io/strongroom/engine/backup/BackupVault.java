package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.Map;

/**
 * A backup vault as stored: the container the recovery points of later steps belong to (they name the vault by
 * {@link #arn()}), with the key they are encrypted under, its lock, access policy and notifications.
 *
 * @param vaultType        BACKUP_VAULT or LOGICALLY_AIR_GAPPED_BACKUP_VAULT
 * @param encryptionKeyArn the KMS key ARN (the account's aws/backup key by default); null for a logically air-gapped
 *                         vault on an AWS owned key
 * @param encryptionKeyType CUSTOMER_MANAGED_KMS_KEY, AWS_OWNED_KMS_KEY, or null for the AWS managed aws/backup key
 * @param lock             null when unlocked
 * @param accessPolicy     the vault access policy document, null when none
 * @param notifications    null when none
 */
public record BackupVault(String accountId, String region, String name, String vaultType, String encryptionKeyArn,
                          String encryptionKeyType, Instant created, String creatorRequestId, Map<String, String> tags,
                          VaultLock lock, String accessPolicy, VaultNotifications notifications) {
    public static final String STANDARD = "BACKUP_VAULT";
    public static final String AIR_GAPPED = "LOGICALLY_AIR_GAPPED_BACKUP_VAULT";

    public BackupVault {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static String arn(String region, String accountId, String name) {
        return "arn:aws:backup:" + region + ":" + accountId + ":backup-vault:" + name;
    }

    public String arn() {
        return arn(region, accountId, name);
    }

    public boolean locked() {
        return lock != null;
    }

    public boolean airGapped() {
        return AIR_GAPPED.equals(vaultType);
    }

    BackupVault withTags(Map<String, String> value) {
        return new BackupVault(accountId, region, name, vaultType, encryptionKeyArn, encryptionKeyType, created,
                creatorRequestId, value, lock, accessPolicy, notifications);
    }

    BackupVault withLock(VaultLock value) {
        return new BackupVault(accountId, region, name, vaultType, encryptionKeyArn, encryptionKeyType, created,
                creatorRequestId, tags, value, accessPolicy, notifications);
    }

    BackupVault withAccessPolicy(String value) {
        return new BackupVault(accountId, region, name, vaultType, encryptionKeyArn, encryptionKeyType, created,
                creatorRequestId, tags, lock, value, notifications);
    }

    BackupVault withNotifications(VaultNotifications value) {
        return new BackupVault(accountId, region, name, vaultType, encryptionKeyArn, encryptionKeyType, created,
                creatorRequestId, tags, lock, accessPolicy, value);
    }
}
