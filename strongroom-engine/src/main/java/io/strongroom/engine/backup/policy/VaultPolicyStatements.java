package io.strongroom.engine.backup.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.engine.access.policy.PolicyStatements;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A vault access policy as the Authorizer evaluates it: the stored document (none: an empty one) plus one Deny
 * statement for every other account's principals on every action but {@code backup:CopyIntoBackupVault}, because
 * AWS Backup rejects any other cross-account call on a vault whatever its policy says (spec 1.5; decision D37).
 */
public final class VaultPolicyStatements {
    static final String GUARD_SID = "strongroom-cross-account-copy-only";
    /** Vaults are few and every copy job asks: the document is a pure function of the policy and the owner. */
    private static final int REMEMBERED = 4_096;
    private static final Map<Guarded, String> GUARDED = new ConcurrentHashMap<>();

    private record Guarded(String accessPolicy, String ownerAccount) {
    }

    private VaultPolicyStatements() {
    }

    public static String withCrossAccountGuard(String accessPolicy, String ownerAccount) {
        Guarded key = new Guarded(accessPolicy, ownerAccount);
        String known = GUARDED.get(key);
        if (known != null) {
            return known;
        }
        if (GUARDED.size() >= REMEMBERED) {
            GUARDED.clear();
        }
        String guarded = guard(accessPolicy, ownerAccount);
        GUARDED.put(key, guarded);
        return guarded;
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
