package io.strongroom.iampolicy;

import java.util.List;

/** The SCPs or RCPs attached at one node of the path root -> OUs -> account; {@code targetId} as Organizations names it. */
public record OrganizationLevel(String targetId, List<AttachedPolicy> policies) {
    public OrganizationLevel {
        if (targetId == null) {
            throw new IllegalArgumentException("a level needs its target id");
        }
        policies = List.copyOf(policies);
    }
}
