package io.strongroom.engine.kms.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.engine.access.policy.PolicyStatements;
import io.strongroom.engine.kms.KmsGrant;
import io.strongroom.json.JsonCodec;

import java.util.List;
import java.util.Map;

/**
 * A key policy as the Authorizer evaluates it: the stored document plus one Allow statement per grant, naming the
 * grantee, allowing the grant's operations, with its encryption-context constraint as conditions (decision D35).
 */
public final class GrantStatements {
    private GrantStatements() {
    }

    public static String withGrants(String keyPolicy, List<KmsGrant> grants) {
        if (grants.isEmpty()) {
            return keyPolicy;
        }
        return PolicyStatements.append(keyPolicy, statements -> grants.forEach(g -> statements.add(statement(g))));
    }

    private static ObjectNode statement(KmsGrant grant) {
        ObjectNode s = JsonCodec.MAPPER.createObjectNode();
        s.put("Sid", "grant-" + grant.grantId());
        s.put("Effect", "Allow");
        String grantee = grant.granteePrincipal();
        s.putObject("Principal").put(grantee.endsWith(".amazonaws.com") ? "Service" : "AWS", grantee);
        ArrayNode actions = s.putArray("Action");
        grant.operations().forEach(op -> actions.add("kms:" + op));
        s.put("Resource", "*");
        Map<String, String> pairs = grant.contextEquals() != null ? grant.contextEquals() : grant.contextSubset();
        if (pairs != null && !pairs.isEmpty()) {
            ObjectNode condition = s.putObject("Condition");
            ObjectNode equals = condition.putObject("StringEquals");
            pairs.forEach((k, v) -> equals.put("kms:EncryptionContext:" + k, v));
            if (grant.contextEquals() != null) {
                ArrayNode keys = condition.putObject("ForAllValues:StringEquals").putArray("kms:EncryptionContextKeys");
                pairs.keySet().forEach(keys::add);
            }
        }
        return s;
    }
}
