package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import io.strongroom.testkit.Terraform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupRule;
import software.amazon.awssdk.services.backup.model.BackupSelection;
import software.amazon.awssdk.services.backup.model.ConditionType;
import software.amazon.awssdk.services.backup.model.CopyAction;
import software.amazon.awssdk.services.backup.model.BackupPlansListMember;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.Root;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Terraform configuration of docs/terraform against a server started as the README says: {@code terraform
 * apply} makes the seed's building blocks (read back here through the SDK), a second {@code terraform plan} finds
 * nothing to change, and {@code terraform destroy} removes all of it. Skipped where Terraform or its AWS provider
 * is not on the machine.
 */
class TerraformIT {
    private static final String ACCOUNT = "111111111111";
    private static final String BUCKET = "terraform-documents-" + ACCOUNT;
    private static final String ROLE = "terraform-backup-role";
    private static final String BACKUP_SERVICE_POLICY =
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup";

    @TempDir
    Path temp;

    @Test
    void appliesWithoutDriftAndDestroysTheSeedsBuildingBlocks() throws Exception {
        Terraform.Located located = Terraform.locate(temp.resolve("work"));
        assumeTrue(located.terraform().isPresent(), () -> "TerraformIT skipped: " + located.missing());
        Terraform terraform = located.terraform().get();
        Files.copy(ServerProcess.repositoryRoot().resolve("docs/terraform/main.tf"),
                terraform.workDir().resolve("main.tf"));

        try (ServerProcess server = ServerProcess.start(temp.resolve("data"))) {
            Endpoint endpoint = server.endpoint();
            String[] vars = {"-var", "endpoint=" + server.uri(),
                    "-var", "credentials_file=" + server.dataDir().resolve("credentials")};

            terraform.expect(0, 5, "init", "-input=false");
            terraform.expect(0, 10, concat(new String[]{"apply", "-auto-approve", "-input=false"}, vars));
            JsonNode outputs = new ObjectMapper().readTree(terraform.expect(0, 2, "output", "-json"));

            assertKeyAndVaults(endpoint, outputs.at("/kms_key_arn/value").asText());
            assertPlanAndSelection(endpoint, outputs.at("/backup_plan_id/value").asText(),
                    outputs.at("/backup_selection_id/value").asText());
            assertProtectedResources(endpoint);
            assertBackupPolicy(endpoint, outputs.at("/organization_root_id/value").asText());

            String plan = terraform.expect(0, 10,
                    concat(new String[]{"plan", "-detailed-exitcode", "-input=false"}, vars));
            assertThat(plan).contains("No changes.");

            terraform.expect(0, 10, concat(new String[]{"destroy", "-auto-approve", "-input=false"}, vars));
            assertAllGone(endpoint, outputs);
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static void assertKeyAndVaults(Endpoint endpoint, String keyArn) {
        try (KmsClient kms = endpoint.client(KmsClient.builder());
             BackupClient backup = endpoint.client(BackupClient.builder())) {
            KeyMetadata key = kms.describeKey(r -> r.keyId("alias/backup-vault")).keyMetadata();
            assertThat(key.arn()).isEqualTo(keyArn);
            assertThat(key.description()).isEqualTo("Backup vault key");
            assertThat(key.keyState()).isEqualTo(KeyState.ENABLED);
            var rotation = kms.getKeyRotationStatus(r -> r.keyId(keyArn));
            assertThat(rotation.keyRotationEnabled()).isTrue();
            assertThat(rotation.rotationPeriodInDays()).isEqualTo(365);
            assertThat(kms.listResourceTags(r -> r.keyId(keyArn)).tags())
                    .anySatisfy(t -> assertThat(t.tagKey() + "=" + t.tagValue()).isEqualTo("Purpose=backup"));

            for (String vault : List.of("local-prod-vault", "central-copy-vault")) {
                assertThat(backup.describeBackupVault(r -> r.backupVaultName(vault)).encryptionKeyArn())
                        .as(vault).isEqualTo(keyArn);
            }
            String localArn = backup.describeBackupVault(r -> r.backupVaultName("local-prod-vault")).backupVaultArn();
            assertThat(backup.listTags(r -> r.resourceArn(localArn)).tags()).containsEntry("Tier", "local");
        }
    }

    private static void assertPlanAndSelection(Endpoint endpoint, String planId, String selectionId) {
        try (BackupClient backup = endpoint.client(BackupClient.builder());
             IamClient iam = endpoint.client(IamClient.builder())) {
            var plan = backup.getBackupPlan(r -> r.backupPlanId(planId));
            assertThat(plan.backupPlan().backupPlanName()).isEqualTo("daily-prod");
            BackupRule rule = plan.backupPlan().rules().get(0);
            assertThat(rule.ruleName()).isEqualTo("daily");
            assertThat(rule.targetBackupVaultName()).isEqualTo("local-prod-vault");
            assertThat(rule.scheduleExpression()).isEqualTo("cron(0 2 ? * * *)");
            assertThat(rule.startWindowMinutes()).isEqualTo(60L);
            assertThat(rule.completionWindowMinutes()).isEqualTo(180L);
            assertThat(rule.lifecycle().deleteAfterDays()).isEqualTo(35L);
            CopyAction copy = rule.copyActions().get(0);
            assertThat(copy.destinationBackupVaultArn()).isEqualTo(backup.describeBackupVault(r -> r
                    .backupVaultName("central-copy-vault")).backupVaultArn());
            assertThat(copy.lifecycle().deleteAfterDays()).isEqualTo(90L);
            assertThat(backup.listTags(r -> r.resourceArn(plan.backupPlanArn())).tags())
                    .containsEntry("Owner", "platform");

            String roleArn = iam.getRole(r -> r.roleName(ROLE)).role().arn();
            assertThat(iam.getRole(r -> r.roleName(ROLE)).role().assumeRolePolicyDocument())
                    .contains("backup.amazonaws.com");
            assertThat(iam.listAttachedRolePolicies(r -> r.roleName(ROLE)).attachedPolicies())
                    .anySatisfy(p -> assertThat(p.policyArn()).isEqualTo(BACKUP_SERVICE_POLICY));

            BackupSelection selection = backup.getBackupSelection(r -> r.backupPlanId(planId)
                    .selectionId(selectionId)).backupSelection();
            assertThat(selection.selectionName()).isEqualTo("daily-prod-tagged");
            assertThat(selection.iamRoleArn()).isEqualTo(roleArn);
            assertThat(selection.listOfTags()).singleElement().satisfies(c -> {
                assertThat(c.conditionType()).isEqualTo(ConditionType.STRINGEQUALS);
                assertThat(c.conditionKey()).isEqualTo("Backup");
                assertThat(c.conditionValue()).isEqualTo("daily-prod");
            });

            // The selection picks what Terraform tagged: the table and the bucket.
            var picked = endpoint.admin().get("backup/selections/" + planId + "/" + selectionId
                    + "/resources?account=" + ACCOUNT);
            assertThat(picked.status()).isEqualTo(200);
            assertThat(picked.body().get("resources").toString())
                    .contains("arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/orders", "arn:aws:s3:::" + BUCKET);
        }
    }

    private static void assertProtectedResources(Endpoint endpoint) {
        try (DynamoDbClient dynamoDb = endpoint.client(DynamoDbClient.builder());
             S3Client s3 = endpoint.client(S3Client.builder().forcePathStyle(true))) {
            TableDescription table = dynamoDb.describeTable(r -> r.tableName("orders")).table();
            assertThat(table.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()))
                    .containsExactly("pk:HASH", "sk:RANGE");
            assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
            assertThat(dynamoDb.listTagsOfResource(r -> r.resourceArn(table.tableArn())).tags())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("Backup=daily-prod"));
            assertThat(table.globalSecondaryIndexes()).singleElement()
                    .satisfies(i -> assertThat(i.indexName()).isEqualTo("by-status"));
            assertThat(dynamoDb.describeContinuousBackups(r -> r.tableName("orders")).continuousBackupsDescription()
                    .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
            var ttl = dynamoDb.describeTimeToLive(r -> r.tableName("orders")).timeToLiveDescription();
            assertThat(ttl.timeToLiveStatusAsString() + " " + ttl.attributeName()).isEqualTo("ENABLED expires_at");

            assertThat(s3.getBucketVersioning(r -> r.bucket(BUCKET)).statusAsString()).isEqualTo("Enabled");
            assertThat(s3.getBucketTagging(r -> r.bucket(BUCKET)).tagSet())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("Backup=daily-prod"));
        }
    }

