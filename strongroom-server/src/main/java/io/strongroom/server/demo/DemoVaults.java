package io.strongroom.server.demo;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** The seed's vaults: the locked central vault of the backup account and each production account's local vault. */
final class DemoVaults {
    private final DemoClients clients;
    private final String organizationId;
    private final String backupAccount;

    DemoVaults(DemoClients clients, String organizationId, String backupAccount) {
        this.clients = clients;
        this.organizationId = organizationId;
        this.backupAccount = backupAccount;
    }

    /** central-backup-vault: a customer KMS key, put-never-delete access policy, Compliance lock 30-2555 days. */
    void central(AwsCredentials backupRoot) {
        String keyArn;
        try (KmsClient kms = clients.client(KmsClient.builder(), backupRoot)) {
            keyArn = kms.createKey(r -> r.description("central-backup-vault key")).keyMetadata().arn();
            kms.createAlias(r -> r.aliasName("alias/central-backup-vault").targetKeyId(keyArn));
        }
        try (BackupClient backup = clients.client(BackupClient.builder(), backupRoot)) {
            backup.createBackupVault(r -> r.backupVaultName("central-backup-vault").encryptionKeyArn(keyArn));
            backup.putBackupVaultAccessPolicy(r -> r.backupVaultName("central-backup-vault")
                    .policy(DemoPolicies.centralVaultAccess(organizationId, backupAccount)));
            backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("central-backup-vault")
                    .minRetentionDays(30L).maxRetentionDays(2555L).changeableForDays(30L));
        }
    }

    void local(AwsCredentials root) {
        try (BackupClient backup = clients.client(BackupClient.builder(), root)) {
            backup.createBackupVault(r -> r.backupVaultName("local-prod-vault"));
        }
    }
}
