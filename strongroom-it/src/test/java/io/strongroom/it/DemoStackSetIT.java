package io.strongroom.it;

import io.strongroom.server.ServerOptions;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupJob;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreateAccountState;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's StackSet in the demo (D70): an account created after the demo with CreateAccount gets
 * AWSBackupDefaultServiceRole, so once moved into Production its tagged resources are backed up at the next firing.
 */
class DemoStackSetIT {
    private static final String ROLE = "AWSBackupDefaultServiceRole";

    @Test
    void anAccountCreatedInTheDemosOrganizationGetsTheBackupRoleAndIsBackedUpInProduction() throws Exception {
        try (TestServer server = TestServer.start(ServerOptions.defaults(Files.createTempDirectory("stackset-it"))
                .withPort(0).withDemo(true))) {
            Endpoint endpoint = server.endpoint();
            String account = createAccount(endpoint, "new-payments-team");
            AwsCredentials root = rootOf(endpoint, account);

            try (IamClient iam = endpoint.client(IamClient.builder(), root)) {
                assertThat(iam.getRole(r -> r.roleName(ROLE)).role().path()).isEqualTo("/service-role/");
                assertThat(iam.listAttachedRolePolicies(r -> r.roleName(ROLE)).attachedPolicies())
                        .extracting(AttachedPolicy::policyArn).containsExactlyInAnyOrder(
                                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
                                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
                                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore");
            }
            try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
                String rootId = org.listRoots().roots().get(0).id();
                String production = org.listOrganizationalUnitsForParent(r -> r.parentId(rootId))
                        .organizationalUnits().stream().filter(ou -> ou.name().equals("Production")).findFirst()
                        .orElseThrow().id();
                org.moveAccount(r -> r.accountId(account).sourceParentId(rootId).destinationParentId(production));
            }
            try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), root)) {
                ddb.createTable(r -> r.tableName("settlements")
                        .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                        .tags(t -> t.key("Backup").value("daily-prod")));
            }
            // the StackSet makes the role only (seed: "a companion Stack Set ensures that role exists"); the team makes
            // the local vault the policy names, as the demo does in its production accounts
            try (BackupClient backup = endpoint.client(BackupClient.builder(), root)) {
                backup.createBackupVault(r -> r.backupVaultName("local-prod-vault"));
            }
            endpoint.admin().advance(Duration.ofDays(1));

            try (BackupClient backup = endpoint.client(BackupClient.builder(), root)) {
                List<BackupJob> jobs = backup.listBackupJobs(r -> r.byResourceArn(
                        "arn:aws:dynamodb:eu-west-1:" + account + ":table/settlements")).backupJobs();
                assertThat(jobs).isNotEmpty().allSatisfy(j -> {
                    assertThat(j.stateAsString()).isEqualTo("COMPLETED");
                    assertThat(j.iamRoleArn()).isEqualTo("arn:aws:iam::" + account + ":role/service-role/" + ROLE);
                });
            }
        }
    }

    @Test
    void withoutTheDemoNoRoleIsMadeForANewAccount() throws Exception {
        try (TestServer server = TestServer.start(ServerOptions.defaults(Files.createTempDirectory("stackset-it"))
                .withPort(0))) {
            Endpoint endpoint = server.endpoint();
            try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
                org.createOrganization(r -> r.featureSet("ALL"));
            }
            String account = createAccount(endpoint, "plain");
            try (IamClient iam = endpoint.client(IamClient.builder(), rootOf(endpoint, account))) {
                assertThatThrownBy(() -> iam.getRole(r -> r.roleName(ROLE))).isInstanceOf(NoSuchEntityException.class);
            }
        }
    }

    private static String createAccount(Endpoint endpoint, String name) {
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            String request = org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                    .createAccountStatus().id();
            CreateAccountStatus status = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request))
                    .createAccountStatus();
            if (status.state() != CreateAccountState.SUCCEEDED) {
                endpoint.admin().advance(Duration.ofMinutes(5));
                status = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus();
            }
            assertThat(status.state()).isEqualTo(CreateAccountState.SUCCEEDED);
            return status.accountId();
        }
    }

    private static AwsCredentials rootOf(Endpoint endpoint, String account) {
        String[] key = endpoint.admin().rootAccessKey(account);
        return AwsBasicCredentials.create(key[1], key[2]);
    }
}
