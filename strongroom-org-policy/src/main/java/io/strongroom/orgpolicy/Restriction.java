package io.strongroom.orgpolicy;

import java.util.Set;

/** A {@code @@operators_allowed_for_child_policies} declaration: what it leaves allowed below its level. */
public record Restriction(PolicySource source, Set<OperationKind> allowed) {
    public Restriction {
        allowed = Set.copyOf(allowed);
    }

    @Override
    public String toString() {
        return source + " (allows " + (allowed.isEmpty() ? "@@none" : allowed.toString()) + ")";
    }
}
