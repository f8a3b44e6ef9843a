package io.strongroom.iampolicy;

/**
 * The answer of {@link Evaluator#evaluate}.
 *
 * @param outcome           allow, explicit deny or implicit deny
 * @param policyType        the policy type that decided: for a deny the one AccessDenied names, for an allow the
 *                          one that granted; null when no policy was needed (the root user in its own account,
 *                          {@code sts:GetCallerIdentity})
 * @param policy            the deciding policy; null for implicit denies (no policy allowed)
 * @param statement         the deciding statement; null when {@code policy} is
 * @param organizationLevel for SCP/RCP decisions, the target id of the level that denied (root, OU or account)
 * @param explanation       what decided, in words, for "why was I denied"
 * @param message           AWS's AccessDenied sentence (spec 4.8); null on allow
 */
public record Decision(Outcome outcome, PolicyType policyType, PolicyRef policy, StatementRef statement,
                       String organizationLevel, String explanation, String message) {

    public enum Outcome { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    public Decision {
        if (outcome == null || explanation == null) {
            throw new IllegalArgumentException("outcome and explanation are required");
        }
        if (outcome != Outcome.ALLOW && message == null) {
            throw new IllegalArgumentException("a denial carries its AccessDenied message");
        }
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
