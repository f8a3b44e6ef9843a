package io.strongroom.iampolicy;

import java.util.List;
import java.util.Set;

/**
 * Every behaviour the spec leaves open ([EMU] / [UNCONFIRMED] in iam-sts-sigv4.md), in one place. The defaults are
 * the spec's choices; a switch exists so that a finding about real AWS is a one-line change.
 *
 * <p>Parsing:
 * @param allowIdInIdentityPolicies   1.1: {@code Id} is documented as "must not" in identity policies, yet IAM
 *                                    accepts it; false refuses it as a syntax error
 * @param alphanumericSidInResourcePolicies 1.1: the {@code [0-9A-Za-z]*} Sid rule is IAM's; other services' resource
 *                                    policies allow more, so it is off for {@link PolicyKind#RESOURCE}
 * @param trustPolicySizeLimit        1.7: 2,048 by default, raisable by quota
 * @param resourcePolicySizeLimit     each service has its own limit; 0 leaves the check to the owning service
 * @param rcpPrincipalMustBeStar      1.1: RCP statements carry {@code "Principal":"*"} and scope with conditions
 * @param scpFullGrammar              4.3: SCPs accept the full IAM grammar minus Principal; false applies the
 *                                    historic rule (Allow without Condition, NotAction or specific Resource)
 * @param validateScpActions          1.3: SCP creation applies the action-format checks too
 * <p>Evaluation:
 * @param notPrincipalAllowApplies    1.2: NotPrincipal is supported with Deny only; an Allow+NotPrincipal statement
 *                                    never applies unless this is true
 * @param notPrincipalRoleCoversSessions   1.2: a role ARN listed in NotPrincipal exempts the role's sessions
 * @param notPrincipalAccountCoversPrincipals 1.2: an account listed in NotPrincipal exempts every principal of it
 * @param boolIgnoresCase             2.2: {@code Bool} compares {@code true}/{@code false} case-insensitively
 * @param typeMismatchSatisfiesNegated 2.2: a value of the wrong type (a non-number for Numeric...) matches no policy
 *                                    value, so a negated operator is true; false makes the whole condition false
 * @param nullTreatsEmptyStringAsAbsent 2.2: whether {@code Null} counts an empty-string value as absent
 * @param multivaluedPlainOperator    2.4: how a plain (unqualified) operator treats a key with several values
 * @param rcpServices                 4.2: service prefixes whose resources RCPs govern
 * @param rcpAppliesToServiceLinkedRoles 4.2: RCPs do not restrict service-linked roles unless this is true
 * @param explicitDenyOrder           4.7/4.8: which policy type an explicit deny is reported against when several deny
 * @param policyArnInExplicitDeny     4.8: append {@code , with policy ARN: <arn>} to explicit denies from SCPs, RCPs,
 *                                    identity policies, boundaries and session policies within one account/org
 * @param roleSessionsCarryMfa        6.6: role sessions report {@code aws:MultiFactorAuthPresent=false} and no
 *                                    {@code aws:MultiFactorAuthAge}, whatever the caller supplied, unless true
 * @param servicePrincipalHasPrincipalArn 3.1: {@code aws:PrincipalArn} is absent for service principals
 * @param derivePrincipalKeys         fill principal-derived global keys ({@code aws:PrincipalArn}, {@code aws:userid},
 *                                    {@code aws:PrincipalTag/*}...) from the principal when the caller did not
 */
