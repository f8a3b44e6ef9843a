package io.strongroom.it;

import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.SeedOrganization;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupPlansListMember;
import software.amazon.awssdk.services.backup.model.BackupRule;
import software.amazon.awssdk.services.backup.model.BackupSelectionsListMember;
import software.amazon.awssdk.services.backup.model.ConditionType;
import software.amazon.awssdk.services.backup.model.GetBackupPlanResponse;
import software.amazon.awssdk.services.backup.model.GetBackupSelectionResponse;
import software.amazon.awssdk.services.backup.model.InvalidRequestException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Org-managed plans (spec 8.1): the seed's backup policy, attached to the Production OU by the management account,
 * becomes a read-only plan {@code orgs/<uuid>} with its selection in every production account, and follows every
 * change of the account's effective policy.
 */
class BackupOrgPlansIT {
    TestServer server;
    Endpoint endpoint;
    OrganizationsClient org;
    String rootId;
    String production;
    String sandbox;
    String payments;
    String playground;
    String central;
    String policyId;

    @BeforeEach
    void organization() {
        server = TestServer.start();
        endpoint = server.endpoint();
        org = endpoint.client(OrganizationsClient.builder());
        org.createOrganization(r -> { });
        rootId = org.listRoots().roots().get(0).id();
        production = ou("Production");
        sandbox = ou("Sandbox");
        String shared = ou("Shared");
        payments = account("payments", production);
        playground = account("playground", sandbox);
        central = account("backup", shared);
        org.enablePolicyType(r -> r.rootId(rootId).policyType(PolicyType.BACKUP_POLICY));
        policyId = org.createPolicy(r -> r.name("org-backup").description("daily-prod").type(PolicyType.BACKUP_POLICY)
                .content(seedPolicy(35))).policy().policySummary().id();
    }

    @AfterEach
    void stop() {
        org.close();
        server.close();
    }

    private String ou(String name) {
        return org.createOrganizationalUnit(r -> r.parentId(rootId).name(name)).organizationalUnit().id();
    }

    private String account(String name, String parent) {
        String request = org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                .createAccountStatus().id();
        String id = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                .accountId();
        org.moveAccount(r -> r.accountId(id).sourceParentId(rootId).destinationParentId(parent));
        return id;
    }

    private String seedPolicy(int localDays) {
        return SeedOrganization.policy(central, localDays);
    }

    private AwsBasicCredentials rootOf(String account) {
        String[] key = endpoint.admin().rootAccessKey(account);
        return AwsBasicCredentials.create(key[1], key[2]);
    }

    private BackupClient backup(String account) {
        return endpoint.client(BackupClient.builder(), rootOf(account));
    }

    private List<BackupPlansListMember> plans(String account) {
        try (BackupClient backup = backup(account)) {
            return backup.listBackupPlans(r -> { }).backupPlansList();
        }
    }

    private BackupPlansListMember onlyPlan(String account) {
        List<BackupPlansListMember> plans = plans(account);
        assertThat(plans).hasSize(1);
        return plans.get(0);
    }

