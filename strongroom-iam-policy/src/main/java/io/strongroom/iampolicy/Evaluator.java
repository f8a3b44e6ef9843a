package io.strongroom.iampolicy;

import io.strongroom.iampolicy.Decision.Outcome;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AWS's policy evaluation (spec 4.2-4.7): explicit denies anywhere, then RCPs and SCPs level by level, then the
 * resource policy, identity policies, permissions boundary and session policies, with the same-account,
 * cross-account and AssumeRole rules. Stateless and thread-safe.
 */
public final class Evaluator {
    private static final Set<PolicyType> ARN_SUFFIXED = Set.of(PolicyType.SERVICE_CONTROL_POLICY,
            PolicyType.RESOURCE_CONTROL_POLICY, PolicyType.IDENTITY_BASED, PolicyType.PERMISSIONS_BOUNDARY,
            PolicyType.SESSION_POLICY);

    /** A statement that applied, where it was found and how it named the caller. */
    private record Finding(PolicyType type, AttachedPolicy policy, Statement statement, String level,
                           PrincipalMatch match) {
        String describe() {
            return "statement " + statement.ref().label() + " of " + type.implicitPhrase() + " "
                    + policy.ref().label() + (level == null ? "" : " attached at " + level);
        }
    }

    private final EvaluationOptions options;
    private final StatementMatcher matcher;

    public Evaluator() {
        this(EvaluationOptions.defaults());
    }

    public Evaluator(EvaluationOptions options) {
        this.options = options;
        this.matcher = new StatementMatcher(options);
    }

    public EvaluationOptions options() {
        return options;
    }

    public Decision evaluate(AuthorizationContext ctx) {
        RequestPrincipal principal = ctx.principal();
        if (ctx.action().equalsIgnoreCase("sts:GetCallerIdentity") && principal.type() != PrincipalType.ANONYMOUS) {
            return new Decision(Outcome.ALLOW, null, null, null, null,
                    "sts:GetCallerIdentity is allowed for every authenticated caller, whatever the policies say",
                    null);
        }
        RequestView request = RequestView.of(ctx, options);
        PolicySet policies = ctx.policies();
        AttachedPolicy resourcePolicy = policies.resourcePolicy();
        boolean trust = resourcePolicy != null && resourcePolicy.document().kind() == PolicyKind.TRUST;
        PolicyType resourceType = trust ? PolicyType.ROLE_TRUST : PolicyType.RESOURCE_BASED;
        Denials denials = new Denials(ctx);
        if (trust && principal.type() == PrincipalType.ROOT) {
            return new Decision(Outcome.IMPLICIT_DENY, PolicyType.ROLE_TRUST, null, null, null,
                    "The root user can never assume a role", AccessDeniedMessage.ROOT_CANNOT_ASSUME_ROLE);
        }
        boolean scpApplies = scpApplies(ctx);
        boolean rcpApplies = rcpApplies(ctx);

        Map<PolicyType, Finding> denies = new EnumMap<>(PolicyType.class);
        if (scpApplies) {
            firstDeny(PolicyType.SERVICE_CONTROL_POLICY, policies.serviceControlPolicies(), request, denies);
        }
        if (rcpApplies) {
            firstDeny(PolicyType.RESOURCE_CONTROL_POLICY, policies.resourceControlPolicies(), request, denies);
        }
        if (resourcePolicy != null) {
            firstDeny(resourceType, List.of(resourcePolicy), null, request, denies);
        }
        firstDeny(PolicyType.IDENTITY_BASED, policies.identityPolicies(), null, request, denies);
        if (policies.permissionsBoundary() != null) {
            firstDeny(PolicyType.PERMISSIONS_BOUNDARY, List.of(policies.permissionsBoundary()), null, request, denies);
        }
        firstDeny(PolicyType.SESSION_POLICY, policies.sessionPolicies(), null, request, denies);
        for (PolicyType type : options.explicitDenyOrder()) {
            Finding deny = denies.get(type);
            if (deny != null) {
                return denials.explicit(deny, arnSuffix(ctx, deny));
            }
        }

        if (rcpApplies) {
            String level = levelWithoutAllow(policies.resourceControlPolicies(), request);
            if (level != null) {
                return denials.implicit(PolicyType.RESOURCE_CONTROL_POLICY, level,
                        "no resource control policy attached at " + level + " allows " + ctx.action());
            }
        }
        if (scpApplies) {
            String level = levelWithoutAllow(policies.serviceControlPolicies(), request);
            if (level != null) {
                return denials.implicit(PolicyType.SERVICE_CONTROL_POLICY, level,
                        "no service control policy attached at " + level + " allows " + ctx.action());
            }
        }
        return grants(ctx, request, resourceType, trust, denials);
    }

