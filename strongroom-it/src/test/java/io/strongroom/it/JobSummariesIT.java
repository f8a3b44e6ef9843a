package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupException;
import software.amazon.awssdk.services.backup.model.BackupJobSummary;
import software.amazon.awssdk.services.backup.model.ListBackupJobSummariesRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The job dashboard's counts through the SDK (D107; Debian's AWS CLI predates these operations): a member counts its own jobs whatever account it
 * names, the management account counts each account of the organization (ANY) or all of them together
 * (AGGREGATE_ALL), per UTC day or over seven or fourteen days; copy and restore jobs are counted the same way.
 */
class JobSummariesIT {
    static TestServer server;
    static Endpoint endpoint;
    static Member payments;
    static Member ledger;
    static Instant firstDay;
    static Instant secondDay;

    /** An organization member with a vault, AWS Backup's default role and a table. */
    record Member(String account, AwsCredentials credentials, String role, String table) {
        BackupClient backup() {
            return endpoint.client(BackupClient.builder(), credentials);
        }

        /** A backup job of the table with {@code role}, finished an hour later on the clock; its id. */
        String backUp(String withRole) {
            try (BackupClient backup = backup()) {
                return backup.startBackupJob(r -> r.backupVaultName("local-vault").resourceArn(table)
                        .iamRoleArn(withRole)).backupJobId();
            }
        }
    }

