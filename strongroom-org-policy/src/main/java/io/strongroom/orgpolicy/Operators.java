package io.strongroom.orgpolicy;

import java.util.EnumSet;
import java.util.Set;

/** Inheritance-operator names and the bit masks the merge uses for allowed sets (cheap to intersect and copy). */
final class Operators {
    static final String ASSIGN = "@@assign";
    static final String APPEND = "@@append";
    static final String REMOVE = "@@remove";
    static final String CHILD_CONTROL = "@@operators_allowed_for_child_policies";
    static final String ALL = "@@all";
    static final String NONE = "@@none";

    static final int ASSIGN_BIT = 1;
    static final int APPEND_BIT = 2;
    static final int REMOVE_BIT = 4;
    static final int ALL_BITS = ASSIGN_BIT | APPEND_BIT | REMOVE_BIT;

    private Operators() {
    }

    static boolean isOperatorKey(String key) {
        return key.startsWith("@@");
    }

    static boolean isKnownOperator(String key) {
        return key.equals(ASSIGN) || key.equals(APPEND) || key.equals(REMOVE) || key.equals(CHILD_CONTROL);
    }

    static boolean isValueOperator(String key) {
        return key.equals(ASSIGN) || key.equals(APPEND) || key.equals(REMOVE);
    }

    /** Bit for one name of a child-control list; -1 for a name that is not allowed there. */
    static int bitOf(String name) {
        switch (name) {
            case ALL: return ALL_BITS;
            case NONE: return 0;
            case ASSIGN: return ASSIGN_BIT;
            case APPEND: return APPEND_BIT;
            case REMOVE: return REMOVE_BIT;
            default: return -1;
        }
    }

    static Set<OperationKind> kindsOf(int bits) {
        EnumSet<OperationKind> kinds = EnumSet.noneOf(OperationKind.class);
        if ((bits & ASSIGN_BIT) != 0) {
            kinds.add(OperationKind.ASSIGN);
        }
        if ((bits & APPEND_BIT) != 0) {
            kinds.add(OperationKind.APPEND);
        }
        if ((bits & REMOVE_BIT) != 0) {
            kinds.add(OperationKind.REMOVE);
        }
        return Set.copyOf(kinds);
    }
}