public record EvaluationOptions(
        boolean allowIdInIdentityPolicies,
        boolean alphanumericSidInResourcePolicies,
        int trustPolicySizeLimit,
        int resourcePolicySizeLimit,
        boolean rcpPrincipalMustBeStar,
        boolean scpFullGrammar,
        boolean validateScpActions,
        boolean notPrincipalAllowApplies,
        boolean notPrincipalRoleCoversSessions,
        boolean notPrincipalAccountCoversPrincipals,
        boolean boolIgnoresCase,
        boolean typeMismatchSatisfiesNegated,
        boolean nullTreatsEmptyStringAsAbsent,
        MultivaluedPlainOperator multivaluedPlainOperator,
        Set<String> rcpServices,
        boolean rcpAppliesToServiceLinkedRoles,
        List<PolicyType> explicitDenyOrder,
        boolean policyArnInExplicitDeny,
        boolean roleSessionsCarryMfa,
        boolean servicePrincipalHasPrincipalArn,
        boolean derivePrincipalKeys) {

    /** A plain operator on a key with several request values (spec 2.4, undocumented by AWS). */
    public enum MultivaluedPlainOperator {
        /** Positive: some request value matches; negated: no request value matches any policy value. */
        ANY_VALUE,
        /** Positive: every request value matches; negated: no request value matches any policy value. */
        ALL_VALUES
    }

    public static final List<PolicyType> DEFAULT_DENY_ORDER = List.of(PolicyType.SERVICE_CONTROL_POLICY,
            PolicyType.RESOURCE_CONTROL_POLICY, PolicyType.RESOURCE_BASED, PolicyType.ROLE_TRUST,
            PolicyType.IDENTITY_BASED, PolicyType.PERMISSIONS_BOUNDARY, PolicyType.SESSION_POLICY);

    public EvaluationOptions {
        if (multivaluedPlainOperator == null || rcpServices == null || explicitDenyOrder == null) {
            throw new IllegalArgumentException("options must not hold nulls");
        }
        if (trustPolicySizeLimit < 0 || resourcePolicySizeLimit < 0) {
            throw new IllegalArgumentException("size limits must not be negative");
        }
        rcpServices = Set.copyOf(rcpServices);
        explicitDenyOrder = List.copyOf(explicitDenyOrder);
        if (!explicitDenyOrder.containsAll(DEFAULT_DENY_ORDER)) {
            throw new IllegalArgumentException("explicitDenyOrder must name every policy type");
        }
    }

    public static EvaluationOptions defaults() {
        return new EvaluationOptions(true, false, 2_048, 0, true, true, true, false, true, true, true, true, false,
                MultivaluedPlainOperator.ANY_VALUE, Set.of("s3", "sts", "kms", "sqs", "secretsmanager"), false,
                DEFAULT_DENY_ORDER, true, false, false, true);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few switches without spelling out the rest. */
    public static final class Builder {
        private boolean allowIdInIdentityPolicies;
        private boolean alphanumericSidInResourcePolicies;
        private int trustPolicySizeLimit;
        private int resourcePolicySizeLimit;
        private boolean rcpPrincipalMustBeStar;
        private boolean scpFullGrammar;
        private boolean validateScpActions;
        private boolean notPrincipalAllowApplies;
        private boolean notPrincipalRoleCoversSessions;
        private boolean notPrincipalAccountCoversPrincipals;
        private boolean boolIgnoresCase;
        private boolean typeMismatchSatisfiesNegated;
        private boolean nullTreatsEmptyStringAsAbsent;
        private MultivaluedPlainOperator multivaluedPlainOperator;
        private Set<String> rcpServices;
        private boolean rcpAppliesToServiceLinkedRoles;
        private List<PolicyType> explicitDenyOrder;
        private boolean policyArnInExplicitDeny;
        private boolean roleSessionsCarryMfa;
        private boolean servicePrincipalHasPrincipalArn;
        private boolean derivePrincipalKeys;

        private Builder(EvaluationOptions o) {
            allowIdInIdentityPolicies = o.allowIdInIdentityPolicies;
            alphanumericSidInResourcePolicies = o.alphanumericSidInResourcePolicies;
            trustPolicySizeLimit = o.trustPolicySizeLimit;
            resourcePolicySizeLimit = o.resourcePolicySizeLimit;
            rcpPrincipalMustBeStar = o.rcpPrincipalMustBeStar;
            scpFullGrammar = o.scpFullGrammar;
            validateScpActions = o.validateScpActions;
            notPrincipalAllowApplies = o.notPrincipalAllowApplies;
            notPrincipalRoleCoversSessions = o.notPrincipalRoleCoversSessions;
            notPrincipalAccountCoversPrincipals = o.notPrincipalAccountCoversPrincipals;
            boolIgnoresCase = o.boolIgnoresCase;
            typeMismatchSatisfiesNegated = o.typeMismatchSatisfiesNegated;
            nullTreatsEmptyStringAsAbsent = o.nullTreatsEmptyStringAsAbsent;
            multivaluedPlainOperator = o.multivaluedPlainOperator;
            rcpServices = o.rcpServices;
            rcpAppliesToServiceLinkedRoles = o.rcpAppliesToServiceLinkedRoles;
            explicitDenyOrder = o.explicitDenyOrder;
            policyArnInExplicitDeny = o.policyArnInExplicitDeny;
            roleSessionsCarryMfa = o.roleSessionsCarryMfa;
            servicePrincipalHasPrincipalArn = o.servicePrincipalHasPrincipalArn;
            derivePrincipalKeys = o.derivePrincipalKeys;
        }

        public Builder allowIdInIdentityPolicies(boolean v) { allowIdInIdentityPolicies = v; return this; }
        public Builder alphanumericSidInResourcePolicies(boolean v) { alphanumericSidInResourcePolicies = v; return this; }
        public Builder trustPolicySizeLimit(int v) { trustPolicySizeLimit = v; return this; }
        public Builder resourcePolicySizeLimit(int v) { resourcePolicySizeLimit = v; return this; }
        public Builder rcpPrincipalMustBeStar(boolean v) { rcpPrincipalMustBeStar = v; return this; }
        public Builder scpFullGrammar(boolean v) { scpFullGrammar = v; return this; }
        public Builder validateScpActions(boolean v) { validateScpActions = v; return this; }
        public Builder notPrincipalAllowApplies(boolean v) { notPrincipalAllowApplies = v; return this; }
        public Builder notPrincipalRoleCoversSessions(boolean v) { notPrincipalRoleCoversSessions = v; return this; }
        public Builder notPrincipalAccountCoversPrincipals(boolean v) { notPrincipalAccountCoversPrincipals = v; return this; }
        public Builder boolIgnoresCase(boolean v) { boolIgnoresCase = v; return this; }
        public Builder typeMismatchSatisfiesNegated(boolean v) { typeMismatchSatisfiesNegated = v; return this; }
        public Builder nullTreatsEmptyStringAsAbsent(boolean v) { nullTreatsEmptyStringAsAbsent = v; return this; }
        public Builder multivaluedPlainOperator(MultivaluedPlainOperator v) { multivaluedPlainOperator = v; return this; }
        public Builder rcpServices(Set<String> v) { rcpServices = v; return this; }
        public Builder rcpAppliesToServiceLinkedRoles(boolean v) { rcpAppliesToServiceLinkedRoles = v; return this; }
        public Builder explicitDenyOrder(List<PolicyType> v) { explicitDenyOrder = v; return this; }
        public Builder policyArnInExplicitDeny(boolean v) { policyArnInExplicitDeny = v; return this; }
        public Builder roleSessionsCarryMfa(boolean v) { roleSessionsCarryMfa = v; return this; }
        public Builder servicePrincipalHasPrincipalArn(boolean v) { servicePrincipalHasPrincipalArn = v; return this; }
        public Builder derivePrincipalKeys(boolean v) { derivePrincipalKeys = v; return this; }

        public EvaluationOptions build() {
            return new EvaluationOptions(allowIdInIdentityPolicies, alphanumericSidInResourcePolicies,
                    trustPolicySizeLimit, resourcePolicySizeLimit, rcpPrincipalMustBeStar, scpFullGrammar,
                    validateScpActions, notPrincipalAllowApplies, notPrincipalRoleCoversSessions,
                    notPrincipalAccountCoversPrincipals, boolIgnoresCase, typeMismatchSatisfiesNegated,
                    nullTreatsEmptyStringAsAbsent, multivaluedPlainOperator, rcpServices,
                    rcpAppliesToServiceLinkedRoles, explicitDenyOrder, policyArnInExplicitDeny, roleSessionsCarryMfa,
                    servicePrincipalHasPrincipalArn, derivePrincipalKeys);
        }
    }
}
