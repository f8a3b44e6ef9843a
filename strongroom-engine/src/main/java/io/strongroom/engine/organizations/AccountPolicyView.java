package io.strongroom.engine.organizations;

import java.util.List;

/**
 * What the Authorizer needs of an account's place in its organization: the management account (whom
 * SCPs and RCPs never restrict), the path, and the SCP/RCP policies attached at each level, root first.
 */
public record AccountPolicyView(String organizationId, String managementAccountId, String path,
                                boolean scpEnabled, boolean rcpEnabled, List<Level> levels) {
    public record Level(String targetId, List<PolicyText> serviceControlPolicies,
                        List<PolicyText> resourceControlPolicies) {
    }

    /** One attached policy: its id, name, ARN and document. */
    public record PolicyText(String id, String name, String arn, String content) {
    }

    public boolean isManagementAccount(String accountId) {
        return managementAccountId.equals(accountId);
    }
}
