package io.strongroom.orgpolicy;

import java.util.List;

/** One step of an account's path (root, an OU, or the account) and its policies, oldest attachment first. */
public record PolicyLevel(String targetId, List<AttachedPolicy> policies) {
    public PolicyLevel {
        policies = List.copyOf(policies);
    }
}
