package io.strongroom.api.backup;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.engine.backup.BackupPlan;
import io.strongroom.engine.backup.BackupVault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What AWS Backup calls need from the Authorizer: the action on the vault's ARN (where the vault access policy
 * applies), on the plan's ARN, or on {@code *} for calls on no particular resource.
 */
final class BackupAccess {
    private BackupAccess() {
    }

    static String vaultArn(CallContext ctx, String name) {
        return BackupVault.arn(ctx.region(), ctx.accountId(), name == null ? "*" : name);
    }

    static String planArn(CallContext ctx, String planId) {
        return BackupPlan.arn(ctx.region(), ctx.accountId(), planId == null ? "*" : planId);
    }

    static AccessRequirement onVault(CallContext ctx, String operation, String name) {
        return AccessRequirement.of("backup:" + operation, vaultArn(ctx, name));
    }

    static AccessRequirement onPlan(CallContext ctx, String operation, String planId) {
        return AccessRequirement.of("backup:" + operation, planArn(ctx, planId));
    }

    /** The action on a legal hold's ARN ({@code arn:aws:backup:<region>:<account>:legal-hold:<id>}). */
    static AccessRequirement onLegalHold(CallContext ctx, String operation, String id) {
        return AccessRequirement.of("backup:" + operation, io.strongroom.engine.backup.LegalHold.arn(ctx.region(),
                ctx.accountId(), id == null ? "*" : id));
    }

    static AccessRequirement onAccount(String operation) {
        return AccessRequirement.of("backup:" + operation, "*");
    }

    /** aws:RequestTag/key and aws:TagKeys for calls that set tags, so SCPs can require tags on creation. */
    static AccessRequirement tagging(String operation, String resource, Map<String, String> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        if (tags != null && !tags.isEmpty()) {
            tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, List.of(v)));
            keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        return new AccessRequirement(List.of("backup:" + operation), List.of(resource), keys, false);
    }

    /**
     * A vault on a customer key needs the caller to be allowed to use that key through AWS Backup (the key policy
     * and the caller's IAM policies decide, across accounts too): kms:CreateGrant and kms:DescribeKey.
     */
    static AccessRequirement withKey(CallContext ctx, AccessRequirement base, String keyArn) {
        if (keyArn == null || !keyArn.startsWith("arn:aws:kms:")) {
            return base;
        }
        Map<String, List<String>> keys = Map.of("kms:ViaService", List.of("backup." + ctx.region()
                + ".amazonaws.com"), "kms:CallerAccount", List.of(ctx.accountId()));
        return base.and(new AccessRequirement(List.of("kms:CreateGrant", "kms:DescribeKey"), List.of(keyArn), keys,
                false));
    }

    /** CreateBackupSelection hands the role to AWS Backup: the caller needs iam:PassRole for it. */
    static AccessRequirement passRole(AccessRequirement base, String roleArn) {
        if (roleArn == null || !roleArn.startsWith("arn:aws:iam::")) {
            return base;
        }
        return base.and(new AccessRequirement(List.of("iam:PassRole"), List.of(roleArn),
                Map.of("iam:PassedToService", List.of("backup.amazonaws.com")), false));
    }
}