    /**
     * Evaluates like {@link #evaluate} and reports, as the IAM policy simulator does, which statements decided, what
     * the SCPs and the permissions boundary said on their own, and which condition keys the request lacked.
     */
    public Simulation simulate(AuthorizationContext ctx) {
        Decision decision = evaluate(ctx);
        RequestView request = RequestView.of(ctx, options);
        PolicySet policies = ctx.policies();
        List<StatementMatch> considered = new ArrayList<>();
        boolean scpApplies = scpApplies(ctx);
        if (scpApplies) {
            levels(PolicyType.SERVICE_CONTROL_POLICY, policies.serviceControlPolicies(), considered);
        }
        if (rcpApplies(ctx)) {
            levels(PolicyType.RESOURCE_CONTROL_POLICY, policies.resourceControlPolicies(), considered);
        }
        AttachedPolicy resourcePolicy = policies.resourcePolicy();
        if (resourcePolicy != null) {
            statements(resourcePolicy.document().kind() == PolicyKind.TRUST ? PolicyType.ROLE_TRUST
                    : PolicyType.RESOURCE_BASED, List.of(resourcePolicy), null, considered);
        }
        statements(PolicyType.IDENTITY_BASED, policies.identityPolicies(), null, considered);
        if (policies.permissionsBoundary() != null) {
            statements(PolicyType.PERMISSIONS_BOUNDARY, List.of(policies.permissionsBoundary()), null, considered);
        }
        statements(PolicyType.SESSION_POLICY, policies.sessionPolicies(), null, considered);

        List<StatementMatch> applying = considered.stream()
                .filter(m -> matcher.applies(m.statement(), m.policy().document().kind(), request)).toList();
        Statement.Effect decisive = decision.outcome() == Outcome.EXPLICIT_DENY ? Statement.Effect.DENY
                : Statement.Effect.ALLOW;
        Set<PolicyType> granting = Set.of(PolicyType.IDENTITY_BASED, PolicyType.RESOURCE_BASED, PolicyType.ROLE_TRUST,
                PolicyType.SESSION_POLICY);
        List<StatementMatch> matched = decision.outcome() == Outcome.IMPLICIT_DENY ? List.of()
                : applying.stream().filter(m -> m.statement().effect() == decisive)
                .filter(m -> decisive == Statement.Effect.DENY || granting.contains(m.type())).toList();

        Boolean organizations = null;
        if (policies.serviceControlPolicies() != null) {
            organizations = !scpApplies || applying.stream().noneMatch(m -> m.type() == PolicyType.SERVICE_CONTROL_POLICY
                    && m.statement().effect() == Statement.Effect.DENY)
                    && levelWithoutAllow(policies.serviceControlPolicies(), request) == null;
        }
        Boolean boundary = null;
        if (policies.permissionsBoundary() != null) {
            List<StatementMatch> bounds = applying.stream().filter(m -> m.type() == PolicyType.PERMISSIONS_BOUNDARY)
                    .toList();
            boundary = bounds.stream().anyMatch(m -> m.statement().effect() == Statement.Effect.ALLOW)
                    && bounds.stream().noneMatch(m -> m.statement().effect() == Statement.Effect.DENY);
        }

        Map<String, String> missing = new LinkedHashMap<>();
        for (StatementMatch m : considered) {
            if (matcher.concerns(m.statement(), request)) {
                for (String key : m.statement().contextKeys()) {
                    if (request.context().values(key).isEmpty()) {
                        missing.putIfAbsent(RequestContext.normalize(key), key);
                    }
                }
            }
        }
        return new Simulation(decision, matched, organizations, boundary, List.copyOf(missing.values()));
    }

    private static void levels(PolicyType type, List<OrganizationLevel> levels, List<StatementMatch> out) {
        for (OrganizationLevel level : levels) {
            statements(type, level.policies(), level.targetId(), out);
        }
    }

