package io.strongroom.orgpolicy;

/** What a policy did (or tried to do) to one key. */
public enum OperationKind {
    /** Introduced a key that no higher level had. */
    ADD_KEY(null),
    ASSIGN(Operators.ASSIGN),
    APPEND(Operators.APPEND),
    REMOVE(Operators.REMOVE);

    private final String operator;

    OperationKind(String operator) {
        this.operator = operator;
    }

    /** The operator as written in a policy, or null for {@link #ADD_KEY}. */
    public String operator() {
        return operator;
    }

    @Override
    public String toString() {
        return operator == null ? "add key" : operator;
    }
}
