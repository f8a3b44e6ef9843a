package io.strongroom.server;

import io.strongroom.engine.cloudtrail.TrailPorts;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.organizations.Organization;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.storage.Tx;

import java.util.Optional;

/** Organizations as CloudTrail's organization trails see it. */
final class CloudTrailOrganizations implements TrailPorts.Organizations {
    private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
    private final Organizations organizations;

    CloudTrailOrganizations(Organizations organizations) {
        this.organizations = organizations;
    }

    @Override
    public Optional<TrailPorts.OrganizationFacts> of(Tx tx, String accountId) {
        return organizations.membership(tx, accountId, CLOUDTRAIL).map(m -> {
            Organization org = organizations.organizations().describeOrganization(tx,
                    Principal.root(m.managementAccountId(), null));
            return new TrailPorts.OrganizationFacts(org.id(), org.managementAccountId(),
                    Organization.ALL.equals(org.featureSet()), org.trustedServices().containsKey(CLOUDTRAIL));
        });
    }

    @Override
    public Optional<String> organizationId(Tx tx, String accountId) {
        return organizations.membership(tx, accountId, CLOUDTRAIL).map(Organizations.Membership::organizationId);
    }
}
