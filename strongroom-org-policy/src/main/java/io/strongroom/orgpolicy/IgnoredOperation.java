package io.strongroom.orgpolicy;

import java.util.List;

/**
 * An operation that was silently dropped while merging (spec 3.3).
 *
 * @param path     dotted, lower-case key path of the target key ({@code plans.baseline.rules.extra})
 * @param lockedBy the restrictions that forbade it, for the two LOCKED reasons
 * @param winner   the earlier policy whose {@code @@assign} won, for {@link IgnoreReason#SAME_LEVEL_FIRST_ATTACHED_WINS}
 */
public record IgnoredOperation(String path, OperationKind operation, PolicySource source, IgnoreReason reason,
                               List<Restriction> lockedBy, PolicySource winner) {
    public IgnoredOperation {
        lockedBy = List.copyOf(lockedBy);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(path).append(": ").append(operation).append(" by ")
                .append(source).append(" ignored, ");
        switch (reason) {
            case OPERATOR_LOCKED -> text.append("operator locked by ").append(lockedBy);
            case CONTAINER_LOCKED -> text.append("container locked against new keys by ").append(lockedBy);
            case SAME_LEVEL_FIRST_ATTACHED_WINS -> text.append("first attached policy at the same level wins: ")
                    .append(winner);
            case NOT_AN_ARRAY -> text.append("the inherited value is not an array");
            case NOTHING_TO_REMOVE -> text.append("nothing to remove from");
        }
        return text.toString();
    }
}