    @Test
    void theProductionMemberSeesThePolicyAsAPlanWithItsSelection() {
        org.attachPolicy(r -> r.policyId(policyId).targetId(production));

        BackupPlansListMember listed = onlyPlan(payments);
        assertThat(listed.backupPlanName()).isEqualTo("daily-prod");
        assertThat(listed.backupPlanId()).matches("orgs/[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(listed.backupPlanArn())
                .isEqualTo("arn:aws:backup:eu-west-1:" + payments + ":backup-plan:" + listed.backupPlanId());
        try (BackupClient backup = backup(payments)) {
            GetBackupPlanResponse plan = backup.getBackupPlan(r -> r.backupPlanId(listed.backupPlanId()));
            BackupRule rule = plan.backupPlan().rules().get(0);
            assertThat(plan.backupPlan().rules()).hasSize(1);
            assertThat(rule.ruleName()).isEqualTo("daily");
            assertThat(rule.scheduleExpression()).isEqualTo("cron(0 2 ? * * *)");
            assertThat(rule.scheduleExpressionTimezone()).isEqualTo("Etc/UTC");
            assertThat(rule.startWindowMinutes()).isEqualTo(60L);
            assertThat(rule.completionWindowMinutes()).isEqualTo(240L);
            assertThat(rule.targetBackupVaultName()).isEqualTo("local-prod-vault");
            assertThat(rule.lifecycle().deleteAfterDays()).isEqualTo(35L);
            assertThat(rule.copyActions()).singleElement().satisfies(copy -> {
                assertThat(copy.destinationBackupVaultArn())
                        .isEqualTo("arn:aws:backup:eu-west-1:" + central + ":backup-vault:central-backup-vault");
                assertThat(copy.lifecycle().deleteAfterDays()).isEqualTo(2555L);
            });
            BackupSelectionsListMember listedSelection = backup.listBackupSelections(
                    r -> r.backupPlanId(listed.backupPlanId())).backupSelectionsList().get(0);
            GetBackupSelectionResponse selection = backup.getBackupSelection(
                    r -> r.backupPlanId(listed.backupPlanId()).selectionId(listedSelection.selectionId()));
            assertThat(selection.backupSelection().selectionName()).isEqualTo("daily-prod-resources");
            assertThat(selection.backupSelection().iamRoleArn()).as("$account resolved")
                    .isEqualTo("arn:aws:iam::" + payments + ":role/AWSBackupDefaultServiceRole");
            assertThat(selection.backupSelection().listOfTags()).singleElement().satisfies(tag -> {
                assertThat(tag.conditionType()).isEqualTo(ConditionType.STRINGEQUALS);
                assertThat(tag.conditionKey()).isEqualTo("Backup");
                assertThat(tag.conditionValue()).isEqualTo("daily-prod");
            });
        }
        try (BackupClient usEast = BackupClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(() -> rootOf(payments)).build()) {
            assertThat(usEast.listBackupPlans(r -> { }).backupPlansList()).as("only the policy's Regions").isEmpty();
        }
        assertThat(plans(playground)).as("a Sandbox account").isEmpty();
        assertThat(plans(central)).as("the Shared backup account").isEmpty();
    }

    @Test
    void anUpdatedPolicyIsANewVersionOfTheSamePlan() {
        org.attachPolicy(r -> r.policyId(policyId).targetId(production));
        BackupPlansListMember before = onlyPlan(payments);

        org.updatePolicy(r -> r.policyId(policyId).content(seedPolicy(40)));

        BackupPlansListMember after = onlyPlan(payments);
        assertThat(after.backupPlanId()).isEqualTo(before.backupPlanId());
        assertThat(after.versionId()).isNotEqualTo(before.versionId());
        try (BackupClient backup = backup(payments)) {
            assertThat(backup.getBackupPlan(r -> r.backupPlanId(after.backupPlanId())).backupPlan().rules().get(0)
                    .lifecycle().deleteAfterDays()).isEqualTo(40L);
            assertThat(backup.listBackupPlanVersions(r -> r.backupPlanId(after.backupPlanId()))
                    .backupPlanVersionsList()).extracting(BackupPlansListMember::versionId)
                    .containsExactlyInAnyOrder(before.versionId(), after.versionId());
            assertThat(backup.getBackupPlan(r -> r.backupPlanId(before.backupPlanId()).versionId(before.versionId()))
                    .backupPlan().rules().get(0).lifecycle().deleteAfterDays()).isEqualTo(35L);
        }
    }

    @Test
    void anAccountMovedIntoProductionGetsThePlanAndADetachedPolicyTakesItAway() {
        org.attachPolicy(r -> r.policyId(policyId).targetId(production));
        assertThat(plans(playground)).isEmpty();

        org.moveAccount(r -> r.accountId(playground).sourceParentId(sandbox).destinationParentId(production));

        BackupPlansListMember moved = onlyPlan(playground);
        assertThat(moved.backupPlanArn()).contains(":" + playground + ":backup-plan:orgs/");
        assertThat(moved.backupPlanId()).as("its own plan, not the other account's")
                .isNotEqualTo(onlyPlan(payments).backupPlanId());

        org.detachPolicy(r -> r.policyId(policyId).targetId(production));

        assertThat(plans(payments)).isEmpty();
        assertThat(plans(playground)).isEmpty();
        try (BackupClient backup = backup(payments)) {
            assertThat(backup.listBackupPlans(r -> r.includeDeleted(true)).backupPlansList())
                    .singleElement().satisfies(p -> assertThat(p.deletionDate()).isNotNull());
        }

        org.attachPolicy(r -> r.policyId(policyId).targetId(production));
        assertThat(onlyPlan(payments).backupPlanId()).as("the same id again: name-based")
                .isEqualTo(orgPlanId("daily-prod", payments, "eu-west-1"));
    }

    /** The emulator's deterministic id (decision D52): a version-3 UUID of plan key, account and Region. */
    private static String orgPlanId(String key, String account, String region) {
        return "orgs/" + UUID.nameUUIDFromBytes((key + "/" + account + "/" + region)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theMemberCannotChangeTheOrgPlan() {
        org.attachPolicy(r -> r.policyId(policyId).targetId(production));
        String planId = onlyPlan(payments).backupPlanId();
        String message = "Backup plan " + planId + " is managed by AWS Organizations through a backup policy: it can "
                + "be viewed but not changed in this account. Change the backup policy in the organization's "
                + "management account instead.";
        try (BackupClient backup = backup(payments)) {
            String selectionId = backup.listBackupSelections(r -> r.backupPlanId(planId)).backupSelectionsList()
                    .get(0).selectionId();
            GetBackupPlanResponse current = backup.getBackupPlan(r -> r.backupPlanId(planId));

            BackupIT.expect(InvalidRequestException.class, "InvalidRequestException", 400, message,
                    () -> backup.updateBackupPlan(r -> r.backupPlanId(planId).backupPlan(p -> p
                            .backupPlanName("daily-prod").rules(b -> b.ruleName("daily")
                                    .targetBackupVaultName("local-prod-vault")))));
            BackupIT.expect(InvalidRequestException.class, "InvalidRequestException", 400, message,
                    () -> backup.deleteBackupSelection(r -> r.backupPlanId(planId).selectionId(selectionId)));
            BackupIT.expect(InvalidRequestException.class, "InvalidRequestException", 400, message,
                    () -> backup.deleteBackupPlan(r -> r.backupPlanId(planId)));
            BackupIT.expect(InvalidRequestException.class, "InvalidRequestException", 400, message,
                    () -> backup.createBackupSelection(r -> r.backupPlanId(planId).backupSelection(s -> s
                            .selectionName("mine").iamRoleArn("arn:aws:iam::" + payments
                                    + ":role/AWSBackupDefaultServiceRole").resources("*"))));

            assertThat(backup.getBackupPlan(r -> r.backupPlanId(planId)).versionId()).isEqualTo(current.versionId());
            assertThat(backup.listBackupSelections(r -> r.backupPlanId(planId)).backupSelectionsList()).hasSize(1);
            assertThat(backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName("daily-prod")
                    .rules(b -> b.ruleName("own").targetBackupVaultName("Default")))).backupPlanId())
                    .as("the member's own plans live beside the org's, even with the same name")
                    .doesNotStartWith("orgs/");
        }
    }

    @Test
    void anInvalidEffectivePolicyKeepsTheLastValidPlan() {
        org.attachPolicy(r -> r.policyId(policyId).targetId(production));
        BackupPlansListMember valid = onlyPlan(payments);
        String missingVault = org.createPolicy(r -> r.name("extra-rule").description("").type(PolicyType.BACKUP_POLICY)
                .content("{\"plans\":{\"daily-prod\":{\"rules\":{\"hourly\":{\"schedule_expression\":"
                        + "{\"@@assign\":\"cron(0 * ? * * *)\"}}}}}}")).policy().policySummary().id();
        String badCron = org.createPolicy(r -> r.name("bad-cron").description("").type(PolicyType.BACKUP_POLICY)
                .content("{\"plans\":{\"daily-prod\":{\"rules\":{\"daily\":{\"schedule_expression\":"
                        + "{\"@@assign\":\"cron(0 2 every day)\"}}}}}}")).policy().policySummary().id();

        org.attachPolicy(r -> r.policyId(missingVault).targetId(payments));
        assertThat(onlyPlan(payments).versionId()).as("Organizations: rule without a vault (KEY_REQUIRED)")
                .isEqualTo(valid.versionId());
        org.detachPolicy(r -> r.policyId(missingVault).targetId(payments));
        org.attachPolicy(r -> r.policyId(badCron).targetId(payments));
        assertThat(onlyPlan(payments).versionId()).as("AWS Backup: a schedule CreateBackupPlan refuses")
                .isEqualTo(valid.versionId());
        org.updatePolicy(r -> r.policyId(policyId).content(seedPolicy(50)));
        assertThat(onlyPlan(payments).versionId()).as("one bad plan blocks every update of the account")
                .isEqualTo(valid.versionId());

        org.detachPolicy(r -> r.policyId(badCron).targetId(payments));
        try (BackupClient backup = backup(payments)) {
            assertThat(backup.getBackupPlan(r -> r.backupPlanId(valid.backupPlanId())).backupPlan().rules().get(0)
                    .lifecycle().deleteAfterDays()).as("valid again: the latest policy applies").isEqualTo(50L);
        }
    }

    @Test
    void theAwsCliListsTheOrgPlanInTheMemberAccount() throws Exception {
        org.attachPolicy(r -> r.policyId(policyId).targetId(production));
        AwsBasicCredentials member = rootOf(payments);
        Path credentials = Files.createTempFile("member", ".credentials");
        Files.writeString(credentials, "[strongroom]\naws_access_key_id = " + member.accessKeyId()
                + "\naws_secret_access_key = " + member.secretAccessKey() + "\n");

        AwsCli.Result listed = new AwsCli(endpoint).run(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
                "backup", "list-backup-plans", "--region", "eu-west-1");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout()).contains("\"BackupPlanName\": \"daily-prod\"",
                "\"BackupPlanId\": \"" + orgPlanId("daily-prod", payments, "eu-west-1") + "\"");
        Files.deleteIfExists(credentials);
    }
}
