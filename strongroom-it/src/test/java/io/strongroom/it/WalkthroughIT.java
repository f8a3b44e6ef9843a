package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.ServerProcess;
import io.strongroom.testkit.Totp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/walkthrough.md, run as written: {@code ./strongroom serve --demo} started as the README says, then the seed's
 * worked restoration through the Debian AWS CLI with the demo's profiles, asserting every outcome the walkthrough
 * shows. Each step's comment names the walkthrough's step.
 */
class WalkthroughIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DAY = "2027-02-01T";
    /** The seed's SCP exactly as the article prints it, the file docs/walkthrough.md uses. */
    static final Path LITERAL_SCP = ServerProcess.repositoryRoot().resolve("docs/walkthrough/seed-protect-backups.json");

    @TempDir
    Path data;

    @Test
    void theSeedsWorkedRestorationRunsThroughTheAwsCli() throws Exception {
        String paymentsAccount;
        String centralPoint;
        try (ServerProcess server = ServerProcess.start(data, "--demo")) {
            Path demo = data.resolve("demo");
            AwsCli cli = new AwsCli(server.endpoint()).withFiles(demo.resolve("credentials"), demo.resolve("config"),
                    "payments");
            String summary = Files.readString(demo.resolve("complete"));
            String backupAccount = account(summary, "backup");
            paymentsAccount = account(summary, "payments");
            String centralVault = "arn:aws:backup:eu-west-1:" + backupAccount + ":backup-vault:central-backup-vault";

            // 1. payments' effective backup policy holds both plans, with the copy into the central vault
            JsonNode policy = JSON.readTree(cli.json("organizations", "describe-effective-policy", "--policy-type",
                    "BACKUP_POLICY").at("/EffectivePolicy/PolicyContent").asText());
            JsonNode daily = policy.at("/plans/daily-prod/rules/daily");
            assertThat(policy.get("plans").fieldNames()).toIterable().containsExactly("daily-prod", "monthly-prod");
            assertThat(daily.get("schedule_expression").asText()).isEqualTo("cron(0 2 ? * * *)");
            assertThat(daily.at("/lifecycle/delete_after_days").asText()).isEqualTo("35");
            assertThat(daily.get("target_backup_vault_name").asText()).isEqualTo("local-prod-vault");
            assertThat(daily.at("/copy_actions/" + escape(centralVault) + "/lifecycle/delete_after_days").asText())
                    .isEqualTo("2555");

            int paymentsPort = cli.json("rds", "describe-db-instances", "--db-instance-identifier", "payments-db")
                    .at("/DBInstances/0/Endpoint/Port").asInt();
            List<String> rowsAt0200 = rows(paymentsPort);
            assertThat(rowsAt0200).hasSize(100);

            // 2. 02:00: the plan starts the jobs; a few minutes later the backup and its central copy are done
            assertThat(server.command("clock", "set", DAY + "02:00:00Z")).contains(DAY + "02:00:00Z");
            JsonNode rdsJob = rdsJob(cli);
            assertThat(rdsJob.get("State").asText()).isEqualTo("RUNNING");
            assertThat(rdsJob.get("CreationDate").asText()).isEqualTo(DAY + "02:00:00+00:00");
            server.command("clock", "set", DAY + "02:10:00Z");
            rdsJob = rdsJob(cli);
            assertThat(rdsJob.get("State").asText()).isEqualTo("COMPLETED");
            assertThat(rdsJob.get("CompletionDate").asText()).isEqualTo(DAY + "02:01:00+00:00");
            JsonNode jobs = cli.json("backup", "list-backup-jobs").get("BackupJobs");
            assertThat(jobs).extracting(j -> j.get("ResourceType").asText() + " " + j.get("State").asText())
                    .containsExactlyInAnyOrder("RDS COMPLETED", "DynamoDB COMPLETED", "S3 COMPLETED");
            JsonNode copy = only(cli.json("backup", "list-copy-jobs", "--by-resource-type", "RDS").get("CopyJobs"));
            assertThat(copy.get("State").asText()).isEqualTo("COMPLETED");
            assertThat(copy.get("DestinationBackupVaultArn").asText()).isEqualTo(centralVault);
            centralPoint = copy.get("DestinationRecoveryPointArn").asText();

            // 3. 08:00: new payments arrive (inside the loss window); 14:00: the UPDATE without a WHERE clause
            server.command("clock", "set", DAY + "08:00:00Z");
            // by then the monthly plan has run too (03:00 on the 1st): in ledger the Aurora cluster, the file system
            // and the bucket (daily) at 02:00, the instance, its root volume, the data volume and the table at 03:00
            JsonNode ledgerJobs = cli.withProfile("ledger").json("backup", "list-backup-jobs").get("BackupJobs");
            assertThat(ledgerJobs).extracting(j -> j.get("ResourceType").asText() + " " + j.get("State").asText()
                            + " " + j.get("CreationDate").asText().substring(DAY.length(), DAY.length() + 5))
                    .containsExactlyInAnyOrder("Aurora COMPLETED 02:00", "EFS COMPLETED 02:00", "S3 COMPLETED 02:00",
                            "EC2 COMPLETED 03:00", "EBS COMPLETED 03:00", "EBS COMPLETED 03:00",
                            "DynamoDB COMPLETED 03:00");
            sql(paymentsPort, "INSERT INTO payment VALUES (101, 'customer-1', 4200, 'settled'), "
                    + "(102, 'customer-2', 990, 'settled')");
            server.command("clock", "set", DAY + "14:00:00Z");
            assertThat(sql(paymentsPort, "UPDATE payment SET amount_cents = 0")).isEqualTo(102);
            List<String> rowsAt1400 = rows(paymentsPort);

            // 4. the on-call engineer assumes BackupAdminRole with the MFA code and a ticket
            String code = server.command("mfa-code");
            String seed = Files.readString(demo.resolve("mfa-seed")).trim();
            assertThat(code).isEqualTo(Totp.code(seed, Instant.parse(DAY + "14:00:00Z")));
            AwsCli oncall = cli.withProfile("oncall");
            String role = "arn:aws:iam::" + backupAccount + ":role/BackupAdminRole";
            String serial = "arn:aws:iam::" + backupAccount + ":mfa/oncall";
            AwsCli.Result noTicket = oncall.run("sts", "assume-role", "--role-arn", role, "--role-session-name",
                    "inc", "--serial-number", serial, "--token-code", code);
            assertThat(noTicket.stderr()).contains("(AccessDenied) when calling the AssumeRole operation: User: "
                    + "arn:aws:iam::" + backupAccount + ":user/oncall is not authorized to perform: sts:AssumeRole on "
                    + "resource: " + role + " because no role trust policy allows the sts:AssumeRole action");
            JsonNode assumed = oncall.json("sts", "assume-role", "--role-arn", role, "--role-session-name",
                    "inc-4711", "--serial-number", serial, "--token-code", code, "--source-identity", "INC-4711");
            assertThat(assumed.get("SourceIdentity").asText()).isEqualTo("INC-4711");
            JsonNode c = assumed.get("Credentials");
            AwsCli admin = cli.withSession(c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(),
                    c.get("SessionToken").asText());

            // 5. restore the 02:00 copy where it lives: in the backup account, with that account's service role
            JsonNode point = admin.json("backup", "describe-recovery-point", "--backup-vault-name",
                    "central-backup-vault", "--recovery-point-arn", centralPoint);
            assertThat(point.get("CreationDate").asText()).isEqualTo(DAY + "02:00:00+00:00");
            assertThat(point.get("IsEncrypted").asBoolean()).isTrue();
            assertThat(point.get("SourceBackupVaultArn").asText())
                    .isEqualTo("arn:aws:backup:eu-west-1:" + paymentsAccount + ":backup-vault:local-prod-vault");
            String restoreJob = admin.json("backup", "start-restore-job", "--recovery-point-arn", centralPoint,
                    "--iam-role-arn", "arn:aws:iam::" + backupAccount + ":role/service-role/AWSBackupDefaultServiceRole",
                    "--metadata", "DBInstanceIdentifier=payments-db-0200").get("RestoreJobId").asText();
            server.command("clock", "set", DAY + "14:05:00Z");
            JsonNode restore = admin.json("backup", "describe-restore-job", "--restore-job-id", restoreJob);
            assertThat(restore.get("Status").asText()).isEqualTo("COMPLETED");
            assertThat(restore.get("CreatedResourceArn").asText())
                    .isEqualTo("arn:aws:rds:eu-west-1:" + backupAccount + ":db:payments-db-0200");

            // 6. cut over and check: the restored rows are the 02:00 rows, so the loss window is exactly 02:00-14:00
            int restoredPort = admin.json("rds", "describe-db-instances", "--db-instance-identifier",
                    "payments-db-0200").at("/DBInstances/0/Endpoint/Port").asInt();
            List<String> restored = rows(restoredPort);
            assertThat(restored).isEqualTo(rowsAt0200).isNotEqualTo(rowsAt1400);
            assertThat(restored).noneMatch(r -> r.startsWith("101 ") || r.startsWith("102 "));
            assertThat(rowsAt1400).hasSize(102).allMatch(r -> r.contains(" 0 "));

            // 7. CloudTrail of the backup account: the AssumeRole with MFA and ticket, then the restore
            List<JsonNode> assumeRoles = events(admin, "AssumeRole");
            assertThat(assumeRoles).hasSize(2);
            JsonNode refused = assumeRoles.get(1);
            assertThat(refused.get("errorCode").asText()).isEqualTo("AccessDenied");
            assertThat(refused.at("/requestParameters/sourceIdentity").isMissingNode()).isTrue();
            JsonNode assumeRole = assumeRoles.get(0);
            assertThat(assumeRole.has("errorCode")).isFalse();
            JsonNode started = only(events(admin, "StartRestoreJob"));
            JsonNode completed = only(events(admin, "RestoreCompleted"));
            assertThat(assumeRole.at("/userIdentity/arn").asText())
                    .isEqualTo("arn:aws:iam::" + backupAccount + ":user/oncall");
            assertThat(assumeRole.at("/requestParameters/serialNumber").asText()).isEqualTo(serial);
            assertThat(assumeRole.at("/requestParameters/sourceIdentity").asText()).isEqualTo("INC-4711");
            assertThat(started.at("/userIdentity/arn").asText())
                    .isEqualTo("arn:aws:sts::" + backupAccount + ":assumed-role/BackupAdminRole/inc-4711");
            assertThat(started.at("/userIdentity/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("true");
            assertThat(started.at("/userIdentity/sessionContext/sourceIdentity").asText()).isEqualTo("INC-4711");
            assertThat(started.at("/eventTime").asText()).isEqualTo(DAY + "14:00:00Z");
            assertThat(completed.at("/eventTime").asText()).isEqualTo(DAY + "14:01:00Z");
            assertThat(completed.at("/serviceEventDetails/restoreJobId").asText()).isEqualTo(restoreJob);

            // 8. the locked central point cannot be deleted: not by payments, not by the backup root, not by the role
            String[] delete = {"backup", "delete-recovery-point", "--backup-vault-name", "central-backup-vault",
                    "--recovery-point-arn", centralPoint};
            assertThat(cli.withProfile("payments-admin").run(delete).stderr()).contains("An error occurred "
                    + "(AccessDeniedException) when calling the DeleteRecoveryPoint operation: User: arn:aws:iam::"
                    + paymentsAccount + ":user/payments-admin is not authorized to perform: backup:DeleteRecoveryPoint"
                    + " on resource: " + centralPoint + " with an explicit deny in a service control policy");
            assertThat(cli.withProfile("backup").run(delete).stderr()).contains("An error occurred "
                    + "(AccessDeniedException) when calling the DeleteRecoveryPoint operation: User: arn:aws:iam::"
                    + backupAccount + ":root is not authorized to perform: backup:DeleteRecoveryPoint on resource: "
                    + centralPoint + " with an explicit deny in a service control policy");
            assertThat(admin.run(delete).stderr()).contains("An error occurred (InvalidRequestException) when "
                    + "calling the DeleteRecoveryPoint operation: Recovery point " + centralPoint + " cannot be "
                    + "deleted: backup vault central-backup-vault is locked by Vault Lock.");
            assertThat(admin.json("backup", "describe-recovery-point", "--backup-vault-name", "central-backup-vault",
                    "--recovery-point-arn", centralPoint).get("Status").asText()).isEqualTo("COMPLETED");

            // 8, continued: an EBS recovery point is an EC2 snapshot, and the SCP denies deleting it too
            AwsCli customerApi = cli.withProfile("customer-api");
            String customerApiAccount = account(summary, "customer-api");
            // the volumes' recovery points, not the snapshots behind the instances' AMIs (D118)
            JsonNode snapshot = customerApi.json("ec2", "describe-snapshots", "--owner-ids", "self", "--filters",
                    "Name=description,Values=This snapshot is created by the AWS Backup service.")
                    .get("Snapshots").get(0);
            assertThat(snapshot.get("Description").asText())
                    .isEqualTo("This snapshot is created by the AWS Backup service.");
            String snapshotId = snapshot.get("SnapshotId").asText();
            assertThat(customerApi.run("ec2", "delete-snapshot", "--snapshot-id", snapshotId).stderr())
                    .contains("An error occurred (UnauthorizedOperation) when calling the DeleteSnapshot operation: "
                            + "User: arn:aws:iam::" + customerApiAccount + ":root is not authorized to perform: "
                            + "ec2:DeleteSnapshot on resource: arn:aws:ec2:eu-west-1::snapshot/" + snapshotId
                            + " with an explicit deny in a service control policy");

            // 9. the SCP: no untagged table in production; a sandbox may
            String[] untagged = {"dynamodb", "create-table", "--table-name", "untagged", "--attribute-definitions",
                    "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                    "--billing-mode", "PAY_PER_REQUEST"};
            assertThat(cli.run(untagged).stderr()).contains("An error occurred (AccessDeniedException) when calling "
                    + "the CreateTable operation: User: arn:aws:iam::" + paymentsAccount + ":root is not authorized to "
                    + "perform: dynamodb:CreateTable on resource: arn:aws:dynamodb:eu-west-1:" + paymentsAccount
                    + ":table/untagged with an explicit deny in a service control policy");
            assertThat(cli.withProfile("sandbox-web").json(untagged).at("/TableDescription/TableStatus").asText())
                    .isEqualTo("ACTIVE");

            // 10. the seed's SCP as written: its condition key does not exist, so the untagged create goes through
            seedsLiteralScpNeverFiresAndValidatePolicySaysWhy(cli.withProfile("management"), cli);
        }
        // a second start on the same data directory finds the demo and does not build it again
        String before = Files.readString(data.resolve("demo/complete"));
        try (ServerProcess again = ServerProcess.start(data, "--demo")) {
            assertThat(again.output()).contains("Demo organisation already present");
            assertThat(Files.readString(data.resolve("demo/complete"))).isEqualTo(before);
            AwsCli management = new AwsCli(again.endpoint()).withFiles(data.resolve("demo/credentials"),
                    data.resolve("demo/config"), "management");
            assertThat(management.json("organizations", "list-accounts").get("Accounts")).hasSize(20);

            // 12. seven simulated years: the local vault keeps 35 days, the central one 2555 days, then both expire
            assertThat(again.command("clock", "advance", "P2557D")).contains("2034-02-01T14:05:00Z");
            String paymentsDb = "arn:aws:rds:eu-west-1:" + paymentsAccount + ":db:payments-db";
            JsonNode local = management.withProfile("payments").json("backup", "list-recovery-points-by-backup-vault",
                    "--backup-vault-name", "local-prod-vault", "--by-resource-arn", paymentsDb).get("RecoveryPoints");
            assertThat(creationDates(local)).hasSize(35).first().isEqualTo("2033-12-29T02:00:00+00:00");
            AwsCli backupRoot = management.withProfile("backup");
            JsonNode central = backupRoot.json("backup", "list-recovery-points-by-backup-vault",
                    "--backup-vault-name", "central-backup-vault", "--by-resource-arn", paymentsDb)
                    .get("RecoveryPoints");
            assertThat(creationDates(central)).hasSize(2555).first().isEqualTo("2027-02-04T02:00:00+00:00");
            assertThat(backupRoot.run("backup", "describe-recovery-point", "--backup-vault-name",
                    "central-backup-vault", "--recovery-point-arn", centralPoint).stderr())
                    .contains("(ResourceNotFoundException) when calling the DescribeRecoveryPoint operation");

            // the monthly tier: ledger-worker keeps 12 monthly points locally (365 days), 84 centrally (2555 days)
            Estate estate = Estate.of(management, before);
            AwsCli ledger = management.withProfile("ledger");
            JsonNode workerLocal = ledger.json("backup", "list-recovery-points-by-backup-vault",
                    "--backup-vault-name", "local-prod-vault", "--by-resource-arn", estate.ledgerWorker())
                    .get("RecoveryPoints");
            assertThat(creationDates(workerLocal)).hasSize(12).first().isEqualTo("2033-03-01T03:00:00+00:00");
            JsonNode workerCentral = backupRoot.json("backup", "list-recovery-points-by-backup-vault",
                    "--backup-vault-name", "central-backup-vault", "--by-resource-arn", estate.ledgerWorker())
                    .get("RecoveryPoints");
            assertThat(creationDates(workerCentral)).hasSize(84).first().isEqualTo("2027-03-01T03:00:00+00:00");

            // 13. every night's org-wide reports landed in the audit account's bucket, readable with aws s3 cp
            AwsCli audit = management.withProfile("audit");
            assertThat(audit.json("backup", "list-report-jobs", "--by-status", "FAILED").get("ReportJobs")).isEmpty();
            JsonNode report = only(audit.json("backup", "list-report-jobs", "--by-report-plan-name", "org_backup_jobs",
                    "--by-creation-after", "2034-02-01T00:00:00Z").get("ReportJobs"));
            assertThat(report.get("Status").asText()).isEqualTo("COMPLETED");
            AwsCli.Result csv = audit.run("s3", "cp", "s3://" + report.at("/ReportDestination/S3BucketName").asText()
                    + "/" + report.at("/ReportDestination/S3Keys/0").asText(), "-");
            assertThat(csv.stdout()).as(csv.stderr()).contains(paymentsDb + ",");

            if (DashboardIT.chromiumInstalled()) {
                dashboardShowsTheOrganisation(again, management, estate);
            }
        }
    }

    /**
     * The auditor's view of those seven years in a real browser: the numbers equal the API's, and the pages are what
     * docs/dashboard-demo-*.png show (the README's tour).
     */
    private void dashboardShowsTheOrganisation(ServerProcess server, AwsCli management, Estate estate)
            throws IOException {
        WebDriver browser = DashboardIT.chromium();
        try {
            String base = server.uri() + "/_strongroom/dashboard/";
            browser.get(base);
            browser.findElement(By.id("token")).sendKeys(Files.readString(data.resolve("admin-token")).trim());
            browser.findElement(By.id("signin")).click();
            assertThat(browser.findElement(By.id("count-accounts")).getText().trim())
                    .isEqualTo(String.valueOf(management.json("organizations", "list-accounts").get("Accounts").size()));
            estate.expectedRows().forEach((arn, row) -> assertThat(browser.findElements(By.cssSelector(
                    "tr.resource[data-arn='" + arn + "'] td")).subList(1, 3)).as(arn)
                    .extracting(WebElement::getText).containsExactly(row.split(" ")));
            screenshot(browser, "tree");
            browser.get(base + "controls");
            screenshot(browser, "controls");
            browser.get(base + "jobs");
            assertThat(browser.findElement(By.id("total-restores")).getText().trim()).isEqualTo(String.valueOf(
                    management.json("backup", "list-restore-jobs", "--by-account-id", "*").get("RestoreJobs").size()))
                    .isEqualTo("1");
            screenshot(browser, "jobs");
        } finally {
            browser.quit();
        }
    }

    /** The instances, file systems and Aurora cluster of the estate, found through the API. */
    record Estate(String ledgerWorker, Map<String, String> expectedRows) {
        /** Each resource's ARN and its dashboard row after seven years: type and status. */
        static Estate of(AwsCli management, String summary) {
            Map<String, String> rows = new LinkedHashMap<>();
            String ledgerWorker = null;
            for (String name : List.of("ledger", "legacy-batch")) {
                String status = name.equals("ledger") ? "FRESH" : "UNPROTECTED";
                String prefix = "arn:aws:ec2:eu-west-1:" + account(summary, name);
                JsonNode instance = management.withProfile(name).json("ec2", "describe-instances")
                        .at("/Reservations/0/Instances/0");
                String arn = prefix + ":instance/" + instance.get("InstanceId").asText();
                ledgerWorker = ledgerWorker == null ? arn : ledgerWorker;
                rows.put(arn, "EC2 " + status);
                rows.put(prefix + ":volume/" + instance.at("/BlockDeviceMappings/0/Ebs/VolumeId").asText(),
                        "EBS " + status);
            }
            for (String name : List.of("ledger", "customer-api", "analytics-staging")) {
                rows.put(management.withProfile(name).json("efs", "describe-file-systems")
                                .at("/FileSystems/0/FileSystemArn").asText(),
                        "EFS " + (name.equals("analytics-staging") ? "UNPROTECTED" : "FRESH"));
            }
            rows.put("arn:aws:rds:eu-west-1:" + account(summary, "ledger") + ":cluster:ledger-db", "Aurora FRESH");
            return new Estate(ledgerWorker, rows);
        }
    }

    private static void screenshot(WebDriver browser, String page) throws IOException {
        Path docs = Path.of(System.getProperty("user.dir")).getParent().resolve("docs");
        if (Files.isDirectory(docs)) {
            Files.write(docs.resolve("dashboard-demo-" + page + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

    private static List<String> creationDates(JsonNode points) {
        List<String> dates = new ArrayList<>();
        points.forEach(p -> dates.add(p.get("CreationDate").asText()));
        java.util.Collections.sort(dates);
        return dates;
    }

    private void seedsLiteralScpNeverFiresAndValidatePolicySaysWhy(AwsCli management, AwsCli payments)
            throws IOException {
        String scp = only(management.json("organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY",
                "--query", "Policies[?Name=='protect-backups']")).get("Id").asText();
        String corrected = management.json("organizations", "describe-policy", "--policy-id", scp)
                .at("/Policy/Content").asText();
        Path literal = LITERAL_SCP;
        Path correctedFile = data.resolve("protect-backups.json");
        Files.writeString(correctedFile, corrected);

        management.json("organizations", "update-policy", "--policy-id", scp, "--content", "file://" + literal);
        String[] untagged = {"dynamodb", "create-table", "--table-name", "untagged-under-seed-scp",
                "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema",
                "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST"};
        assertThat(payments.json(untagged).at("/TableDescription/TableStatus").asText()).isEqualTo("ACTIVE");

        JsonNode findings = management.json("accessanalyzer", "validate-policy", "--policy-type",
                "SERVICE_CONTROL_POLICY", "--policy-document", "file://" + literal).get("findings");
        assertThat(findings).extracting(f -> f.get("issueCode").asText() + ": " + f.get("findingDetails").asText())
                .containsExactlyInAnyOrder(
                        "INVALID_ACTION: The action backup:RemoveBackupVaultLockConfiguration does not exist. "
                                + "Did you mean backup:DeleteBackupVaultLockConfiguration?",
                        "INVALID_GLOBAL_CONDITION_KEY: The condition key aws:PrincipalOrgPath does not exist. "
                                + "Did you mean aws:PrincipalOrgPaths? It is multivalued: compare it with a "
                                + "ForAnyValue: or ForAllValues: operator, e.g. ForAnyValue:StringLike.");
        assertThat(management.json("accessanalyzer", "validate-policy", "--policy-type", "SERVICE_CONTROL_POLICY",
                "--policy-document", "file://" + correctedFile).get("findings")).isEmpty();

        management.json("organizations", "update-policy", "--policy-id", scp, "--content", "file://" + correctedFile);
        untagged[3] = "untagged-under-corrected-scp";
        assertThat(payments.run(untagged).stderr()).contains("(AccessDeniedException) when calling the CreateTable "
                + "operation", "with an explicit deny in a service control policy");
    }

    /** The account's CloudTrail events of one name, newest first, as the events' JSON documents. */
    private static List<JsonNode> events(AwsCli cli, String name) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode event : cli.json("cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=EventName,AttributeValue=" + name).get("Events")) {
            out.add(JSON.readTree(event.get("CloudTrailEvent").asText()));
        }
        return out;
    }

    private static JsonNode only(List<JsonNode> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static JsonNode rdsJob(AwsCli cli) {
        return only(cli.json("backup", "list-backup-jobs", "--by-resource-type", "RDS").get("BackupJobs"));
    }

    private static JsonNode only(JsonNode array) {
        assertThat(array).hasSize(1);
        return array.get(0);
    }

    /** A JSON pointer segment: '/' and '~' escaped. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String account(String summary, String name) {
        return summary.lines().filter(l -> l.startsWith("account " + name + " ")).findFirst().orElseThrow()
                .split(" ")[2];
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/payments", "payments",
                "PaymentsDemo123");
    }

    private static int sql(int port, String statement) throws SQLException {
        try (Connection db = connect(port); Statement s = db.createStatement()) {
            return s.executeUpdate(statement);
        }
    }

    /** Every payment as "id customer amount status", in id order. */
    private static List<String> rows(int port) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = connect(port); Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT id, customer, amount_cents, status FROM payment ORDER BY id")) {
            while (r.next()) {
                rows.add(r.getInt(1) + " " + r.getString(2) + " " + r.getInt(3) + " " + r.getString(4));
            }
        }
        return rows;
    }
}
