package io.strongroom.engine.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a role session carries beyond its principal: the role (ARN with path, as aws:PrincipalArn sees
 * it), the source identity, which session tags pass on when chaining, inline session policies, whether
 * it came from another role session, and MFA at the time it was issued (recorded for CloudTrail; role
 * sessions do not present MFA to later calls).
 */
public record RoleSession(String roleArn, String roleName, String roleId, String sourceIdentity,
                          Set<String> transitiveTagKeys, List<String> sessionPolicies, boolean chained,
                          boolean mfaAtIssue, Instant issued) {
    public RoleSession {
        transitiveTagKeys = transitiveTagKeys == null ? Set.of() : Set.copyOf(transitiveTagKeys);
        sessionPolicies = sessionPolicies == null ? List.of() : List.copyOf(sessionPolicies);
    }
}
