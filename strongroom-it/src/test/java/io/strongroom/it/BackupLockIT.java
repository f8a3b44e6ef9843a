package io.strongroom.it;

import io.strongroom.testkit.RawRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.*;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.strongroom.it.BackupJobsIT.Fixture;
import static io.strongroom.it.BackupJobsIT.advance;
import static io.strongroom.it.BackupJobsIT.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What Vault Lock and legal holds keep (spec 2.4, 10.1), the errors of the job operations (spec 11) and cold storage
 * on the clock (spec 6.2), through the SDK v2 with DynamoDB tables as the cheapest resource. Every call is made by the
 * account's root user: a lock binds it too. Each test works in an account of its own.
 */
class BackupLockIT {

    @BeforeAll
    static void start() {
        BackupJobsIT.start();
    }

    @AfterAll
    static void stop() {
        BackupJobsIT.stop();
    }

    static BackupException expect(int status, String code, String message, Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(BackupException.class);
        BackupException e = (BackupException) thrown;
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
        return e;
    }

    static String table(Fixture f, String name) {
        try (DynamoDbClient ddb = BackupJobsIT.server.endpoint().client(DynamoDbClient.builder(), f.credentials())) {
            String arn = ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                    .tableDescription().tableArn();
            ddb.putItem(r -> r.tableName(name).item(Map.of("pk", AttributeValue.fromS("k"))));
            return arn;
        }
    }

    static String startJob(Fixture f, String vault, String resourceArn, Consumer<Lifecycle.Builder> lifecycle) {
        return f.backup().startBackupJob(r -> {
            r.backupVaultName(vault).resourceArn(resourceArn).iamRoleArn(f.roleArn());
            if (lifecycle != null) {
                r.lifecycle(lifecycle);
            }
        }).backupJobId();
    }

    /** A completed recovery point of {@code resourceArn} in the fixture's vault. */
    static String backedUp(Fixture f, String resourceArn, Consumer<Lifecycle.Builder> lifecycle) {
        String job = startJob(f, f.vaultName(), resourceArn, lifecycle);
        advance(Duration.ofHours(1));
        DescribeBackupJobResponse done = f.backup().describeBackupJob(r -> r.backupJobId(job));
        assertThat(done.stateAsString()).isEqualTo("COMPLETED");
        return done.recoveryPointArn();
    }

    static DescribeRecoveryPointResponse point(Fixture f, String arn) {
        return f.backup().describeRecoveryPoint(r -> r.backupVaultName(f.vaultName()).recoveryPointArn(arn));
    }

    static void delete(Fixture f, String arn) {
        f.backup().deleteRecoveryPoint(r -> r.backupVaultName(f.vaultName()).recoveryPointArn(arn));
    }

    static void assertGone(Fixture f, String arn) {
        expect(400, "ResourceNotFoundException", "Recovery point " + arn + " was not found in backup vault "
                + f.vaultName() + ".", () -> point(f, arn));
    }

