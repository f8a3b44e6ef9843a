package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.*;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * AWS Backup restore testing (D124) through the SDK v2: plans and selections with AWS's refusals, and a plan's run on
 * the clock restoring a tagged table's latest recovery point into a new table, which is deleted once its validation
 * window ends or a final validation result arrives.
 */
class RestoreTestingIT {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static <T extends BackupException> void expect(Class<T> type, String code, String message, Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(type);
        BackupException e = (BackupException) thrown;
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(400);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
    }

    static void advance(Duration d) {
        server.endpoint().admin().advance(d);
    }

    static RestoreTestingRecoveryPointSelection latest() {
        return RestoreTestingRecoveryPointSelection.builder().algorithm("LATEST_WITHIN_WINDOW").includeVaults("*")
                .recoveryPointTypesWithStrings("SNAPSHOT").selectionWindowDays(7).build();
    }

    @Test
    void plansAndSelectionsWithTheirRefusals() {
        BackupJobsIT.Fixture f = BackupJobsIT.fixture(server, "rt-crud");
        BackupClient backup = f.backup();
        CreateRestoreTestingPlanResponse created = backup.createRestoreTestingPlan(r -> r.creatorRequestId("req-1")
                .restoreTestingPlan(p -> p.restoreTestingPlanName("daily_tests")
                        .scheduleExpression("cron(0 6 ? * * *)").recoveryPointSelection(latest())));
        assertThat(created.restoreTestingPlanArn()).matches("arn:aws:backup:eu-west-1:" + f.account()[0]
                + ":restore-testing-plan:daily_tests-[0-9a-f]{6}");
        // The same request again is the same plan; another request for the name is refused.
        assertThat(backup.createRestoreTestingPlan(r -> r.creatorRequestId("req-1").restoreTestingPlan(p -> p
                .restoreTestingPlanName("daily_tests").scheduleExpression("cron(0 6 ? * * *)")
                .recoveryPointSelection(latest()))).restoreTestingPlanArn()).isEqualTo(created.restoreTestingPlanArn());
        expect(AlreadyExistsException.class, "AlreadyExistsException", null,
                () -> backup.createRestoreTestingPlan(r -> r.restoreTestingPlan(p -> p
                        .restoreTestingPlanName("daily_tests").scheduleExpression("cron(0 6 ? * * *)")
                        .recoveryPointSelection(latest()))));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", "Invalid "
                        + "RestoreTestingPlanName daily-tests. It must be 1 to 50 characters long and contain only "
                        + "alphanumeric characters and underscores.",
                () -> backup.createRestoreTestingPlan(r -> r.restoreTestingPlan(p -> p
                        .restoreTestingPlanName("daily-tests").scheduleExpression("cron(0 6 ? * * *)")
                        .recoveryPointSelection(latest()))));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException",
                "StartWindowHours must be between 1 and 168 hours.",
                () -> backup.createRestoreTestingPlan(r -> r.restoreTestingPlan(p -> p.restoreTestingPlanName("x")
                        .scheduleExpression("cron(0 6 ? * * *)").startWindowHours(169)
                        .recoveryPointSelection(latest()))));
        expect(MissingParameterValueException.class, "MissingParameterValueException", null,
                () -> backup.createRestoreTestingPlan(r -> r.restoreTestingPlan(p -> p.restoreTestingPlanName("x")
                        .scheduleExpression("cron(0 6 ? * * *)").recoveryPointSelection(s -> s
                                .algorithm("LATEST_WITHIN_WINDOW").recoveryPointTypesWithStrings("SNAPSHOT")))));

        RestoreTestingPlanForGet plan = backup.getRestoreTestingPlan(r -> r.restoreTestingPlanName("daily_tests"))
                .restoreTestingPlan();
        assertThat(plan.scheduleExpressionTimezone()).isEqualTo("Etc/UTC");
        assertThat(plan.startWindowHours()).isEqualTo(24);
        assertThat(plan.creatorRequestId()).isEqualTo("req-1");
        assertThat(plan.recoveryPointSelection()).isEqualTo(latest());
        UpdateRestoreTestingPlanResponse updated = backup.updateRestoreTestingPlan(r -> r
                .restoreTestingPlanName("daily_tests").restoreTestingPlan(p -> p.startWindowHours(48)));
        assertThat(updated.updateTime()).isEqualTo(server.endpoint().admin().now());
        assertThat(backup.listRestoreTestingPlans(r -> { }).restoreTestingPlans())
                .extracting(RestoreTestingPlanForList::restoreTestingPlanName, RestoreTestingPlanForList::startWindowHours)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("daily_tests", 48));

        backup.createRestoreTestingSelection(r -> r.restoreTestingPlanName("daily_tests").restoreTestingSelection(s -> s
                .restoreTestingSelectionName("prod_tables").protectedResourceType("DynamoDB").iamRoleArn(f.roleArn())
                .protectedResourceArns("*").protectedResourceConditions(c -> c.stringEquals(KeyValue.builder()
                        .key("aws:ResourceTag/env").value("prod").build())).validationWindowHours(2)));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException",
                "ProtectedResourceConditions can be used only with ProtectedResourceArns [\"*\"].",
                () -> backup.createRestoreTestingSelection(r -> r.restoreTestingPlanName("daily_tests")
                        .restoreTestingSelection(s -> s.restoreTestingSelectionName("by_arn")
                                .protectedResourceType("DynamoDB").iamRoleArn(f.roleArn())
                                .protectedResourceArns("arn:aws:dynamodb:eu-west-1:" + f.account()[0] + ":table/t")
                                .protectedResourceConditions(c -> c.stringEquals(KeyValue.builder().key("k")
                                        .value("v").build())))));
        expect(InvalidParameterValueException.class, "InvalidParameterValueException", null,
                () -> backup.createRestoreTestingSelection(r -> r.restoreTestingPlanName("daily_tests")
                        .restoreTestingSelection(s -> s.restoreTestingSelectionName("tapes")
                                .protectedResourceType("Tape").iamRoleArn(f.roleArn()).protectedResourceArns("*"))));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", null,
                () -> backup.getRestoreTestingSelection(r -> r.restoreTestingPlanName("daily_tests")
                        .restoreTestingSelectionName("nope")));
        backup.updateRestoreTestingSelection(r -> r.restoreTestingPlanName("daily_tests")
                .restoreTestingSelectionName("prod_tables").restoreTestingSelection(s -> s.validationWindowHours(5)));
        RestoreTestingSelectionForGet selection = backup.getRestoreTestingSelection(r -> r
                .restoreTestingPlanName("daily_tests").restoreTestingSelectionName("prod_tables"))
                .restoreTestingSelection();
        assertThat(selection.validationWindowHours()).isEqualTo(5);
        assertThat(selection.protectedResourceArns()).containsExactly("*");
        assertThat(selection.protectedResourceConditions().stringEquals()).extracting(KeyValue::value)
                .containsExactly("prod");
        assertThat(backup.listRestoreTestingSelections(r -> r.restoreTestingPlanName("daily_tests"))
                .restoreTestingSelections()).extracting(RestoreTestingSelectionForList::restoreTestingSelectionName)
                .containsExactly("prod_tables");

        // A plan goes only once its selections have gone.
        expect(InvalidRequestException.class, "InvalidRequestException", null,
                () -> backup.deleteRestoreTestingPlan(r -> r.restoreTestingPlanName("daily_tests")));
        backup.deleteRestoreTestingSelection(r -> r.restoreTestingPlanName("daily_tests")
                .restoreTestingSelectionName("prod_tables"));
        backup.deleteRestoreTestingPlan(r -> r.restoreTestingPlanName("daily_tests"));
        expect(ResourceNotFoundException.class, "ResourceNotFoundException", null,
                () -> backup.getRestoreTestingPlan(r -> r.restoreTestingPlanName("daily_tests")));
        assertThat(backup.listRestoreTestingPlans(r -> { }).restoreTestingPlans()).isEmpty();
    }

    @Test
    void aRunRestoresTheLatestPointOfEachTaggedTableAndDeletesItAfterValidation() {
        BackupJobsIT.Fixture f = BackupJobsIT.fixture(server, "rt-run");
        BackupClient backup = f.backup();
        try (DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder(), f.credentials())) {
            String prod = table(ddb, "orders", "prod");
            String dev = table(ddb, "scratch", "dev");
            List<Map<String, AttributeValue>> original = BackupJobsIT.scan(ddb, "orders");
            for (String arn : List.of(prod, dev)) {
                backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(arn).iamRoleArn(f.roleArn()));
            }
            advance(Duration.ofHours(1));
            ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", AttributeValue.fromS("later"))));
            String point = backup.listRecoveryPointsByResource(r -> r.resourceArn(prod)).recoveryPoints().get(0)
                    .recoveryPointArn();
            Map<String, String> inferred = backup.getRestoreTestingInferredMetadata(r -> r
                    .backupVaultName(f.vaultName()).recoveryPointArn(point)).inferredMetadata();
            assertThat(inferred.get("targetTableName")).startsWith("awsbackup-restore-test-");
            assertThat(inferred).containsEntry("originalTableName", "orders");

            String planArn = backup.createRestoreTestingPlan(r -> r.restoreTestingPlan(p -> p
                    .restoreTestingPlanName("daily_tests").scheduleExpression("cron(0 6 ? * * *)")
                    .recoveryPointSelection(latest()))).restoreTestingPlanArn();
            backup.createRestoreTestingSelection(r -> r.restoreTestingPlanName("daily_tests")
                    .restoreTestingSelection(s -> s.restoreTestingSelectionName("prod_tables")
                            .protectedResourceType("DynamoDB").iamRoleArn(f.roleArn()).protectedResourceArns("*")
                            .protectedResourceConditions(c -> c.stringEquals(KeyValue.builder()
                                    .key("aws:ResourceTag/env").value("prod").build())).validationWindowHours(2)));

            Instant run = nextSixOClock(server.endpoint().admin().now());
            server.endpoint().admin().set(run.plus(Duration.ofMinutes(30)));
            List<RestoreJobsListMember> jobs = backup.listRestoreJobs(r -> r.byRestoreTestingPlanArn(planArn))
                    .restoreJobs();
            assertThat(jobs).hasSize(1); // the dev table is not selected
            RestoreJobsListMember job = jobs.get(0);
            assertThat(job.statusAsString()).isEqualTo("COMPLETED");
            assertThat(job.recoveryPointArn()).isEqualTo(point);
            assertThat(job.createdBy().restoreTestingPlanArn()).isEqualTo(planArn);
            assertThat(job.deletionStatus()).isNull();
            String restoredName = job.createdResourceArn().substring(job.createdResourceArn().indexOf("table/") + 6);
            assertThat(restoredName).startsWith("awsbackup-restore-test-");
            assertThat(BackupJobsIT.scan(ddb, restoredName)).isEqualTo(original);
            assertThat(backup.getRestoreTestingPlan(r -> r.restoreTestingPlanName("daily_tests"))
                    .restoreTestingPlan().lastExecutionTime()).isEqualTo(run);
            assertThat(backup.listRestoreJobs(r -> r.byRestoreTestingPlanArn(planArn + "0")).restoreJobs()).isEmpty();

            backup.putRestoreValidationResult(r -> r.restoreJobId(job.restoreJobId()).validationStatus("VALIDATING"));
            assertThat(backup.describeRestoreJob(r -> r.restoreJobId(job.restoreJobId())).validationStatusAsString())
                    .isEqualTo("VALIDATING");
            expect(InvalidParameterValueException.class, "InvalidParameterValueException", null,
                    () -> backup.putRestoreValidationResult(r -> r.restoreJobId(job.restoreJobId())
                            .validationStatus("PASSED")));
            expect(ResourceNotFoundException.class, "ResourceNotFoundException", null,
                    () -> backup.putRestoreValidationResult(r -> r.restoreJobId("00000000-0000-0000-0000-000000000000")
                            .validationStatus("SUCCESSFUL")));

            // The validation window (2 hours after the restore) ends: the restored table is deleted.
            advance(Duration.ofHours(2));
            DescribeRestoreJobResponse ended = backup.describeRestoreJob(r -> r.restoreJobId(job.restoreJobId()));
            assertThat(ended.deletionStatusAsString()).isEqualTo("SUCCESSFUL");
            assertThat(ddb.listTables().tableNames()).containsExactlyInAnyOrder("orders", "scratch");
            expect(InvalidRequestException.class, "InvalidRequestException", null,
                    () -> backup.putRestoreValidationResult(r -> r.restoreJobId(job.restoreJobId())
                            .validationStatus("SUCCESSFUL")));

            // The next day's run: a final validation result ends the window at once.
            server.endpoint().admin().set(run.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));
            RestoreJobsListMember second = backup.listRestoreJobs(r -> r.byRestoreTestingPlanArn(planArn))
                    .restoreJobs().stream().filter(j -> !j.restoreJobId().equals(job.restoreJobId())).findFirst()
                    .orElseThrow();
            assertThat(second.statusAsString()).isEqualTo("COMPLETED");
            backup.putRestoreValidationResult(r -> r.restoreJobId(second.restoreJobId()).validationStatus("SUCCESSFUL")
                    .validationStatusMessage("row counts match"));
            advance(Duration.ofSeconds(1));
            DescribeRestoreJobResponse validated = backup.describeRestoreJob(r -> r
                    .restoreJobId(second.restoreJobId()));
            assertThat(validated.validationStatusAsString()).isEqualTo("SUCCESSFUL");
            assertThat(validated.validationStatusMessage()).isEqualTo("row counts match");
            assertThat(validated.deletionStatusAsString()).isEqualTo("SUCCESSFUL");
            assertThat(ddb.listTables().tableNames()).containsExactlyInAnyOrder("orders", "scratch");
        }
    }

    @Test
    void aVolumeSelectedByArnIsRestoredWithItsDataAndDeletedAtOnceWithoutAValidationWindow() {
        BackupJobsIT.Fixture f = BackupJobsIT.fixture(server, "rt-ebs");
        BackupClient backup = f.backup();
        try (Ec2Client ec2 = server.endpoint().client(Ec2Client.builder(), f.credentials())) {
            String volumeId = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
            byte[] data = "block".repeat(64).getBytes(StandardCharsets.UTF_8);
            assertThat(server.endpoint().admin().putEbsData(volumeId, data).status()).isEqualTo(200);
            String arn = "arn:aws:ec2:eu-west-1:" + f.account()[0] + ":volume/" + volumeId;
            backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(arn).iamRoleArn(f.roleArn()));
            advance(Duration.ofHours(1));
            String planArn = backup.createRestoreTestingPlan(r -> r.restoreTestingPlan(p -> p
                    .restoreTestingPlanName("volumes").scheduleExpression("cron(0 6 ? * * *)")
                    .recoveryPointSelection(s -> s.algorithm("RANDOM_WITHIN_WINDOW").includeVaults(f.vaultName())
                            .recoveryPointTypesWithStrings("SNAPSHOT")))).restoreTestingPlanArn();
            backup.createRestoreTestingSelection(r -> r.restoreTestingPlanName("volumes")
                    .restoreTestingSelection(s -> s.restoreTestingSelectionName("data_volume")
                            .protectedResourceType("EBS").iamRoleArn(f.roleArn()).protectedResourceArns(arn)));

            Instant run = nextSixOClock(server.endpoint().admin().now());
            server.endpoint().admin().set(run.plus(Duration.ofMinutes(30)));
            RestoreJobsListMember job = backup.listRestoreJobs(r -> r.byRestoreTestingPlanArn(planArn)).restoreJobs()
                    .get(0);
            assertThat(job.statusAsString()).isEqualTo("COMPLETED");
            assertThat(job.deletionStatusAsString()).isEqualTo("SUCCESSFUL");
            String restored = job.createdResourceArn().substring(job.createdResourceArn().indexOf("volume/") + 7);
            assertThat(restored).isNotEqualTo(volumeId);
            assertThat(ec2.describeVolumes().volumes()).extracting(v -> v.volumeId()).containsExactly(volumeId);
        }
    }

    @Test
    void aBucketIsRestoredIntoABucketOfItsOwnWhichGoesAfterValidationWhileABucketThatExistedStays() {
        BackupJobsIT.Fixture f = BackupJobsIT.fixture(server, "rt-s3");
        BackupClient backup = f.backup();
        try (S3Client s3 = server.endpoint().client(S3Client.builder().forcePathStyle(true), f.credentials())) {
            String source = "orders-" + f.account()[0];
            String scratch = "scratch-" + f.account()[0];
            for (String bucket : List.of(source, scratch)) {
                s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
                s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
            }
            s3.putObject(r -> r.bucket(source).key("2027/01/orders.csv"), RequestBody.fromString("id,item\n1,tea\n"));
            s3.putObject(r -> r.bucket(scratch).key("keep.txt"), RequestBody.fromString("mine"));
            String arn = "arn:aws:s3:::" + source;
            try (IamClient iam = server.endpoint().client(IamClient.builder(), f.credentials())) {
                for (String policy : List.of("AWSBackupServiceRolePolicyForS3Backup",
                        "AWSBackupServiceRolePolicyForS3Restore")) {
                    iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                            .policyArn("arn:aws:iam::aws:policy/" + policy));
                }
            }
            backup.updateRegionSettings(r -> r.resourceTypeOptInPreference(Map.of("S3", true)));
            String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(arn)
                    .iamRoleArn(f.roleArn())).backupJobId();
            advance(Duration.ofHours(1));
            DescribeBackupJobResponse job = backup.describeBackupJob(r -> r.backupJobId(jobId));
            assertThat(job.stateAsString()).as(job.statusMessage()).isEqualTo("COMPLETED");
            Map<String, String> inferred = backup.getRestoreTestingInferredMetadata(r -> r
                    .backupVaultName(f.vaultName()).recoveryPointArn(job.recoveryPointArn())).inferredMetadata();
            assertThat(inferred).containsEntry("NewBucket", "true");
            assertThat(inferred.get("DestinationBucketName")).startsWith("awsbackup-restore-test-");

            String planArn = backup.createRestoreTestingPlan(r -> r.restoreTestingPlan(p -> p
                    .restoreTestingPlanName("buckets").scheduleExpression("cron(0 6 ? * * *)")
                    .recoveryPointSelection(latest()))).restoreTestingPlanArn();
            backup.createRestoreTestingSelection(r -> r.restoreTestingPlanName("buckets")
                    .restoreTestingSelection(s -> s.restoreTestingSelectionName("own_bucket")
                            .protectedResourceType("S3").iamRoleArn(f.roleArn()).protectedResourceArns(arn)
                            .validationWindowHours(2)));
            backup.createRestoreTestingSelection(r -> r.restoreTestingPlanName("buckets")
                    .restoreTestingSelection(s -> s.restoreTestingSelectionName("into_scratch")
                            .protectedResourceType("S3").iamRoleArn(f.roleArn()).protectedResourceArns(arn)
                            .validationWindowHours(2).restoreMetadataOverrides(Map.of("NewBucket", "false",
                                    "DestinationBucketName", scratch))));
            server.endpoint().admin().set(nextSixOClock(server.endpoint().admin().now()).plus(Duration.ofMinutes(30)));

            List<RestoreJobsListMember> jobs = backup.listRestoreJobs(r -> r.byRestoreTestingPlanArn(planArn))
                    .restoreJobs();
            assertThat(jobs).hasSize(2).allSatisfy(j -> assertThat(j.statusAsString()).as(j.statusMessage())
                    .isEqualTo("COMPLETED"));
            RestoreJobsListMember own = jobs.stream().filter(j -> !j.createdResourceArn().endsWith(scratch))
                    .findFirst().orElseThrow();
            String restored = own.createdResourceArn().substring("arn:aws:s3:::".length());
            assertThat(restored).startsWith("awsbackup-restore-test-");
            assertThat(s3.getObjectAsBytes(r -> r.bucket(restored).key("2027/01/orders.csv")).asUtf8String())
                    .isEqualTo("id,item\n1,tea\n");
            assertThat(s3.getObjectAsBytes(r -> r.bucket(scratch).key("2027/01/orders.csv")).asUtf8String())
                    .isEqualTo("id,item\n1,tea\n");

            for (RestoreJobsListMember j : jobs) {
                backup.putRestoreValidationResult(r -> r.restoreJobId(j.restoreJobId()).validationStatus(
                        "SUCCESSFUL"));
            }
            Map<String, RestoreJobsListMember> after = new java.util.HashMap<>();
            backup.listRestoreJobs(r -> r.byRestoreTestingPlanArn(planArn)).restoreJobs()
                    .forEach(j -> after.put(j.restoreJobId(), j));
            assertThat(after.get(own.restoreJobId()).deletionStatusAsString()).isEqualTo("SUCCESSFUL");
            assertThat(catchThrowable(() -> s3.headBucket(r -> r.bucket(restored))))
                    .isInstanceOf(NoSuchBucketException.class);
            RestoreJobsListMember other = after.values().stream().filter(j -> !j.restoreJobId()
                    .equals(own.restoreJobId())).findFirst().orElseThrow();
            assertThat(other.deletionStatusAsString()).isEqualTo("FAILED");
            assertThat(other.deletionStatusMessage()).isEqualTo("The bucket " + scratch + " existed before the "
                    + "restore; only a bucket the restore created (NewBucket) is deleted.");
            assertThat(s3.getObjectAsBytes(r -> r.bucket(scratch).key("keep.txt")).asUtf8String()).isEqualTo("mine");
            assertThat(s3.getObjectAsBytes(r -> r.bucket(source).key("2027/01/orders.csv")).asUtf8String())
                    .isEqualTo("id,item\n1,tea\n");
        }
    }

    private static String table(DynamoDbClient ddb, String name, String env) {
        String arn = ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .tags(t -> t.key("env").value(env))).tableDescription().tableArn();
        for (int i = 0; i < 5; i++) {
            String pk = name + "-" + i;
            ddb.putItem(r -> r.tableName(name).item(Map.of("pk", AttributeValue.fromS(pk))));
        }
        return arn;
    }

    private static Instant nextSixOClock(Instant now) {
        ZonedDateTime six = now.atZone(ZoneOffset.UTC).withHour(6).withMinute(0).withSecond(0).withNano(0);
        return six.toInstant().isAfter(now) ? six.toInstant() : six.plusDays(1).toInstant();
    }
}