    @BeforeAll
    static void twoDaysOfJobsInTwoMembers() {
        server = TestServer.start();
        endpoint = server.endpoint();
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            org.createOrganization(r -> { });
            payments = member(org, "payments");
            ledger = member(org, "ledger");
        }
        String powerless;
        try (IamClient iam = endpoint.client(IamClient.builder(), payments.credentials())) {
            powerless = iam.createRole(r -> r.roleName("NoPolicies").assumeRolePolicyDocument(BackupIT.BACKUP_TRUST))
                    .role().arn();
        }
        String ok = payments.backUp(payments.role());
        payments.backUp(powerless);
        endpoint.admin().advance(Duration.ofHours(1));
        String point;
        try (BackupClient backup = payments.backup()) {
            var job = backup.describeBackupJob(r -> r.backupJobId(ok));
            assertThat(job.stateAsString()).isEqualTo("COMPLETED");
            firstDay = job.creationDate().truncatedTo(ChronoUnit.DAYS);
            point = job.recoveryPointArn();
            String second = backup.createBackupVault(r -> r.backupVaultName("second-vault")).backupVaultArn();
            backup.startCopyJob(r -> r.recoveryPointArn(point).sourceBackupVaultName("local-vault")
                    .destinationBackupVaultArn(second).iamRoleArn(payments.role()));
        }
        endpoint.admin().advance(Duration.ofDays(1));
        payments.backUp(payments.role());
        String ledgerJob = ledger.backUp(ledger.role());
        endpoint.admin().advance(Duration.ofHours(1));
        try (BackupClient backup = ledger.backup()) {
            var job = backup.describeBackupJob(r -> r.backupJobId(ledgerJob));
            secondDay = job.creationDate().truncatedTo(ChronoUnit.DAYS);
            Map<String, String> metadata = backup.getRecoveryPointRestoreMetadata(r -> r
                    .backupVaultName("local-vault").recoveryPointArn(job.recoveryPointArn())).restoreMetadata();
            Map<String, String> restoreWith = new java.util.HashMap<>(metadata);
            restoreWith.put("targetTableName", "restored");
            backup.startRestoreJob(r -> r.recoveryPointArn(job.recoveryPointArn()).iamRoleArn(ledger.role())
                    .metadata(restoreWith));
        }
        endpoint.admin().advance(Duration.ofHours(1));
    }

    static Member member(OrganizationsClient org, String name) {
        String request = org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                .createAccountStatus().id();
        String account = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                .accountId();
        String[] key = endpoint.admin().rootAccessKey(account);
        AwsCredentials root = AwsBasicCredentials.create(key[1], key[2]);
        String role = BackupJobsIT.defaultServiceRole(server, root);
        try (BackupClient backup = endpoint.client(BackupClient.builder(), root);
             DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), root)) {
            backup.createBackupVault(r -> r.backupVaultName("local-vault"));
            return new Member(account, root, role, BackupJobsIT.createTable(ddb, name + "-orders"));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> summaries(AwsCredentials caller, Consumer<ListBackupJobSummariesRequest.Builder> request) {
        try (BackupClient backup = endpoint.client(BackupClient.builder(), caller)) {
            return backup.listBackupJobSummaries(request).backupJobSummaries().stream()
                    .map(JobSummariesIT::line).toList();
        }
    }

    static String line(BackupJobSummary s) {
        String day = s.startTime().equals(firstDay) ? "day1" : s.startTime().equals(secondDay) ? "day2"
                : s.startTime().toString();
        return day + " " + s.region() + " " + s.accountId() + " " + s.stateAsString() + " " + s.resourceType() + " "
                + s.messageCategory() + " " + s.count();
    }

    @Test
    void aMemberCountsItsOwnJobsPerDayWhateverAccountItNames() {
        List<String> own = summaries(payments.credentials(), r -> { });
        String a = payments.account();

        assertThat(own).containsExactly(
                "day1 eu-west-1 " + a + " COMPLETED DynamoDB SUCCESS 1",
                "day1 eu-west-1 " + a + " FAILED DynamoDB FAILED 1",
                "day2 eu-west-1 " + a + " COMPLETED DynamoDB SUCCESS 1");
        assertThat(summaries(payments.credentials(), r -> r.accountId(ledger.account()))).isEqualTo(own);
        assertThat(summaries(payments.credentials(), r -> r.accountId("ANY"))).isEqualTo(own);
        try (BackupClient backup = payments.backup()) {
            assertThat(backup.listBackupJobSummaries(r -> { }).aggregationPeriod()).isEqualTo("ONE_DAY");
        }
    }

    @Test
    void theManagementAccountCountsEachMemberOrAllTogether() {
        AwsCredentials management = endpoint.rootCredentials();

        assertThat(summaries(management, r -> { })).as("its own jobs: none").isEmpty();
        List<String> fourteenDays = summaries(management, r -> r.accountId("ANY").state("COMPLETED")
                .aggregationPeriod("FOURTEEN_DAYS"));
        Instant fourteenDaysAgo = secondDay.minus(Duration.ofDays(13));
        assertThat(fourteenDays).containsExactlyInAnyOrder(
                fourteenDaysAgo + " eu-west-1 " + payments.account() + " COMPLETED DynamoDB SUCCESS 2",
                fourteenDaysAgo + " eu-west-1 " + ledger.account() + " COMPLETED DynamoDB SUCCESS 1");
        assertThat(summaries(management, r -> r.accountId("AGGREGATE_ALL").state("AGGREGATE_ALL")
                .resourceType("AGGREGATE_ALL").messageCategory("AGGREGATE_ALL").aggregationPeriod("SEVEN_DAYS")))
                .singleElement().asString().endsWith(" eu-west-1 AGGREGATE_ALL AGGREGATE_ALL AGGREGATE_ALL "
                        + "AGGREGATE_ALL 4");
        assertThat(summaries(management, r -> r.accountId(ledger.account()).messageCategory("SUCCESS")))
                .containsExactly("day2 eu-west-1 " + ledger.account() + " COMPLETED DynamoDB SUCCESS 1");
    }

    @Test
    void copyAndRestoreJobsAreCountedToo() {
        try (BackupClient backup = endpoint.client(BackupClient.builder())) {
            var copies = backup.listCopyJobSummaries(r -> r.accountId("ANY")).copyJobSummaries();
            assertThat(copies).singleElement().satisfies(s -> {
                assertThat(s.accountId()).isEqualTo(payments.account());
                assertThat(s.stateAsString()).isEqualTo("COMPLETED");
                assertThat(s.messageCategory()).isEqualTo("SUCCESS");
                assertThat(s.count()).isEqualTo(1);
                assertThat(s.startTime()).isEqualTo(firstDay);
            });
            var restores = backup.listRestoreJobSummaries(r -> r.accountId("ANY").aggregationPeriod("SEVEN_DAYS"))
                    .restoreJobSummaries();
            assertThat(restores).singleElement().satisfies(s -> {
                assertThat(s.accountId()).isEqualTo(ledger.account());
                assertThat(s.stateAsString()).isEqualTo("COMPLETED");
                assertThat(s.resourceType()).isEqualTo("DynamoDB");
                assertThat(s.count()).isEqualTo(1);
            });
        }
    }

    @Test
    void badParametersAreInvalidParameterValues() {
        try (BackupClient backup = endpoint.client(BackupClient.builder())) {
            BackupException account = catchThrowableOfType(BackupException.class,
                    () -> backup.listBackupJobSummaries(r -> r.accountId("12345")));
            assertThat(account.statusCode()).isEqualTo(400);
            assertThat(account.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
            BackupException size = catchThrowableOfType(BackupException.class,
                    () -> backup.listBackupJobSummaries(r -> r.maxResults(501)));
            assertThat(size.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
        }
    }

    @Test
    void pagesOfOneFollowNextTokenToEveryCount() {
        try (BackupClient backup = endpoint.client(BackupClient.builder())) {
            var pages = backup.listBackupJobSummariesPaginator(r -> r.accountId("ANY")
                    .aggregationPeriod("FOURTEEN_DAYS").maxResults(1)).stream().toList();
            List<BackupJobSummary> all = pages.stream().flatMap(p -> p.backupJobSummaries().stream()).toList();

            assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
            assertThat(all).hasSize(3);
            assertThat(all.stream().mapToInt(BackupJobSummary::count).sum()).isEqualTo(4);
        }
    }
}
