package io.strongroom.it;

import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.SeedOrganization;
import io.strongroom.testkit.ReportBucketPolicy;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.ControlInputParameter;
import software.amazon.awssdk.services.backup.model.CopyJob;
import software.amazon.awssdk.services.backup.model.FrameworkControl;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;
import software.amazon.awssdk.services.backup.model.ReportJob;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, "Must show": the seed's organisation after {@code clock advance P40D}, every control of the catalogue
 * deployed as a framework in each member account (what the seed's StackSet does), and the audit account, AWS Backup's
 * delegated administrator, receiving the organisation's daily reports in its bucket. Three production accounts differ
 * in one thing each: the first is the seed as written; the second's backup role may not copy into another vault, so
 * every copy to the central vault fails; the third has locked its local vault. Every control's verdict is asserted
 * per account and resource, from the reports the server wrote into S3 (read with the SDK and with the AWS CLI).
 */
class BackupAuditOrganizationIT {
    static final String REGION = SeedOrganization.REGION;
    static final int DAYS = 40;
    static final String COMPLIANT = "COMPLIANT";
    static final String NON = "NON_COMPLIANT";
    static final List<String> CONTROLS = List.of("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
            "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
            "BACKUP_RECOVERY_POINT_ENCRYPTED", "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
            "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
            "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", "BACKUP_LAST_RECOVERY_POINT_CREATED",
            "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT");
    static final List<String> PLANS = List.of("org_resources", "org_controls", "org_copies");

    static TestServer server;
    static SeedOrganization seed;
    static String seedAsWritten;
    static String copyRefused;
    static String localLocked;
    static String audit;
    static String bucket;

    @BeforeAll
    static void organisationForFortyDays() {
        server = TestServer.start();
        seed = SeedOrganization.build(server.endpoint(), 3);
        seedAsWritten = seed.production.get(0);
        copyRefused = seed.production.get(1);
        localLocked = seed.production.get(2);
        for (String account : seed.production) {
            seed.tables(account, "orders", 1, SeedOrganization.DAILY_PROD, 2);
            seed.tables(account, "scratch", 1, null, 2);
        }
        seed.tables(seed.sandbox, "experiment", 1, SeedOrganization.DAILY_PROD, 2);
        try (IamClient iam = server.endpoint().client(IamClient.builder(), seed.rootOf(copyRefused))) {
            iam.putRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole").policyName("no-copies-out")
                    .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                            + "\"Action\":\"backup:CopyIntoBackupVault\",\"Resource\":\"*\"}]}"));
        }
        try (BackupClient backup = seed.backup(localLocked)) {
            backup.putBackupVaultLockConfiguration(r -> r.backupVaultName(SeedOrganization.LOCAL_VAULT)
                    .minRetentionDays(7L).maxRetentionDays(100L));
        }
        List<String> frameworks = new ArrayList<>();
        for (String account : seed.members()) {
            try (BackupClient backup = seed.backup(account)) {
                frameworks.add(backup.createFramework(r -> r.frameworkName("seed_controls")
                        .frameworkDescription("every control of the catalogue").frameworkControls(controls()))
                        .frameworkArn());
            }
        }
        auditAccountWithItsReportPlans(frameworks);
        server.endpoint().admin().advance(Duration.ofDays(DAYS));
    }

    /** The audit account in Shared, delegated administrator of AWS Backup, its bucket and org-wide daily reports. */
    static void auditAccountWithItsReportPlans(List<String> frameworks) {
        try (OrganizationsClient org = server.endpoint().client(OrganizationsClient.builder())) {
            String request = org.createAccount(r -> r.accountName("audit").email("audit@example.com"))
                    .createAccountStatus().id();
            audit = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                    .accountId();
            org.moveAccount(r -> r.accountId(audit).sourceParentId(seed.rootId).destinationParentId(seed.sharedOu));
            org.enableAWSServiceAccess(r -> r.servicePrincipal("backup.amazonaws.com"));
            org.registerDelegatedAdministrator(r -> r.accountId(audit).servicePrincipal("backup.amazonaws.com"));
        }
        bucket = "audit-backup-reports-" + audit;
        try (S3Client s3 = s3(); BackupClient backup = seed.backup(audit)) {
            s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(REGION)));
            backup.createReportPlan(r -> r.reportPlanName("org_resources").reportSetting(s -> s
                            .reportTemplate("RESOURCE_COMPLIANCE_REPORT").frameworkArns(frameworks).accounts("ROOT"))
                    .reportDeliveryChannel(d -> d.s3BucketName(bucket).s3KeyPrefix("compliance")));
            backup.createReportPlan(r -> r.reportPlanName("org_controls").reportSetting(s -> s
                            .reportTemplate("CONTROL_COMPLIANCE_REPORT").frameworkArns(frameworks).accounts("ROOT"))
                    .reportDeliveryChannel(d -> d.s3BucketName(bucket).s3KeyPrefix("compliance")));
            backup.createReportPlan(r -> r.reportPlanName("org_copies").reportSetting(s -> s
                            .reportTemplate("COPY_JOB_REPORT").accounts("ROOT"))
                    .reportDeliveryChannel(d -> d.s3BucketName(bucket).s3KeyPrefix("jobs")));
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(ReportBucketPolicy.of(audit, bucket)));
        }
    }

    static List<FrameworkControl> controls() {
        Map<String, Map<String, String>> parameters = Map.of(
                "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", Map.of("requiredRetentionDays", "35"),
                "BACKUP_LAST_RECOVERY_POINT_CREATED", Map.of("recoveryPointAgeUnit", "days",
                        "recoveryPointAgeValue", "1"),
                "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", Map.of("maxRestoreTime", "720"),
                "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT", Map.of("recoveryPointAgeUnit", "days",
                        "recoveryPointAgeValue", "7"));
        return CONTROLS.stream().map(name -> FrameworkControl.builder().controlName(name).controlInputParameters(
                parameters.getOrDefault(name, Map.of()).entrySet().stream().map(e -> ControlInputParameter.builder()
                        .parameterName(e.getKey()).parameterValue(e.getValue()).build()).toList()).build()).toList();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static S3Client s3() {
        return server.endpoint().client(S3Client.builder().forcePathStyle(true), seed.rootOf(audit));
    }

    static String table(String account, String name) {
        return "arn:aws:dynamodb:" + REGION + ":" + account + ":table/" + name;
    }

    /** account / control / resource id → verdict, as the seed's state must give it. */
    static Map<String, String> expected() {
        Map<String, String> out = new TreeMap<>();
        for (String account : seed.production) {
            String orders = "AWS::DynamoDB::Table/orders-0";
            String scratch = "AWS::DynamoDB::Table/scratch-0";
            expect(out, account, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", orders, COMPLIANT);
            expect(out, account, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", scratch, NON);
            expect(out, account, "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
                    "AWS::Backup::BackupPlan/" + orgPlanId(account), COMPLIANT);
            expect(out, account, "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
                    "AWS::Backup::BackupVault/" + SeedOrganization.LOCAL_VAULT, NON);
            for (RecoveryPointByBackupVault p : localPoints(account)) {
                expect(out, account, "BACKUP_RECOVERY_POINT_ENCRYPTED", "AWS::Backup::RecoveryPoint/"
                        + p.recoveryPointArn(), COMPLIANT);
                expect(out, account, "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", "AWS::Backup::RecoveryPoint/"
                        + p.recoveryPointArn(), COMPLIANT);
            }
            expect(out, account, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", orders, NON);
            expect(out, account, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", scratch, NON);
            expect(out, account, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", orders,
                    account.equals(copyRefused) ? NON : COMPLIANT);
            expect(out, account, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", scratch, NON);
            expect(out, account, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", orders,
                    account.equals(localLocked) ? COMPLIANT : NON);
            expect(out, account, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", scratch, NON);
            expect(out, account, "BACKUP_LAST_RECOVERY_POINT_CREATED", orders, COMPLIANT);
            expect(out, account, "BACKUP_LAST_RECOVERY_POINT_CREATED", scratch, NON);
            expect(out, account, "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT", orders, NON);
            expect(out, account, "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT", scratch, NON);
        }
        // The Sandbox account: a tagged table, but no backup policy reaches the Sandbox OU.
        String experiment = "AWS::DynamoDB::Table/experiment-0";
        for (String control : List.of("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
                "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
                "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", "BACKUP_LAST_RECOVERY_POINT_CREATED",
                "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT")) {
            expect(out, seed.sandbox, control, experiment, NON);
        }
        expect(out, seed.sandbox, "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
                "AWS::Backup::BackupVault/" + SeedOrganization.LOCAL_VAULT, NON);
        return out;
    }

    static void expect(Map<String, String> out, String account, String control, String resourceId, String status) {
        out.put(account + " " + control + " " + resourceId, status);
    }

    static String orgPlanId(String account) {
        try (BackupClient backup = seed.backup(account)) {
            return backup.listBackupPlans(r -> { }).backupPlansList().get(0).backupPlanId();
        }
    }

    static List<RecoveryPointByBackupVault> localPoints(String account) {
        try (BackupClient backup = seed.backup(account)) {
            return backup.listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName(SeedOrganization.LOCAL_VAULT))
                    .recoveryPoints().stream().toList();
        }
    }

    /** A report job run now by the audit account; the keys of its objects. */
    static List<String> runNow(String plan) {
        try (BackupClient backup = seed.backup(audit)) {
            String id = backup.startReportJob(r -> r.reportPlanName(plan)).reportJobId();
            ReportJob job = backup.describeReportJob(r -> r.reportJobId(id)).reportJob();
            assertThat(job.status()).as(job.statusMessage()).isEqualTo("COMPLETED");
            return job.reportDestination().s3Keys();
        }
    }

    static String object(String key) {
        try (S3Client s3 = s3()) {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
        }
    }

    /** The rows of a CSV report, each a map from header to value. */
    static List<Map<String, String>> rows(String csv) {
        List<List<String>> lines = Csv.parse(csv);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < line.size(); i++) {
                row.put(lines.get(0).get(i), line.get(i));
            }
            out.add(row);
        }
        return out;
    }

    static Map<String, String> verdicts(List<Map<String, String>> rows) {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, String> row : rows) {
            String previous = out.put(row.get("Account ID") + " " + row.get("Control Name") + " "
                    + row.get("Resource ID"), row.get("Resource Compliance Status"));
            assertThat(previous).as("one verdict per account, control and resource").isNull();
        }
        return out;
    }

    static Map<String, String> reason(List<Map<String, String>> rows, String account, String control,
                                      String resourceId) {
        return rows.stream().filter(r -> r.get("Account ID").equals(account) && r.get("Control Name").equals(control)
                && r.get("Resource ID").equals(resourceId)).findFirst().orElseThrow();
    }

    @Test
    void everyControlGivesTheExpectedVerdictPerResource() {
        assertThat(localPoints(seedAsWritten)).as("the last 35 daily points in the local vault").hasSize(35);
        try (BackupClient management = server.endpoint().client(BackupClient.builder())) {
            assertThat(management.listCopyJobsPaginator(r -> r.byAccountId(copyRefused)).copyJobs().stream()
                    .toList()).as("every copy of the refusing account failed").hasSize(DAYS)
                    .allSatisfy(c -> assertThat(c.stateAsString()).isEqualTo("FAILED"));
            assertThat(management.listCopyJobsPaginator(r -> r.byAccountId(seedAsWritten)).copyJobs().stream()
                    .map(CopyJob::stateAsString).distinct().toList()).containsExactly("COMPLETED");
        }
        List<String> keys = runNow("org_resources");
        assertThat(keys).singleElement().asString().startsWith("compliance/crossaccount/" + REGION + "/");
        List<Map<String, String>> rows = rows(object(keys.get(0)));

        assertThat(verdicts(rows)).containsExactlyEntriesOf(expected());

        assertThat(reason(rows, seedAsWritten, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
                "AWS::DynamoDB::Table/scratch-0").get("Compliance Reason"))
                .isEqualTo("No selection of a backup plan selects it.");
        assertThat(reason(rows, copyRefused, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
                "AWS::DynamoDB::Table/orders-0").get("Compliance Reason"))
                .startsWith("Its plans copy to account " + seed.central + ". Its latest copy to account "
                        + seed.central + " (copy job ").contains(") failed: Copy job failed. Access denied");
        assertThat(reason(rows, seedAsWritten, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
                "AWS::DynamoDB::Table/orders-0").get("Compliance Reason"))
                .isEqualTo("Its plans copy to account " + seed.central + ".");
        assertThat(reason(rows, seedAsWritten, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
                "AWS::DynamoDB::Table/orders-0").get("Compliance Reason"))
                .isEqualTo("The vaults its plans back it up into are not locked: local-prod-vault.");
        assertThat(reason(rows, localLocked, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
                "AWS::DynamoDB::Table/orders-0").get("Compliance Reason"))
                .contains("backs it up into locked vault local-prod-vault");
    }

    @Test
    void eachControlsStatusAndCountsPerAccount() {
        Map<String, int[]> counts = new TreeMap<>();
        expected().forEach((key, status) -> {
            String[] part = key.split(" ");
            counts.computeIfAbsent(part[0] + " " + part[1], k -> new int[2])[status.equals(COMPLIANT) ? 0 : 1]++;
        });
        Map<String, String> want = new TreeMap<>();
        for (String account : seed.members()) {
            for (String control : CONTROLS) {
                int[] n = counts.getOrDefault(account + " " + control, new int[2]);
                want.put(account + " " + control, (n[1] == 0 ? COMPLIANT : NON) + " " + n[0] + " " + n[1]);
            }
        }
        Map<String, String> got = new TreeMap<>();
        for (Map<String, String> row : rows(object(runNow("org_controls").get(0)))) {
            got.put(row.get("Account ID") + " " + row.get("Control Name"), row.get("Control Compliance Status")
                    + " " + row.get("Num Resources Compliant") + " " + row.get("Num Resources Non Compliant"));
        }
        assertThat(got).containsExactlyEntriesOf(want);
        assertThat(got.get(copyRefused + " BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT")).isEqualTo(NON + " 0 2");
        assertThat(got.get(seedAsWritten + " RESTORE_TIME_FOR_RESOURCES_MEET_TARGET"))
                .as("nothing restored: nothing evaluated").isEqualTo(COMPLIANT + " 0 0");
    }

    @Test
    void theDailyReportsLandInTheAuditBucketAndTheCliReadsThem() throws IOException {
        List<String> keys;
        try (S3Client s3 = s3()) {
            keys = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key)
                    .filter(k -> !k.contains("/" + LocalDate.ofInstant(now(), ZoneOffset.UTC).format(
                            DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/")).toList();
        }
        List<String> want = new ArrayList<>();
        Instant start = io.strongroom.server.ServerOptions.DEFAULT_START;
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
        Map<String, String> templates = Map.of("org_resources", "compliance/crossaccount/%s/%s/org_resources/"
                        + "RESOURCE_COMPLIANCE_REPORT_org_resources_%s_%s.csv",
                "org_controls", "compliance/crossaccount/%s/%s/org_controls/"
                        + "CONTROL_COMPLIANCE_REPORT_org_controls_%s_%s.csv",
                "org_copies", "jobs/crossaccount/%s/%s/org_copies/COPY_JOB_REPORT_org_copies_%s_%s.csv");
        for (String plan : PLANS) {
            IntStream.range(0, DAYS).mapToObj(d -> start.plus(Duration.ofDays(d))).forEach(end -> want.add(
                    templates.get(plan).formatted(REGION, day.format(end), end.minus(Duration.ofDays(1)), end)));
            try (BackupClient backup = seed.backup(audit)) {
                assertThat(backup.listReportJobsPaginator(r -> r.byReportPlanName(plan)).stream().flatMap(p -> p.reportJobs().stream())
                        .filter(j -> j.creationTime().isBefore(now())).toList()).as(plan).hasSize(DAYS)
                        .allSatisfy(j -> assertThat(j.status()).isEqualTo("COMPLETED"));
            }
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(want);

        // The auditor opens the latest daily compliance report with the AWS CLI.
        String latest = want.get(DAYS - 1);
        Path dir = Files.createTempDirectory("audit-cli");
        AwsCredentials root = seed.rootOf(audit);
        Files.writeString(dir.resolve("credentials"), "[audit]\naws_access_key_id = " + root.accessKeyId()
                + "\naws_secret_access_key = " + root.secretAccessKey() + "\n");
        Files.writeString(dir.resolve("config"), "[profile audit]\nregion = " + REGION + "\n");
        AwsCli cli = new AwsCli(server.endpoint()).withFiles(dir.resolve("credentials"), dir.resolve("config"),
                "audit");
        Path local = dir.resolve("latest.csv");
        AwsCli.Result copied = cli.run("s3", "cp", "s3://" + bucket + "/" + latest, local.toString());
        assertThat(copied.exitCode()).as(copied.stderr()).isZero();
        List<Map<String, String>> rows = rows(Files.readString(local));
        Map<String, String> resources = new TreeMap<>();
        verdicts(rows).forEach((key, status) -> {
            if (!key.contains("AWS::Backup::RecoveryPoint/")) {
                resources.put(key, status);
            }
        });
        Map<String, String> want2 = new TreeMap<>();
        expected().forEach((key, status) -> {
            if (!key.contains("AWS::Backup::RecoveryPoint/")) {
                want2.put(key, status);
            }
        });
        assertThat(resources).as("the day before's resources, plans and vaults").containsExactlyEntriesOf(want2);
        assertThat(rows).filteredOn(r -> r.get("Resource ID").startsWith("AWS::Backup::RecoveryPoint/"))
                .as("the recovery points of that morning").isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("Resource Compliance Status")).isEqualTo(COMPLIANT));
    }

    static Instant now() {
        return io.strongroom.server.ServerOptions.DEFAULT_START.plus(Duration.ofDays(DAYS));
    }

    /** RFC 4180 CSV, as the reports are written: quoted fields may hold commas, quotes and newlines. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> lines = new ArrayList<>();
            List<String> line = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    line.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    line.add(field.toString());
                    field.setLength(0);
                    lines.add(line);
                    line = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !line.isEmpty()) {
                line.add(field.toString());
                lines.add(line);
            }
            return lines;
        }
    }
}
