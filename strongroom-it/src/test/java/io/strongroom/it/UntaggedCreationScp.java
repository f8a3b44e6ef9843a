package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The seed's "deny untagged creation" guard: an organization whose root carries an SCP denying {@code actions}
 * when the request has no {@code Backup} tag, and a member account under it with a root key.
 */
final class UntaggedCreationScp {
    private UntaggedCreationScp() {
    }

    record Member(String accountId, AwsCredentials credentials) {
    }

    static Member member(TestServer server, String accountName, String... actions) {
        try (OrganizationsClient org = server.endpoint().client(OrganizationsClient.builder())) {
            org.createOrganization(r -> { });
            String rootId = org.listRoots().roots().get(0).id();
            String request = org.createAccount(r -> r.accountName(accountName).email(accountName + "@example.com"))
                    .createAccountStatus().id();
            String member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request))
                    .createAccountStatus().accountId();
            String actionList = Arrays.stream(actions).map(a -> "\"" + a + "\"").collect(Collectors.joining(","));
            String policy = org.createPolicy(r -> r.name("require-backup-tag").description("")
                    .type(PolicyType.SERVICE_CONTROL_POLICY).content("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                            + "\"Effect\":\"Deny\",\"Action\":[" + actionList + "],\"Resource\":\"*\","
                            + "\"Condition\":{\"Null\":{\"aws:RequestTag/Backup\":\"true\"}}}]}"))
                    .policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(policy).targetId(rootId));
            String[] key = server.endpoint().admin().rootAccessKey(member);
            return new Member(member, AwsBasicCredentials.create(key[1], key[2]));
        }
    }
}
