package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SCPs are evaluated on every call, per level of the organization path: a deny anywhere wins, an allow
 * is needed at every level, and the management account is never restricted.
 */
class ServiceControlPolicyIT {
    TestServer server;
    Endpoint endpoint;
    OrganizationsClient org;
    String rootId;
    String ou;
    String member;
    AwsBasicCredentials memberRoot;

    @BeforeEach
    void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
        org = endpoint.client(OrganizationsClient.builder());
        org.createOrganization(r -> { });
        rootId = org.listRoots().roots().get(0).id();
        ou = org.createOrganizationalUnit(r -> r.parentId(rootId).name("Production")).organizationalUnit().id();
        String request = org.createAccount(r -> r.accountName("payments").email("payments@example.com"))
                .createAccountStatus().id();
        member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus().accountId();
        org.moveAccount(r -> r.accountId(member).sourceParentId(rootId).destinationParentId(ou));
        String[] key = endpoint.admin().rootAccessKey(member);
        memberRoot = AwsBasicCredentials.create(key[1], key[2]);
    }

    @AfterEach
    void stop() {
        org.close();
        server.close();
    }

    private String scp(String name, String content) {
        return org.createPolicy(r -> r.name(name).description("").type(PolicyType.SERVICE_CONTROL_POLICY)
                .content(content)).policy().policySummary().id();
    }

    /** An SCP on the member's OU denying CloudTrail under {@code condition} (a Condition block's JSON). */
    private void denyTrailWhen(String name, String condition) {
        String id = scp(name, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":"
                + "\"cloudtrail:*\",\"Resource\":\"*\",\"Condition\":" + condition + "}]}");
        org.attachPolicy(r -> r.policyId(id).targetId(ou));
    }

    private CloudTrailException lookupAs(software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        try (CloudTrailClient trail = endpoint.client(CloudTrailClient.builder(), credentials)) {
            return catchThrowableOfType(CloudTrailException.class, () -> trail.lookupEvents(r -> r.maxResults(1)));
        }
    }

    @Test
    void anExplicitDenyAtTheRootStopsMembersButNotTheManagementAccount() {
        assertThat(lookupAs(memberRoot)).as("allowed while only FullAWSAccess applies").isNull();
        String deny = scp("deny-trail", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoTrail\","
                + "\"Effect\":\"Deny\",\"Action\":\"cloudtrail:LookupEvents\",\"Resource\":\"*\"}]}");
        org.attachPolicy(r -> r.policyId(deny).targetId(rootId));

        CloudTrailException denied = lookupAs(memberRoot);

        assertThat(denied).isNotNull();
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(denied.awsErrorDetails().errorMessage()).contains("arn:aws:iam::" + member + ":root",
                "cloudtrail:LookupEvents", "explicit deny in a service control policy");
        assertThat(lookupAs(endpoint.rootCredentials())).as("the management account is never restricted").isNull();
        try (StsClient sts = endpoint.client(StsClient.builder(), memberRoot)) {
            assertThat(sts.getCallerIdentity().account()).as("GetCallerIdentity cannot be denied").isEqualTo(member);
        }
    }

    @Test
    void theAwsCliSeesTheScpDenial() throws Exception {
        String deny = scp("deny-list-roots", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":\"organizations:Describe*\",\"Resource\":\"*\"}]}");
        org.attachPolicy(r -> r.policyId(deny).targetId(ou));
        java.nio.file.Path credentials = java.nio.file.Files.createTempFile("member", ".credentials");
        java.nio.file.Files.writeString(credentials, "[strongroom]\naws_access_key_id = " + memberRoot.accessKeyId()
                + "\naws_secret_access_key = " + memberRoot.secretAccessKey() + "\n");
        io.strongroom.testkit.AwsCli cli = new io.strongroom.testkit.AwsCli(endpoint);

        io.strongroom.testkit.AwsCli.Result member = cli.run(java.util.Map.of("AWS_SHARED_CREDENTIALS_FILE",
                credentials.toString()), "organizations", "describe-organization");
        io.strongroom.testkit.AwsCli.Result management = cli.run("organizations", "describe-organization");

        assertThat(member.exitCode()).isNotZero();
        assertThat(member.stderr()).contains("AccessDeniedException", "explicit deny in a service control policy");
        assertThat(management.exitCode()).as(management.stderr()).isZero();
    }

    @Test
    void everyLevelMustAllow() {
        String narrow = scp("only-sts", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:*\",\"Resource\":\"*\"}]}");
        org.attachPolicy(r -> r.policyId(narrow).targetId(ou));
        org.detachPolicy(r -> r.policyId("p-FullAWSAccess").targetId(ou));

        CloudTrailException denied = lookupAs(memberRoot);

        assertThat(denied).isNotNull();
        assertThat(denied.awsErrorDetails().errorMessage()).contains("because no service control policy allows");

        org.attachPolicy(r -> r.policyId("p-FullAWSAccess").targetId(ou));
        assertThat(lookupAs(memberRoot)).isNull();
    }

    /** The most common SCP of all: no calls outside the chosen Regions, global services exempt (D101). */
    @Test
    void aRegionRestrictionSeesTheRequestedRegion() {
        String euOnly = scp("eu-only", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyOutsideEU\","
                + "\"Effect\":\"Deny\",\"NotAction\":[\"iam:*\",\"organizations:*\",\"sts:*\"],\"Resource\":\"*\","
                + "\"Condition\":{\"StringNotEquals\":{\"aws:RequestedRegion\":[\"eu-west-1\",\"eu-central-1\"]}}}]}");
        org.attachPolicy(r -> r.policyId(euOnly).targetId(ou));

        try (CloudTrailClient ireland = endpoint.client(CloudTrailClient.builder(), memberRoot)) {
            assertThat(ireland.lookupEvents(r -> r.maxResults(1))).isNotNull();
        }
        try (CloudTrailClient virginia = CloudTrailClient.builder().endpointOverride(endpoint.uri())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(
                        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(memberRoot)).build()) {
            CloudTrailException denied = catchThrowableOfType(CloudTrailException.class,
                    () -> virginia.lookupEvents(r -> r.maxResults(1)));
            assertThat(denied).isNotNull();
            assertThat(denied.awsErrorDetails().errorMessage()).contains("explicit deny in a service control policy");
        }
        // IAM is global: its calls are in us-east-1 whatever Region the client signs for.
        String iamInVirginia = scp("iam-in-virginia", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":"
                + "{\"aws:RequestedRegion\":\"us-east-1\"}}}]}");
        org.attachPolicy(r -> r.policyId(iamInVirginia).targetId(ou));
        try (software.amazon.awssdk.services.iam.IamClient iam = endpoint.client(
                software.amazon.awssdk.services.iam.IamClient.builder(), memberRoot)) {
            assertThat(iam.listRoles().roles()).isNotEmpty();
        }
    }

    @Test
    void aSourceIpConditionSeesTheCallersAddress() {
        denyTrailWhen("local-only", "{\"NotIpAddress\":{\"aws:SourceIp\":[\"127.0.0.0/8\",\"::1/128\"]}}");
        assertThat(lookupAs(memberRoot)).as("the call comes from the loopback address").isNull();

        denyTrailWhen("remote-only", "{\"IpAddress\":{\"aws:SourceIp\":[\"127.0.0.0/8\",\"::1/128\"]}}");
        assertThat(lookupAs(memberRoot)).isNotNull();
    }

    @Test
    void directCallsAreNotViaAnAwsService() {
        denyTrailWhen("no-direct-trail", "{\"Bool\":{\"aws:ViaAWSService\":\"false\"}}");
        assertThat(lookupAs(memberRoot)).as("a call of the member's own is not made via a service").isNotNull();
    }

    /** A tag on the resource decides (D104): tables and vaults tagged Backup=daily-prod cannot be deleted. */
    @Test
    void resourceTagConditionsReadTheResourcesTags() {
        String keep = scp("keep-protected", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":[\"dynamodb:DeleteTable\",\"backup:DeleteBackupVault\"],\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/Backup\":\"daily-prod\"}}}]}");
        org.attachPolicy(r -> r.policyId(keep).targetId(ou));
        try (software.amazon.awssdk.services.dynamodb.DynamoDbClient ddb = endpoint.client(
                software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(), memberRoot)) {
            for (String name : new String[]{"tagged-table", "plain-table"}) {
                ddb.createTable(r -> r.tableName(name).billingMode("PAY_PER_REQUEST")
                        .keySchema(k -> k.attributeName("id").keyType("HASH"))
                        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                        .tags(name.startsWith("tagged")
                                ? java.util.List.of(software.amazon.awssdk.services.dynamodb.model.Tag.builder()
                                .key("backup").value("daily-prod").build()) : java.util.List.of()));
            }
            var denied = catchThrowableOfType(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                    () -> ddb.deleteTable(r -> r.tableName("tagged-table")));
            assertThat(denied).as("tag keys in condition keys match without case").isNotNull();
            assertThat(denied.awsErrorDetails().errorMessage()).contains("explicit deny in a service control policy");
            ddb.deleteTable(r -> r.tableName("plain-table"));
        }
        try (software.amazon.awssdk.services.backup.BackupClient backup = endpoint.client(
                software.amazon.awssdk.services.backup.BackupClient.builder(), memberRoot)) {
            backup.createBackupVault(r -> r.backupVaultName("kept").backupVaultTags(java.util.Map.of("Backup",
                    "daily-prod")));
            backup.createBackupVault(r -> r.backupVaultName("scratch"));
            assertThat(catchThrowableOfType(software.amazon.awssdk.services.backup.model.BackupException.class,
                    () -> backup.deleteBackupVault(r -> r.backupVaultName("kept")))).isNotNull();
            backup.deleteBackupVault(r -> r.backupVaultName("scratch"));
        }
    }
}
