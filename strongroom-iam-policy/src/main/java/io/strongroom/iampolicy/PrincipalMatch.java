package io.strongroom.iampolicy;

/**
 * How specifically a resource policy's Principal names the caller. Same-account evaluation depends on it (spec 4.4):
 * naming the caller itself (or everyone) stands alone; naming the role (or the user behind a federated session)
 * stays capped by boundary and session policies; naming the account only delegates to identity policies.
 */
enum PrincipalMatch {
    NONE(0),
    ACCOUNT(1),
    ROLE(2),
    FEDERATING_USER(2),
    USER(3),
    SESSION(3),
    ANYONE(3),
    SERVICE(3),
    FEDERATED(3),
    CANONICAL_USER(3);

    private final int strength;

    PrincipalMatch(int strength) {
        this.strength = strength;
    }

    int strength() {
        return strength;
    }

    boolean matched() {
        return this != NONE;
    }

    /** Allow stands without identity, boundary and session policies. */
    boolean standsAlone() {
        return strength == 3;
    }

    PrincipalMatch stronger(PrincipalMatch other) {
        return other.strength > strength ? other : this;
    }
}
