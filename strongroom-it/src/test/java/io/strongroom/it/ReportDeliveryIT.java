package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.server.ServerOptions;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ReportBucketPolicy;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.ReportJob;
import software.amazon.awssdk.services.backup.model.ReportPlan;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Report delivery as AWS does it (decision D65): Backup Audit Manager puts each report into the bucket as the plan
 * account's service-linked role AWSServiceRoleForBackupReports, which its own policy gives no s3:PutObject. The bucket
 * policy AWS documents lets the report in; without it, with a Deny, or in another account's bucket the job FAILS
 * with S3's refusal and writes nothing; SCPs do not bind the service-linked role.
 */
class ReportDeliveryIT {
    static final String ROLE_PATH = "/aws-service-role/reports.backup.amazonaws.com/";

    static TestServer server;
    static Endpoint endpoint;
    static String reports;
    static AwsBasicCredentials reportsRoot;
    static AwsBasicCredentials elsewhereRoot;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            org.createOrganization(r -> { });
        }
        String[] a = member("reports");
        reports = a[0];
        reportsRoot = AwsBasicCredentials.create(a[1], a[2]);
        String[] b = member("elsewhere");
        elsewhereRoot = AwsBasicCredentials.create(b[1], b[2]);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A member account of the organization: [accountId, root key id, secret]. */
    static String[] member(String name) {
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            String request = org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                    .createAccountStatus().id();
            String account = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request))
                    .createAccountStatus().accountId();
            return endpoint.admin().rootAccessKey(account);
        }
    }

    static S3Client s3(AwsBasicCredentials credentials) {
        return endpoint.client(S3Client.builder().forcePathStyle(true), credentials);
    }

    static void bucket(AwsBasicCredentials owner, String bucket, String policy) {
        try (S3Client s3 = s3(owner)) {
            s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            if (policy != null) {
                s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy));
            }
        }
    }

    /** A BACKUP_JOB_REPORT plan of the account into {@code bucket}, run once on demand: its job. */
    static ReportJob reportInto(AwsBasicCredentials account, String plan, String bucket) {
        try (BackupClient backup = endpoint.client(BackupClient.builder(), account)) {
            backup.createReportPlan(r -> r.reportPlanName(plan).reportSetting(s -> s.reportTemplate("BACKUP_JOB_REPORT"))
                    .reportDeliveryChannel(d -> d.s3BucketName(bucket)));
            String jobId = backup.startReportJob(r -> r.reportPlanName(plan)).reportJobId();
            return backup.describeReportJob(r -> r.reportJobId(jobId)).reportJob();
        }
    }

    static ReportPlan plan(AwsBasicCredentials account, String plan) {
        try (BackupClient backup = endpoint.client(BackupClient.builder(), account)) {
            return backup.describeReportPlan(r -> r.reportPlanName(plan)).reportPlan();
        }
    }

    static List<String> keys(AwsBasicCredentials owner, String bucket) {
        try (S3Client s3 = s3(owner)) {
            return s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        }
    }

    /** The sentence S3 refuses the role's PutObject with, up to the reason. */
    static String refusal(String account, String bucket) {
        return "The report could not be delivered to the S3 bucket " + bucket + ": AccessDenied: User: arn:aws:sts::"
                + account + ":assumed-role/AWSServiceRoleForBackupReports/AWSBackup-AWSServiceRoleForBackupReports "
                + "is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::" + bucket + "/Backup/"
                + account + "/eu-west-1/";
    }

    @Test
    void theFirstReportPlanMakesTheServiceLinkedRoleTheBucketPolicyNames() {
        String[] own = member("first-plan");
        AwsBasicCredentials root = AwsBasicCredentials.create(own[1], own[2]);
        try (IamClient iam = endpoint.client(IamClient.builder(), root);
             BackupClient backup = endpoint.client(BackupClient.builder(), root)) {
            assertThat(iam.listRoles(r -> r.pathPrefix(ROLE_PATH)).roles()).isEmpty();
            backup.createReportPlan(r -> r.reportPlanName("first").reportSetting(s -> s
                    .reportTemplate("RESTORE_JOB_REPORT")).reportDeliveryChannel(d -> d.s3BucketName("not-made-yet")));

            Role role = iam.getRole(r -> r.roleName("AWSServiceRoleForBackupReports")).role();
            assertThat(role.arn()).isEqualTo("arn:aws:iam::" + own[0] + ":role" + ROLE_PATH
                    + "AWSServiceRoleForBackupReports");
            assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                    .contains("\"Service\":\"reports.backup.amazonaws.com\"");
            assertThat(iam.listAttachedRolePolicies(r -> r.roleName("AWSServiceRoleForBackupReports"))
                    .attachedPolicies()).extracting(AttachedPolicy::policyArn).containsExactly(
                    "arn:aws:iam::aws:policy/aws-service-role/AWSServiceRolePolicyForBackupReports");
            IamException taken = catchThrowableOfType(IamException.class, () -> iam.createServiceLinkedRole(r -> r
                    .awsServiceName("reports.backup.amazonaws.com")));
            assertThat(taken.awsErrorDetails().errorMessage()).isEqualTo("Service role name "
                    + "AWSServiceRoleForBackupReports has been taken in this account, please try a different suffix.");
        }
    }

    @Test
    void theBucketPolicyAwsDocumentsLetsTheReportIn() {
        bucket(reportsRoot, "reports-allowed", ReportBucketPolicy.of(reports, "reports-allowed"));

        ReportJob job = reportInto(reportsRoot, "allowed", "reports-allowed");

        assertThat(job.status()).as(job.statusMessage()).isEqualTo("COMPLETED");
        assertThat(job.statusMessage()).isNull();
        assertThat(keys(reportsRoot, "reports-allowed")).containsExactlyElementsOf(job.reportDestination().s3Keys())
                .singleElement().asString().startsWith("Backup/" + reports + "/eu-west-1/").endsWith(".csv");
        assertThat(plan(reportsRoot, "allowed").lastSuccessfulExecutionTime()).isNotNull();
    }

    @Test
    void withoutABucketPolicyTheReportIsRefusedAndNothingIsWritten() {
        bucket(reportsRoot, "reports-no-policy", null);

        ReportJob job = reportInto(reportsRoot, "no_policy", "reports-no-policy");

        assertThat(job.status()).isEqualTo("FAILED");
        assertThat(job.statusMessage()).as("in its own account the role needs an allow from one of its own policy "
                        + "or the bucket's, and has neither").startsWith(refusal(reports, "reports-no-policy"))
                .endsWith(".csv because no identity-based policy allows the s3:PutObject action");
        assertThat(job.reportDestination().s3Keys()).isEmpty();
        assertThat(keys(reportsRoot, "reports-no-policy")).isEmpty();
        ReportPlan plan = plan(reportsRoot, "no_policy");
        assertThat(plan.lastAttemptedExecutionTime()).isNotNull();
        assertThat(plan.lastSuccessfulExecutionTime()).isNull();
    }

    @Test
    void aDenyInTheBucketPolicyWinsOverTheAllow() {
        String allow = ReportBucketPolicy.of(reports, "reports-denied");
        String denyToo = allow.substring(0, allow.lastIndexOf(']')) + ",{\"Sid\":\"NoBackupReports\","
                + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::reports-denied/Backup/*\"}]}";
        bucket(reportsRoot, "reports-denied", denyToo);

        ReportJob job = reportInto(reportsRoot, "denied", "reports-denied");

        assertThat(job.status()).isEqualTo("FAILED");
        assertThat(job.statusMessage()).startsWith(refusal(reports, "reports-denied"))
                .endsWith(".csv with an explicit deny in a resource-based policy");
        assertThat(keys(reportsRoot, "reports-denied")).isEmpty();
    }

    @Test
    void anotherAccountsBucketStaysClosedEvenWhenItsPolicyNamesTheRole() {
        bucket(elsewhereRoot, "reports-of-another-account", ReportBucketPolicy.of(reports,
                "reports-of-another-account"));

        ReportJob job = reportInto(reportsRoot, "cross_account", "reports-of-another-account");

        assertThat(job.status()).isEqualTo("FAILED");
        assertThat(job.statusMessage()).as("the role's own policy grants no s3:PutObject, which a bucket of "
                        + "another account needs as well")
                .startsWith(refusal(reports, "reports-of-another-account"))
                .endsWith(".csv because no identity-based policy allows the s3:PutObject action");
        assertThat(keys(elsewhereRoot, "reports-of-another-account")).isEmpty();
    }

    @Test
    void aBucketPolicyRequiringTheAclSeesTheOneBackupSends() {
        String allow = ReportBucketPolicy.of(reports, "reports-acl");
        String aclOnly = allow.substring(0, allow.lastIndexOf(']')) + ",{\"Sid\":\"OwnerFullControlOnly\","
                + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::reports-acl/*\",\"Condition\":{\"StringNotEquals\":"
                + "{\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}}]}";
        bucket(reportsRoot, "reports-acl", aclOnly);

        ReportJob job = reportInto(reportsRoot, "acl", "reports-acl");

        assertThat(job.status()).as(job.statusMessage()).isEqualTo("COMPLETED");
        try (S3Client s3 = s3(reportsRoot)) {
            S3Exception withoutAcl = catchThrowableOfType(S3Exception.class, () -> s3.putObject(r -> r
                    .bucket("reports-acl").key("mine.txt"), RequestBody.fromString("x")));
            assertThat(withoutAcl.statusCode()).isEqualTo(403);
            assertThat(withoutAcl.awsErrorDetails().errorMessage()).endsWith("with an explicit deny in a "
                    + "resource-based policy");
            s3.putObject(r -> r.bucket("reports-acl").key("mine.txt").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                    RequestBody.fromString("x"));
        }
        assertThat(keys(reportsRoot, "reports-acl")).hasSize(2).contains("mine.txt");
    }

    @Test
    void serviceControlPoliciesDoNotBindTheServiceLinkedRole() {
        String[] locked = member("locked");
        AwsBasicCredentials root = AwsBasicCredentials.create(locked[1], locked[2]);
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            String rootId = org.listRoots().roots().get(0).id();
            String ou = org.createOrganizationalUnit(r -> r.parentId(rootId).name("NoWrites")).organizationalUnit().id();
            org.moveAccount(r -> r.accountId(locked[0]).sourceParentId(rootId).destinationParentId(ou));
            String scp = org.createPolicy(r -> r.name("no-s3-writes").description("").type(PolicyType
                    .SERVICE_CONTROL_POLICY).content("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Deny\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]}")).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(scp).targetId(ou));
        }
        bucket(root, "reports-under-scp", ReportBucketPolicy.of(locked[0], "reports-under-scp"));

        ReportJob job = reportInto(root, "under_scp", "reports-under-scp");

        assertThat(job.status()).as(job.statusMessage()).isEqualTo("COMPLETED");
        try (S3Client s3 = s3(root)) {
            S3Exception denied = catchThrowableOfType(S3Exception.class, () -> s3.putObject(r -> r
                    .bucket("reports-under-scp").key("mine.txt"), RequestBody.fromString("x")));
            assertThat(denied.awsErrorDetails().errorMessage()).contains("with an explicit deny in a service "
                    + "control policy");
        }
        assertThat(keys(root, "reports-under-scp")).containsExactlyElementsOf(job.reportDestination().s3Keys());
    }

    @Test
    void theAwsCliSeesTheJobFailUntilTheBucketPolicyIsThere() throws Exception {
        AwsCli cli = new AwsCli(endpoint);
        assertThat(cli.run("s3api", "create-bucket", "--bucket", "cli-reports", "--create-bucket-configuration",
                "LocationConstraint=eu-west-1").exitCode()).isZero();
        String framework = cli.json("backup", "create-framework", "--framework-name", "cli_controls",
                "--framework-controls", "[{\"ControlName\":\"BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN\"}]")
                .get("FrameworkArn").asText();
        cli.json("backup", "create-report-plan", "--report-plan-name", "cli_resources", "--report-setting",
                "{\"ReportTemplate\":\"RESOURCE_COMPLIANCE_REPORT\",\"FrameworkArns\":[\"" + framework + "\"]}",
                "--report-delivery-channel", "S3BucketName=cli-reports");
        String refused = cli.json("backup", "start-report-job", "--report-plan-name", "cli_resources")
                .get("ReportJobId").asText();
        JsonNode failed = cli.json("backup", "describe-report-job", "--report-job-id", refused).get("ReportJob");
        assertThat(failed.get("Status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("StatusMessage").asText()).startsWith("The report could not be delivered to the S3 "
                + "bucket cli-reports: AccessDenied: ").endsWith(" because no identity-based policy allows the "
                + "s3:PutObject action");

        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, ReportBucketPolicy.of(ServerOptions.DEFAULT_MANAGEMENT_ACCOUNT, "cli-reports"));
        assertThat(cli.run("s3api", "put-bucket-policy", "--bucket", "cli-reports", "--policy", "file://" + policy)
                .exitCode()).isZero();
        String delivered = cli.json("backup", "start-report-job", "--report-plan-name", "cli_resources")
                .get("ReportJobId").asText();
        JsonNode completed = cli.json("backup", "describe-report-job", "--report-job-id", delivered)
                .get("ReportJob");
        assertThat(completed.get("Status").asText()).isEqualTo("COMPLETED");
        String key = completed.at("/ReportDestination/S3Keys/0").asText();
        AwsCli.Result copied = cli.run("s3", "cp", "s3://cli-reports/" + key, "-");
        assertThat(copied.exitCode()).as(copied.stderr()).isZero();
        assertThat(copied.stdout()).contains("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", "cli-reports");
    }
}
