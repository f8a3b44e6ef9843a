package io.strongroom.engine.backup.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.json.JsonCodec;

import java.io.IOException;

/**
 * A vault access policy as the Authorizer evaluates it: the stored document (none: an empty one) plus one Deny
 * statement for every other account's principals on every action but {@code backup:CopyIntoBackupVault}, because
 * AWS Backup rejects any other cross-account call on a vault whatever its policy says (spec 1.5; decision D36).
 */
public final class VaultPolicyStatements {
    static final String GUARD_SID = "strongroom-cross-account-copy-only";

    private VaultPolicyStatements() {
    }

    public static String withCrossAccountGuard(String accessPolicy, String ownerAccount) {
        try {
            ObjectNode policy;
            if (accessPolicy == null) {
                policy = JsonCodec.MAPPER.createObjectNode();
                policy.put("Version", "2012-10-17");
            } else if (JsonCodec.MAPPER.readTree(accessPolicy) instanceof ObjectNode parsed) {
                policy = parsed;
            } else {
                return accessPolicy;
            }
            JsonNode existing = policy.get("Statement");
            ArrayNode statements = JsonCodec.MAPPER.createArrayNode();
            if (existing instanceof ArrayNode array) {
                statements.addAll(array);
            } else if (existing != null) {
                statements.add(existing);
            }
            ObjectNode guard = statements.addObject();
            guard.put("Sid", GUARD_SID);
            guard.put("Effect", "Deny");
            guard.put("Principal", "*");
            guard.put("NotAction", "backup:CopyIntoBackupVault");
            guard.put("Resource", "*");
            guard.putObject("Condition").putObject("StringNotEquals").put("aws:PrincipalAccount", ownerAccount);
            policy.set("Statement", statements);
            return JsonCodec.MAPPER.writeValueAsString(policy);
        } catch (IOException e) {
            return accessPolicy;
        }
    }
}
