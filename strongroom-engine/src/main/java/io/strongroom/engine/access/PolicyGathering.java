package io.strongroom.engine.access;

import io.strongroom.engine.cache.Generation;
import io.strongroom.engine.cache.GenerationCache;
import io.strongroom.engine.iam.IamDirectory;
import io.strongroom.engine.iam.NamedPolicy;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.organizations.AccountPolicyView;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.iampolicy.AttachedPolicy;
import io.strongroom.iampolicy.OrganizationLevel;
import io.strongroom.iampolicy.PolicyDocument;
import io.strongroom.iampolicy.PolicyKind;
import io.strongroom.iampolicy.PolicySet;
import io.strongroom.iampolicy.RequestPrincipal;
import io.strongroom.iampolicy.RequestResource;
import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the policies that bear on a principal are put together for the policy engine: stored documents parsed (and
 * remembered), the SCP and RCP levels of the account's organization path, the principal and the resource as the
 * engine sees them. The Authorizer and the policy simulator both build on it, so a simulation sees what a real call
 * would.
 */
final class PolicyGathering {
    /** A principal's own IAM policies, parsed. */
    record IdentityPolicies(List<AttachedPolicy> identity, AttachedPolicy boundary) {
    }

    /** An account's place in its organization and the parsed SCP/RCP levels of its path (null when disabled). */
    record OrganizationPolicies(AccountPolicyView view, List<OrganizationLevel> scps, List<OrganizationLevel> rcps) {
    }

    private final ParsedPolicies parsed = new ParsedPolicies();
    /** What a principal's own IAM policies are, while IAM does not change. */
    private final GenerationCache<String, IdentityPolicies> identityCache = new GenerationCache<>(Generation.IAM);
    /** An account's organization view and parsed SCP/RCP levels, while Organizations does not change. */
    private final GenerationCache<String, Optional<OrganizationPolicies>> organizationCache =
            new GenerationCache<>(Generation.ORGANIZATIONS);
    private final IamDirectory iam;
    private final Organizations organizations;

    PolicyGathering(IamDirectory iam, Organizations organizations) {
        this.iam = iam;
        this.organizations = organizations;
    }

    Optional<OrganizationPolicies> organization(Tx tx, String accountId) {
        return organizationCache.get(tx, accountId, () -> organizations.accountPolicyView(tx, accountId)
                .map(view -> new OrganizationPolicies(view,
                        view.scpEnabled() ? levels(view, PolicyKind.SERVICE_CONTROL) : null,
                        view.rcpEnabled() ? levels(view, PolicyKind.RESOURCE_CONTROL) : null)));
    }

    /** The identity policies and boundary IAM holds for a calling principal (none for root). */
    IdentityPolicies identityPolicies(Tx tx, Principal principal) {
        if (principal.isRoot()) {
            return new IdentityPolicies(List.of(), null);
        }
        return identityCache.get(tx, principal.type() + " " + principal.principalArn(), () -> new IdentityPolicies(
                List.copyOf(identityPolicies(iam.identityPolicies(tx, principal))),
                permissionsBoundary(iam.permissionsBoundary(tx, principal).orElse(null)).orElse(null)));
    }

    /** A stored document, parsed; empty (and logged) when it no longer parses. */
    Optional<PolicyDocument> parse(PolicyKind kind, String json) {
        return parsed.get(kind, json);
    }

    /** Stored identity policies, named by their name and ARN (the owner's ARN for an inline policy). */
    List<AttachedPolicy> identityPolicies(List<NamedPolicy> policies) {
        List<AttachedPolicy> identity = new ArrayList<>();
        for (NamedPolicy policy : policies) {
            parsed.get(PolicyKind.IDENTITY, policy.document())
                    .ifPresent(doc -> identity.add(AttachedPolicy.of(null, policy.name(), policy.arn(), doc)));
        }
        return identity;
    }

    Optional<AttachedPolicy> permissionsBoundary(NamedPolicy boundary) {
        return boundary == null ? Optional.empty() : parsed.get(PolicyKind.PERMISSIONS_BOUNDARY, boundary.document())
                .map(doc -> AttachedPolicy.of(null, boundary.name(), boundary.arn(), doc));
    }

    /** Adds the SCP and RCP levels of the account's path, when the organization has those policy types enabled. */
    static PolicySet withOrganizationPolicies(PolicySet set, Optional<OrganizationPolicies> org) {
        if (org.isPresent() && org.get().scps() != null) {
            set = set.withServiceControlPolicies(org.get().scps());
        }
        if (org.isPresent() && org.get().rcps() != null) {
            set = set.withResourceControlPolicies(org.get().rcps());
        }
        return set;
    }

    /** aws:PrincipalOrgPaths: the account's path without the account itself (o-x/r-x/ou-.../). */
    static String orgPath(AccountPolicyView view) {
        String path = view.path();
        int end = path.lastIndexOf('/', path.length() - 2);
        return path.substring(0, end + 1);
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

    static RequestPrincipal requestPrincipal(Principal p, Optional<AccountPolicyView> org) {
        RequestPrincipal caller = switch (p.type()) {
            case ROOT -> RequestPrincipal.root(p.accountId());
            case IAM_USER -> RequestPrincipal.user(p.arn(), p.principalId());
            case ASSUMED_ROLE -> RequestPrincipal.roleSession(p.roleSession().roleArn(), p.userName(),
                    p.roleSession().roleId());
            case FEDERATED_USER -> RequestPrincipal.federatedUser(p.accountId(), p.userName(), p.sessionIssuer());
            case AWS_SERVICE -> RequestPrincipal.service(p.arn());
        };
        return inOrganization(caller.withTags(p.tags()), org);
    }

    static RequestPrincipal inOrganization(RequestPrincipal principal, Optional<AccountPolicyView> org) {
        return org.map(view -> principal.withOrganization(view.organizationId(),
                view.isManagementAccount(principal.accountId()))).orElse(principal);
    }

    /** The resource an ARN names, owned by the account in the ARN, else by {@code defaultOwner}. */
    static RequestResource resource(String arn, String defaultOwner) {
        if (arn == null || arn.equals("*")) {
            return RequestResource.owned("*", defaultOwner);
        }
        String[] parts = arn.split(":", 6);
        // AWS managed policies (account "aws") are in every account: the caller's identity policies decide.
        String owner = parts.length == 6 && !parts[4].isEmpty() && !parts[4].equals("aws") ? parts[4] : defaultOwner;
        return RequestResource.owned(arn, owner);
    }
}
