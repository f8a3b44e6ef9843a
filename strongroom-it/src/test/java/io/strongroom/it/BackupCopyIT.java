package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.SeedOrganization;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.*;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Cross-account copies through the SDK v2 in an organization laid out as the seed's rollout: a member account backs
 * a DynamoDB table up into its local vault and copies the point into the central vault of a backup account (access
 * policy "source accounts may copy in, nobody but BackupAdminRole may delete", COMPLIANCE Vault Lock 30-2555 days).
 * The copy is the backup account's, re-encrypted under the central vault's key, keeps the source's creation date,
 * cannot be deleted by the member or, under the lock, by BackupAdminRole, and restores the table's data in the backup
 * account. Each unmet prerequisite of a cross-account copy fails the job with a message naming it.
 */
class BackupCopyIT {
    static final String REGION = "eu-west-1";
    static TestServer server;
    static Endpoint endpoint;
    static String organizationId;
    static String backupAccount;
    static AwsCredentials backupRoot;
    static String member;
    static AwsCredentials memberRoot;
    static String[] outsider;
    static String memberRole;
    static String backupRestoreRole;
    static String centralVaultArn;
    static String centralKeyArn;
    static String sourcePointArn;
    static List<Map<String, AttributeValue>> original;

    @BeforeAll
    static void organization() {
        server = TestServer.start();
        endpoint = server.endpoint();
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            organizationId = org.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)).organization()
                    .id();
            backupAccount = newAccount(org, "backup");
            member = newAccount(org, "payments");
        }
        backupRoot = rootOf(backupAccount);
        memberRoot = rootOf(member);
        outsider = endpoint.admin().createAccount("outsider");
        try (BackupClient management = endpoint.client(BackupClient.builder())) {
            management.updateGlobalSettings(r -> r.globalSettings(Map.of("isCrossAccountBackupEnabled", "true")));
        }
        centralVault();
        memberBackup();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String newAccount(OrganizationsClient org, String name) {
        String request = org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                .createAccountStatus().id();
        return org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                .accountId();
    }

    static AwsCredentials rootOf(String account) {
        String[] key = endpoint.admin().rootAccessKey(account);
        return AwsBasicCredentials.create(key[1], key[2]);
    }

    static BackupClient backup(AwsCredentials credentials) {
        return endpoint.client(BackupClient.builder(), credentials);
    }

    /** AWS Backup's default service role with the backup and restore policies, in the account of {@code root}. */
    static String serviceRole(AwsCredentials root) {
        try (IamClient iam = endpoint.client(IamClient.builder(), root)) {
            String arn = iam.createRole(r -> r.roleName("AWSBackupDefaultServiceRole").path("/service-role/")
                    .assumeRolePolicyDocument(BackupIT.BACKUP_TRUST)).role().arn();
            for (String policy : List.of("AWSBackupServiceRolePolicyForBackup",
                    "AWSBackupServiceRolePolicyForRestores")) {
                iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                        .policyArn("arn:aws:iam::aws:policy/service-role/" + policy));
            }
            return arn;
        }
    }

    /** The seed's central vault policy: the organization may copy in; only BackupAdminRole may delete or rewrite. */
    static String centralPolicy() {
        return SeedOrganization.centralVaultPolicy(organizationId, backupAccount);
    }

    static void centralVault() {
        try (KmsClient kms = endpoint.client(KmsClient.builder(), backupRoot)) {
            centralKeyArn = kms.createKey(r -> r.description("central backup vault")).keyMetadata().arn();
        }
        try (BackupClient backup = backup(backupRoot)) {
            centralVaultArn = backup.createBackupVault(r -> r.backupVaultName("central-backup-vault")
                    .encryptionKeyArn(centralKeyArn)).backupVaultArn();
            backup.putBackupVaultAccessPolicy(r -> r.backupVaultName("central-backup-vault").policy(centralPolicy()));
            backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("central-backup-vault")
                    .minRetentionDays(30L).maxRetentionDays(2555L).changeableForDays(3L));
            backup.createBackupVault(r -> r.backupVaultName("closed-vault"));
        }
        backupRestoreRole = serviceRole(backupRoot);
        try (IamClient iam = endpoint.client(IamClient.builder(), backupRoot)) {
            iam.createRole(r -> r.roleName("BackupAdminRole").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + backupAccount
                    + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
            iam.putRolePolicy(r -> r.roleName("BackupAdminRole").policyName("backup-admin").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"backup:*\","
                            + "\"Resource\":\"*\"}]}"));
        }
    }

    static void memberBackup() {
        memberRole = serviceRole(memberRoot);
        try (BackupClient backup = backup(memberRoot);
             DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), memberRoot)) {
            backup.createBackupVault(r -> r.backupVaultName("local-prod-vault"));
            String tableArn = ddb.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                    .tableDescription().tableArn();
            for (int i = 0; i < 12; i++) {
                Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("entry-" + i),
                        "amount", AttributeValue.fromN(String.valueOf(i * 10)));
                ddb.putItem(r -> r.tableName("ledger").item(item));
            }
            original = BackupJobsIT.scan(ddb, "ledger");
            String jobId = backup.startBackupJob(r -> r.backupVaultName("local-prod-vault").resourceArn(tableArn)
                    .iamRoleArn(memberRole).lifecycle(l -> l.deleteAfterDays(35L))).backupJobId();
            endpoint.admin().advance(Duration.ofHours(1));
            DescribeBackupJobResponse done = backup.describeBackupJob(r -> r.backupJobId(jobId));
            assertThat(done.stateAsString()).as(done.statusMessage()).isEqualTo("COMPLETED");
            sourcePointArn = done.recoveryPointArn();
        }
    }

    /** Starts a copy of the member's point, lets the clock run and returns the job as DescribeCopyJob shows it. */
    static CopyJob copy(String destinationVaultArn, Consumer<software.amazon.awssdk.services.backup.model.Lifecycle
            .Builder> lifecycle) {
        try (BackupClient backup = backup(memberRoot)) {
            String jobId = backup.startCopyJob(r -> r.recoveryPointArn(sourcePointArn)
                    .sourceBackupVaultName("local-prod-vault").destinationBackupVaultArn(destinationVaultArn)
                    .iamRoleArn(memberRole).lifecycle(lifecycle)).copyJobId();
            endpoint.admin().advance(Duration.ofHours(1));
            return backup.describeCopyJob(r -> r.copyJobId(jobId)).copyJob();
        }
    }

    /** BackupAdminRole's session, assumed by an operator user of the backup account (root may not assume roles). */
    static AwsCredentials backupAdmin() {
        AwsCredentials operator;
        try (IamClient iam = endpoint.client(IamClient.builder(), backupRoot)) {
            iam.createUser(r -> r.userName("operator"));
            iam.putUserPolicy(r -> r.userName("operator").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                            + "\"Resource\":\"*\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("operator")).accessKey();
            operator = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        try (StsClient sts = endpoint.client(StsClient.builder(), operator)) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + backupAccount + ":role/BackupAdminRole")
                    .roleSessionName("ceremony")).credentials();
            return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        }
    }

    @Test
    void aMemberCopiesIntoTheLockedCentralVaultWhereTheCopyOutlivesEveryDeleteAndRestores() {
        CopyJob job = copy(centralVaultArn, l -> l.deleteAfterDays(2555L));

        assertThat(job.stateAsString()).as(job.statusMessage()).isEqualTo("COMPLETED");
        assertThat(job.messageCategory()).isEqualTo("SUCCESS");
        assertThat(job.accountId()).isEqualTo(member);
        assertThat(job.sourceRecoveryPointArn()).isEqualTo(sourcePointArn);
        assertThat(job.destinationVaultLockState()).isEqualTo("LOCKED");
        assertThat(job.destinationEncryptionKeyArn()).isEqualTo(centralKeyArn);
        assertThat(job.backupSizeInBytes()).isPositive();
        String copyArn = job.destinationRecoveryPointArn();
        assertThat(copyArn).startsWith("arn:aws:dynamodb:" + REGION + ":" + backupAccount + ":table/ledger/backup/");

        String localVaultArn;
        DescribeRecoveryPointResponse source;
        try (BackupClient backup = backup(memberRoot)) {
            localVaultArn = backup.describeBackupVault(r -> r.backupVaultName("local-prod-vault")).backupVaultArn();
            source = backup.describeRecoveryPoint(r -> r.backupVaultName("local-prod-vault")
                    .recoveryPointArn(sourcePointArn));
            List<CopyJob> listed = backup.listCopyJobs(r -> r.byDestinationVaultArn(centralVaultArn)
                    .bySourceRecoveryPointArn(sourcePointArn).byState(CopyJobState.COMPLETED)).copyJobs();
            assertThat(listed).extracting(CopyJob::copyJobId).contains(job.copyJobId());
            assertThat(listed).allSatisfy(j -> assertThat(j.destinationBackupVaultArn()).isEqualTo(centralVaultArn))
                    .allSatisfy(j -> assertThat(j.stateAsString()).isEqualTo("COMPLETED"));
            assertThat(backup.listCopyJobs(r -> r.byDestinationVaultArn(localVaultArn)).copyJobs()).isEmpty();
            BackupException denied = catchThrowableOfType(BackupException.class, () -> backup
                    .deleteRecoveryPoint(r -> r.backupVaultName("central-backup-vault").recoveryPointArn(copyArn)));
            assertThat(denied).as("the member may not delete the central copy").isNotNull();
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        }
        try (BackupClient management = endpoint.client(BackupClient.builder())) {
            assertThat(management.listCopyJobs(r -> r.byAccountId(member)).copyJobs())
                    .extracting(CopyJob::copyJobId).contains(job.copyJobId());
            assertThat(management.describeCopyJob(r -> r.copyJobId(job.copyJobId())).copyJob().stateAsString())
                    .isEqualTo("COMPLETED");
        }

        try (BackupClient backup = backup(backupRoot)) {
            List<RecoveryPointByBackupVault> central = backup.listRecoveryPointsByBackupVault(r -> r
                    .backupVaultName("central-backup-vault")).recoveryPoints();
            RecoveryPointByBackupVault copy = central.stream().filter(p -> p.recoveryPointArn().equals(copyArn))
                    .findFirst().orElseThrow();
            assertThat(copy.sourceBackupVaultArn()).isEqualTo(localVaultArn);
            assertThat(copy.encryptionKeyArn()).isEqualTo(centralKeyArn).isNotEqualTo(source.encryptionKeyArn());
            assertThat(copy.creationDate()).isEqualTo(source.creationDate());
            assertThat(copy.statusAsString()).isEqualTo("COMPLETED");
            // the copy's point takes its size from its job when it completes (D87)
            assertThat(copy.backupSizeInBytes()).isEqualTo(job.backupSizeInBytes())
                    .isEqualTo(source.backupSizeInBytes());
            assertThat(copy.calculatedLifecycle().deleteAt()).isEqualTo(source.creationDate()
                    .plus(Duration.ofDays(2555)));

            Map<String, String> restoreWith = new HashMap<>(backup.getRecoveryPointRestoreMetadata(r -> r
                    .backupVaultName("central-backup-vault").recoveryPointArn(copyArn)).restoreMetadata());
            restoreWith.put("targetTableName", "ledger-recovered");
            String restoreId = backup.startRestoreJob(r -> r.recoveryPointArn(copyArn).iamRoleArn(backupRestoreRole)
                    .metadata(restoreWith)).restoreJobId();
            endpoint.admin().advance(Duration.ofHours(1));
            DescribeRestoreJobResponse restored = backup.describeRestoreJob(r -> r.restoreJobId(restoreId));
            assertThat(restored.statusAsString()).as(restored.statusMessage()).isEqualTo("COMPLETED");
            assertThat(restored.createdResourceArn()).isEqualTo("arn:aws:dynamodb:" + REGION + ":" + backupAccount
                    + ":table/ledger-recovered");
        }
        try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), backupRoot)) {
            assertThat(BackupJobsIT.scan(ddb, "ledger-recovered")).isEqualTo(original);
        }

        try (BackupClient admin = backup(backupAdmin())) {
            InvalidRequestException locked = catchThrowableOfType(InvalidRequestException.class, () -> admin
                    .deleteRecoveryPoint(r -> r.backupVaultName("central-backup-vault").recoveryPointArn(copyArn)));
            assertThat(locked).as("BackupAdminRole passes the vault policy but not the Vault Lock").isNotNull();
            assertThat(locked.getMessage()).contains("locked");
            assertThat(catchThrowableOfType(InvalidRequestException.class, () -> admin.updateRecoveryPointLifecycle(
                    r -> r.backupVaultName("central-backup-vault").recoveryPointArn(copyArn)
                            .lifecycle(l -> l.deleteAfterDays(31L))))).isNotNull();
            assertThat(admin.describeRecoveryPoint(r -> r.backupVaultName("central-backup-vault")
                    .recoveryPointArn(copyArn)).statusAsString()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void theManagementAccountSeesEveryMembersBackupJobsAndMembersOnlyTheirOwn() {
        String sourceJob;
        try (BackupClient backup = backup(memberRoot)) {
            sourceJob = backup.listBackupJobs(r -> r.byResourceType("DynamoDB")).backupJobs().get(0).backupJobId();
            // A member asking for another account's jobs sees none of them.
            assertThat(backup.listBackupJobs(r -> r.byAccountId("*")).backupJobs())
                    .extracting(BackupJob::accountId).containsOnly(member);
            assertThat(backup.listBackupJobs(r -> r.byAccountId(backupAccount)).backupJobs()).isEmpty();
        }
        try (BackupClient management = endpoint.client(BackupClient.builder())) {
            assertThat(management.listBackupJobs(r -> r.byAccountId("*")).backupJobs())
                    .extracting(BackupJob::backupJobId).contains(sourceJob);
            assertThat(management.listBackupJobs(r -> r.byAccountId(member)).backupJobs())
                    .extracting(BackupJob::accountId).containsOnly(member);
            assertThat(management.listBackupJobs(r -> r.byAccountId(outsider[0])).backupJobs())
                    .as("an account outside the organization stays private").isEmpty();
            assertThat(management.listBackupJobs(r -> r.byAccountId(null)).backupJobs())
                    .as("without ByAccountId, the management account's own jobs only")
                    .extracting(BackupJob::accountId).doesNotContain(member);
            assertThat(management.describeBackupJob(r -> r.backupJobId(sourceJob)).accountId()).isEqualTo(member);
        }
    }

    /**
     * Cross-account monitoring by AWS Backup's delegated administrator (decision D60): the backup account, once the
     * management account registers it with Organizations for backup.amazonaws.com, lists and describes the member's
     * backup, copy and restore jobs with ByAccountId ("*" and the member's id) as the management account does; before
     * the registration and after its removal it sees its own jobs only, like any member.
     */
    @Test
    void awsBackupsDelegatedAdministratorMonitorsTheOrganizationsJobsUntilDeregistered() {
        String backupJob;
        String copyJob;
        String restoreJob;
        java.time.Instant before;
        try (BackupClient backup = backup(memberRoot)) {
            backupJob = backup.listBackupJobs(r -> r.byResourceType("DynamoDB")).backupJobs().get(0).backupJobId();
            String copies = backup.createBackupVault(r -> r.backupVaultName("monitored-copies")).backupVaultArn();
            before = backup.describeRecoveryPoint(r -> r.backupVaultName("local-prod-vault")
                    .recoveryPointArn(sourcePointArn)).creationDate();
            copyJob = copy(copies, l -> l.deleteAfterDays(35L)).copyJobId();
            Map<String, String> restoreWith = new HashMap<>(backup.getRecoveryPointRestoreMetadata(r -> r
                    .backupVaultName("local-prod-vault").recoveryPointArn(sourcePointArn)).restoreMetadata());
            restoreWith.put("targetTableName", "ledger-monitored");
            restoreJob = backup.startRestoreJob(r -> r.recoveryPointArn(sourcePointArn).iamRoleArn(memberRole)
                    .metadata(restoreWith)).restoreJobId();
            endpoint.admin().advance(Duration.ofHours(1));
            assertThat(backup.describeRestoreJob(r -> r.restoreJobId(restoreJob)).statusAsString())
                    .isEqualTo("COMPLETED");
        }
        try (BackupClient watcher = backup(backupRoot)) {
            assertOwnJobsOnly(watcher);

            try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
                org.enableAWSServiceAccess(r -> r.servicePrincipal("backup.amazonaws.com"));
                org.registerDelegatedAdministrator(r -> r.accountId(backupAccount)
                        .servicePrincipal("backup.amazonaws.com"));
            }
            try {
                assertThat(watcher.listBackupJobs(r -> r.byAccountId("*")).backupJobs())
                        .extracting(BackupJob::backupJobId).contains(backupJob);
                assertThat(watcher.listBackupJobs(r -> r.byAccountId(member)).backupJobs())
                        .extracting(BackupJob::accountId).containsOnly(member);
                assertThat(watcher.listBackupJobs(r -> r.byAccountId(outsider[0])).backupJobs())
                        .as("an account outside the organization stays private").isEmpty();
                assertThat(watcher.describeBackupJob(r -> r.backupJobId(backupJob)).accountId()).isEqualTo(member);

                String copies = "arn:aws:backup:" + REGION + ":" + member + ":backup-vault:monitored-copies";
                assertThat(watcher.listCopyJobs(r -> r.byAccountId(member).byDestinationVaultArn(copies)
                        .byCreatedAfter(before).byState(CopyJobState.COMPLETED)).copyJobs())
                        .extracting(CopyJob::copyJobId).containsExactly(copyJob);
                assertThat(watcher.listCopyJobs(r -> r.byAccountId("*")).copyJobs())
                        .extracting(CopyJob::copyJobId).contains(copyJob);
                assertThat(watcher.describeCopyJob(r -> r.copyJobId(copyJob)).copyJob().accountId())
                        .isEqualTo(member);

                assertThat(watcher.listRestoreJobs(r -> r.byAccountId(member).byStatus(RestoreJobStatus.COMPLETED))
                        .restoreJobs()).extracting(RestoreJobsListMember::restoreJobId).containsExactly(restoreJob);
                assertThat(watcher.listRestoreJobs(r -> r.byAccountId("*")).restoreJobs())
                        .extracting(RestoreJobsListMember::accountId).contains(member);
                assertThat(watcher.describeRestoreJob(r -> r.restoreJobId(restoreJob)).accountId()).isEqualTo(member);
            } finally {
                try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
                    org.deregisterDelegatedAdministrator(r -> r.accountId(backupAccount)
                            .servicePrincipal("backup.amazonaws.com"));
                }
            }
            assertOwnJobsOnly(watcher);
            BackupIT.expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Cannot find backup job " + backupJob + ".",
                    () -> watcher.describeBackupJob(r -> r.backupJobId(backupJob)));
        }
        try (BackupClient management = endpoint.client(BackupClient.builder())) {
            assertThat(management.listRestoreJobs(r -> r.byAccountId(member)).restoreJobs())
                    .extracting(RestoreJobsListMember::restoreJobId).contains(restoreJob);
            assertThat(management.describeRestoreJob(r -> r.restoreJobId(restoreJob)).accountId()).isEqualTo(member);
        }
        try (BackupClient backup = backup(memberRoot)) {
            assertThat(backup.listRestoreJobs(r -> r.byAccountId(backupAccount)).restoreJobs())
                    .as("a member asking for another account's restore jobs sees none").isEmpty();
            assertThat(backup.listCopyJobs(r -> r.byAccountId("*")).copyJobs()).extracting(CopyJob::accountId)
                    .containsOnly(member);
        }
    }

    /** What any member sees with ByAccountId: its own jobs, and nothing of another account's. */
    static void assertOwnJobsOnly(BackupClient backup) {
        assertThat(backup.listBackupJobs(r -> r.byAccountId(member)).backupJobs()).isEmpty();
        assertThat(backup.listCopyJobs(r -> r.byAccountId(member)).copyJobs()).isEmpty();
        assertThat(backup.listRestoreJobs(r -> r.byAccountId(member)).restoreJobs()).isEmpty();
        assertThat(backup.listBackupJobs(r -> r.byAccountId("*")).backupJobs()).extracting(BackupJob::accountId)
                .doesNotContain(member);
        assertThat(backup.listCopyJobs(r -> r.byAccountId("*")).copyJobs()).extracting(CopyJob::accountId)
                .doesNotContain(member);
        assertThat(backup.listRestoreJobs(r -> r.byAccountId("*")).restoreJobs())
                .extracting(RestoreJobsListMember::accountId).doesNotContain(member);
    }

    @Test
    void theManagementAccountsOrgWideJobReportCoversEveryMemberAndMembersCannotReachOthers() {
        String memberJob;
        try (BackupClient backup = backup(memberRoot)) {
            memberJob = backup.listBackupJobs(r -> r.byResourceType("DynamoDB")).backupJobs().get(0).backupJobId();
            BackupIT.expect(InvalidRequestException.class, "InvalidRequestException", 400, "Only the management "
                    + "account of an organization or a delegated administrator of AWS Backup can create a report "
                    + "plan across accounts.", () -> backup.createReportPlan(r -> r.reportPlanName("peek")
                    .reportSetting(s -> s.reportTemplate("BACKUP_JOB_REPORT").accounts("ROOT"))
                    .reportDeliveryChannel(d -> d.s3BucketName("anything"))));
        }
        try (BackupClient management = endpoint.client(BackupClient.builder());
             software.amazon.awssdk.services.s3.S3Client s3 = endpoint.client(
                     software.amazon.awssdk.services.s3.S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(r -> r.bucket("org-backup-reports").createBucketConfiguration(c -> c
                    .locationConstraint("eu-west-1")));
            s3.putBucketPolicy(r -> r.bucket("org-backup-reports").policy(io.strongroom.testkit.ReportBucketPolicy.of(
                    io.strongroom.server.ServerOptions.DEFAULT_MANAGEMENT_ACCOUNT, "org-backup-reports")));
            management.createReportPlan(r -> r.reportPlanName("org_backup_jobs").reportSetting(s -> s
                            .reportTemplate("BACKUP_JOB_REPORT").accounts("ROOT").regions("*"))
                    .reportDeliveryChannel(d -> d.s3BucketName("org-backup-reports")));
            String jobId = management.startReportJob(r -> r.reportPlanName("org_backup_jobs")).reportJobId();
            ReportJob job = management.describeReportJob(r -> r.reportJobId(jobId)).reportJob();
            assertThat(job.status()).as(job.statusMessage()).isEqualTo("COMPLETED");
            String key = job.reportDestination().s3Keys().get(0);
            assertThat(key).startsWith("Backup/crossaccount/");
            String csv = s3.getObjectAsBytes(r -> r.bucket("org-backup-reports").key(key)).asUtf8String();
            assertThat(csv).contains(memberJob).contains(member).doesNotContain(outsider[0]);
        }
    }

    @Test
    void minusOneKeepsTheSourceExpiry() {
        CopyJob job = copy(centralVaultArn, l -> l.deleteAfterDays(-1L));

        assertThat(job.stateAsString()).as(job.statusMessage()).isEqualTo("COMPLETED");
        assertThat(job.destinationRecoveryPointLifecycle().deleteAfterDays()).isEqualTo(35L);
        try (BackupClient backup = backup(backupRoot); BackupClient memberBackup = backup(memberRoot)) {
            DescribeRecoveryPointResponse copy = backup.describeRecoveryPoint(r -> r
                    .backupVaultName("central-backup-vault").recoveryPointArn(job.destinationRecoveryPointArn()));
            DescribeRecoveryPointResponse source = memberBackup.describeRecoveryPoint(r -> r
                    .backupVaultName("local-prod-vault").recoveryPointArn(sourcePointArn));
            assertThat(copy.calculatedLifecycle().deleteAt()).isEqualTo(source.calculatedLifecycle().deleteAt());
        }
    }

    @Test
    void crossAccountBackupDisabledFailsTheCopy() {
        try (BackupClient management = endpoint.client(BackupClient.builder()); BackupClient m = backup(memberRoot)) {
            management.updateGlobalSettings(r -> r.globalSettings(Map.of("isCrossAccountBackupEnabled", "false")));
            try {
                assertThat(m.describeGlobalSettings(r -> { }).globalSettings())
                        .containsEntry("isCrossAccountBackupEnabled", "false");
                CopyJob job = copy(centralVaultArn, l -> l.deleteAfterDays(2555L));
                assertThat(job.stateAsString()).isEqualTo("FAILED");
                assertThat(job.statusMessage()).contains("cross-account backup is not enabled");
                assertThat(job.destinationRecoveryPointArn()).isNull();
            } finally {
                management.updateGlobalSettings(r -> r.globalSettings(Map.of("isCrossAccountBackupEnabled",
                        "true")));
            }
            assertThat(m.describeGlobalSettings(r -> { }).globalSettings())
                    .containsEntry("isCrossAccountBackupEnabled", "true");
        }
    }

    @Test
    void aVaultPolicyWithoutCopyIntoBackupVaultFailsTheCopy() {
        CopyJob job = copy("arn:aws:backup:" + REGION + ":" + backupAccount + ":backup-vault:closed-vault",
                l -> l.deleteAfterDays(35L));

        assertThat(job.stateAsString()).isEqualTo("FAILED");
        assertThat(job.statusMessage()).contains("backup:CopyIntoBackupVault");
        try (BackupClient backup = backup(backupRoot)) {
            assertThat(backup.listRecoveryPointsByBackupVault(r -> r.backupVaultName("closed-vault"))
                    .recoveryPoints()).isEmpty();
        }
    }

    @Test
    void anAccountOutsideTheOrganizationCannotReceiveACopy() {
        AwsCredentials outsiderRoot = AwsBasicCredentials.create(outsider[1], outsider[2]);
        String vaultArn;
        try (BackupClient backup = backup(outsiderRoot)) {
            vaultArn = backup.createBackupVault(r -> r.backupVaultName("outside-vault")).backupVaultArn();
            backup.putBackupVaultAccessPolicy(r -> r.backupVaultName("outside-vault").policy(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                            + "\"Action\":\"backup:CopyIntoBackupVault\",\"Resource\":\"*\"}]}"));
        }

        CopyJob job = copy(vaultArn, l -> l.deleteAfterDays(35L));

        assertThat(job.stateAsString()).isEqualTo("FAILED");
        assertThat(job.statusMessage()).contains("Both source and destination account must be a member of the same "
                + "organization");
    }

    @Test
    void aRetentionOutsideTheCentralLockFailsTheCopy() {
        CopyJob job = copy(centralVaultArn, l -> l.deleteAfterDays(7L));

        assertThat(job.stateAsString()).isEqualTo("FAILED");
        assertThat(job.statusMessage()).contains("shorter than the minimum retention period", "30 days");
        try (BackupClient backup = backup(memberRoot)) {
            assertThat(backup.listCopyJobs(r -> r.byState(CopyJobState.FAILED).byMessageCategory("FAILED"))
                    .copyJobs()).extracting(CopyJob::copyJobId).contains(job.copyJobId());
        }
    }

    @Test
    void globalSettingsBelongToTheManagementAccount() {
        try (BackupClient m = backup(memberRoot)) {
            InvalidRequestException notManagement = catchThrowableOfType(InvalidRequestException.class,
                    () -> m.updateGlobalSettings(r -> r.globalSettings(Map.of("isCrossAccountBackupEnabled",
                            "false"))));
            assertThat(notManagement).isNotNull();
            assertThat(notManagement.statusCode()).isEqualTo(400);
        }
        try (BackupClient management = endpoint.client(BackupClient.builder())) {
            DescribeGlobalSettingsResponse settings = management.describeGlobalSettings(r -> { });
            assertThat(settings.globalSettings()).containsEntry("isCrossAccountBackupEnabled", "true")
                    .containsKeys("isMpaEnabled", "isDelegatedAdministratorEnabled");
            assertThat(settings.lastUpdateTime()).isNotNull();
            InvalidParameterValueException badValue = catchThrowableOfType(InvalidParameterValueException.class,
                    () -> management.updateGlobalSettings(r -> r.globalSettings(Map.of(
                            "isCrossAccountBackupEnabled", "maybe"))));
            assertThat(badValue).isNotNull();
            assertThat(catchThrowableOfType(InvalidParameterValueException.class,
                    () -> management.updateGlobalSettings(r -> r.globalSettings(Map.of("isEverythingEnabled",
                            "true"))))).isNotNull();
        }
        try (BackupClient outside = backup(AwsBasicCredentials.create(outsider[1], outsider[2]))) {
            InvalidRequestException noOrg = catchThrowableOfType(InvalidRequestException.class,
                    () -> outside.describeGlobalSettings(r -> { }));
            assertThat(noOrg).isNotNull();
            assertThat(noOrg.getMessage()).contains("not a member of an AWS Organizations organization");
        }
    }

    @Test
    void theAwsCliSwitchesCrossAccountBackupAndSeesTheOrganizationsCopyJobs() throws Exception {
        io.strongroom.testkit.AwsCli cli = new io.strongroom.testkit.AwsCli(endpoint);
        CopyJob job = copy(centralVaultArn, l -> l.deleteAfterDays(100L));

        io.strongroom.testkit.AwsCli.Result updated = cli.run("backup", "update-global-settings", "--global-settings",
                "isCrossAccountBackupEnabled=true");
        com.fasterxml.jackson.databind.JsonNode settings = cli.json("backup", "describe-global-settings");
        com.fasterxml.jackson.databind.JsonNode listed = cli.json("backup", "list-copy-jobs", "--by-account-id",
                member, "--by-destination-vault-arn", centralVaultArn);

        assertThat(updated.exitCode()).as(updated.stderr()).isZero();
        assertThat(settings.at("/GlobalSettings/isCrossAccountBackupEnabled").asText()).isEqualTo("true");
        assertThat(settings.has("LastUpdateTime")).isTrue();
        assertThat(listed.get("CopyJobs").findValuesAsText("CopyJobId")).contains(job.copyJobId());
    }
}