    private static void assertBackupPolicy(Endpoint endpoint, String rootId) {
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder());
             BackupClient backup = endpoint.client(BackupClient.builder())) {
            Root root = org.listRoots(r -> { }).roots().get(0);
            assertThat(root.id()).isEqualTo(rootId);
            assertThat(root.policyTypes().stream().map(p -> p.typeAsString() + ":" + p.statusAsString()))
                    .contains("BACKUP_POLICY:ENABLED");
            assertThat(org.listPoliciesForTarget(r -> r.targetId(rootId).filter(PolicyType.BACKUP_POLICY))
                    .policies()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("daily-backups"));

            // The policy reaches the management account as the read-only plan org-daily.
            Map<String, String> plans = backup.listBackupPlans(r -> { }).backupPlansList().stream()
                    .collect(Collectors.toMap(BackupPlansListMember::backupPlanName, BackupPlansListMember::backupPlanId));
            assertThat(plans).containsKey("org-daily");
            assertThat(plans.get("org-daily")).startsWith("orgs/");
        }
    }

    private static void assertAllGone(Endpoint endpoint, JsonNode outputs) {
        String keyArn = outputs.at("/kms_key_arn/value").asText();
        try (KmsClient kms = endpoint.client(KmsClient.builder());
             BackupClient backup = endpoint.client(BackupClient.builder());
             IamClient iam = endpoint.client(IamClient.builder());
             DynamoDbClient dynamoDb = endpoint.client(DynamoDbClient.builder());
             S3Client s3 = endpoint.client(S3Client.builder().forcePathStyle(true));
             OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            assertThat(kms.describeKey(r -> r.keyId(keyArn)).keyMetadata().keyState())
                    .isEqualTo(KeyState.PENDING_DELETION);
            assertThat(kms.listAliases(r -> r.keyId(keyArn)).aliases()).isEmpty();
            assertThat(errorCode(() -> backup.describeBackupVault(r -> r.backupVaultName("local-prod-vault"))))
                    .isEqualTo("AccessDeniedException");
            // A deleted plan stays readable with its deletion date, as on AWS, but is no longer listed.
            String planId = outputs.at("/backup_plan_id/value").asText();
            assertThat(backup.getBackupPlan(r -> r.backupPlanId(planId)).deletionDate()).isNotNull();
            assertThat(backup.listBackupPlans(r -> { }).backupPlansList()).isEmpty();
            assertThat(errorCode(() -> iam.getRole(r -> r.roleName(ROLE)))).isEqualTo("NoSuchEntity");
            assertThat(errorCode(() -> dynamoDb.describeTable(r -> r.tableName("orders"))))
                    .isEqualTo("ResourceNotFoundException");
            assertThat(errorCode(() -> s3.getBucketVersioning(r -> r.bucket(BUCKET)))).isEqualTo("NoSuchBucket");
            assertThat(errorCode(() -> org.describeOrganization(r -> { })))
                    .isEqualTo("AWSOrganizationsNotInUseException");
        }
    }

    private static String errorCode(Runnable call) {
        AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call::run);
        assertThat(e).as("the call must fail").isNotNull();
        return e.awsErrorDetails().errorCode();
    }
}
