package io.strongroom.engine.backup;

import io.strongroom.engine.backup.policy.VaultPolicyStatements;
import io.strongroom.resource.ResourcePolicySource;
import io.strongroom.storage.Tx;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Vault owners and vault access policies, for the Authorizer: every call on a vault ARN (and, once copies exist,
 * every {@code backup:CopyIntoBackupVault} into it) and every call on a recovery point in it is evaluated against the
 * vault's policy, an explicit Deny in it
 * overriding any allow, the account's root included (spec 1.5).
 */
public final class VaultAccessPolicies implements ResourcePolicySource {
    /** Recovery point ARNs of every form (spec 6.1): the vault holding the point governs access to it. */
    private static final java.util.regex.Pattern POINT_ARN = java.util.regex.Pattern.compile(
            "arn:aws:backup:[a-z0-9-]+:\\d{12}:recovery-point:.+|arn:aws:ec2:[a-z0-9-]+::(snapshot/snap-|image/ami-).+"
                    + "|arn:aws:rds:[a-z0-9-]+:\\d{12}:(cluster-)?snapshot:awsbackup:.+"
                    + "|arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/[^/]+/backup/.+");

    private final BackupStore store;
    private final JobStore points = new JobStore();

    public VaultAccessPolicies(VaultService vaults) {
        this.store = vaults.store();
    }

    @Override
    public boolean owns(String arn) {
        // Asked for every resource of every call: the prefixes rule out most ARNs before any pattern runs.
        return arn != null && (arn.startsWith("arn:aws:backup:") || arn.startsWith("arn:aws:ec2:")
                || arn.startsWith("arn:aws:rds:"))
                && (BackupNames.VAULT_ARN.matcher(arn).matches() || POINT_ARN.matcher(arn).matches());
    }

    @Override
    public Optional<ResourceAccess> access(Tx tx, String arn, String action) {
        if (POINT_ARN.matcher(arn).matches()) {
            return points.point(tx, arn).flatMap(p -> store.vault(tx, p.accountId(), p.region(), p.vaultName()))
                    .map(vault -> new ResourceAccess(vault.accountId(),
                            VaultPolicyStatements.withCrossAccountGuard(vault.accessPolicy(), vault.accountId())));
        }
        Matcher m = BackupNames.VAULT_ARN.matcher(arn);
        if (!m.matches() || action.equalsIgnoreCase("backup:CreateBackupVault")
                || action.equalsIgnoreCase("backup:CreateLogicallyAirGappedBackupVault")) {
            return Optional.empty();
        }
        return store.vault(tx, m.group(2), m.group(1), m.group(3)).map(vault -> new ResourceAccess(vault.accountId(),
                VaultPolicyStatements.withCrossAccountGuard(vault.accessPolicy(), vault.accountId())));
    }
}
