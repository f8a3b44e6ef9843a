package io.strongroom.engine.organizations;

import io.strongroom.engine.cache.Generation;
import io.strongroom.engine.cache.GenerationCache;
import io.strongroom.engine.iam.IamRoles;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.time.TimerHandler;
import io.strongroom.orgpolicy.EffectivePolicy;
import io.strongroom.orgpolicy.EffectivePolicyEngine;
import io.strongroom.orgpolicy.EffectivePolicyOptions;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Organizations context: builds its parts and exposes the services and the read-only views. */
public final class Organizations {
    private final OrganizationStore store = new OrganizationStore();
    private final OrgTree tree = new OrgTree(store);
    private final Attachments attachments = new Attachments(store, tree);
    private final OrgCallers callers = new OrgCallers(store);
    private final EffectivePolicies effective;
    private final OrganizationsService organizations;
    private final AccountsService accounts;
    private final PoliciesService policies;
    private final ServiceAccessService serviceAccess;
    private final GenerationCache<String, Optional<Membership>> memberships =
            new GenerationCache<>(Generation.ORGANIZATIONS);

    public Organizations(IdGenerator idGenerator, Clock clock, IdentityService identity, IamRoles roles,
                         Duration accountCreationDelay) {
        OrgIds ids = new OrgIds(idGenerator);
        this.effective = new EffectivePolicies(store, tree, attachments,
                new EffectivePolicyEngine(EffectivePolicyOptions.defaults()), clock);
        this.organizations = new OrganizationsService(store, callers, tree, ids, attachments, effective, identity, clock);
        this.accounts = new AccountsService(store, callers, tree, ids, attachments, effective, identity, roles, clock,
                accountCreationDelay);
        this.policies = new PoliciesService(store, callers, tree, ids, attachments, effective);
        this.serviceAccess = new ServiceAccessService(store, callers, clock);
    }

    public OrganizationsService organizations() {
        return organizations;
    }

    public AccountsService accounts() {
        return accounts;
    }

    public PoliciesService policies() {
        return policies;
    }

    public ServiceAccessService serviceAccess() {
        return serviceAccess;
    }

    public EffectivePolicies effectivePolicies() {
        return effective;
    }

    /** The deferred work of this context, for the clock service. */
    public List<TimerHandler> timerHandlers() {
        return List.of(new TimerHandler() {
            @Override
            public String type() {
                return AccountsService.CREATE_ACCOUNT_TIMER;
            }

            @Override
            public void run(Tx tx, Timer timer) {
                accounts.completeAccountCreation(tx, timer.payload());
            }
        });
    }

    /** An account's organization, its management account and the delegated administrators for one service. */
    public record Membership(String organizationId, String managementAccountId, java.util.Set<String> administrators) {
        public Membership {
            administrators = java.util.Set.copyOf(administrators);
        }
    }

    /**
     * The account's {@link Membership} for a service principal; empty outside any organization. Every job asks it
     * (who may see the job, whether a copy stays inside the organization), so it is kept per organizations generation.
     */
    public Optional<Membership> membership(Tx tx, String accountId, String servicePrincipal) {
        return memberships.get(tx, accountId + " " + servicePrincipal, () -> store.organizationOf(tx, accountId)
                .flatMap(id -> store.organization(tx, id))
                .map(org -> new Membership(org.id(), org.managementAccountId(),
                        delegatedAdministrators(tx, accountId, servicePrincipal))));
    }

    /** The account's organization path and SCP/RCP documents per level; empty outside any organization. */
    public Optional<AccountPolicyView> accountPolicyView(Tx tx, String accountId) {
        Optional<Organization> found = store.organizationOf(tx, accountId).flatMap(id -> store.organization(tx, id));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Organization org = found.get();
        List<AccountPolicyView.Level> levels = new ArrayList<>();
        for (String target : tree.path(tx, org, accountId)) {
            levels.add(new AccountPolicyView.Level(target, contents(tx, org, target, PolicyTypes.SCP),
                    contents(tx, org, target, PolicyTypes.RCP)));
        }
        return Optional.of(new AccountPolicyView(org.id(), org.managementAccountId(), tree.pathString(tx, org, accountId),
                org.policyTypeEnabled(PolicyTypes.SCP), org.policyTypeEnabled(PolicyTypes.RCP), levels));
    }

    /** Why an account's effective policy of a type is what it is: the merge recomputed with its explanation. */
    public Optional<EffectivePolicy> explainEffectivePolicy(Tx tx, String accountId, String type) {
        return store.organizationOf(tx, accountId).flatMap(id -> store.organization(tx, id))
                .filter(org -> PolicyTypes.management(type))
                .map(org -> effective.explain(tx, org, type, accountId));
    }

    private List<AccountPolicyView.PolicyText> contents(Tx tx, Organization org, String target, String type) {
        List<AccountPolicyView.PolicyText> out = new ArrayList<>();
        for (Attachment a : attachments.of(tx, org, target, type)) {
            policies.policy(tx, org, a.policyId()).ifPresent(p -> out.add(
                    new AccountPolicyView.PolicyText(p.id(), p.name(), PolicyTypes.arn(p, org), p.content())));
        }
        return out;
    }

    /** Every account of an account's organization (itself included), in id order; empty outside any. */
    public List<String> organizationAccounts(Tx tx, String accountId) {
        return store.organizationOf(tx, accountId).map(id -> store.allAccounts(tx, id).stream()
                .map(MemberAccount::id).sorted().toList()).orElse(List.of());
    }

    /** An account of an organization and the names of the OUs above it, outermost first (the root left out). */
    public record AccountPlace(String accountId, String name, List<String> organizationalUnits) {
    }

    /** Where every account of an account's organization sits in its tree, in id order; empty outside any. */
    public List<AccountPlace> accountPlaces(Tx tx, String accountId) {
        Optional<Organization> found = store.organizationOf(tx, accountId).flatMap(id -> store.organization(tx, id));
        if (found.isEmpty()) {
            return List.of();
        }
        Organization org = found.get();
        List<AccountPlace> out = new ArrayList<>();
        for (MemberAccount account : store.allAccounts(tx, org.id())) {
            List<String> ous = new ArrayList<>();
            for (String target : tree.path(tx, org, account.id())) {
                if (target.startsWith("ou-")) {
                    ous.add(store.ou(tx, org.id(), target).map(OrganizationalUnit::name).orElse(target));
                }
            }
            out.add(new AccountPlace(account.id(), account.name(), ous));
        }
        out.sort(java.util.Comparator.comparing(AccountPlace::accountId));
        return out;
    }

    /** The accounts of an account's organization registered as delegated administrators for a service principal. */
    public java.util.Set<String> delegatedAdministrators(Tx tx, String accountId, String servicePrincipal) {
        return store.organizationOf(tx, accountId).map(id -> store.delegatedAdministrators(tx, id).stream()
                .filter(d -> d.servicePrincipal().equals(servicePrincipal)).map(d -> d.accountId())
                .collect(java.util.stream.Collectors.toUnmodifiableSet())).orElse(java.util.Set.of());
    }

    /** Is the account a delegated administrator of its organization for a service principal? */
    public boolean isDelegatedAdministrator(Tx tx, String accountId, String servicePrincipal) {
        return store.organizationOf(tx, accountId).map(id -> store.delegatedAdministrators(tx, id).stream()
                .anyMatch(d -> d.accountId().equals(accountId) && d.servicePrincipal().equals(servicePrincipal)))
                .orElse(false);
    }
}
