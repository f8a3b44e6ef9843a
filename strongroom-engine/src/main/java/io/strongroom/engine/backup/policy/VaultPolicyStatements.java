package io.strongroom.engine.backup.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.engine.access.policy.PolicyStatements;
import io.strongroom.kernel.Memo;

/**
 * A vault access policy as the Authorizer evaluates it: the stored document (none: an empty one) plus one Deny
 * statement for every other account's principals on every action but {@code backup:CopyIntoBackupVault}, because
 * AWS Backup rejects any other cross-account call on a vault whatever its policy says (spec 1.5; decision D37).
 */
public final class VaultPolicyStatements {
    static final String GUARD_SID = "strongroom-cross-account-copy-only";
    /** Vaults are few and every copy job asks: the document is a pure function of the policy and the owner. */
    private static final Memo<Guarded, String> GUARDED = new Memo<>(4_096,
            g -> guard(g.accessPolicy(), g.ownerAccount()));

    private record Guarded(String accessPolicy, String ownerAccount) {
    }

    private VaultPolicyStatements() {
    }

    public static String withCrossAccountGuard(String accessPolicy, String ownerAccount) {
        return GUARDED.get(new Guarded(accessPolicy, ownerAccount));
    }

    private static String guard(String accessPolicy, String ownerAccount) {
        return PolicyStatements.append(accessPolicy, statements -> {
            ObjectNode guard = statements.addObject();
            guard.put("Sid", GUARD_SID);
            guard.put("Effect", "Deny");
            guard.put("Principal", "*");
            guard.put("NotAction", "backup:CopyIntoBackupVault");
            guard.put("Resource", "*");
            guard.putObject("Condition").putObject("StringNotEquals").put("aws:PrincipalAccount", ownerAccount);
        });
    }
}
