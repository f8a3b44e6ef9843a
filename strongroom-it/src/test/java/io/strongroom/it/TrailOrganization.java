package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/** A server with an organization of a management account and one member, as the trail suites start from. */
record TrailOrganization(TestServer server, String management, String organizationId, String member,
                         AwsBasicCredentials memberRoot) {
    static TrailOrganization start() {
        TestServer server = TestServer.start();
        Endpoint endpoint = server.endpoint();
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            var created = org.createOrganization(r -> { }).organization();
            String request = org.createAccount(r -> r.accountName("workload").email("workload@example.com"))
                    .createAccountStatus().id();
            String member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request))
                    .createAccountStatus().accountId();
            String[] keys = endpoint.admin().rootAccessKey(member);
            return new TrailOrganization(server, created.masterAccountId(), created.id(), member,
                    AwsBasicCredentials.create(keys[1], keys[2]));
        }
    }
}
