package io.strongroom.engine.backup;

import io.strongroom.iampolicy.PolicyDocument;
import io.strongroom.iampolicy.PolicyKind;
import io.strongroom.iampolicy.Statement;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Backup vaults (spec 1) and Vault Lock (spec 2): create, describe, list, delete only when empty, access policies,
 * notifications, and the lock's governance and compliance rules on the clock.
 */
public final class VaultService {
    static final int MAX_VAULTS = 300;
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");
    private static final Pattern SNS_TOPIC_ARN = Pattern.compile("arn:aws:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}");
    private static final Set<String> EVENTS = Set.of("BACKUP_JOB_STARTED", "BACKUP_JOB_COMPLETED",
            "BACKUP_JOB_SUCCESSFUL", "BACKUP_JOB_FAILED", "BACKUP_JOB_EXPIRED", "RESTORE_JOB_STARTED",
            "RESTORE_JOB_COMPLETED", "RESTORE_JOB_SUCCESSFUL", "RESTORE_JOB_FAILED", "COPY_JOB_STARTED",
            "COPY_JOB_SUCCESSFUL", "COPY_JOB_FAILED", "RECOVERY_POINT_MODIFIED", "BACKUP_PLAN_CREATED",
            "BACKUP_PLAN_MODIFIED", "S3_BACKUP_OBJECT_FAILED", "S3_RESTORE_OBJECT_FAILED",
            "CONTINUOUS_BACKUP_INTERRUPTED", "RECOVERY_POINT_INDEX_COMPLETED", "RECOVERY_POINT_INDEX_DELETED",
            "RECOVERY_POINT_INDEXING_FAILED", "EKS_RESTORE_OBJECT_FAILED", "EKS_RESTORE_OBJECT_SKIPPED",
            "EKS_BACKUP_OBJECT_FAILED");

    final BackupStore store;
    private final Clock clock;
    private final VaultKeys keys;
    private final VaultContents contents;
    private final BackupOptions options;

    public VaultService(Clock clock, VaultKeys keys, VaultContents contents, BackupOptions options) {
        this(new BackupStore(), clock, keys, contents, options);
    }

    VaultService(BackupStore store, Clock clock, VaultKeys keys, VaultContents contents, BackupOptions options) {
        this.store = store;
        this.clock = clock;
        this.keys = keys;
        this.contents = contents;
        this.options = options;
    }

    BackupStore store() {
        return store;
    }

    public BackupOptions options() {
        return options;
    }

    /** What CreateBackupVault and CreateLogicallyAirGappedBackupVault take. */
    public record CreateVault(String name, String encryptionKeyArn, Map<String, String> tags,
                              String creatorRequestId) {
    }

    public BackupVault createBackupVault(Tx tx, String account, String region, CreateVault in) {
        checkNew(tx, account, region, in);
        VaultKeys.VaultKey key = in.encryptionKeyArn() == null ? keys.defaultKey(tx, account, region)
                : customerKey(tx, in.encryptionKeyArn());
        BackupVault vault = new BackupVault(account, region, in.name(), BackupVault.STANDARD, key.arn(),
                key.awsManaged() ? null : "CUSTOMER_MANAGED_KMS_KEY", Instant.now(clock), in.creatorRequestId(),
                in.tags(), null, null, null);
        store.putVault(tx, vault, true);
        return vault;
    }

    /**
     * A logically air-gapped vault: locked in compliance mode from its creation (its lock date is now), with the
     * retention range it was created with; on an AWS owned key unless a customer key is given.
     */
    public BackupVault createAirGappedVault(Tx tx, String account, String region, CreateVault in,
                                            Long minRetentionDays, Long maxRetentionDays) {
        checkNew(tx, account, region, in);
        if (minRetentionDays == null) {
            throw BackupErrors.missingParameter("MinRetentionDays");
        }
        if (maxRetentionDays == null) {
            throw BackupErrors.missingParameter("MaxRetentionDays");
        }
        if (minRetentionDays < 7 || minRetentionDays > 36500) {
            throw BackupErrors.invalidParameter("MinRetentionDays must be between 7 and 36500 days.");
        }
        checkRetentionRange(minRetentionDays, maxRetentionDays);
        VaultKeys.VaultKey key = in.encryptionKeyArn() == null ? null : customerKey(tx, in.encryptionKeyArn());
        Instant now = Instant.now(clock);
        BackupVault vault = new BackupVault(account, region, in.name(), BackupVault.AIR_GAPPED,
                key == null ? null : key.arn(), key == null ? "AWS_OWNED_KMS_KEY" : "CUSTOMER_MANAGED_KMS_KEY", now,
                in.creatorRequestId(), in.tags(),
                new VaultLock(minRetentionDays.intValue(), maxRetentionDays.intValue(), now, now), null, null);
        store.putVault(tx, vault, true);
        return vault;
    }

