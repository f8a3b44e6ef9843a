package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.ReportBucketPolicy;
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
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup Audit Manager through the SDK v2: frameworks with the real control names, their controls evaluated against
 * the account's real state when a report job runs, and the reports delivered as objects into the account's S3
 * bucket in CSV and JSON, on demand and daily on the clock.
 */
class BackupAuditIT {
    static TestServer server;
    static BackupJobsIT.Fixture f;
    static String taggedArn;
    static String untaggedArn;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        f = BackupJobsIT.fixture(server, "audit");
        BackupClient backup = f.backup();
        try (DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder(), f.credentials());
             S3Client s3 = server.endpoint().client(S3Client.builder().forcePathStyle(true), f.credentials())) {
            taggedArn = table(ddb, "orders", Map.of("Backup", "daily-prod"));
            untaggedArn = table(ddb, "scratch", Map.of());
            s3.createBucket(r -> r.bucket("audit-reports").createBucketConfiguration(c -> c
                    .locationConstraint("eu-west-1")));
            s3.putBucketPolicy(r -> r.bucket("audit-reports").policy(ReportBucketPolicy.of(f.account()[0],
                    "audit-reports")));
        }
        String plan = backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName("daily").rules(
                BackupRuleInput.builder().ruleName("daily-35").targetBackupVaultName(f.vaultName())
                        .scheduleExpression("cron(0 5 ? * * *)").lifecycle(l -> l.deleteAfterDays(35L)).build())))
                .backupPlanId();
        backup.createBackupSelection(r -> r.backupPlanId(plan).backupSelection(s -> s.selectionName("tagged")
                .iamRoleArn(f.roleArn()).listOfTags(t -> t.conditionType(ConditionType.STRINGEQUALS)
                        .conditionKey("Backup").conditionValue("daily-prod"))));
        backup.createBackupVault(r -> r.backupVaultName("locked_vault"));
        backup.putBackupVaultAccessPolicy(r -> r.backupVaultName("locked_vault").policy("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"backup:DeleteRecoveryPoint\","
                + "\"backup:UpdateRecoveryPointLifecycle\",\"backup:PutBackupVaultAccessPolicy\"],"
                + "\"Resource\":\"*\"}]}"));
        backupOf(backup, taggedArn, 35L);
        backupOf(backup, untaggedArn, 7L);
        backup.createFramework(r -> r.frameworkName("seed_controls").frameworkDescription("the seed's controls")
                .frameworkControls(control("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", Map.of()).toBuilder()
                                .controlScope(s -> s.complianceResourceTypes("DynamoDB")).build(),
                        control("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", Map.of()),
                        control("BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", Map.of()),
                        control("BACKUP_RECOVERY_POINT_ENCRYPTED", Map.of()),
                        control("BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", Map.of("requiredRetentionDays",
                                "35")),
                        control("BACKUP_LAST_RECOVERY_POINT_CREATED", Map.of("recoveryPointAgeUnit", "days",
                                "recoveryPointAgeValue", "1")),
                        control("BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", Map.of())));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String table(DynamoDbClient ddb, String name, Map<String, String> tags) {
        String arn = ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.dynamodb.model.Tag.builder()
                        .key(e.getKey()).value(e.getValue()).build()).toList())).tableDescription().tableArn();
        ddb.putItem(r -> r.tableName(name).item(Map.of("pk", AttributeValue.fromS("a"))));
        return arn;
    }

    static void backupOf(BackupClient backup, String arn, long days) {
        String job = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(arn)
                .iamRoleArn(f.roleArn()).lifecycle(l -> l.deleteAfterDays(days))).backupJobId();
        server.endpoint().admin().advance(Duration.ofMinutes(5));
        assertThat(backup.describeBackupJob(r -> r.backupJobId(job)).stateAsString()).isEqualTo("COMPLETED");
    }

    static FrameworkControl control(String name, Map<String, String> parameters) {
        return FrameworkControl.builder().controlName(name).controlInputParameters(parameters.entrySet().stream()
                .map(e -> ControlInputParameter.builder().parameterName(e.getKey()).parameterValue(e.getValue())
                        .build()).toList()).build();
    }

    static String planWith(String name, String template, List<String> formats) {
        BackupClient backup = f.backup();
        String frameworkArn = backup.describeFramework(r -> r.frameworkName("seed_controls")).frameworkArn();
        backup.createReportPlan(r -> r.reportPlanName(name).reportSetting(s -> s.reportTemplate(template)
                        .frameworkArns(template.endsWith("COMPLIANCE_REPORT") ? List.of(frameworkArn) : null))
                .reportDeliveryChannel(d -> d.s3BucketName("audit-reports").formats(formats)));
        return name;
    }

    static String object(String key) {
        try (S3Client s3 = server.endpoint().client(S3Client.builder().forcePathStyle(true), f.credentials())) {
            return s3.getObjectAsBytes(r -> r.bucket("audit-reports").key(key)).asString(StandardCharsets.UTF_8);
        }
    }

    /** resource id → compliance status for one control, from a RESOURCE_COMPLIANCE_REPORT in JSON. */
    static Map<String, String> statuses(JsonNode report, String control) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode item : report.path("reportItems")) {
            if (item.path("controlName").asText().equals(control)) {
                out.put(item.path("resourceId").asText(), item.path("resourceComplianceStatus").asText());
            }
        }
        return out;
    }

    @Test
    void frameworkDescribedWithItsControlsAndDeployedAtOnce() {
        DescribeFrameworkResponse d = f.backup().describeFramework(r -> r.frameworkName("seed_controls"));
        assertThat(d.frameworkArn()).matches("arn:aws:backup:eu-west-1:" + f.account()[0]
                + ":framework:seed_controls-[0-9a-f-]{36}");
        assertThat(d.deploymentStatus()).isEqualTo("COMPLETED");
        assertThat(d.frameworkStatus()).isEqualTo("ACTIVE");
        assertThat(d.frameworkControls()).extracting(FrameworkControl::controlName).hasSize(7)
                .contains("BACKUP_RECOVERY_POINT_ENCRYPTED");
        assertThat(f.backup().listFrameworks(r -> { }).frameworks()).singleElement()
                .satisfies(fw -> assertThat(fw.numberOfControls()).isEqualTo(7));
    }

    @Test
    void theSeedArticlesControlNamesAreRefused() {
        for (String wrong : List.of("BACKUP_RESOURCE_PROTECTED_BY_BACKUP_PLAN", "CROSS_REGION_BACKUP_COPY")) {
            BackupIT.expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "Invalid control name " + wrong + ".", () -> f.backup().createFramework(r -> r
                            .frameworkName("wrong").frameworkControls(control(wrong, Map.of()))));
        }
        BackupIT.expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> f.backup().createFramework(r -> r.frameworkName("has-hyphen")
                        .frameworkControls(control("BACKUP_RECOVERY_POINT_ENCRYPTED", Map.of()))));
        BackupIT.expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> f.backup().createFramework(r -> r.frameworkName("bad_value").frameworkControls(control(
                        "BACKUP_LAST_RECOVERY_POINT_CREATED", Map.of("recoveryPointAgeUnit", "weeks")))));
        BackupIT.expect(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> f.backup().describeFramework(r -> r.frameworkName("nothing_here")));
    }

    @Test
    void resourceComplianceReportJudgesEachResourceVaultPlanAndRecoveryPointOnTheRealState() throws Exception {
        planWith("resources_json", "RESOURCE_COMPLIANCE_REPORT", List.of("JSON"));
        String jobId = f.backup().startReportJob(r -> r.reportPlanName("resources_json")).reportJobId();
        ReportJob job = f.backup().describeReportJob(r -> r.reportJobId(jobId)).reportJob();
        assertThat(job.status()).as(job.statusMessage()).isEqualTo("COMPLETED");
        assertThat(job.reportDestination().s3Keys()).singleElement().asString()
                .matches("Backup/" + f.account()[0] + "/eu-west-1/\\d{4}/\\d{2}/\\d{2}/resources_json/"
                        + "RESOURCE_COMPLIANCE_REPORT_resources_json_.*Z_.*Z\\.json");
        JsonNode report = new ObjectMapper().readTree(object(job.reportDestination().s3Keys().get(0)));

        assertThat(statuses(report, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN")).containsExactlyInAnyOrderEntriesOf(
                Map.of("AWS::DynamoDB::Table/orders", "COMPLIANT", "AWS::DynamoDB::Table/scratch", "NON_COMPLIANT"));
        assertThat(statuses(report, "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("AWS::Backup::BackupVault/" + f.vaultName(),
                        "NON_COMPLIANT", "AWS::Backup::BackupVault/locked_vault", "COMPLIANT"));
        assertThat(statuses(report, "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK").values())
                .containsExactlyInAnyOrder("COMPLIANT", "NON_COMPLIANT");
        assertThat(statuses(report, "BACKUP_RECOVERY_POINT_ENCRYPTED").values()).containsOnly("COMPLIANT")
                .hasSize(2);
        assertThat(statuses(report, "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK").values())
                .containsExactly("COMPLIANT");
        assertThat(statuses(report, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION"))
                .as("unscoped: every resource, the report bucket included")
                .containsEntry("AWS::S3::Bucket/audit-reports", "NON_COMPLIANT").containsEntry(
                "AWS::DynamoDB::Table/orders", "NON_COMPLIANT");
        assertThat(statuses(report, "BACKUP_LAST_RECOVERY_POINT_CREATED")).containsEntry(
                "AWS::DynamoDB::Table/orders", "COMPLIANT");
        JsonNode scratch = null;
        for (JsonNode item : report.path("reportItems")) {
            if (item.path("resourceId").asText().equals("AWS::DynamoDB::Table/scratch")
                    && item.path("controlName").asText().equals("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN")) {
                scratch = item;
            }
        }
        assertThat(scratch).isNotNull();
        assertThat(scratch.path("complianceReason").asText()).isEqualTo("No selection of a backup plan selects it.");
        assertThat(scratch.path("resourceType").asText()).isEqualTo("AWS::DynamoDB::Table");
    }

    @Test
    void controlComplianceReportInCsvCountsResourcesPerControl() {
        planWith("controls_csv", "CONTROL_COMPLIANCE_REPORT", List.of("CSV"));
        String jobId = f.backup().startReportJob(r -> r.reportPlanName("controls_csv")).reportJobId();
        ReportJob job = f.backup().describeReportJob(r -> r.reportJobId(jobId)).reportJob();
        String csv = object(job.reportDestination().s3Keys().get(0));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("Account ID,Region,Framework Name,Framework Description,Control Name,"
                + "Control Compliance Status,Last Evaluation Time,Num Resources Compliant,Num Resources Non Compliant");
        assertThat(lines).hasSize(8);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN,"
                + "NON_COMPLIANT,").contains(",1,1,"));
        // Every recovery point is encrypted (the daily rule may have added some by now).
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(".*,BACKUP_RECOVERY_POINT_ENCRYPTED,COMPLIANT,[^,]*,"
                + "[1-9]\\d*,0,.*"));
    }

    @Test
    void backupJobReportListsTheJobsInBothFormats() throws Exception {
        planWith("jobs_both", "BACKUP_JOB_REPORT", List.of("CSV", "JSON"));
        String jobId = f.backup().startReportJob(r -> r.reportPlanName("jobs_both")).reportJobId();
        ReportJob job = f.backup().describeReportJob(r -> r.reportJobId(jobId)).reportJob();
        assertThat(job.reportDestination().s3Keys()).hasSize(2);
        String csvKey = job.reportDestination().s3Keys().stream().filter(k -> k.endsWith(".csv")).findFirst()
                .orElseThrow();
        String jsonKey = job.reportDestination().s3Keys().stream().filter(k -> k.endsWith(".json")).findFirst()
                .orElseThrow();
        String header = object(csvKey).lines().findFirst().orElseThrow();
        assertThat(header).contains("Report Time Period Start", "Report Time Period End", "Job Status",
                "Resource Type", "Resource ARN", "Backup Size in Bytes", "Recovery Point ARN", "IAM Role ARN");
        JsonNode items = new ObjectMapper().readTree(object(jsonKey)).path("reportItems");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("jobStatus").asText()).isEqualTo("COMPLETED");
        assertThat(items.findValuesAsText("resourceArn")).containsExactlyInAnyOrder(taggedArn, untaggedArn);
    }

    @Test
    void aReportToABucketTheAccountDoesNotHaveFailsWithAMessage() {
        f.backup().createReportPlan(r -> r.reportPlanName("nowhere").reportSetting(s -> s
                        .reportTemplate("RESTORE_JOB_REPORT"))
                .reportDeliveryChannel(d -> d.s3BucketName("no-such-bucket")));
        String jobId = f.backup().startReportJob(r -> r.reportPlanName("nowhere")).reportJobId();
        ReportJob job = f.backup().describeReportJob(r -> r.reportJobId(jobId)).reportJob();
        assertThat(job.status()).isEqualTo("FAILED");
        assertThat(job.statusMessage()).isEqualTo("The report could not be delivered to the S3 bucket no-such-bucket: "
                + "NoSuchBucket: The specified bucket does not exist");
        assertThat(f.backup().describeReportPlan(r -> r.reportPlanName("nowhere")).reportPlan()
                .lastSuccessfulExecutionTime()).isNull();
        BackupIT.expect(InvalidParameterValueException.class, "InvalidParameterValueException", 400, null,
                () -> f.backup().createReportPlan(r -> r.reportPlanName("bad_template").reportSetting(s -> s
                        .reportTemplate("NO_SUCH_REPORT")).reportDeliveryChannel(d -> d.s3BucketName("x"))));
    }

    @Test
    void everyPlanAlsoRunsDailyOnTheClockOverThePreviousDay() {
        planWith("daily_restores", "RESTORE_JOB_REPORT", List.of("CSV"));
        server.endpoint().admin().advance(Duration.ofDays(2));
        List<ReportJob> daily = f.backup().listReportJobs(r -> r.byReportPlanName("daily_restores")).reportJobs();
        assertThat(daily).hasSizeBetween(2, 3).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo("COMPLETED");
            assertThat(j.reportDestination().s3Keys().get(0)).matches(".*RESTORE_JOB_REPORT_daily_restores_"
                    + "\\d{4}-\\d{2}-\\d{2}T00:00:00Z_\\d{4}-\\d{2}-\\d{2}T00:00:00Z\\.csv");
        });
    }
}
