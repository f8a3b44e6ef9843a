package io.strongroom.engine.access;

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
    private final ParsedPolicies parsed = new ParsedPolicies();
    private final Organizations organizations;

    PolicyGathering(Organizations organizations) {
        this.organizations = organizations;
    }

    Optional<AccountPolicyView> organization(Tx tx, String accountId) {
        return organizations.accountPolicyView(tx, accountId);
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
    PolicySet withOrganizationPolicies(PolicySet set, Optional<AccountPolicyView> org) {
        if (org.isEmpty()) {
            return set;
        }
        AccountPolicyView view = org.get();
        if (view.scpEnabled()) {
            set = set.withServiceControlPolicies(levels(view, PolicyKind.SERVICE_CONTROL));
        }
        if (view.rcpEnabled()) {
            set = set.withResourceControlPolicies(levels(view, PolicyKind.RESOURCE_CONTROL));
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
