package io.strongroom.engine.iam;

import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The IAM directory while only roles exist (those Organizations creates): a role session is governed
 * by its role's inline policies; there are no users, managed policies or MFA devices yet.
 */
public final class RolesOnlyDirectory implements IamDirectory {
    private final IamRoles roles;

    public RolesOnlyDirectory(IamRoles roles) {
        this.roles = roles;
    }

    @Override
    public Optional<IamRole> roleByArn(Tx tx, String roleArn) {
        return roles.roleByArn(tx, roleArn);
    }

    @Override
    public List<NamedPolicy> identityPolicies(Tx tx, Principal principal) {
        if (principal.roleSession() == null) {
            return List.of();
        }
        return roles.roleByArn(tx, principal.roleSession().roleArn())
                .map(role -> role.inlinePolicies().entrySet().stream()
                        .map(e -> new NamedPolicy(role.arn(), e.getKey(), e.getValue(), true)).toList())
                .orElse(List.of());
    }

    @Override
    public Optional<NamedPolicy> permissionsBoundary(Tx tx, Principal principal) {
        return Optional.empty();
    }

    @Override
    public MfaVerification verifyMfa(Tx tx, String userArn, String serialNumber, String tokenCode, Instant now) {
        return MfaVerification.UNKNOWN_DEVICE;
    }
}
