package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.SeedOrganization;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.ConditionType;
import software.amazon.awssdk.services.backup.model.DescribeBackupJobResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview and the controls page keep what changes rarely (each account's resources and what its plans select,
 * D71) between requests: loaded, then the state changed through the AWS APIs, then loaded again, they must show the
 * change every time. A resource created, tagged, untagged or deleted in DynamoDB, S3, EBS, EFS and RDS, a Region's
 * opt-in, a selection replaced, an organization's backup policy attached, a point completed, aged and deleted, and a
 * vault locked.
 */
class DashboardFollowsChangesIT {
    static final String PROTECTED_BY_PLAN = "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN";
    static final String LAST_POINT = "BACKUP_LAST_RECOVERY_POINT_CREATED";
    static final String LOCKED = "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK";

    static TestServer server;
    static Endpoint endpoint;
    static DashboardPage dashboard;
    static String member;
    static AwsCredentials memberRoot;
    static String role;
    static String planId;

    @BeforeAll
    static void organization() {
        server = TestServer.start();
        endpoint = server.endpoint();
        dashboard = new DashboardPage(endpoint);
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            org.createOrganization(r -> { });
            member = BackupCopyIT.newAccount(org, "payments");
        }
        String[] key = endpoint.admin().rootAccessKey(member);
        memberRoot = AwsBasicCredentials.create(key[1], key[2]);
        try (IamClient iam = endpoint.client(IamClient.builder(), memberRoot)) {
            role = iam.createRole(r -> r.roleName("AWSBackupDefaultServiceRole").path("/service-role/")
                    .assumeRolePolicyDocument(BackupIT.BACKUP_TRUST)).role().arn();
            iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                    .policyArn("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"));
        }
        try (BackupClient backup = backup()) {
            backup.createBackupVault(r -> r.backupVaultName("local-vault"));
            // Once a year: the days this test advances fire nothing of this plan.
            planId = backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName("yearly")
                    .rules(rule -> rule.ruleName("yearly").targetBackupVaultName("local-vault")
                            .scheduleExpression("cron(0 5 1 1 ? *)").lifecycle(l -> l.deleteAfterDays(400L)))))
                    .backupPlanId();
            backup.createBackupSelection(r -> r.backupPlanId(planId).backupSelection(s -> s.selectionName("tagged")
                    .iamRoleArn(role).listOfTags(t -> t.conditionType(ConditionType.STRINGEQUALS)
                            .conditionKey("backup").conditionValue("yearly"))));
            backup.createFramework(r -> r.frameworkName("audit").frameworkControls(
                    c -> c.controlName(PROTECTED_BY_PLAN), c -> c.controlName(LAST_POINT),
                    c -> c.controlName(LOCKED)));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static BackupClient backup() {
        return endpoint.client(BackupClient.builder(), memberRoot);
    }

    @Test
    void theOverviewAndTheControlsFollowEveryChange() {
        dashboard.assertTiles(0, 0, 0);
        String orders;
        try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), memberRoot)) {
            orders = DashboardIT.table(ddb, "orders", false);
            dashboard.assertTiles(1, 0, 1);
            dashboard.assertRow(orders, "UNPROTECTED");
            dashboard.assertControl(PROTECTED_BY_PLAN, 0, 1);

            ddb.tagResource(r -> r.resourceArn(orders).tags(t -> t.key("backup").value("yearly")));
            dashboard.assertTiles(1, 1, 0);
            dashboard.assertRow(orders, "STALE", "yearly / tagged", "none");
            dashboard.assertControl(PROTECTED_BY_PLAN, 1, 0);
        }
        try (ResourceGroupsTaggingApiClient tagging = endpoint.client(ResourceGroupsTaggingApiClient.builder(),
                memberRoot)) {
            tagging.untagResources(r -> r.resourceARNList(orders).tagKeys("backup"));
            dashboard.assertTiles(1, 0, 1);
            dashboard.assertRow(orders, "UNPROTECTED");
        }

        // A bucket of a type the Region has not opted in: unprotected until it does.
        String bucket = "arn:aws:s3:::payments-exports";
        try (S3Client s3 = endpoint.client(S3Client.builder(), memberRoot); BackupClient backup = backup()) {
            s3.createBucket(r -> r.bucket("payments-exports").createBucketConfiguration(c -> c
                    .locationConstraint("eu-west-1")));
            s3.putBucketTagging(r -> r.bucket("payments-exports").tagging(t -> t.tagSet(s -> s.key("backup")
                    .value("yearly"))));
            dashboard.assertTiles(2, 0, 2);
            dashboard.assertRow(bucket, "UNPROTECTED");
            backup.updateRegionSettings(r -> r.resourceTypeOptInPreference(Map.of("S3", true)));
            dashboard.assertTiles(2, 1, 1);
            dashboard.assertRow(bucket, "STALE", "yearly / tagged");
        }

        String volume;
        String fileSystem;
        String database;
        try (Ec2Client ec2 = endpoint.client(Ec2Client.builder(), memberRoot);
             EfsClient efs = endpoint.client(EfsClient.builder(), memberRoot);
             RdsClient rds = endpoint.client(RdsClient.builder(), memberRoot)) {
            String volumeId = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1).tagSpecifications(
                    t -> t.resourceType(ResourceType.VOLUME).tags(tag -> tag.key("backup").value("yearly"))))
                    .volumeId();
            volume = "arn:aws:ec2:eu-west-1:" + member + ":volume/" + volumeId;
            dashboard.assertTiles(3, 2, 1);
            fileSystem = efs.createFileSystem(r -> r.creationToken("shared").tags(t -> t.key("backup")
                    .value("yearly"))).fileSystemArn();
            dashboard.assertTiles(4, 3, 1);
            database = rds.createDBInstance(r -> r.dbInstanceIdentifier("ledger-db").dbInstanceClass("db.t3.micro")
                    .engine("postgres").allocatedStorage(20).masterUsername("app_admin").masterUserPassword(
                            RdsIT.PASSWORD)).dbInstance().dbInstanceArn();
            dashboard.assertTiles(5, 3, 2);
            dashboard.assertRow(database, "UNPROTECTED");
            rds.addTagsToResource(r -> r.resourceName(database).tags(t -> t.key("backup").value("yearly")));
            dashboard.assertTiles(5, 4, 1);
            dashboard.assertRow(volume, "STALE", "yearly / tagged");
            dashboard.assertRow(fileSystem, "STALE", "yearly / tagged");
            dashboard.assertRow(database, "STALE", "yearly / tagged");
            dashboard.assertControl(PROTECTED_BY_PLAN, 4, 1);
        }
        try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), memberRoot)) {
            ddb.deleteTable(r -> r.tableName("orders"));
            dashboard.assertTiles(4, 4, 0);
            assertThat(dashboard.overview()).doesNotContain(orders);
            dashboard.assertControl(PROTECTED_BY_PLAN, 4, 0);
        }

        // The selection replaced: nothing selected, then everything.
        try (BackupClient backup = backup()) {
            String tagged = backup.listBackupSelections(r -> r.backupPlanId(planId)).backupSelectionsList().get(0)
                    .selectionId();
            backup.deleteBackupSelection(r -> r.backupPlanId(planId).selectionId(tagged));
            dashboard.assertTiles(4, 0, 4);
            dashboard.assertControl(PROTECTED_BY_PLAN, 0, 4);
            backup.createBackupSelection(r -> r.backupPlanId(planId).backupSelection(s -> s
                    .selectionName("everything").iamRoleArn(role).resources("*")
                    .notResources("arn:aws:dynamodb:*:*:table/ledger")));
            dashboard.assertTiles(4, 4, 0);
            dashboard.assertRow(volume, "STALE", "yearly / everything");
        }

        // The organization's backup policy: its plan selects, daily, a table tagged for it that no plan of the
        // account selects.
        String ledger;
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder());
             DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), memberRoot)) {
            ledger = DashboardIT.table(ddb, "ledger", false);
            ddb.tagResource(r -> r.resourceArn(ledger).tags(t -> t.key("Backup").value("daily-prod")));
            dashboard.assertTiles(5, 4, 1);
            dashboard.assertRow(ledger, "UNPROTECTED");
            String root = org.listRoots().roots().get(0).id();
            org.enablePolicyType(r -> r.rootId(root).policyType(PolicyType.BACKUP_POLICY));
            String policy = org.createPolicy(r -> r.name("org-backup").description("daily-prod")
                    .type(PolicyType.BACKUP_POLICY).content(SeedOrganization.policy(member, 35))).policy()
                    .policySummary().id();
            org.attachPolicy(r -> r.policyId(policy).targetId(member));
            dashboard.assertTiles(5, 5, 0);
            dashboard.assertRow(ledger, "STALE", "daily-prod / ");
        }

        // A point completed: fresh against the daily plan; two days later, with no newer point, stale again.
        try (BackupClient backup = backup()) {
            String jobId = backup.startBackupJob(r -> r.backupVaultName("local-vault").resourceArn(ledger)
                    .iamRoleArn(role)).backupJobId();
            endpoint.admin().advance(Duration.ofMinutes(30));
            DescribeBackupJobResponse done = backup.describeBackupJob(r -> r.backupJobId(jobId));
            assertThat(done.stateAsString()).as(done.statusMessage()).isEqualTo("COMPLETED");
            dashboard.assertRow(ledger, "FRESH", "local-vault", "unlocked", "1 point");
            assertThat(dashboard.failing(LAST_POINT)).doesNotContain(ledger).contains(volume);
            dashboard.assertControl(LOCKED, 0, 5);

            // Locked: the resources "yearly" backs up into it pass; the ledger's plan backs it up elsewhere.
            backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("local-vault").minRetentionDays(1L));
            dashboard.assertRow(ledger, "FRESH", "local-vault", "governance lock");
            dashboard.assertControl(LOCKED, 4, 1);
            assertThat(dashboard.failing(LOCKED)).containsExactly(ledger);
            backup.deleteBackupVaultLockConfiguration(r -> r.backupVaultName("local-vault"));
            dashboard.assertRow(ledger, "FRESH", "local-vault", "unlocked");
            dashboard.assertControl(LOCKED, 0, 5);

            endpoint.admin().advance(Duration.ofDays(2));
            dashboard.assertRow(ledger, "STALE", "local-vault", "1 point");
            assertThat(dashboard.failing(LAST_POINT)).contains(ledger);

            backup.deleteRecoveryPoint(r -> r.backupVaultName("local-vault").recoveryPointArn(done.recoveryPointArn()));
            String row = dashboard.assertRow(ledger, "STALE", "none");
            assertThat(row).doesNotContain("local-vault");
            assertThat(dashboard.failingReason(LAST_POINT, ledger)).contains("It has no recovery point.");
        }
    }

    /** The overview and the controls page of the admin, fetched over HTTP and read for what the test asserts. */
    static final class DashboardPage {
        private final Endpoint endpoint;
        private final HttpClient http = HttpClient.newHttpClient();

        DashboardPage(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        String get(String page) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint.uri()
                        .toString().replaceAll("/$", "") + "/_strongroom/dashboard/" + page))
                        .header("Authorization", "Bearer " + endpoint.adminToken()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(page).isEqualTo(200);
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String overview() {
            return get("");
        }

        void assertTiles(int resources, int protectedOnes, int unprotected) {
            String page = overview();
            assertThat(List.of(tile(page, "count-resources"), tile(page, "count-protected"),
                    tile(page, "count-unprotected"))).as("resources, protected, unprotected")
                    .containsExactly(resources, protectedOnes, unprotected);
        }

        /** The row of a resource as text, which must contain every one of {@code expected}. */
        String assertRow(String arn, String... expected) {
            String page = overview();
            int start = page.indexOf("data-arn=\"" + arn + "\"");
            assertThat(start).as("a row for " + arn).isPositive();
            String row = text(page.substring(start, page.indexOf("</tr>", start)));
            assertThat(row).contains(expected);
            return row;
        }

        void assertControl(String control, int compliant, int nonCompliant) {
            String row = controlRow(control);
            assertThat(List.of(cell(row, "compliant"), cell(row, "non-compliant"))).as(control)
                    .containsExactly(compliant, nonCompliant);
        }

        /** The ARNs the control lists as failing. */
        List<String> failing(String control) {
            return java.util.regex.Pattern.compile("class=\"failing\" data-arn=\"([^\"]+)\"")
                    .matcher(controlRow(control)).results().map(m -> m.group(1)).toList();
        }

        String failingReason(String control, String arn) {
            String row = controlRow(control);
            int start = row.indexOf("data-arn=\"" + arn + "\"");
            assertThat(start).as(arn + " failing " + control).isPositive();
            return text(row.substring(start, row.indexOf("</li>", start)));
        }

        private String controlRow(String control) {
            String page = get("controls");
            int start = page.indexOf("data-control=\"" + control + "\"", page.indexOf("data-framework=\"audit\""));
            assertThat(start).as(control).isPositive();
            return page.substring(start, page.indexOf("</tr>", start));
        }

        private static int tile(String page, String id) {
            int start = page.indexOf('>', page.indexOf("id=\"" + id + "\"")) + 1;
            return Integer.parseInt(page.substring(start, page.indexOf('<', start)).trim());
        }

        private static int cell(String row, String cls) {
            int start = row.indexOf('>', row.indexOf("class=\"" + cls + "\"")) + 1;
            return Integer.parseInt(row.substring(start, row.indexOf('<', start)).trim());
        }

        private static String text(String html) {
            return html.replaceAll("<[^>]*>", " ").replace("&middot;", "·").replaceAll("\\s+", " ");
        }
    }
}
