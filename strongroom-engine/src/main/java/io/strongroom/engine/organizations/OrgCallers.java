package io.strongroom.engine.organizations;

import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

/**
 * Who may call what (spec 5.0): accounts outside any organization get AWSOrganizationsNotInUse;
 * management-only operations refuse every member; read operations also admit delegated administrators.
 */
final class OrgCallers {
    private final OrganizationStore store;

    OrgCallers(OrganizationStore store) {
        this.store = store;
    }

    Organization organization(Tx tx, Principal caller) {
        return store.organizationOf(tx, caller.accountId())
                .flatMap(orgId -> store.organization(tx, orgId))
                .orElseThrow(OrganizationsErrors::notInUse);
    }

    Organization asManagement(Tx tx, Principal caller) {
        Organization org = organization(tx, caller);
        if (!org.managementAccountId().equals(caller.accountId())) {
            throw OrganizationsErrors.accessDenied();
        }
        return org;
    }

    Organization asManagementOrDelegatedAdministrator(Tx tx, Principal caller) {
        Organization org = organization(tx, caller);
        if (!org.managementAccountId().equals(caller.accountId()) && !isDelegatedAdministrator(tx, org, caller.accountId())) {
            throw OrganizationsErrors.accessDenied();
        }
        return org;
    }

    boolean isDelegatedAdministrator(Tx tx, Organization org, String accountId) {
        return store.delegatedAdministrators(tx, org.id()).stream().anyMatch(d -> d.accountId().equals(accountId));
    }
}