    private static void statements(PolicyType type, List<AttachedPolicy> policies, String level,
                                   List<StatementMatch> out) {
        for (AttachedPolicy policy : policies) {
            for (Statement statement : policy.document().statements()) {
                out.add(new StatementMatch(type, policy, statement, level));
            }
        }
    }

    private Decision grants(AuthorizationContext ctx, RequestView request, PolicyType resourceType, boolean trust,
                            Denials denials) {
        RequestPrincipal principal = ctx.principal();
        PolicySet policies = ctx.policies();
        boolean root = principal.type() == PrincipalType.ROOT;
        Finding identity = root ? null : firstAllow(PolicyType.IDENTITY_BASED, policies.identityPolicies(), request);
        boolean identityAllows = root || identity != null;
        AttachedPolicy boundaryPolicy = policies.permissionsBoundary();
        boolean boundaryAllows = boundaryPolicy == null
                || firstAllow(PolicyType.PERMISSIONS_BOUNDARY, List.of(boundaryPolicy), request) != null;
        boolean sessionAllows = policies.sessionPolicies().isEmpty()
                || firstAllow(PolicyType.SESSION_POLICY, policies.sessionPolicies(), request) != null;
        Finding resource = strongestAllow(resourceType, policies.resourcePolicy(), request);
        String action = ctx.action();

        if (!principal.type().accountPrincipal()) {
            // service principals, identity-provider callers and anonymous have only the resource policy
            return resource != null ? allow(resource, "which names the caller")
                    : denials.implicit(resourceType, null, noAllow(resourceType, action));
        }
        String owner = ctx.resource().accountId();
        if (owner != null && !owner.equals(principal.accountId())) {
            if (resource == null) {
                return denials.implicit(resourceType, null, noAllow(resourceType, action)
                        + "; a resource in another account needs its resource policy to name the caller");
            }
            Decision capped = capped(identityAllows, boundaryAllows, sessionAllows, action, denials);
            return capped != null ? capped : allow(resource,
                    "across accounts, together with the caller's own identity-based policies");
        }
        boolean mandatory = trust || ctx.resource().kmsKey();
        if (mandatory && resource == null) {
            return denials.implicit(resourceType, null, noAllow(resourceType, action)
                    + "; role trust policies and KMS key policies must allow even in the same account");
        }
        if (resource != null && resource.match().standsAlone()) {
            return allow(resource, "which names the caller itself, so no other policy needs to allow");
        }
        if (resource != null && resource.match() != PrincipalMatch.ACCOUNT) {
            Decision capped = capped(true, boundaryAllows, sessionAllows, action, denials);
            return capped != null ? capped
                    : allow(resource, "which names the caller's role (capped by boundary and session policies)");
        }
        Decision capped = capped(identityAllows, boundaryAllows, sessionAllows, action, denials);
        if (capped != null) {
            return capped;
        }
        if (root) {
            return new Decision(Outcome.ALLOW, null, null, null, null, "Allowed: the root user of account "
                    + principal.accountId() + " needs no identity-based policy in its own account", null);
        }
        return allow(identity, resource == null ? "" : "(the resource policy names only the account)");
    }

    private static Decision capped(boolean identity, boolean boundary, boolean session, String action,
                                   Denials denials) {
        if (!identity) {
            return denials.implicit(PolicyType.IDENTITY_BASED, null, noAllow(PolicyType.IDENTITY_BASED, action));
        }
        if (!boundary) {
            return denials.implicit(PolicyType.PERMISSIONS_BOUNDARY, null,
                    noAllow(PolicyType.PERMISSIONS_BOUNDARY, action));
        }
        if (!session) {
            return denials.implicit(PolicyType.SESSION_POLICY, null, noAllow(PolicyType.SESSION_POLICY, action));
        }
        return null;
    }

    private static String noAllow(PolicyType type, String action) {
        return "no " + type.implicitPhrase() + " allows " + action;
    }

    private static Decision allow(Finding finding, String why) {
        return new Decision(Outcome.ALLOW, finding.type(), finding.policy().ref(), finding.statement().ref(),
                finding.level(), ("Allowed by " + finding.describe() + " " + why).trim(), null);
    }

    private boolean scpApplies(AuthorizationContext ctx) {
        RequestPrincipal p = ctx.principal();
        return ctx.policies().serviceControlPolicies() != null && p.type().accountPrincipal()
                && !p.managementAccount() && !p.serviceLinkedRole();
    }

