package io.strongroom.orgpolicy;

/** Why an operation written in a policy had no effect on the effective policy. */
public enum IgnoreReason {
    /** A higher level's child-control operator does not allow this operator on the key. */
    OPERATOR_LOCKED,
    /** A higher level's child-control operator does not allow adding keys to the container. */
    CONTAINER_LOCKED,
    /** Another policy attached earlier at the same level already assigned the key; the first attached wins. */
    SAME_LEVEL_FIRST_ATTACHED_WINS,
    /** {@code @@append}/{@code @@remove} met an inherited single value. */
    NOT_AN_ARRAY,
    /** {@code @@remove} on a key that has no value yet. */
    NOTHING_TO_REMOVE
}
