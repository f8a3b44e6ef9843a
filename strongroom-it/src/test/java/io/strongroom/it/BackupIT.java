package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.RawRequests;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.*;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * AWS Backup's control plane through the SDK v2: vaults and their keys, access policies evaluated by the
 * Authorizer, notifications, tags, Vault Lock on the simulated clock, logically air-gapped vaults, plans with
 * versions, validation and previews, selections with their role checks, Region settings, and the error rows of
 * spec section 11 with code, HTTP status and message. Each test works in an account of its own.
 */
class BackupIT {
    static final String BACKUP_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"backup.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fresh standalone account: [accountId, keyId, secret]. */
    static String[] account(String name) {
        return server.endpoint().admin().createAccount(name);
    }

    static AwsBasicCredentials credentials(String[] account) {
        return AwsBasicCredentials.create(account[1], account[2]);
    }

    static BackupClient backup(String[] account) {
        return server.endpoint().client(BackupClient.builder(), credentials(account));
    }

    static <T extends BackupException> T expect(Class<T> type, String code, int status, String message,
                                                Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(type);
        T e = type.cast(thrown);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.requestId()).isNotBlank();
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
        return e;
    }

    static BackupRuleInput.Builder rule(String name) {
        return BackupRuleInput.builder().ruleName(name).targetBackupVaultName("local-prod-vault");
    }

    static CreateBackupPlanResponse plan(BackupClient backup, String name, BackupRuleInput.Builder... rules) {
        return backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName(name)
                .rules(java.util.Arrays.stream(rules).map(BackupRuleInput.Builder::build).toList())));
    }

    // ---- tags on the other kinds of AWS Backup resource (D126)

    @Test
    void legalHoldsRestoreTestingPlansFrameworksAndReportPlansKeepTagsReachedThroughTheirArns() {
        String[] acct = account("tagged-kinds");
        BackupClient backup = backup(acct);
        String hold = backup.createLegalHold(r -> r.title("audit").description("Audit")
                .tags(Map.of("team", "legal"))).legalHoldArn();
        String testing = backup.createRestoreTestingPlan(r -> r.restoreTestingPlan(p -> p
                .restoreTestingPlanName("weekly_tests").scheduleExpression("cron(0 6 ? * SUN *)")
                .recoveryPointSelection(s -> s.algorithm("LATEST_WITHIN_WINDOW").includeVaults("*")
                        .recoveryPointTypesWithStrings("SNAPSHOT"))).tags(Map.of("team", "sre"))).restoreTestingPlanArn();
        String framework = backup.createFramework(r -> r.frameworkName("controls")
                .frameworkControls(c -> c.controlName("BACKUP_RECOVERY_POINT_ENCRYPTED"))
                .frameworkTags(Map.of("team", "audit"))).frameworkArn();
        String report = backup.createReportPlan(r -> r.reportPlanName("jobs").reportSetting(s -> s
                        .reportTemplate("BACKUP_JOB_REPORT")).reportDeliveryChannel(d -> d.s3BucketName("reports"))
                .reportPlanTags(Map.of("team", "audit"))).reportPlanArn();
        Map<String, String> given = Map.of(hold, "legal", testing, "sre", framework, "audit", report, "audit");
        given.forEach((arn, team) -> {
            assertThat(backup.listTags(r -> r.resourceArn(arn)).tags()).as(arn).isEqualTo(Map.of("team", team));
            backup.tagResource(r -> r.resourceArn(arn).tags(Map.of("cost", "42", "team", "platform")));
            backup.untagResource(r -> r.resourceArn(arn).tagKeyList("cost"));
            assertThat(backup.listTags(r -> r.resourceArn(arn)).tags()).as(arn).isEqualTo(Map.of("team", "platform"));
        });
        // What the resource's own calls answer is unchanged by its tags.
        assertThat(backup.getRestoreTestingPlan(r -> r.restoreTestingPlanName("weekly_tests")).restoreTestingPlan()
                .scheduleExpression()).isEqualTo("cron(0 6 ? * SUN *)");
        assertThat(backup.describeReportPlan(r -> r.reportPlanName("jobs")).reportPlan().reportDeliveryChannel()
                .s3BucketName()).isEqualTo("reports");

        // The Authorizer reads these tags for aws:ResourceTag conditions.
        backup.createRestoreTestingPlan(r -> r.restoreTestingPlan(p -> p.restoreTestingPlanName("other_tests")
                .scheduleExpression("cron(0 6 ? * SUN *)").recoveryPointSelection(s -> s
                        .algorithm("LATEST_WITHIN_WINDOW").includeVaults("*").recoveryPointTypesWithStrings("SNAPSHOT")))
                .tags(Map.of("team", "sre")));
        try (IamClient iam = server.endpoint().client(IamClient.builder(), credentials(acct))) {
            iam.createUser(r -> r.userName("platform-reader"));
            iam.putUserPolicy(r -> r.userName("platform-reader").policyName("own-team").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"backup:GetRestoreTestingPlan\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                            + "{\"aws:ResourceTag/team\":\"platform\"}}}]}"));
            var key = iam.createAccessKey(r -> r.userName("platform-reader")).accessKey();
            try (BackupClient reader = server.endpoint().client(BackupClient.builder(),
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
                assertThat(reader.getRestoreTestingPlan(r -> r.restoreTestingPlanName("weekly_tests"))
                        .restoreTestingPlan().restoreTestingPlanArn()).isEqualTo(testing);
                expect(BackupException.class, "AccessDeniedException", 403, null,
                        () -> reader.getRestoreTestingPlan(r -> r.restoreTestingPlanName("other_tests")));
            }
        }

        backup.deleteFramework(r -> r.frameworkName("controls"));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, "Resource " + framework
                + " not found.", () -> backup.listTags(r -> r.resourceArn(framework)));
        String otherPlan = testing.substring(0, testing.length() - 6) + (testing.endsWith("000000") ? "ffffff"
                : "000000");
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, "Resource " + otherPlan
                + " not found.", () -> backup.tagResource(r -> r.resourceArn(otherPlan).tags(Map.of("a", "b"))));
        String job = "arn:aws:backup:eu-west-1:" + acct[0] + ":report-job:abc";
        expect(BackupException.class, "InvalidParameterValueException", 400, "Invalid ResourceArn " + job
                + ": only backup vaults, backup plans, recovery points, legal holds, restore testing plans, "
                + "frameworks and report plans of AWS Backup can be tagged.",
                () -> backup.listTags(r -> r.resourceArn(job)));
    }

    // ---- vaults

    @Test
    void vaultOnTheAccountsAwsBackupKeyDescribedListedTaggedAndDeleted() {
        String[] acct = account("vaults");
        BackupClient backup = backup(acct);
        CreateBackupVaultResponse created = backup.createBackupVault(r -> r.backupVaultName("local-prod-vault")
                .backupVaultTags(Map.of("team", "platform")).creatorRequestId("req-1"));
        String arn = "arn:aws:backup:eu-west-1:" + acct[0] + ":backup-vault:local-prod-vault";
        assertThat(created.backupVaultArn()).isEqualTo(arn);
        assertThat(created.backupVaultName()).isEqualTo("local-prod-vault");
        assertThat(created.creationDate()).isEqualTo(server.endpoint().admin().now().truncatedTo(ChronoUnit.MILLIS));

        DescribeBackupVaultResponse d = backup.describeBackupVault(r -> r.backupVaultName("local-prod-vault"));
        try (KmsClient kms = server.endpoint().client(KmsClient.builder(), credentials(acct))) {
            String awsBackupKey = kms.describeKey(r -> r.keyId("alias/aws/backup")).keyMetadata().arn();
            assertThat(d.encryptionKeyArn()).isEqualTo(awsBackupKey).startsWith("arn:aws:kms:eu-west-1:" + acct[0]
                    + ":key/");
            assertThat(kms.describeKey(r -> r.keyId(awsBackupKey)).keyMetadata().keyManagerAsString())
                    .isEqualTo("AWS");
        }
        assertThat(d.backupVaultArn()).isEqualTo(arn);
        assertThat(d.vaultTypeAsString()).isEqualTo("BACKUP_VAULT");
        assertThat(d.vaultStateAsString()).isEqualTo("AVAILABLE");
        assertThat(d.locked()).isFalse();
        assertThat(d.lockDate()).isNull();
        assertThat(d.minRetentionDays()).isNull();
        assertThat(d.numberOfRecoveryPoints()).isZero();
        assertThat(d.creatorRequestId()).isEqualTo("req-1");

        backup.createBackupVault(r -> r.backupVaultName("second_vault"));
        assertThat(backup.listBackupVaults(r -> r.maxResults(1)).backupVaultList()).hasSize(1);
        assertThat(backup.listBackupVaultsPaginator(r -> r.maxResults(1)).backupVaultList().stream()
                .map(BackupVaultListMember::backupVaultName)).containsExactly("local-prod-vault", "second_vault");
        assertThat(backup.listBackupVaults(r -> r.byVaultType(VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT))
                .backupVaultList()).isEmpty();

        backup.tagResource(r -> r.resourceArn(arn).tags(Map.of("cost", "42")));
        assertThat(backup.listTags(r -> r.resourceArn(arn)).tags()).isEqualTo(Map.of("team", "platform",
                "cost", "42"));
        backup.untagResource(r -> r.resourceArn(arn).tagKeyList("team"));
        assertThat(backup.listTags(r -> r.resourceArn(arn)).tags()).isEqualTo(Map.of("cost", "42"));
        expect(BackupException.class, "InvalidParameterValueException", 400,
                "Invalid tag key aws:owner: keys starting with aws: are reserved.",
                () -> backup.tagResource(r -> r.resourceArn(arn).tags(Map.of("aws:owner", "me"))));
        expect(BackupException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createBackupVault(r -> r.backupVaultName("tagged-badly")
                        .backupVaultTags(Map.of("team", "x".repeat(257)))));
        assertThat(backup.listTags(r -> r.resourceArn(arn)).tags()).isEqualTo(Map.of("cost", "42"));

        backup.deleteBackupVault(r -> r.backupVaultName("local-prod-vault"));
        // AWS answers a missing vault with 403, even to the account's root (spec 1.3).
        expect(BackupException.class, "AccessDeniedException", 403, null,
                () -> backup.describeBackupVault(r -> r.backupVaultName("local-prod-vault")));
        assertThat(backup.listBackupVaults(r -> { }).backupVaultList()).extracting(BackupVaultListMember::backupVaultName)
                .containsExactly("second_vault");
    }

    @Test
    void vaultErrors() {
        BackupClient backup = backup(account("vault-errors"));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createBackupVault(r -> r.backupVaultName("bad.name")));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createBackupVault(r -> r.backupVaultName("x")));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createBackupVault(r -> r.backupVaultName("a".repeat(51))));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createBackupVault(r -> r.backupVaultName("good").creatorRequestId("bad id!")));
        backup.createBackupVault(r -> r.backupVaultName("taken").creatorRequestId("first"));
        AlreadyExistsException exists = expect(AlreadyExistsException.class, "AlreadyExistsException", 400,
                "Backup vault with the same name already exists",
                () -> backup.createBackupVault(r -> r.backupVaultName("taken")));
        assertThat(exists.creatorRequestId()).isEqualTo("first");
        for (Runnable missing : List.<Runnable>of(
                () -> backup.deleteBackupVault(r -> r.backupVaultName("nowhere")),
                () -> backup.getBackupVaultAccessPolicy(r -> r.backupVaultName("nowhere")),
                () -> backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("nowhere")),
                () -> backup.getBackupVaultNotifications(r -> r.backupVaultName("nowhere")))) {
            expect(BackupException.class, "AccessDeniedException", 403, null, missing);
        }
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.listBackupVaults(r -> r.maxResults(0)));
    }

    @Test
    void vaultsOnCustomerKeys() {
        String[] acct = account("cmk");
        String[] other = account("cmk-other");
        BackupClient backup = backup(acct);
        try (KmsClient kms = server.endpoint().client(KmsClient.builder(), credentials(acct));
             KmsClient otherKms = server.endpoint().client(KmsClient.builder(), credentials(other))) {
            String key = kms.createKey(r -> r.description("vault key")).keyMetadata().arn();
            backup.createBackupVault(r -> r.backupVaultName("on-cmk").encryptionKeyArn(key));
            DescribeBackupVaultResponse d = backup.describeBackupVault(r -> r.backupVaultName("on-cmk"));
            assertThat(d.encryptionKeyArn()).isEqualTo(key);
            assertThat(d.encryptionKeyTypeAsString()).isEqualTo("CUSTOMER_MANAGED_KMS_KEY");

            kms.createAlias(r -> r.aliasName("alias/vault").targetKeyId(key));
            String aliasArn = "arn:aws:kms:eu-west-1:" + acct[0] + ":alias/vault";
            expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                    () -> backup.createBackupVault(r -> r.backupVaultName("on-alias").encryptionKeyArn(aliasArn)));
            String missing = "arn:aws:kms:eu-west-1:" + acct[0] + ":key/0b0b0b0b-1111-4222-8333-444444444444";
            expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "The KMS key " + missing + " does not exist.",
                    () -> backup.createBackupVault(r -> r.backupVaultName("on-nothing").encryptionKeyArn(missing)));
            kms.disableKey(r -> r.keyId(key));
            expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "The KMS key " + key + " is not enabled.",
                    () -> backup.createBackupVault(r -> r.backupVaultName("on-disabled").encryptionKeyArn(key)));

            // Another account's key whose policy does not share it: the key policy refuses the vault's account.
            String foreign = otherKms.createKey(r -> r.description("not shared")).keyMetadata().arn();
            BackupException denied = expect(BackupException.class, "AccessDeniedException", 403, null,
                    () -> backup.createBackupVault(r -> r.backupVaultName("on-foreign").encryptionKeyArn(foreign)));
            assertThat(denied.awsErrorDetails().errorMessage()).contains("kms:CreateGrant", foreign);
        }
    }

    @Test
    void accessPoliciesAreStoredAndEnforced() throws Exception {
        String[] acct = account("policies");
        BackupClient backup = backup(acct);
        backup.createBackupVault(r -> r.backupVaultName("guarded"));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.getBackupVaultAccessPolicy(r -> r.backupVaultName("guarded")));
        String noDelete = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\","
                + "\"Principal\":\"*\",\"Action\":[\"backup:DeleteBackupVault\",\"backup:DeleteRecoveryPoint\"],"
                + "\"Resource\":\"*\"}]}";
        backup.putBackupVaultAccessPolicy(r -> r.backupVaultName("guarded").policy(noDelete));
        GetBackupVaultAccessPolicyResponse got = backup.getBackupVaultAccessPolicy(r -> r.backupVaultName("guarded"));
        assertThat(new ObjectMapper().readTree(got.policy())).isEqualTo(new ObjectMapper().readTree(noDelete));
        assertThat(got.backupVaultArn()).endsWith(":backup-vault:guarded");

        // An explicit Deny in the vault policy binds the account's root too (spec 1.4).
        BackupException denied = expect(BackupException.class, "AccessDeniedException", 403, null,
                () -> backup.deleteBackupVault(r -> r.backupVaultName("guarded")));
        assertThat(denied.awsErrorDetails().errorMessage()).contains("backup:DeleteBackupVault",
                "arn:aws:backup:eu-west-1:" + acct[0] + ":backup-vault:guarded", "explicit deny");

        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.putBackupVaultAccessPolicy(r -> r.backupVaultName("guarded").policy(
                        noDelete.replace("\"backup:DeleteRecoveryPoint\"", "\"backup:Delete*\""))));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.putBackupVaultAccessPolicy(r -> r.backupVaultName("guarded").policy("{not json")));

        backup.deleteBackupVaultAccessPolicy(r -> r.backupVaultName("guarded"));
        backup.deleteBackupVault(r -> r.backupVaultName("guarded"));
    }

    @Test
    void notificationsAreStored() {
        String[] acct = account("notifications");
        BackupClient backup = backup(acct);
        backup.createBackupVault(r -> r.backupVaultName("noisy"));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.getBackupVaultNotifications(r -> r.backupVaultName("noisy")));
        String topic = "arn:aws:sns:eu-west-1:" + acct[0] + ":backup-events";
        backup.putBackupVaultNotifications(r -> r.backupVaultName("noisy").snsTopicArn(topic)
                .backupVaultEvents(BackupVaultEvent.BACKUP_JOB_FAILED, BackupVaultEvent.COPY_JOB_FAILED));
        GetBackupVaultNotificationsResponse n = backup.getBackupVaultNotifications(r -> r.backupVaultName("noisy"));
        assertThat(n.snsTopicArn()).isEqualTo(topic);
        assertThat(n.backupVaultEventsAsStrings()).containsExactly("BACKUP_JOB_FAILED", "COPY_JOB_FAILED");
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.putBackupVaultNotifications(r -> r.backupVaultName("noisy").snsTopicArn(topic)
                        .backupVaultEventsWithStrings("NOT_AN_EVENT")));
        backup.deleteBackupVaultNotifications(r -> r.backupVaultName("noisy"));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.getBackupVaultNotifications(r -> r.backupVaultName("noisy")));
    }

    // ---- Vault Lock

    @Test
    void governanceLockIsLockedAtOnceAndRemovableAtAnyTime() {
        BackupClient backup = backup(account("governance"));
        backup.createBackupVault(r -> r.backupVaultName("gov"));
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("gov").minRetentionDays(7L)
                .maxRetentionDays(30L));
        DescribeBackupVaultResponse d = backup.describeBackupVault(r -> r.backupVaultName("gov"));
        assertThat(d.locked()).isTrue();
        assertThat(d.minRetentionDays()).isEqualTo(7L);
        assertThat(d.maxRetentionDays()).isEqualTo(30L);
        assertThat(d.lockDate()).isNull();
        assertThat(backup.listBackupVaults(r -> { }).backupVaultList().get(0).locked()).isTrue();

        server.endpoint().admin().advance(Duration.ofDays(400));
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("gov").minRetentionDays(1L));
        assertThat(backup.describeBackupVault(r -> r.backupVaultName("gov")).maxRetentionDays()).isNull();
        backup.deleteBackupVaultLockConfiguration(r -> r.backupVaultName("gov"));
        DescribeBackupVaultResponse unlocked = backup.describeBackupVault(r -> r.backupVaultName("gov"));
        assertThat(unlocked.locked()).isFalse();
        assertThat(unlocked.minRetentionDays()).isNull();
    }

    @Test
    void lockParametersAreChecked() {
        BackupClient backup = backup(account("lock-params"));
        backup.createBackupVault(r -> r.backupVaultName("vv"));
        for (PutBackupVaultLockConfigurationRequest bad : List.of(
                PutBackupVaultLockConfigurationRequest.builder().backupVaultName("vv").changeableForDays(2L).build(),
                PutBackupVaultLockConfigurationRequest.builder().backupVaultName("vv").changeableForDays(36501L).build(),
                PutBackupVaultLockConfigurationRequest.builder().backupVaultName("vv").minRetentionDays(0L).build(),
                PutBackupVaultLockConfigurationRequest.builder().backupVaultName("vv").maxRetentionDays(36501L).build(),
                PutBackupVaultLockConfigurationRequest.builder().backupVaultName("vv").minRetentionDays(31L)
                        .maxRetentionDays(30L).build())) {
            expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                    () -> backup.putBackupVaultLockConfiguration(bad));
        }
        assertThat(backup.describeBackupVault(r -> r.backupVaultName("vv")).locked()).isFalse();
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("vv").changeableForDays(36500L));
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("vv").changeableForDays(3L));
    }

    @Test
    void complianceLockCoolsOffOnTheClockThenNobodyMayRemoveIt() {
        String[] owner = account("compliance");
        BackupClient backup = backup(owner);
        backup.createBackupVault(r -> r.backupVaultName("central-backup-vault"));
        Instant set = server.endpoint().admin().now();
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("central-backup-vault")
                .minRetentionDays(30L).maxRetentionDays(2555L).changeableForDays(30L));
        DescribeBackupVaultResponse d = backup.describeBackupVault(r -> r.backupVaultName("central-backup-vault"));
        assertThat(d.locked()).isTrue();
        assertThat(d.lockDate()).isEqualTo(set.plus(Duration.ofDays(30)));
        assertThat(d.minRetentionDays()).isEqualTo(30L);
        assertThat(d.maxRetentionDays()).isEqualTo(2555L);

        // In the grace time it may be replaced (the lock date is recomputed from the new call) or removed.
        server.endpoint().admin().advance(Duration.ofDays(1));
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("central-backup-vault")
                .minRetentionDays(30L).maxRetentionDays(2555L).changeableForDays(3L));
        Instant lockDate = set.plus(Duration.ofDays(4));
        assertThat(backup.describeBackupVault(r -> r.backupVaultName("central-backup-vault")).lockDate())
                .isEqualTo(lockDate);
        server.endpoint().admin().advance(Duration.ofDays(3).minusSeconds(1));
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("central-backup-vault")
                .minRetentionDays(30L).maxRetentionDays(2555L).changeableForDays(3L));
        assertThat(backup.describeBackupVault(r -> r.backupVaultName("central-backup-vault")).lockDate())
                .isEqualTo(lockDate.plus(Duration.ofDays(3)).minusSeconds(1));

        server.endpoint().admin().advance(Duration.ofDays(3));
        // The vault account's root, with a fresh key, after the lock date: refused.
        BackupClient root = backup(server.endpoint().admin().rootAccessKey(owner[0]));
        expect(InvalidRequestException.class, "InvalidRequestException", 400, "Backup vault central-backup-vault is "
                        + "locked in compliance mode and its lock date has passed: the Vault Lock configuration cannot "
                        + "be changed or deleted.",
                () -> root.deleteBackupVaultLockConfiguration(r -> r.backupVaultName("central-backup-vault")));
        expect(InvalidRequestException.class, "InvalidRequestException", 400, null,
                () -> root.putBackupVaultLockConfiguration(r -> r.backupVaultName("central-backup-vault")
                        .minRetentionDays(1L)));
        assertThat(root.describeBackupVault(r -> r.backupVaultName("central-backup-vault")).locked()).isTrue();
        // The lock keeps recovery points in; an empty locked vault can still be deleted (spec 2.4 item 6).
        root.deleteBackupVault(r -> r.backupVaultName("central-backup-vault"));
    }

    @Test
    void complianceLockRemovedInItsGraceTime() {
        BackupClient backup = backup(account("grace"));
        backup.createBackupVault(r -> r.backupVaultName("vv"));
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("vv").changeableForDays(3L));
        server.endpoint().admin().advance(Duration.ofDays(2));
        backup.deleteBackupVaultLockConfiguration(r -> r.backupVaultName("vv"));
        DescribeBackupVaultResponse d = backup.describeBackupVault(r -> r.backupVaultName("vv"));
        assertThat(d.locked()).isFalse();
        assertThat(d.lockDate()).isNull();
    }

    @Test
    void logicallyAirGappedVaultsAreLockedInComplianceMode() {
        BackupClient backup = backup(account("air-gap"));
        CreateLogicallyAirGappedBackupVaultResponse created = backup.createLogicallyAirGappedBackupVault(r -> r
                .backupVaultName("lag").minRetentionDays(7L).maxRetentionDays(365L));
        assertThat(created.vaultStateAsString()).isEqualTo("AVAILABLE");
        DescribeBackupVaultResponse d = backup.describeBackupVault(r -> r.backupVaultName("lag"));
        assertThat(d.vaultTypeAsString()).isEqualTo("LOGICALLY_AIR_GAPPED_BACKUP_VAULT");
        assertThat(d.locked()).isTrue();
        assertThat(d.minRetentionDays()).isEqualTo(7L);
        assertThat(d.maxRetentionDays()).isEqualTo(365L);
        assertThat(d.lockDate()).isEqualTo(created.creationDate());
        assertThat(d.encryptionKeyTypeAsString()).isEqualTo("AWS_OWNED_KMS_KEY");
        assertThat(d.encryptionKeyArn()).isNull();
        assertThat(backup.listBackupVaults(r -> r.byVaultType(VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT))
                .backupVaultList()).extracting(BackupVaultListMember::backupVaultName).containsExactly("lag");
        expect(InvalidRequestException.class, "InvalidRequestException", 400, null,
                () -> backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("lag").minRetentionDays(1L)));
        expect(InvalidRequestException.class, "InvalidRequestException", 400, null,
                () -> backup.deleteBackupVaultLockConfiguration(r -> r.backupVaultName("lag")));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createLogicallyAirGappedBackupVault(r -> r.backupVaultName("lag2").minRetentionDays(6L)
                        .maxRetentionDays(30L)));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createLogicallyAirGappedBackupVault(r -> r.backupVaultName("lag3").minRetentionDays(30L)
                        .maxRetentionDays(7L)));
    }

    // ---- plans

    @Test
    void planDefaultsVersionsAndScheduledRuns() {
        String[] acct = account("plans");
        BackupClient backup = backup(acct);
        CreateBackupPlanResponse created = backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName(
                        "daily-prod").rules(rule("daily").build()).advancedBackupSettings(a -> a.resourceType("EC2")
                        .backupOptions(Map.of("WindowsVSS", "enabled"))))
                .backupPlanTags(Map.of("owner", "platform")).creatorRequestId("plan-req"));
        assertThat(created.backupPlanId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(created.backupPlanArn()).isEqualTo("arn:aws:backup:eu-west-1:" + acct[0] + ":backup-plan:"
                + created.backupPlanId());
        assertThat(new String(java.util.Base64.getDecoder().decode(created.versionId()))).hasSize(36);
        assertThat(created.advancedBackupSettings()).hasSize(1);

        GetBackupPlanResponse got = backup.getBackupPlan(r -> r.backupPlanId(created.backupPlanId()));
        BackupRule daily = got.backupPlan().rules().get(0);
        assertThat(daily.scheduleExpression()).isEqualTo("cron(0 5 ? * * *)");
        assertThat(daily.scheduleExpressionTimezone()).isEqualTo("Etc/UTC");
        assertThat(daily.startWindowMinutes()).isEqualTo(480L);
        assertThat(daily.completionWindowMinutes()).isEqualTo(10080L);
        assertThat(daily.ruleId()).isNotBlank();
        assertThat(got.versionId()).isEqualTo(created.versionId());
        assertThat(got.creatorRequestId()).isEqualTo("plan-req");
        assertThat(backup.listTags(r -> r.resourceArn(created.backupPlanArn())).tags())
                .isEqualTo(Map.of("owner", "platform"));
        // The same CreatorRequestId again: the same plan, no new one.
        assertThat(backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName("daily-prod")
                .rules(rule("daily").build())).creatorRequestId("plan-req")).backupPlanId())
                .isEqualTo(created.backupPlanId());

        UpdateBackupPlanResponse updated = backup.updateBackupPlan(r -> r.backupPlanId(created.backupPlanId())
                .backupPlan(p -> p.backupPlanName("daily-prod").rules(
                        rule("daily").scheduleExpression("cron(0 2 ? * * *)").scheduleExpressionTimezone(
                                "Europe/Berlin").startWindowMinutes(60L).completionWindowMinutes(240L)
                                .lifecycle(l -> l.deleteAfterDays(35L))
                                .recoveryPointTags(Map.of("tier", "daily"))
                                .copyActions(c -> c.destinationBackupVaultArn(
                                        "arn:aws:backup:eu-west-1:999999999999:backup-vault:central-backup-vault")
                                        .lifecycle(l -> l.deleteAfterDays(2555L))).build(),
                        rule("monthly").scheduleExpression("cron(0 3 L * ? *)")
                                .lifecycle(l -> l.moveToColdStorageAfterDays(30L).deleteAfterDays(365L)).build())));
        assertThat(updated.versionId()).isNotEqualTo(created.versionId());
        GetBackupPlanResponse now = backup.getBackupPlan(r -> r.backupPlanId(created.backupPlanId())
                .maxScheduledRunsPreview(3));
        BackupRule kept = now.backupPlan().rules().get(0);
        assertThat(kept.ruleId()).isEqualTo(daily.ruleId());
        assertThat(kept.copyActions().get(0).lifecycle().deleteAfterDays()).isEqualTo(2555L);
        assertThat(kept.recoveryPointTags()).isEqualTo(Map.of("tier", "daily"));
        assertThat(now.advancedBackupSettings()).isEmpty();
        Instant clock = server.endpoint().admin().now();
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime first = clock.atZone(berlin).withHour(2).withMinute(0).withSecond(0).withNano(0);
        if (!first.toInstant().isAfter(clock)) {
            first = first.plusDays(1);
        }
        assertThat(now.scheduledRunsPreview()).hasSize(3);
        assertThat(now.scheduledRunsPreview().get(0).executionTime()).isEqualTo(first.toInstant());
        assertThat(now.scheduledRunsPreview().get(0).ruleId()).isEqualTo(daily.ruleId());
        assertThat(now.scheduledRunsPreview().get(0).ruleExecutionTypeAsString()).isEqualTo("SNAPSHOTS");
        assertThat(now.scheduledRunsPreview().get(1).executionTime()).isEqualTo(first.plusDays(1).toInstant());

        GetBackupPlanResponse old = backup.getBackupPlan(r -> r.backupPlanId(created.backupPlanId())
                .versionId(created.versionId()));
        assertThat(old.backupPlan().rules()).hasSize(1);
        assertThat(old.backupPlan().rules().get(0).scheduleExpression()).isEqualTo("cron(0 5 ? * * *)");
        assertThat(backup.listBackupPlanVersions(r -> r.backupPlanId(created.backupPlanId()))
                .backupPlanVersionsList()).extracting(BackupPlansListMember::versionId)
                .containsExactlyInAnyOrder(created.versionId(), updated.versionId());
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.getBackupPlan(r -> r.backupPlanId(created.backupPlanId()).versionId("bm90LWEtdmVyc2lvbg==")));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.getBackupPlan(r -> r.backupPlanId(created.backupPlanId()).maxScheduledRunsPreview(11)));

        DeleteBackupPlanResponse deleted = backup.deleteBackupPlan(r -> r.backupPlanId(created.backupPlanId()));
        assertThat(deleted.deletionDate()).isNotNull();
        assertThat(deleted.versionId()).isEqualTo(updated.versionId());
        assertThat(backup.listBackupPlans(r -> { }).backupPlansList()).isEmpty();
        assertThat(backup.listBackupPlans(r -> r.includeDeleted(true)).backupPlansList())
                .extracting(BackupPlansListMember::deletionDate).containsExactly(deleted.deletionDate());
        assertThat(backup.getBackupPlan(r -> r.backupPlanId(created.backupPlanId())).deletionDate())
                .isEqualTo(deleted.deletionDate());
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.updateBackupPlan(r -> r.backupPlanId(created.backupPlanId())
                        .backupPlan(p -> p.backupPlanName("daily-prod").rules(rule("daily").build()))));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.deleteBackupPlan(r -> r.backupPlanId(created.backupPlanId())));
        // The name is free again once the plan is deleted.
        plan(backup, "daily-prod", rule("daily"));
    }

    @Test
    void planValidation() {
        BackupClient backup = backup(account("plan-errors"));
        String cronPrefix = "Error in rule daily : Invalid schedule expression ";
        Map<String, BackupRuleInput.Builder> invalid = new java.util.LinkedHashMap<>();
        invalid.put(cronPrefix + "rate(1 day). Rate expressions are not supported; use a cron expression.",
                rule("daily").scheduleExpression("rate(1 day)"));
        invalid.put(null, rule("daily").scheduleExpression("cron(0 5 * * *)"));
        invalid.put(cronPrefix + "cron(0 5 * * * *). Exactly one of Day-of-month and Day-of-week must be '?'.",
                rule("daily").scheduleExpression("cron(0 5 * * * *)"));
        invalid.put(cronPrefix + "cron(0 5 ? * ? *). Exactly one of Day-of-month and Day-of-week must be '?'.",
                rule("daily").scheduleExpression("cron(0 5 ? * ? *)"));
        invalid.put(cronPrefix + "cron(0/15 * ? * * *). Backups can be scheduled at most once an hour",
                rule("daily").scheduleExpression("cron(0/15 * ? * * *)"));
        invalid.put("Error in rule daily : Invalid ScheduleExpressionTimezone Mars/Olympus",
                rule("daily").scheduleExpressionTimezone("Mars/Olympus"));
        invalid.put("Error in rule daily : StartWindowMinutes must be between 60 and 52560000 minutes",
                rule("daily").startWindowMinutes(30L));
        invalid.put("Error in rule daily : CompletionWindowMinutes must be between 60 and 52560000 minutes",
                rule("daily").completionWindowMinutes(59L));
        invalid.put("Error in rule daily : Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart "
                + "from MoveToColdStorageAfterDays", rule("daily").lifecycle(l -> l.moveToColdStorageAfterDays(10L)
                .deleteAfterDays(20L)));
        invalid.put("Error in rule daily : Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than "
                + "36500 days", rule("daily").lifecycle(l -> l.deleteAfterDays(36501L)));
        invalid.put("Error in rule daily : Lifecycle must be specified for backup rule enabled continuous backup",
                rule("daily").enableContinuousBackup(true));
        invalid.put("Error in rule daily : Invalid lifecycle. MoveToColdStorageAfterDays is unavailable",
                rule("daily").enableContinuousBackup(true).lifecycle(l -> l.moveToColdStorageAfterDays(1L)
                        .deleteAfterDays(100L)));
        invalid.put("Error in rule daily : Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than "
                + "36500 days", rule("daily").enableContinuousBackup(true).lifecycle(l -> l.deleteAfterDays(36L)));
        invalid.put(null, rule("bad rule"));
        invalid.put(null, rule("daily").targetBackupVaultName("bad.vault"));
        invalid.put(null, rule("daily").copyActions(c -> c.destinationBackupVaultArn("central")));
        invalid.put(null, rule("daily").copyActions(c -> c.destinationBackupVaultArn(
                "arn:aws:backup:eu-west-1:999999999999:backup-vault:central").lifecycle(l -> l
                .moveToColdStorageAfterDays(30L).deleteAfterDays(60L))));
        invalid.forEach((message, rule) -> expect(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, message, () -> plan(backup, "p", rule)));

        // Exactly 90 days apart, a copy kept forever (-1), continuous with 35 days: accepted.
        plan(backup, "edge", rule("cold").lifecycle(l -> l.moveToColdStorageAfterDays(10L).deleteAfterDays(100L))
                        .copyActions(c -> c.destinationBackupVaultArn("arn:aws:backup:eu-west-1:999999999999:"
                                + "backup-vault:central").lifecycle(l -> l.deleteAfterDays(-1L))),
                rule("pitr").enableContinuousBackup(true).lifecycle(l -> l.deleteAfterDays(35L)));
        expect(AlreadyExistsException.class, "AlreadyExistsException", 400, null,
                () -> plan(backup, "edge", rule("daily")));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> plan(backup, "twice", rule("daily"), rule("daily")));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> plan(backup, "a".repeat(201), rule("daily")));
        expect(LimitExceededException.class, "LimitExceededException", 400, null,
                () -> plan(backup, "eleven", java.util.stream.IntStream.range(0, 11)
                        .mapToObj(i -> rule("r" + i)).toArray(BackupRuleInput.Builder[]::new)));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName("adv").rules(rule("d").build())
                        .advancedBackupSettings(a -> a.resourceType("EC2").backupOptions(Map.of("WindowsVSS", "on"))))));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.getBackupPlan(r -> r.backupPlanId("00000000-0000-0000-0000-000000000000")));
    }

    @Test
    void ruleErrorsCarryAwsInternalCodeAndTheExceptionNameInTheHeader() throws Exception {
        String[] acct = account("envelope");
        var identity = RawRequests.identity(acct[1], acct[2], null);
        RawRequests raw = new RawRequests();
        RawRequests.Answer answer = raw.send(RawRequests.rest(server.endpoint().uri(), "backup", "PUT",
                "/backup/plans/", identity, "{\"BackupPlan\":{\"BackupPlanName\":\"p\",\"Rules\":[{\"RuleName\":"
                        + "\"daily\",\"TargetBackupVaultName\":\"vv\",\"Lifecycle\":{\"MoveToColdStorageAfterDays\":10,"
                        + "\"DeleteAfterDays\":20}}]}}", Clock.systemUTC()));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("x-amzn-ErrorType")).startsWith("InvalidParameterValueException");
        JsonNode body = new ObjectMapper().readTree(answer.body());
        assertThat(body.path("Code").asText()).as(answer.body()).isEqualTo("ERROR_3015");
        assertThat(new ObjectMapper().readTree(body.get("Context").asText()).get(0).asText()).isEqualTo("daily");

        RawRequests.Answer missing = raw.send(RawRequests.rest(server.endpoint().uri(), "backup", "PUT",
                "/backup/plans/", identity, "{}", Clock.systemUTC()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("x-amzn-ErrorType")).startsWith("MissingParameterValueException");
        for (String path : List.of("/copy-jobs", "/restore-jobs")) {
            RawRequests.Answer noPoint = raw.send(RawRequests.rest(server.endpoint().uri(), "backup", "PUT", path,
                    identity, "{}", Clock.systemUTC()));
            assertThat(noPoint.status()).as(path).isEqualTo(400);
            assertThat(noPoint.header("x-amzn-ErrorType")).as(path).startsWith("MissingParameterValueException");
        }
    }

    @Test
    void templates() {
        BackupClient backup = backup(account("templates"));
        List<BackupPlanTemplatesListMember> templates = backup.listBackupPlanTemplates(r -> { })
                .backupPlanTemplatesList();
        assertThat(templates).extracting(BackupPlanTemplatesListMember::backupPlanTemplateName)
                .contains("Daily-35day-Retention", "Daily-Monthly-1yr-Retention");
        String id = templates.stream().filter(t -> t.backupPlanTemplateName().equals("Daily-Monthly-1yr-Retention"))
                .findFirst().orElseThrow().backupPlanTemplateId();
        BackupPlan doc = backup.getBackupPlanFromTemplate(r -> r.backupPlanTemplateId(id)).backupPlanDocument();
        assertThat(doc.rules()).extracting(BackupRule::ruleName).containsExactly("DailyBackups", "Monthly");
        assertThat(doc.rules().get(1).lifecycle().deleteAfterDays()).isEqualTo(365L);
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.getBackupPlanFromTemplate(r -> r.backupPlanTemplateId("nope")));
    }

    @Test
    void planExportedAsTemplateAndReadBackFromJson() throws Exception {
        BackupClient backup = backup(account("plan-json"));
        CreateBackupPlanResponse created = plan(backup, "daily-prod", rule("daily")
                .scheduleExpression("cron(0 2 ? * * *)").scheduleExpressionTimezone("Europe/Berlin")
                .startWindowMinutes(60L).lifecycle(l -> l.deleteAfterDays(35L))
                .recoveryPointTags(Map.of("tier", "daily"))
                .copyActions(c -> c.destinationBackupVaultArn(
                        "arn:aws:backup:eu-west-1:999999999999:backup-vault:central-backup-vault")
                        .lifecycle(l -> l.deleteAfterDays(2555L))));
        BackupPlan stored = backup.getBackupPlan(r -> r.backupPlanId(created.backupPlanId())).backupPlan();

        String template = backup.exportBackupPlanTemplate(r -> r.backupPlanId(created.backupPlanId()))
                .backupPlanTemplateJson();
        JsonNode json = new ObjectMapper().readTree(template);
        assertThat(json.get("BackupPlanName").asText()).isEqualTo("daily-prod");
        assertThat(json.get("Rules").get(0).get("ScheduleExpression").asText()).isEqualTo("cron(0 2 ? * * *)");
        assertThat(json.get("Rules").get(0).has("RuleId")).isFalse();

        // Read back: the same plan as the stored one, but for the rule ids a saved plan gives its rules.
        BackupPlan fromJson = backup.getBackupPlanFromJSON(r -> r.backupPlanTemplateJson(template)).backupPlan();
        assertThat(fromJson.rules().get(0).ruleId()).isNull();
        assertThat(fromJson).isEqualTo(stored.toBuilder().rules(stored.rules().stream()
                .map(rule -> rule.toBuilder().ruleId(null).build()).toList()).build());
        // A hand-written document gets CreateBackupPlan's defaults; the account's plans are unchanged.
        BackupPlan written = backup.getBackupPlanFromJSON(r -> r.backupPlanTemplateJson(
                "{\"BackupPlanName\":\"weekly\",\"Rules\":[{\"RuleName\":\"weekly\","
                        + "\"TargetBackupVaultName\":\"local-prod-vault\"}]}")).backupPlan();
        assertThat(written.rules().get(0).scheduleExpression()).isEqualTo("cron(0 5 ? * * *)");
        assertThat(written.rules().get(0).scheduleExpressionTimezone()).isEqualTo("Etc/UTC");
        assertThat(backup.listBackupPlans(r -> { }).backupPlansList()).hasSize(1);

        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                "Error in rule weekly : Invalid schedule expression rate(7 days). Rate expressions are not "
                        + "supported; use a cron expression.",
                () -> backup.getBackupPlanFromJSON(r -> r.backupPlanTemplateJson(
                        "{\"BackupPlanName\":\"weekly\",\"Rules\":[{\"RuleName\":\"weekly\","
                                + "\"TargetBackupVaultName\":\"vault\",\"ScheduleExpression\":\"rate(7 days)\"}]}")));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                "Invalid backup plan template JSON: the template is not a JSON object.",
                () -> backup.getBackupPlanFromJSON(r -> r.backupPlanTemplateJson("{not json")));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.getBackupPlanFromJSON(r -> r.backupPlanTemplateJson("{\"Rules\":\"daily\"}")));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.exportBackupPlanTemplate(r -> r.backupPlanId("00000000-0000-0000-0000-000000000000")));
    }

    // ---- selections

    @Test
    void selectionsWithTheirRoleChecksAndPlanDeletion() {
        String[] acct = account("selections");
        BackupClient backup = backup(acct);
        String plan = plan(backup, "daily-prod", rule("daily")).backupPlanId();
        String role;
        String ec2Role;
        try (IamClient iam = server.endpoint().client(IamClient.builder(), credentials(acct))) {
            role = iam.createRole(r -> r.roleName("AWSBackupDefaultServiceRole").path("/service-role/")
                    .assumeRolePolicyDocument(BACKUP_TRUST)).role().arn();
            ec2Role = iam.createRole(r -> r.roleName("Ec2Role").assumeRolePolicyDocument(
                    BACKUP_TRUST.replace("backup.amazonaws.com", "ec2.amazonaws.com"))).role().arn();
        }
        CreateBackupSelectionResponse created = backup.createBackupSelection(r -> r.backupPlanId(plan)
                .creatorRequestId("sel-req").backupSelection(s -> s.selectionName("daily-prod-resources")
                        .iamRoleArn(role).resources("*").notResources("arn:aws:dynamodb:*:*:table/scratch")
                        .listOfTags(Condition.builder().conditionType(ConditionType.STRINGEQUALS)
                                .conditionKey("Backup").conditionValue("daily-prod").build())
                        .conditions(c -> c.stringNotEquals(ConditionParameter.builder()
                                .conditionKey("aws:ResourceTag/stage").conditionValue("test").build()))));
        assertThat(created.backupPlanId()).isEqualTo(plan);
        GetBackupSelectionResponse got = backup.getBackupSelection(r -> r.backupPlanId(plan)
                .selectionId(created.selectionId()));
        assertThat(got.backupSelection().iamRoleArn()).isEqualTo(role);
        assertThat(got.backupSelection().resources()).containsExactly("*");
        assertThat(got.backupSelection().notResources()).containsExactly("arn:aws:dynamodb:*:*:table/scratch");
        assertThat(got.backupSelection().listOfTags().get(0).conditionValue()).isEqualTo("daily-prod");
        assertThat(got.backupSelection().conditions().stringNotEquals().get(0).conditionKey())
                .isEqualTo("aws:ResourceTag/stage");
        assertThat(got.creatorRequestId()).isEqualTo("sel-req");
        assertThat(backup.listBackupSelections(r -> r.backupPlanId(plan)).backupSelectionsList())
                .extracting(BackupSelectionsListMember::selectionName).containsExactly("daily-prod-resources");

        expect(AlreadyExistsException.class, "AlreadyExistsException", 400, null,
                () -> backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                        .selectionName("daily-prod-resources").iamRoleArn(role).resources("*"))));
        String missingRole = "arn:aws:iam::" + acct[0] + ":role/NoSuchRole";
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                "IAM role " + missingRole + " does not exist.",
                () -> backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                        .selectionName("s2").iamRoleArn(missingRole).resources("*"))));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                "IAM role " + ec2Role + " cannot be assumed by AWS Backup: its trust policy does not allow "
                        + "backup.amazonaws.com to call sts:AssumeRole.",
                () -> backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                        .selectionName("s2").iamRoleArn(ec2Role).resources("*"))));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                        .selectionName("s2").iamRoleArn(role).resources("not-an-arn"))));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                        .selectionName("s2").iamRoleArn(role).resources("*").conditions(c -> c.stringEquals(
                                ConditionParameter.builder().conditionKey("Backup").conditionValue("x").build())))));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                        .selectionName("bad name").iamRoleArn(role).resources("*"))));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.createBackupSelection(r -> r.backupPlanId("00000000-0000-0000-0000-000000000000")
                        .backupSelection(s -> s.selectionName("s3").iamRoleArn(role).resources("*"))));

        expect(InvalidRequestException.class, "InvalidRequestException", 400,
                "Related backup plan selections must be deleted prior to backup plan deletion",
                () -> backup.deleteBackupPlan(r -> r.backupPlanId(plan)));
        backup.deleteBackupSelection(r -> r.backupPlanId(plan).selectionId(created.selectionId()));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> backup.getBackupSelection(r -> r.backupPlanId(plan).selectionId(created.selectionId())));
        backup.deleteBackupPlan(r -> r.backupPlanId(plan));
    }

    @Test
    void creatingASelectionNeedsPassRoleForItsRole() {
        String[] acct = account("pass-role");
        BackupClient root = backup(acct);
        String plan = plan(root, "p", rule("daily")).backupPlanId();
        String operatorPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"backup:*\",\"Resource\":\"*\"}]}";
        String role;
        AwsBasicCredentials operator;
        try (IamClient iam = server.endpoint().client(IamClient.builder(), credentials(acct))) {
            role = iam.createRole(r -> r.roleName("BackupRole").assumeRolePolicyDocument(BACKUP_TRUST)).role().arn();
            iam.createUser(r -> r.userName("operator"));
            iam.putUserPolicy(r -> r.userName("operator").policyName("backup").policyDocument(operatorPolicy));
            var key = iam.createAccessKey(r -> r.userName("operator")).accessKey();
            operator = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            try (BackupClient backup = server.endpoint().client(BackupClient.builder(), operator)) {
                BackupException denied = expect(BackupException.class, "AccessDeniedException", 403, null,
                        () -> backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                                .selectionName("s").iamRoleArn(role).resources("*"))));
                assertThat(denied.awsErrorDetails().errorMessage()).contains("iam:PassRole", role);
                iam.putUserPolicy(r -> r.userName("operator").policyName("pass").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\","
                                + "\"Resource\":\"" + role + "\",\"Condition\":{\"StringEquals\":"
                                + "{\"iam:PassedToService\":\"backup.amazonaws.com\"}}}]}"));
                assertThat(backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                        .selectionName("s").iamRoleArn(role).resources("*"))).selectionId()).isNotBlank();
            }
        }
    }

    @Test
    void whatASelectionPicksNowAndWhyAResourceIsOrIsNotProtected() {
        String[] acct = account("estate");
        BackupClient backup = backup(acct);
        try (DynamoDbClient dynamo = server.endpoint().client(DynamoDbClient.builder(), credentials(acct));
             IamClient iam = server.endpoint().client(IamClient.builder(), credentials(acct))) {
            Map<String, Map<String, String>> tables = Map.of("orders", Map.of("Backup", "daily-prod", "stage", "prod"),
                    "scratch", Map.of("Backup", "daily-prod", "stage", "test"), "untagged", Map.of());
            tables.forEach((name, tags) -> dynamo.createTable(r -> r.tableName(name)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.dynamodb.model.Tag.builder()
                            .key(e.getKey()).value(e.getValue()).build()).toList())));
            String role = iam.createRole(r -> r.roleName("BackupRole").assumeRolePolicyDocument(BACKUP_TRUST))
                    .role().arn();
            String plan = plan(backup, "daily-prod", rule("daily")).backupPlanId();
            ConditionParameter notTest = ConditionParameter.builder().conditionKey("aws:ResourceTag/stage")
                    .conditionValue("test").build();
            String byTag = backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                    .selectionName("by-tag").iamRoleArn(role).listOfTags(Condition.builder()
                            .conditionType(ConditionType.STRINGEQUALS).conditionKey("Backup")
                            .conditionValue("daily-prod").build())
                    .conditions(c -> c.stringNotEquals(notTest)))).selectionId();
            String everything = backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s
                    .selectionName("all-but-test").iamRoleArn(role).resources("*")
                    .conditions(c -> c.stringNotEquals(notTest)))).selectionId();
            String prefix = "arn:aws:dynamodb:eu-west-1:" + acct[0] + ":table/";
            assertThat(picked(acct[0], plan, byTag)).containsExactly(prefix + "orders");
            assertThat(picked(acct[0], plan, everything)).containsExactly(prefix + "orders", prefix + "untagged");

            var why = server.endpoint().admin().get("backup/protection?account=" + acct[0] + "&resource="
                    + prefix + "scratch");
            assertThat(why.status()).isEqualTo(200);
            assertThat(why.body().get("protected").asBoolean()).isFalse();
            assertThat(why.body().at("/selections/0/reason").asText()).contains("StringNotEquals aws:ResourceTag/stage=test");
            assertThat(server.endpoint().admin().get("backup/protection?account=" + acct[0] + "&resource="
                    + prefix + "orders").body().get("protected").asBoolean()).isTrue();
        }
    }

    static List<String> picked(String account, String plan, String selection) {
        var answer = server.endpoint().admin().get("backup/selections/" + plan + "/" + selection
                + "/resources?account=" + account);
        assertThat(answer.status()).isEqualTo(200);
        List<String> arns = new java.util.ArrayList<>();
        answer.body().get("resources").forEach(n -> arns.add(n.asText()));
        return arns;
    }

    // ---- Region settings

    @Test
    void regionSettings() {
        BackupClient backup = backup(account("settings"));
        DescribeRegionSettingsResponse d = backup.describeRegionSettings(r -> { });
        assertThat(d.resourceTypeOptInPreference()).containsEntry("DynamoDB", true).containsEntry("S3", false)
                .containsKeys("EBS", "EC2", "EFS", "RDS", "Aurora");
        assertThat(d.resourceTypeManagementPreference()).isEqualTo(Map.of("DynamoDB", false, "EFS", true));
        backup.updateRegionSettings(r -> r.resourceTypeOptInPreference(Map.of("S3", true))
                .resourceTypeManagementPreference(Map.of("DynamoDB", true)));
        DescribeRegionSettingsResponse after = backup.describeRegionSettings(r -> { });
        assertThat(after.resourceTypeOptInPreference()).containsEntry("S3", true).containsEntry("EBS", true);
        assertThat(after.resourceTypeManagementPreference()).containsEntry("DynamoDB", true);
        assertThat(backup.getSupportedResourceTypes(r -> { }).resourceTypes()).contains("Aurora", "DynamoDB", "EBS",
                "EC2", "EFS", "RDS", "S3", "SAP HANA on Amazon EC2", "Storage Gateway", "VirtualMachine").hasSize(17);
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> backup.updateRegionSettings(r -> r.resourceTypeOptInPreference(Map.of("Floppy", true))));
    }
}
