package io.strongroom.engine.iam;

import java.util.List;
import java.util.Map;

/**
 * A user, group or role with the policies that govern it, as the IAM policy simulator reads them: for a user its
 * inline and attached policies and those of its groups, for a group or role its own.
 *
 * @param uniqueId            {@code AIDA...}, {@code AGPA...} or {@code AROA...}
 * @param permissionsBoundary null when none is set (groups never have one)
 */
public record PolicySource(Kind kind, String accountId, String arn, String name, String uniqueId,
                           Map<String, String> tags, List<NamedPolicy> identityPolicies,
                           NamedPolicy permissionsBoundary) {
    public enum Kind { USER, GROUP, ROLE }

    public PolicySource {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        identityPolicies = List.copyOf(identityPolicies);
    }
}