    private boolean rcpApplies(AuthorizationContext ctx) {
        String action = ctx.action();
        int colon = action.indexOf(':');
        String service = colon < 0 ? action : action.substring(0, colon).toLowerCase(Locale.ROOT);
        return ctx.policies().resourceControlPolicies() != null && !ctx.resource().managementAccount()
                && options.rcpServices().contains(service)
                && (!ctx.principal().serviceLinkedRole() || options.rcpAppliesToServiceLinkedRoles());
    }

    private String arnSuffix(AuthorizationContext ctx, Finding deny) {
        String arn = deny.policy().ref().arn();
        if (!options.policyArnInExplicitDeny() || arn == null || !ARN_SUFFIXED.contains(deny.type())) {
            return null;
        }
        RequestPrincipal p = ctx.principal();
        RequestResource r = ctx.resource();
        boolean sameAccount = r.accountId() == null || r.accountId().equals(p.accountId());
        boolean sameOrganization = p.organizationId() != null && p.organizationId().equals(r.organizationId());
        return sameAccount || sameOrganization ? arn : null;
    }

    private void firstDeny(PolicyType type, List<OrganizationLevel> levels, RequestView request,
                           Map<PolicyType, Finding> found) {
        for (OrganizationLevel level : levels) {
            firstDeny(type, level.policies(), level.targetId(), request, found);
        }
    }

    private void firstDeny(PolicyType type, List<AttachedPolicy> policies, String level, RequestView request,
                           Map<PolicyType, Finding> found) {
        if (found.containsKey(type)) {
            return;
        }
        for (AttachedPolicy policy : policies) {
            for (Statement statement : policy.document().statements()) {
                if (statement.effect() == Statement.Effect.DENY
                        && matcher.applies(statement, policy.document().kind(), request)) {
                    found.put(type, new Finding(type, policy, statement, level, PrincipalMatch.ANYONE));
                    return;
                }
            }
        }
    }

    private Finding firstAllow(PolicyType type, List<AttachedPolicy> policies, RequestView request) {
        for (AttachedPolicy policy : policies) {
            for (Statement statement : policy.document().statements()) {
                if (statement.effect() == Statement.Effect.ALLOW
                        && matcher.applies(statement, policy.document().kind(), request)) {
                    return new Finding(type, policy, statement, null, PrincipalMatch.ANYONE);
                }
            }
        }
        return null;
    }

    /** The first level of the path with no applicable Allow, or null when every level allows. */
    private String levelWithoutAllow(List<OrganizationLevel> levels, RequestView request) {
        for (OrganizationLevel level : levels) {
            if (firstAllow(PolicyType.SERVICE_CONTROL_POLICY, level.policies(), request) == null) {
                return level.targetId();
            }
        }
        return null;
    }

    /** Among applicable Allows, the one naming the caller most specifically (the first at that strength). */
    private Finding strongestAllow(PolicyType type, AttachedPolicy policy, RequestView request) {
        if (policy == null) {
            return null;
        }
        Finding best = null;
        for (Statement statement : policy.document().statements()) {
            if (statement.effect() != Statement.Effect.ALLOW) {
                continue;
            }
            PrincipalMatch match = matcher.match(statement, policy.document().kind(), request);
            if (match.matched() && (best == null || match.strength() > best.match().strength())) {
                best = new Finding(type, policy, statement, null, match);
            }
        }
        return best;
    }

    /** Builds denial decisions with AWS's sentences for this request. */
    private record Denials(AuthorizationContext ctx) {
        Decision explicit(Finding deny, String policyArn) {
            String message = AccessDeniedMessage.explicitDeny(ctx.principal().arn(), ctx.action(),
                    ctx.resource().arn(), deny.type(), policyArn);
            return new Decision(Outcome.EXPLICIT_DENY, deny.type(), deny.policy().ref(), deny.statement().ref(),
                    deny.level(), "Explicitly denied by " + deny.describe(), message);
        }

        Decision implicit(PolicyType type, String level, String why) {
            String message = AccessDeniedMessage.implicitDeny(ctx.principal().arn(), ctx.action(),
                    ctx.resource().arn(), type);
            return new Decision(Outcome.IMPLICIT_DENY, type, null, null, level, "Implicitly denied: " + why,
                    message);
        }
    }
}
