package io.strongroom.orgpolicy;

/** One operation that took effect on a key; {@code operand} is its compact JSON, null for {@code ADD_KEY}. */
public record Contribution(OperationKind operation, PolicySource source, String operand) {
    @Override
    public String toString() {
        return operand == null ? operation + " by " + source : operation + " " + operand + " by " + source;
    }
}