    private void checkNew(Tx tx, String account, String region, CreateVault in) {
        BackupNames.vaultName(in.name());
        BackupNames.creatorRequestId(in.creatorRequestId());
        BackupNames.tags(in.tags());
        var existing = store.vault(tx, account, region, in.name());
        if (existing.isPresent()) {
            throw BackupErrors.vaultExists(in.name(), existing.get().arn(), existing.get().creatorRequestId());
        }
        if (store.vaults(tx, account, region).size() >= MAX_VAULTS) {
            throw BackupErrors.vaultLimit();
        }
    }

    /** Whether a KMS key ARN names a key (a vault on a key that exists asks the Authorizer whether it may use it). */
    public boolean keyExists(Tx tx, String keyArn) {
        return keyArn != null && KEY_ARN.matcher(keyArn).matches() && keys.key(tx, keyArn) != null;
    }

    /** A customer key given by ARN must exist and be enabled; whether the caller may use it the Authorizer decided. */
    private VaultKeys.VaultKey customerKey(Tx tx, String keyArn) {
        if (!KEY_ARN.matcher(keyArn).matches()) {
            throw BackupErrors.invalidParameter("Invalid EncryptionKeyArn " + keyArn + ": it must be the ARN of a "
                    + "KMS key (not an alias).");
        }
        VaultKeys.VaultKey key = keys.key(tx, keyArn);
        if (key == null) {
            throw BackupErrors.invalidParameter("The KMS key " + keyArn + " does not exist.");
        }
        if (!key.enabled()) {
            throw BackupErrors.invalidParameter("The KMS key " + keyArn + " is not enabled.");
        }
        return key;
    }

    /** The vault named {@code name} in the caller's account and Region; a missing one answers as AWS does. */
    public BackupVault vault(Tx tx, String account, String region, String name) {
        BackupNames.vaultName(name);
        return store.vault(tx, account, region, name).orElseThrow(
                () -> BackupErrors.missingVault(options, BackupVault.arn(region, account, name)));
    }

    public long recoveryPoints(Tx tx, BackupVault vault) {
        return contents.recoveryPoints(tx, vault.arn());
    }

    public Page<BackupVault> listBackupVaults(Tx tx, String account, String region, String byVaultType,
                                              Boolean byShared, Integer maxResults, String nextToken) {
        if (byVaultType != null && !Set.of(BackupVault.STANDARD, BackupVault.AIR_GAPPED, "RESTORE_ACCESS_BACKUP_VAULT")
                .contains(byVaultType)) {
            throw BackupErrors.invalidParameter("Invalid ByVaultType " + byVaultType + ".");
        }
        List<BackupVault> all = store.vaults(tx, account, region).stream()
                .filter(v -> byVaultType == null || byVaultType.equals(v.vaultType()))
                .filter(v -> !Boolean.TRUE.equals(byShared)) // no vault is shared through AWS RAM here
                .toList();
        return Page.of(all, BackupVault::name, maxResults, nextToken);
    }

    /** Only an empty vault may go, locked or not (spec 1.4, 2.4 item 6). */
    public void deleteBackupVault(Tx tx, String account, String region, String name) {
        BackupVault vault = vault(tx, account, region, name);
        if (recoveryPoints(tx, vault) > 0) {
            throw BackupErrors.vaultNotEmpty();
        }
        store.deleteVault(tx, vault);
    }

    // ---- Vault Lock

    public BackupVault putVaultLock(Tx tx, String account, String region, String name, Long minRetentionDays,
                                    Long maxRetentionDays, Long changeableForDays) {
        BackupVault vault = vault(tx, account, region, name);
        if (vault.airGapped()) {
            throw BackupErrors.lagVaultLock(name);
        }
        if (changeableForDays != null && (changeableForDays < 3 || changeableForDays > 36500)) {
            throw BackupErrors.invalidParameter("ChangeableForDays must be between 3 and 36500 days.");
        }
        if (minRetentionDays != null && (minRetentionDays < 1 || minRetentionDays > 36500)) {
            throw BackupErrors.invalidParameter("MinRetentionDays must be between 1 and 36500 days.");
        }
        checkRetentionRange(minRetentionDays, maxRetentionDays);
        Instant now = Instant.now(clock);
        if (vault.lock() != null && vault.lock().immutableAt(now)) {
            throw BackupErrors.lockImmutable(name);
        }
        Instant lockDate = changeableForDays == null ? null : now.plus(Duration.ofDays(changeableForDays));
        BackupVault locked = vault.withLock(new VaultLock(toInt(minRetentionDays), toInt(maxRetentionDays), lockDate,
                now));
        store.putVault(tx, locked, false);
        return locked;
    }

