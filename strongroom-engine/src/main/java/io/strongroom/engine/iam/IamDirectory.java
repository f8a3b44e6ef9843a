package io.strongroom.engine.iam;

import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the Authorizer and STS read of IAM: the policies that apply to a principal, roles and their
 * trust policies, and MFA verification. IAM's own service implements it.
 */
public interface IamDirectory {
    /** The role an ARN names (path included), if it exists. */
    Optional<IamRole> roleByArn(Tx tx, String roleArn);

    /**
     * The identity-based policies of a principal: for a user its inline and attached managed policies
     * and those of its groups; for a role session the role's; for root none (root is not governed by
     * identity policies).
     */
    List<NamedPolicy> identityPolicies(Tx tx, Principal principal);

    /** The permissions boundary of the user or role behind the principal, if one is set. */
    Optional<NamedPolicy> permissionsBoundary(Tx tx, Principal principal);

    /**
     * The user, group or role {@code arn} names (path included) with its policies, for the policy simulator; empty
     * when there is none.
     */
    default Optional<PolicySource> policySource(Tx tx, String arn) {
        return Optional.empty();
    }

    /**
     * Checks a one-time code against the MFA device {@code serialNumber} of the user {@code userArn}
     * at {@code now}; a valid code is spent so it cannot be used again within its window.
     */
    MfaVerification verifyMfa(Tx tx, String userArn, String serialNumber, String tokenCode, Instant now);
}