    static List<Event> serviceEvents(Fixture f, String name) {
        try (CloudTrailClient trail = BackupJobsIT.server.endpoint().client(CloudTrailClient.builder(),
                f.credentials())) {
            return trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                    .attributeValue(name))).events();
        }
    }

    static String lockedMessage(String arn, String vault) {
        return "Recovery point " + arn + " cannot be deleted: backup vault " + vault + " is locked by Vault Lock.";
    }

    // ---- Vault Lock (spec 2.4) ----

    @Test
    void aJobWhoseRetentionIsOutsideTheLockEndsFailedWithTheLocksMessage() {
        Fixture f = fixture("lock-retention");
        BackupClient backup = f.backup();
        String table = table(f, "orders");
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName(f.vaultName()).minRetentionDays(7L)
                .maxRetentionDays(30L));
        backup.createBackupVault(r -> r.backupVaultName("min-only"));
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("min-only").minRetentionDays(7L));

        Map<String, String> failures = Map.of(
                startJob(f, f.vaultName(), table, l -> l.deleteAfterDays(5L)),
                "The retention period of the recovery point (5 days) is shorter than the minimum retention period of "
                        + "the locked backup vault (7 days).",
                startJob(f, f.vaultName(), table, l -> l.deleteAfterDays(31L)),
                "The retention period of the recovery point (31 days) is longer than the maximum retention period of "
                        + "the locked backup vault (30 days).",
                startJob(f, f.vaultName(), table, null),
                "The recovery point has no retention period, but the backup vault is locked with a maximum retention "
                        + "period of 30 days.");
        String within = startJob(f, f.vaultName(), table, l -> l.deleteAfterDays(30L));
        String foreverInMinOnly = startJob(f, "min-only", table, null);
        String tooShortForMinOnly = startJob(f, "min-only", table, l -> l.deleteAfterDays(6L));
        advance(Duration.ofHours(1));

        failures.forEach((job, message) -> {
            DescribeBackupJobResponse d = backup.describeBackupJob(r -> r.backupJobId(job));
            assertThat(d.stateAsString()).isEqualTo("FAILED");
            assertThat(d.statusMessage()).isEqualTo(message);
            assertThat(d.recoveryPointArn()).isNull();
        });
        assertThat(backup.describeBackupJob(r -> r.backupJobId(within)).stateAsString()).isEqualTo("COMPLETED");
        assertThat(backup.describeBackupJob(r -> r.backupJobId(foreverInMinOnly)).stateAsString())
                .isEqualTo("COMPLETED");
        assertThat(backup.describeBackupJob(r -> r.backupJobId(tooShortForMinOnly)).stateAsString())
                .isEqualTo("FAILED");
        assertThat(backup.listRecoveryPointsByBackupVault(r -> r.backupVaultName(f.vaultName())).recoveryPoints())
                .hasSize(1);
    }

    @Test
    void aGovernanceLockRefusesDeletesAndLifecycleChangesUntilItIsRemoved() {
        Fixture f = fixture("lock-governance");
        BackupClient backup = f.backup();
        String arn = backedUp(f, table(f, "orders"), l -> l.deleteAfterDays(20L));
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName(f.vaultName()).minRetentionDays(7L));

        expect(400, "InvalidRequestException", lockedMessage(arn, f.vaultName()), () -> delete(f, arn));
        expect(400, "InvalidRequestException", "The lifecycle of recovery point " + arn + " cannot be changed: "
                + "backup vault " + f.vaultName() + " is locked by Vault Lock.",
                () -> backup.updateRecoveryPointLifecycle(r -> r.backupVaultName(f.vaultName()).recoveryPointArn(arn)
                        .lifecycle(l -> l.deleteAfterDays(25L))));
        assertThat(point(f, arn).statusAsString()).isEqualTo("COMPLETED");
        assertThat(point(f, arn).lifecycle().deleteAfterDays()).isEqualTo(20L);

        backup.deleteBackupVaultLockConfiguration(r -> r.backupVaultName(f.vaultName()));
        delete(f, arn);
        assertThat(point(f, arn).statusAsString()).isEqualTo("DELETING");
        advance(Duration.ofMinutes(1));
        assertGone(f, arn);
    }

    @Test
    void aComplianceLockRefusesDeletesInItsGraceTimeAndAfterButExpiryStillRemovesThePoint() {
        Fixture f = fixture("lock-compliance");
        BackupClient backup = f.backup();
        String arn = backedUp(f, table(f, "orders"), l -> l.deleteAfterDays(10L));
        Instant deleteAt = point(f, arn).calculatedLifecycle().deleteAt();
        backup.putBackupVaultLockConfiguration(r -> r.backupVaultName(f.vaultName()).changeableForDays(3L));

        expect(400, "InvalidRequestException", lockedMessage(arn, f.vaultName()), () -> delete(f, arn));
        advance(Duration.ofDays(4));
        DescribeBackupVaultResponse vault = backup.describeBackupVault(r -> r.backupVaultName(f.vaultName()));
        assertThat(vault.locked()).isTrue();
        assertThat(vault.lockDate()).isBefore(point(f, arn).creationDate().plus(Duration.ofDays(4)));
        expect(400, "InvalidRequestException", lockedMessage(arn, f.vaultName()), () -> delete(f, arn));
        expect(400, "InvalidRequestException", null,
                () -> backup.updateRecoveryPointLifecycle(r -> r.backupVaultName(f.vaultName()).recoveryPointArn(arn)
                        .lifecycle(l -> l.deleteAfterDays(5L))));
        expect(400, "InvalidRequestException", null,
                () -> backup.deleteBackupVaultLockConfiguration(r -> r.backupVaultName(f.vaultName())));
        assertThat(serviceEvents(f, "BackupDeleted")).isEmpty();

        advance(Duration.ofDays(6).plusHours(1));
        assertGone(f, arn);
        List<Event> deleted = serviceEvents(f, "BackupDeleted");
        assertThat(deleted).hasSize(1);
        assertThat(deleted.get(0).cloudTrailEvent()).contains(arn).contains("expired");
        assertThat(deleted.get(0).eventTime()).isAfterOrEqualTo(deleteAt);

        // Empty, the locked vault may go.
        backup.deleteBackupVault(r -> r.backupVaultName(f.vaultName()));
        assertThat(backup.listBackupVaults().backupVaultList()).isEmpty();
    }

    // ---- Legal holds (spec 10.1) ----

    @Test
    void aLegalHoldKeepsItsPointsFromDeletionAndExpiryUntilItIsCancelled() {
        Fixture f = fixture("legal-hold");
        BackupClient backup = f.backup();
        String table = table(f, "orders");
        String held = backedUp(f, table, l -> l.deleteAfterDays(3L));
        Instant now = point(f, held).completionDate();

        CreateLegalHoldResponse hold = backup.createLegalHold(r -> r.title("audit-2026").description("Audit")
                .idempotencyToken("hold-1").recoveryPointSelection(s -> s.vaultNames(f.vaultName())
                        .resourceIdentifiers(table).dateRange(d -> d.fromDate(now.minus(Duration.ofDays(1)))
                                .toDate(now))));
        assertThat(hold.statusAsString()).isEqualTo("ACTIVE");
        assertThat(hold.legalHoldArn()).isEqualTo("arn:aws:backup:eu-west-1:" + f.account()[0] + ":legal-hold:"
                + hold.legalHoldId());
        assertThat(backup.createLegalHold(r -> r.title("audit-2026").description("Audit").idempotencyToken("hold-1"))
                .legalHoldId()).isEqualTo(hold.legalHoldId());
        assertThat(backup.listLegalHolds(r -> { }).legalHolds()).extracting(LegalHold::legalHoldId)
                .containsExactly(hold.legalHoldId());
        GetLegalHoldResponse got = backup.getLegalHold(r -> r.legalHoldId(hold.legalHoldId()));
        assertThat(got.recoveryPointSelection().vaultNames()).containsExactly(f.vaultName());
        assertThat(got.recoveryPointSelection().dateRange().toDate()).isEqualTo(now);
        assertThat(backup.listRecoveryPointsByLegalHold(r -> r.legalHoldId(hold.legalHoldId())).recoveryPoints())
                .extracting(RecoveryPointMember::recoveryPointArn).containsExactly(held);

        // A point made after the date range is not selected.
        String later = backedUp(f, table, l -> l.deleteAfterDays(3L));
        assertThat(backup.listRecoveryPointsByLegalHold(r -> r.legalHoldId(hold.legalHoldId())).recoveryPoints())
                .extracting(RecoveryPointMember::recoveryPointArn).containsExactly(held);

        expect(400, "InvalidRequestException", "The recovery point cannot be deleted because it has active legal "
                + "hold(s)", () -> delete(f, held));
        advance(Duration.ofDays(4));
        assertThat(point(f, held).statusAsString()).isEqualTo("COMPLETED");
        assertGone(f, later);

        CancelLegalHoldResponse cancelled = backup.cancelLegalHold(r -> r.legalHoldId(hold.legalHoldId())
                .cancelDescription("Audit closed"));
        assertThat(cancelled.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertGone(f, held);
        assertThat(serviceEvents(f, "BackupDeleted")).extracting(Event::cloudTrailEvent)
                .anySatisfy(e -> assertThat(e).contains(held));
        GetLegalHoldResponse after = backup.getLegalHold(r -> r.legalHoldId(hold.legalHoldId()));
        assertThat(after.statusAsString()).isEqualTo("CANCELED");
        assertThat(after.cancelDescription()).isEqualTo("Audit closed");
        assertThat(after.cancellationDate()).isNotNull();
        expect(400, "InvalidResourceStateException", "Legal hold " + hold.legalHoldId() + " is CANCELED; only an "
                + "ACTIVE legal hold can be cancelled.", () -> backup.cancelLegalHold(r -> r
                .legalHoldId(hold.legalHoldId()).cancelDescription("again")));
    }

    @Test
    void aReleasedHoldLetsDeleteRecoveryPointWork() {
        Fixture f = fixture("legal-hold-delete");
        BackupClient backup = f.backup();
        String arn = backedUp(f, table(f, "orders"), l -> l.deleteAfterDays(30L));
        String id = backup.createLegalHold(r -> r.title("t").description("d")).legalHoldId();
        expect(400, "InvalidRequestException", "The recovery point cannot be deleted because it has active legal "
                + "hold(s)", () -> delete(f, arn));
        // A hold keeps the points that existed when it was made, not later ones (D43).
        String later = backedUp(f, table(f, "later"), l -> l.deleteAfterDays(30L));
        assertThat(backup.listRecoveryPointsByLegalHold(r -> r.legalHoldId(id)).recoveryPoints())
                .extracting(RecoveryPointMember::recoveryPointArn).containsExactly(arn);
        delete(f, later);
        assertThat(point(f, later).statusAsString()).isEqualTo("DELETING");
        backup.cancelLegalHold(r -> r.legalHoldId(id).cancelDescription("done"));
        assertThat(point(f, arn).statusAsString()).isEqualTo("COMPLETED");
        delete(f, arn);
        advance(Duration.ofMinutes(1));
        assertGone(f, arn);
    }

    @Test
    void legalHoldErrors() {
        Fixture f = fixture("legal-hold-errors");
        BackupClient backup = f.backup();
        Instant future = Instant.now().plus(Duration.ofDays(400));
        expect(400, "InvalidParameterValueException", "The date range of a legal hold cannot contain future dates.",
                () -> backup.createLegalHold(r -> r.title("t").description("d").recoveryPointSelection(s -> s
                        .dateRange(d -> d.fromDate(Instant.parse("2020-01-01T00:00:00Z")).toDate(future)))));
        expect(400, "InvalidParameterValueException", "FromDate must be before ToDate.",
                () -> backup.createLegalHold(r -> r.title("t").description("d").recoveryPointSelection(s -> s
                        .dateRange(d -> d.fromDate(Instant.parse("2021-01-01T00:00:00Z"))
                                .toDate(Instant.parse("2020-01-01T00:00:00Z"))))));
        expect(400, "ResourceNotFoundException", "Legal hold nope was not found.",
                () -> backup.getLegalHold(r -> r.legalHoldId("nope")));
        expect(400, "ResourceNotFoundException", null,
                () -> backup.cancelLegalHold(r -> r.legalHoldId("nope").cancelDescription("x")));
        for (int i = 0; i < 50; i++) {
            int n = i;
            backup.createLegalHold(r -> r.title("hold-" + n).description("d"));
        }
        expect(400, "LimitExceededException", "Maximum number of legal holds (50) per account reached.",
                () -> backup.createLegalHold(r -> r.title("one-too-many").description("d")));
        ListLegalHoldsResponse first = backup.listLegalHolds(r -> r.maxResults(30));
        assertThat(first.legalHolds()).hasSize(30);
        assertThat(backup.listLegalHolds(r -> r.nextToken(first.nextToken())).legalHolds()).hasSize(20);
        RawRequests.Answer missing = new RawRequests().send(RawRequests.rest(BackupJobsIT.server.endpoint().uri(),
                "backup", "POST", "/legal-holds/", RawRequests.identity(f.account()[1], f.account()[2], null),
                "{\"Title\":\"t\"}", Clock.systemUTC()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("x-amzn-ErrorType")).startsWith("MissingParameterValueException");
        assertThat(missing.body()).contains("Description is required.");
    }

    @Test
    void legalHoldCallsAreAuthorizedOnTheHoldsArn() {
        Fixture f = fixture("legal-hold-access");
        BackupClient root = f.backup();
        CreateLegalHoldResponse mine = root.createLegalHold(r -> r.title("mine").description("d"));
        String other = root.createLegalHold(r -> r.title("other").description("d")).legalHoldId();
        try (IamClient iam = BackupJobsIT.server.endpoint().client(IamClient.builder(), f.credentials())) {
            iam.createUser(r -> r.userName("counsel"));
            iam.putUserPolicy(r -> r.userName("counsel").policyName("hold").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "[\"backup:GetLegalHold\",\"backup:CancelLegalHold\"],\"Resource\":\""
                            + mine.legalHoldArn() + "\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("counsel")).accessKey();
            try (BackupClient counsel = BackupJobsIT.server.endpoint().client(BackupClient.builder(),
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
                assertThat(counsel.getLegalHold(r -> r.legalHoldId(mine.legalHoldId())).title()).isEqualTo("mine");
                BackupException denied = expect(403, "AccessDeniedException", null,
                        () -> counsel.getLegalHold(r -> r.legalHoldId(other)));
                assertThat(denied.awsErrorDetails().errorMessage()).contains("backup:GetLegalHold",
                        "legal-hold:" + other);
                expect(403, "AccessDeniedException", null,
                        () -> counsel.createLegalHold(r -> r.title("t").description("d")));
                expect(403, "AccessDeniedException", null, () -> counsel.listLegalHolds(r -> { }));
                counsel.cancelLegalHold(r -> r.legalHoldId(mine.legalHoldId()).cancelDescription("settled"));
            }
        }
        assertThat(root.getLegalHold(r -> r.legalHoldId(mine.legalHoldId())).statusAsString()).isEqualTo("CANCELED");
        assertThat(root.getLegalHold(r -> r.legalHoldId(other)).statusAsString()).isEqualTo("ACTIVE");
    }

    // ---- Errors of the job operations (spec 11) ----

    @Test
    void jobOperationErrorsCarryAwsCodesStatusesAndMessages() {
        Fixture f = fixture("job-errors");
        BackupClient backup = f.backup();
        String table = table(f, "orders");
        expect(400, "ResourceNotFoundException", "Backup vault nope does not exist.",
                () -> startJob(f, "nope", table, null));
        expect(400, "InvalidParameterValueException", "StartWindowMinutes must be at least 60.",
                () -> backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(table)
                        .iamRoleArn(f.roleArn()).startWindowMinutes(30L)));
        expect(400, "InvalidParameterValueException", "StartWindowMinutes and CompleteWindowMinutes must be at most "
                + "52560000.", () -> backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(table)
                        .iamRoleArn(f.roleArn()).startWindowMinutes(1L << 62)));
        expect(400, "InvalidParameterValueException", "Invalid lifecycle. DeleteAfterDays cannot be less than 90 "
                + "days apart from MoveToColdStorageAfterDays",
                () -> startJob(f, f.vaultName(), table, l -> l.moveToColdStorageAfterDays(10L).deleteAfterDays(20L)));
        String queue = "arn:aws:sqs:eu-west-1:" + f.account()[0] + ":jobs";
        expect(400, "InvalidParameterValueException", "Invalid ARN " + queue + ": the resource type is not "
                + "supported by AWS Backup.", () -> startJob(f, f.vaultName(), queue, null));
        RawRequests raw = new RawRequests();
        for (String[] missing : new String[][]{{"{}", "BackupVaultName"},
                {"{\"BackupVaultName\":\"local-vault\"}", "ResourceArn"},
                {"{\"BackupVaultName\":\"local-vault\",\"ResourceArn\":\"" + table + "\"}", "IamRoleArn"}}) {
            RawRequests.Answer answer = raw.send(RawRequests.rest(BackupJobsIT.server.endpoint().uri(), "backup",
                    "PUT", "/backup-jobs", RawRequests.identity(f.account()[1], f.account()[2], null), missing[0],
                    Clock.systemUTC()));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("x-amzn-ErrorType")).startsWith("MissingParameterValueException");
            assertThat(answer.body()).contains(missing[1] + " is required.");
        }
        expect(400, "ResourceNotFoundException", "Cannot find backup job NOPE.",
                () -> backup.describeBackupJob(r -> r.backupJobId("NOPE")));

        String arn = backedUp(f, table, l -> l.deleteAfterDays(100L));
        String finished = backup.listBackupJobs(r -> r.byState(BackupJobState.COMPLETED)).backupJobs().get(0)
                .backupJobId();
        expect(400, "InvalidRequestException", "Backup job " + finished + " is already in a terminal state: "
                + "COMPLETED.", () -> backup.stopBackupJob(r -> r.backupJobId(finished)));
        try (RdsClient rds = BackupJobsIT.server.endpoint().client(RdsClient.builder(), f.credentials())) {
            String db = RdsIT.createPostgres(rds, "ledger").dbInstanceArn();
            String rdsJob = startJob(f, f.vaultName(), db, null);
            assertThat(backup.describeBackupJob(r -> r.backupJobId(rdsJob)).stateAsString()).isEqualTo("RUNNING");
            expect(400, "InvalidRequestException", "StopBackupJob is not supported for resource type RDS.",
                    () -> backup.stopBackupJob(r -> r.backupJobId(rdsJob)));
        }

        String unknownPoint = arn.substring(0, arn.lastIndexOf('/') + 1) + "00000000-0000-0000-0000-000000000000";
        expect(400, "ResourceNotFoundException", "Recovery point " + unknownPoint + " was not found.",
                () -> backup.startRestoreJob(r -> r.recoveryPointArn(unknownPoint).iamRoleArn(f.roleArn())
                        .metadata(Map.of("targetTableName", "x"))));
        expect(400, "MissingParameterValueException", "Metadata is required.",
                () -> backup.startRestoreJob(r -> r.recoveryPointArn(arn).iamRoleArn(f.roleArn())));
        expect(400, "ResourceNotFoundException", "Recovery point " + unknownPoint + " was not found in backup vault "
                + f.vaultName() + ".", () -> delete(f, unknownPoint));
        expect(400, "InvalidParameterValueException", "Invalid lifecycle. DeleteAfterDays cannot be less than 90 "
                + "days apart from MoveToColdStorageAfterDays",
                () -> backup.updateRecoveryPointLifecycle(r -> r.backupVaultName(f.vaultName()).recoveryPointArn(arn)
                        .lifecycle(l -> l.moveToColdStorageAfterDays(30L).deleteAfterDays(100L))));
    }

    // ---- Cold storage on the clock (spec 6.2) ----

    @Test
    void anEfsPointMovesToColdStorageOnTheClockADynamoDbPointNever() {
        Fixture f = fixture("cold-storage");
        BackupClient backup = f.backup();
        String fileSystem;
        try (EfsClient efs = BackupJobsIT.server.endpoint().client(EfsClient.builder(), f.credentials())) {
            fileSystem = efs.createFileSystem(r -> r.creationToken("cold")).fileSystemArn();
        }
        Consumer<Lifecycle.Builder> coldAfterADay = l -> l.moveToColdStorageAfterDays(1L).deleteAfterDays(91L);
        String efsPoint = backedUp(f, fileSystem, coldAfterADay);
        String tablePoint = backedUp(f, table(f, "orders"), coldAfterADay);
        assertThat(point(f, efsPoint).storageClassAsString()).isEqualTo("WARM");
        assertThat(serviceEvents(f, "BackupTransitionedToCold")).isEmpty();

        advance(Duration.ofDays(1));
        DescribeRecoveryPointResponse cold = point(f, efsPoint);
        assertThat(cold.storageClassAsString()).isEqualTo("COLD");
        assertThat(cold.calculatedLifecycle().moveToColdStorageAt()).isEqualTo(cold.creationDate()
                .plus(Duration.ofDays(1)));
        assertThat(serviceEvents(f, "BackupTransitionedToCold")).singleElement()
                .satisfies(e -> assertThat(e.cloudTrailEvent()).contains(efsPoint));
        advance(Duration.ofDays(2));
        assertThat(point(f, tablePoint).storageClassAsString()).isEqualTo("WARM");
    }
}
