package io.strongroom.engine.access;

import io.strongroom.engine.cache.Generation;
import io.strongroom.engine.cache.GenerationCache;
import io.strongroom.engine.iam.IamDirectory;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.iam.NamedPolicy;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.organizations.AccountPolicyView;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.iampolicy.AttachedPolicy;
import io.strongroom.iampolicy.AuthorizationContext;
import io.strongroom.iampolicy.Evaluator;
import io.strongroom.iampolicy.OrganizationLevel;
import io.strongroom.iampolicy.PolicyKind;
import io.strongroom.iampolicy.PolicySet;
import io.strongroom.iampolicy.RequestPrincipal;
import io.strongroom.iampolicy.RequestResource;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one place that decides whether a call is allowed. Every API call (before dispatch) and every
 * action the engine takes as a principal asks it. It gathers what applies to the caller (the SCPs and
 * RCPs of each level of its organization path, its identity policies, boundary and session policies,
 * the resource's policy) and lets the IAM policy engine decide in AWS's order.
 */
public final class Authorizer {
    private final Evaluator evaluator = new Evaluator();
    private final ParsedPolicies parsed = new ParsedPolicies();
    /** What a principal's own IAM policies are, while IAM does not change. */
    private final GenerationCache<String, IdentityPolicies> identityCache = new GenerationCache<>(Generation.IAM);
    /** An account's organization view and parsed SCP/RCP levels, while Organizations does not change. */
    private final GenerationCache<String, Optional<OrganizationPolicies>> organizationCache =
            new GenerationCache<>(Generation.ORGANIZATIONS);

    private record IdentityPolicies(List<AttachedPolicy> identity, AttachedPolicy boundary) {
    }

    private record OrganizationPolicies(AccountPolicyView view, List<OrganizationLevel> scps,
                                        List<OrganizationLevel> rcps) {
    }
    private final IamDirectory iam;
    private final Organizations organizations;
    private final Clock clock;

    public Authorizer(IamDirectory iam, Organizations organizations, Clock clock) {
        this.iam = iam;
        this.organizations = organizations;
        this.clock = clock;
    }

    public Decision authorize(Tx tx, AuthorizationRequest request) {
        Principal principal = request.principal();
        if (request.actions().isEmpty()) {
            // An operation that declares no action cannot be authorized: unknown means deny.
            return Decision.deny("(undeclared)", "*", "User: " + principal.arn()
                    + " is not authorized to perform this operation", "the operation declares no IAM action");
        }
        Optional<OrganizationPolicies> org = organization(tx, principal.accountId());
        RequestPrincipal caller = requestPrincipal(principal, org.map(OrganizationPolicies::view));
        PolicySet policies = callerPolicies(tx, principal, org);
        Map<String, List<String>> context = context(principal, request.conditionKeys());
        org.ifPresent(o -> context.put("aws:PrincipalOrgPaths", List.of(orgPath(o.view()))));
        Decision last = null;
        for (String action : request.actions()) {
            for (String resource : request.resources()) {
                RequestResource target = resource(resource, principal.accountId());
                io.strongroom.iampolicy.Decision d = evaluator.evaluate(
                        new AuthorizationContext(caller, action, target, context, policies));
                if (!d.allowed()) {
                    return Decision.deny(action, resource, d.message(), d.explanation());
                }
                last = Decision.allow(d.explanation());
            }
        }
        return last;
    }

    /**
     * May {@code caller} assume {@code role}? The role's trust policy must allow it, and, across
     * accounts, the caller's own permissions too (spec 4.6).
     */
    public Decision authorizeAssumeRole(Tx tx, Principal caller, IamRole role, Map<String, List<String>> conditionKeys) {
        return authorizeRoleAction(tx, caller, role, conditionKeys, "sts:AssumeRole");
    }

    /**
     * The trust-policy decision for one of the actions an AssumeRole call needs: sts:AssumeRole, and
     * sts:TagSession when it passes session tags, sts:SetSourceIdentity when it sets a source identity.
     */
    public Decision authorizeRoleAction(Tx tx, Principal caller, IamRole role, Map<String, List<String>> conditionKeys,
                                        String action) {
        Optional<OrganizationPolicies> org = organization(tx, caller.accountId());
        Optional<AccountPolicyView> roleOrg = organization(tx, role.accountId()).map(OrganizationPolicies::view);
        PolicySet policies = callerPolicies(tx, caller, org);
        Optional<io.strongroom.iampolicy.PolicyDocument> trust = parsed.get(PolicyKind.TRUST, role.trustPolicy());
        if (trust.isEmpty()) {
            return Decision.deny(action, role.arn(), "User: " + caller.arn() + " is not authorized to perform: "
                    + action + " on resource: " + role.arn(), "the role's trust policy does not parse");
        }
        policies = policies.withResourcePolicy(AttachedPolicy.of(null, "trust policy of " + role.name(), role.arn(),
                trust.get()));
        RequestResource resource = RequestResource.owned(role.arn(), role.accountId());
        if (roleOrg.isPresent()) {
            resource = resource.withOrganization(roleOrg.get().organizationId(),
                    roleOrg.get().isManagementAccount(role.accountId()));
        }
        Map<String, List<String>> context = context(caller, conditionKeys);
        org.ifPresent(o -> context.put("aws:PrincipalOrgPaths", List.of(orgPath(o.view()))));
        io.strongroom.iampolicy.Decision d = evaluator.evaluate(new AuthorizationContext(
                requestPrincipal(caller, org.map(OrganizationPolicies::view)), action, resource, context, policies));
        return d.allowed() ? Decision.allow(d.explanation())
                : Decision.deny(action, role.arn(), d.message(), d.explanation());
    }

    private static RequestPrincipal requestPrincipal(Principal p, Optional<AccountPolicyView> org) {
        RequestPrincipal caller = switch (p.type()) {
            case ROOT -> RequestPrincipal.root(p.accountId());
            case IAM_USER -> RequestPrincipal.user(p.arn(), p.principalId());
            case ASSUMED_ROLE -> RequestPrincipal.roleSession(p.roleSession().roleArn(), p.userName(),
                    p.roleSession().roleId());
            case FEDERATED_USER -> RequestPrincipal.federatedUser(p.accountId(), p.userName(), p.sessionIssuer());
            case AWS_SERVICE -> RequestPrincipal.service(p.arn());
        };
        caller = caller.withTags(p.tags());
        if (org.isPresent()) {
            caller = caller.withOrganization(org.get().organizationId(), org.get().isManagementAccount(p.accountId()));
        }
        return caller;
    }

    private Optional<OrganizationPolicies> organization(Tx tx, String accountId) {
        return organizationCache.get(tx, accountId, () -> organizations.accountPolicyView(tx, accountId)
                .map(view -> new OrganizationPolicies(view,
                        view.scpEnabled() ? levels(view, PolicyKind.SERVICE_CONTROL) : null,
                        view.rcpEnabled() ? levels(view, PolicyKind.RESOURCE_CONTROL) : null)));
    }

    private IdentityPolicies identityPolicies(Tx tx, Principal principal) {
        if (principal.isRoot()) {
            return new IdentityPolicies(List.of(), null);
        }
        return identityCache.get(tx, principal.type() + " " + principal.principalArn(), () -> {
            List<AttachedPolicy> identity = new ArrayList<>();
            for (NamedPolicy policy : iam.identityPolicies(tx, principal)) {
                parsed.get(PolicyKind.IDENTITY, policy.document())
                        .ifPresent(doc -> identity.add(AttachedPolicy.of(null, policy.name(), policy.arn(), doc)));
            }
            AttachedPolicy boundary = iam.permissionsBoundary(tx, principal)
                    .flatMap(b -> parsed.get(PolicyKind.PERMISSIONS_BOUNDARY, b.document())
                            .map(doc -> AttachedPolicy.of(null, b.name(), b.arn(), doc)))
                    .orElse(null);
            return new IdentityPolicies(List.copyOf(identity), boundary);
        });
    }

    private PolicySet callerPolicies(Tx tx, Principal principal, Optional<OrganizationPolicies> org) {
        IdentityPolicies own = identityPolicies(tx, principal);
        PolicySet set = PolicySet.identity(own.identity());
        if (own.boundary() != null) {
            set = set.withPermissionsBoundary(own.boundary());
        }
        if (principal.roleSession() != null && !principal.roleSession().sessionPolicies().isEmpty()) {
            List<AttachedPolicy> session = new ArrayList<>();
            for (String json : principal.roleSession().sessionPolicies()) {
                parsed.get(PolicyKind.SESSION, json).ifPresent(doc -> session.add(AttachedPolicy.named("session policy", doc)));
            }
            set = set.withSessionPolicies(session);
        }
        if (org.isPresent()) {
            if (org.get().scps() != null) {
                set = set.withServiceControlPolicies(org.get().scps());
            }
            if (org.get().rcps() != null) {
                set = set.withResourceControlPolicies(org.get().rcps());
            }
        }
        return set;
    }

    private List<OrganizationLevel> levels(AccountPolicyView view, PolicyKind kind) {
        List<OrganizationLevel> levels = new ArrayList<>();
        for (AccountPolicyView.Level level : view.levels()) {
            List<AttachedPolicy> attached = new ArrayList<>();
            List<AccountPolicyView.PolicyText> texts = kind == PolicyKind.SERVICE_CONTROL
                    ? level.serviceControlPolicies() : level.resourceControlPolicies();
            for (AccountPolicyView.PolicyText text : texts) {
                parsed.get(kind, text.content())
                        .ifPresent(doc -> attached.add(AttachedPolicy.of(text.id(), text.name(), text.arn(), doc)));
            }
            levels.add(new OrganizationLevel(level.targetId(), attached));
        }
        return levels;
    }

    /** The request context every call carries, plus what the operation supplied. */
    private Map<String, List<String>> context(Principal principal, Map<String, List<String>> supplied) {
        Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Instant now = Instant.now(clock);
        keys.put("aws:CurrentTime", List.of(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS))));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:SecureTransport", List.of("false"));
        if (principal.sessionCreated() != null && principal.roleSession() == null) {
            // GetSessionToken credentials carry the MFA of their issue; role sessions never do (spec 6.6).
            keys.put("aws:MultiFactorAuthPresent", List.of(Boolean.toString(principal.mfaAuthenticated())));
            if (principal.mfaAuthenticated()) {
                keys.put("aws:MultiFactorAuthAge",
                        List.of(Long.toString(java.time.Duration.between(principal.sessionCreated(), now).toSeconds())));
            }
        }
        keys.putAll(supplied);
        return keys;
    }

    /** aws:PrincipalOrgPaths: the account's path without the account itself (o-x/r-x/ou-.../). */
    private static String orgPath(AccountPolicyView view) {
        String path = view.path();
        int end = path.lastIndexOf('/', path.length() - 2);
        return path.substring(0, end + 1);
    }

    private static RequestResource resource(String arn, String callerAccount) {
        if (arn == null || arn.equals("*")) {
            return RequestResource.owned("*", callerAccount);
        }
        String[] parts = arn.split(":", 6);
        // AWS managed policies (account "aws") are in every account: the caller's identity policies decide.
        String owner = parts.length == 6 && !parts[4].isEmpty() && !parts[4].equals("aws") ? parts[4] : callerAccount;
        return RequestResource.owned(arn, owner);
    }
}
