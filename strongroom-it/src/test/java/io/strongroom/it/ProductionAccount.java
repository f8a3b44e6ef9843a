package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/**
 * A member account in a {@code Production} OU whose OU carries one service control policy, as the seed's
 * organization has it: for the ITs that check what an SCP lets a member create.
 *
 * @param policyId the SCP, so that a test can change its content
 */
record ProductionAccount(String accountId, AwsBasicCredentials credentials, String policyId) {
    /** Creates the organization (on a server of the test's own), the account and the SCP named {@code scpName}. */
    static ProductionAccount under(TestServer server, String scpName, String scpContent) {
        try (OrganizationsClient org = server.endpoint().client(OrganizationsClient.builder())) {
            org.createOrganization(r -> { });
            String rootId = org.listRoots().roots().get(0).id();
            String production = org.createOrganizationalUnit(r -> r.parentId(rootId).name("Production"))
                    .organizationalUnit().id();
            String request = org.createAccount(r -> r.accountName("payments").email("payments@example.com"))
                    .createAccountStatus().id();
            String member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request))
                    .createAccountStatus().accountId();
            org.moveAccount(r -> r.accountId(member).sourceParentId(rootId).destinationParentId(production));
            String policy = org.createPolicy(r -> r.name(scpName).description("")
                    .type(PolicyType.SERVICE_CONTROL_POLICY).content(scpContent)).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(policy).targetId(production));
            String[] key = server.endpoint().admin().rootAccessKey(member);
            return new ProductionAccount(member, AwsBasicCredentials.create(key[1], key[2]), policy);
        }
    }

    /** An SCP of one statement denying {@code action} on {@code resources} when the request has no Backup tag. */
    static String denyUntagged(String action, String resources) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyUntaggedProductionResources\","
                + "\"Effect\":\"Deny\",\"Action\":\"" + action + "\",\"Resource\":" + resources + ","
                + "\"Condition\":{\"Null\":{\"aws:RequestTag/Backup\":\"true\"}}}]}";
    }
}