    private static void checkRetentionRange(Long min, Long max) {
        if (max != null && (max < 1 || max > 36500)) {
            throw BackupErrors.invalidParameter("MaxRetentionDays must be between 1 and 36500 days.");
        }
        if (min != null && max != null && min > max) {
            throw BackupErrors.invalidParameter("MinRetentionDays cannot be greater than MaxRetentionDays.");
        }
    }

    private static Integer toInt(Long value) {
        return value == null ? null : value.intValue();
    }

    /** Allowed for governance locks, and for compliance locks before their lock date (spec 2.2). */
    public void deleteVaultLock(Tx tx, String account, String region, String name) {
        BackupVault vault = vault(tx, account, region, name);
        if (vault.airGapped()) {
            throw BackupErrors.lagVaultLock(name);
        }
        if (vault.lock() == null) {
            return;
        }
        if (vault.lock().immutableAt(Instant.now(clock))) {
            throw BackupErrors.lockImmutable(name);
        }
        store.putVault(tx, vault.withLock(null), false);
    }

    // ---- access policies

    public void putAccessPolicy(Tx tx, String account, String region, String name, String policy) {
        BackupVault vault = vault(tx, account, region, name);
        if (policy == null || policy.isEmpty()) {
            throw BackupErrors.missingParameter("Policy");
        }
        store.putVault(tx, vault.withAccessPolicy(validPolicy(policy)), false);
    }

    /** An IAM resource policy whose actions name backup actions exactly: wildcards are not supported (spec 1.5). */
    static String validPolicy(String policy) {
        PolicyDocument doc;
        try {
            doc = PolicyDocument.parse(policy, PolicyKind.RESOURCE);
        } catch (ServiceException e) {
            throw BackupErrors.invalidParameter("Invalid backup vault access policy: " + e.getMessage());
        } catch (RuntimeException e) {
            throw BackupErrors.invalidParameter("Invalid backup vault access policy: the policy is not valid JSON.");
        }
        for (Statement statement : doc.statements()) {
            for (String action : statement.actions()) {
                if (action.contains("*") || action.contains("?")) {
                    throw BackupErrors.invalidParameter("Invalid backup vault access policy: wildcards are not "
                            + "supported in actions (" + action + ").");
                }
            }
        }
        return policy;
    }

    public String accessPolicy(Tx tx, String account, String region, String name) {
        BackupVault vault = vault(tx, account, region, name);
        if (vault.accessPolicy() == null) {
            throw BackupErrors.noPolicy(name);
        }
        return vault.accessPolicy();
    }

    public void deleteAccessPolicy(Tx tx, String account, String region, String name) {
        BackupVault vault = vault(tx, account, region, name);
        store.putVault(tx, vault.withAccessPolicy(null), false);
    }

    // ---- notifications

    public void putNotifications(Tx tx, String account, String region, String name, String topicArn,
                                 List<String> events) {
        BackupVault vault = vault(tx, account, region, name);
        if (topicArn == null || topicArn.isEmpty()) {
            throw BackupErrors.missingParameter("SNSTopicArn");
        }
        if (events == null) {
            throw BackupErrors.missingParameter("BackupVaultEvents");
        }
        if (!SNS_TOPIC_ARN.matcher(topicArn).matches()) {
            throw BackupErrors.invalidParameter("Invalid SNSTopicArn " + topicArn + ".");
        }
        for (String event : events) {
            if (!EVENTS.contains(event)) {
                throw BackupErrors.invalidParameter("Invalid backup vault event " + event + ".");
            }
        }
        store.putVault(tx, vault.withNotifications(new VaultNotifications(topicArn,
                events.stream().distinct().toList())), false);
    }

    public VaultNotifications notifications(Tx tx, String account, String region, String name) {
        BackupVault vault = vault(tx, account, region, name);
        if (vault.notifications() == null) {
            throw BackupErrors.noNotifications(name);
        }
        return vault.notifications();
    }

    public void deleteNotifications(Tx tx, String account, String region, String name) {
        BackupVault vault = vault(tx, account, region, name);
        store.putVault(tx, vault.withNotifications(null), false);
    }

    void saveTags(Tx tx, BackupVault vault, Map<String, String> tags) {
        store.putVault(tx, vault.withTags(tags), false);
    }
}
