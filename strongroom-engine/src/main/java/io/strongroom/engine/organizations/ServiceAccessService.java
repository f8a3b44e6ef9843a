package io.strongroom.engine.organizations;

import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trusted access for AWS services and delegated administrators. */
public final class ServiceAccessService {
    /** Service principals accepted for trusted access and delegation; kept as data so it can grow. */
    static final Set<String> SERVICE_PRINCIPALS = Set.of("backup.amazonaws.com", "cloudtrail.amazonaws.com",
            "config.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com", "sso.amazonaws.com",
            "securityhub.amazonaws.com", "guardduty.amazonaws.com", "ram.amazonaws.com",
            "tagpolicies.tag.amazonaws.com", "account.amazonaws.com", "iam.amazonaws.com",
            "stacksets.cloudformation.amazonaws.com", "auditmanager.amazonaws.com", "access-analyzer.amazonaws.com");

    /** A delegated administrator and the service it administers. */
    public record Delegation(MemberAccount account, String servicePrincipal, Instant since) {
    }

    private final OrganizationStore store;
    private final OrgCallers callers;
    private final Clock clock;

    ServiceAccessService(OrganizationStore store, OrgCallers callers, Clock clock) {
        this.store = store;
        this.callers = callers;
        this.clock = clock;
    }

    private static void principal(String servicePrincipal) {
        if (servicePrincipal == null || !SERVICE_PRINCIPALS.contains(servicePrincipal)) {
            throw OrganizationsErrors.invalidInput("UNRECOGNIZED_SERVICE_PRINCIPAL",
                    "You specified an unrecognized service principal.");
        }
    }

    public void enableAwsServiceAccess(Tx tx, Principal caller, String servicePrincipal) {
        principal(servicePrincipal);
        Organization org = callers.asManagement(tx, caller);
        if (!org.trustedServices().containsKey(servicePrincipal)) {
            store.putOrganization(tx, org.withTrustedService(servicePrincipal, Instant.now(clock)));
        }
    }

    public void disableAwsServiceAccess(Tx tx, Principal caller, String servicePrincipal) {
        principal(servicePrincipal);
        Organization org = callers.asManagement(tx, caller);
        store.putOrganization(tx, org.withTrustedService(servicePrincipal, null));
    }

    public Map<String, Instant> listAwsServiceAccess(Tx tx, Principal caller) {
        return callers.asManagementOrDelegatedAdministrator(tx, caller).trustedServices();
    }

    public void registerDelegatedAdministrator(Tx tx, Principal caller, String accountId, String servicePrincipal) {
        OrgInput.accountId(accountId);
        principal(servicePrincipal);
        Organization org = callers.asManagement(tx, caller);
        if (store.account(tx, org.id(), accountId).isEmpty()) {
            throw OrganizationsErrors.accountNotFound();
        }
        if (org.managementAccountId().equals(accountId)) {
            throw OrganizationsErrors.constraint("CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
                    "You can't register the management account as a delegated administrator.");
        }
        if (!org.trustedServices().containsKey(servicePrincipal)) {
            throw OrganizationsErrors.constraint("SERVICE_ACCESS_NOT_ENABLED",
                    "You must enable trusted access for the service before registering a delegated administrator.");
        }
        if (store.delegatedAdministrator(tx, org.id(), accountId, servicePrincipal).isPresent()) {
            throw OrganizationsErrors.accountAlreadyRegistered();
        }
        store.putDelegatedAdministrator(tx, org.id(),
                new OrganizationStore.DelegatedAdministrator(accountId, servicePrincipal, Instant.now(clock)));
    }

    public void deregisterDelegatedAdministrator(Tx tx, Principal caller, String accountId, String servicePrincipal) {
        OrgInput.accountId(accountId);
        principal(servicePrincipal);
        Organization org = callers.asManagement(tx, caller);
        if (store.account(tx, org.id(), accountId).isEmpty()) {
            throw OrganizationsErrors.accountNotFound();
        }
        if (store.delegatedAdministrator(tx, org.id(), accountId, servicePrincipal).isEmpty()) {
            throw OrganizationsErrors.accountNotRegistered();
        }
        store.deleteDelegatedAdministrator(tx, org.id(), accountId, servicePrincipal);
    }

    public List<Delegation> listDelegatedAdministrators(Tx tx, Principal caller, String servicePrincipal) {
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        return store.delegatedAdministrators(tx, org.id()).stream()
                .filter(d -> servicePrincipal == null || d.servicePrincipal().equals(servicePrincipal))
                .map(d -> new Delegation(store.account(tx, org.id(), d.accountId()).orElseThrow(), d.servicePrincipal(),
                        d.since()))
                .toList();
    }

    public List<Delegation> listDelegatedServicesForAccount(Tx tx, Principal caller, String accountId) {
        OrgInput.accountId(accountId);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        MemberAccount account = store.account(tx, org.id(), accountId).orElseThrow(OrganizationsErrors::accountNotFound);
        List<Delegation> services = store.delegatedAdministrators(tx, org.id()).stream()
                .filter(d -> d.accountId().equals(accountId))
                .map(d -> new Delegation(account, d.servicePrincipal(), d.since()))
                .toList();
        if (services.isEmpty()) {
            throw OrganizationsErrors.accountNotRegistered();
        }
        return services;
    }
}
