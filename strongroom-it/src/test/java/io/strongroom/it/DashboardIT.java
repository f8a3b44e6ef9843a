package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupException;
import software.amazon.awssdk.services.backup.model.ConditionType;
import software.amazon.awssdk.services.backup.model.DescribeBackupJobResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The auditor's dashboard in Debian's headless Chromium: a small organization (management, backup and member
 * accounts, a tag-selected plan, two tables, a backup job, a framework, a denied call), and the numbers on the
 * pages equal what the AWS APIs answer.
 */
@EnabledIf("chromiumInstalled")
class DashboardIT {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    static TestServer server;
    static Endpoint endpoint;
    static String member;
    static AwsCredentials memberRoot;
    static String ordersArn;
    static String scratchArn;
    static WebDriver browser;
    static String base;

    static boolean chromiumInstalled() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    @BeforeAll
    static void organization() {
        server = TestServer.start();
        endpoint = server.endpoint();
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            org.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
            BackupCopyIT.newAccount(org, "backup");
            member = BackupCopyIT.newAccount(org, "payments");
        }
        String[] key = endpoint.admin().rootAccessKey(member);
        memberRoot = AwsBasicCredentials.create(key[1], key[2]);
        String role;
        try (IamClient iam = endpoint.client(IamClient.builder(), memberRoot)) {
            role = iam.createRole(r -> r.roleName("AWSBackupDefaultServiceRole").path("/service-role/")
                    .assumeRolePolicyDocument(BackupIT.BACKUP_TRUST)).role().arn();
            iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                    .policyArn("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"));
        }
        try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), memberRoot);
             BackupClient backup = endpoint.client(BackupClient.builder(), memberRoot)) {
            ordersArn = table(ddb, "orders", true);
            scratchArn = table(ddb, "scratch", false);
            backup.createBackupVault(r -> r.backupVaultName("local-vault"));
            String planId = backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName("daily")
                    .rules(rule -> rule.ruleName("daily").targetBackupVaultName("local-vault")
                            .scheduleExpression("cron(0 5 * * ? *)").lifecycle(l -> l.deleteAfterDays(35L)))))
                    .backupPlanId();
            backup.createBackupSelection(r -> r.backupPlanId(planId).backupSelection(s -> s.selectionName("tagged")
                    .iamRoleArn(role).listOfTags(t -> t.conditionType(ConditionType.STRINGEQUALS)
                            .conditionKey("backup").conditionValue("daily"))));
            String jobId = backup.startBackupJob(r -> r.backupVaultName("local-vault").resourceArn(ordersArn)
                    .iamRoleArn(role)).backupJobId();
            endpoint.admin().advance(Duration.ofHours(1));
            DescribeBackupJobResponse done = backup.describeBackupJob(r -> r.backupJobId(jobId));
            assertThat(done.stateAsString()).as(done.statusMessage()).isEqualTo("COMPLETED");
            backup.createFramework(r -> r.frameworkName("audit").frameworkControls(c -> c
                    .controlName("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN")));
        }
        deniedCall();
        browser = chromium();
        base = endpoint.uri().toString().replaceAll("/$", "") + "/_strongroom/dashboard/";
        browser.get(base + "signin");
        browser.findElement(By.id("token")).sendKeys(endpoint.adminToken());
        browser.findElement(By.id("signin")).click();
        // Signed in once the overview is there (the click returns before the form's answer has set the cookie).
        browser.findElement(By.id("count-accounts"));
    }

    /** A user whose own policy denies ListBackupVaults with a named statement calls it once. */
    static void deniedCall() {
        AwsCredentials auditor;
        try (IamClient iam = endpoint.client(IamClient.builder(), memberRoot)) {
            iam.createUser(r -> r.userName("intern"));
            iam.putUserPolicy(r -> r.userName("intern").policyName("no-vaults").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoVaultListing\",\"Effect\":\"Deny\","
                            + "\"Action\":\"backup:ListBackupVaults\",\"Resource\":\"*\"}]}"));
            var k = iam.createAccessKey(r -> r.userName("intern")).accessKey();
            auditor = AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey());
        }
        try (BackupClient backup = endpoint.client(BackupClient.builder(), auditor)) {
            assertThatThrownBy(backup::listBackupVaults).isInstanceOf(BackupException.class);
        }
    }

    static String table(DynamoDbClient ddb, String name, boolean tagged) {
        String arn = ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                .tableDescription().tableArn();
        if (tagged) {
            ddb.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("backup").value("daily")));
        }
        return arn;
    }

    static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 1000));
        // A click that submits a form returns before the next page is there: look for elements a while.
        driver.manage().timeouts().implicitlyWait(java.time.Duration.ofSeconds(10));
        return driver;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    static int number(String id) {
        return Integer.parseInt(browser.findElement(By.id(id)).getText().trim());
    }

    @Test
    void theTreeCountsWhatTheApisSee() throws Exception {
        browser.get(base);
        int tables = 0;
        int protectedNow;
        try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), memberRoot);
             BackupClient backup = endpoint.client(BackupClient.builder(), memberRoot)) {
            tables = ddb.listTables().tableNames().size();
            // The one table the plan selects is the one table with a recovery point.
            protectedNow = backup.listProtectedResources().results().size();
        }
        assertThat(number("count-resources")).isEqualTo(tables).isEqualTo(2);
        assertThat(number("count-protected")).isEqualTo(protectedNow).isEqualTo(1);
        assertThat(number("count-unprotected")).isEqualTo(1);
        WebElement orders = browser.findElement(By.cssSelector("tr.resource[data-arn='" + ordersArn + "']"));
        assertThat(orders.getText()).contains("FRESH", "daily / tagged", "local-vault", "local", "unlocked");
        WebElement scratch = browser.findElement(By.cssSelector("tr.resource[data-arn='" + scratchArn + "']"));
        assertThat(scratch.getText()).contains("UNPROTECTED", "none");
        assertThat(browser.findElement(By.cssSelector("details.account[data-account='" + member + "']"))
                .getAttribute("class")).contains("bad");
        Path shot = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/dashboard.png");
        if (Files.isDirectory(shot.getParent())) {
            Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void theJobChartsCountTheApisJobs() {
        browser.get(base + "jobs");
        int jobs;
        try (BackupClient backup = endpoint.client(BackupClient.builder(), memberRoot)) {
            jobs = backup.listBackupJobs().backupJobs().size();
        }
        assertThat(number("total-backups")).isEqualTo(jobs).isEqualTo(1);
        assertThat(number("total-failures")).isZero();
        // uPlot drew its canvas: the vendored library loaded and ran.
        assertThat(browser.findElements(By.cssSelector("#jobs-chart canvas"))).isNotEmpty();
    }

    @Test
    void controlResultsNameTheFailingResourceAndWhy() {
        browser.get(base + "controls");
        WebElement row = browser.findElement(By.cssSelector("section[data-framework='audit'] "
                + "tr[data-control='BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN']"));
        assertThat(row.findElement(By.className("compliant")).getText()).isEqualTo("1");
        assertThat(row.findElement(By.className("non-compliant")).getText()).isEqualTo("1");
        List<WebElement> failing = row.findElements(By.className("failing"));
        assertThat(failing).hasSize(1);
        assertThat(failing.get(0).getAttribute("data-arn")).isEqualTo(scratchArn);
        assertThat(failing.get(0).getText()).contains("No selection of a backup plan selects it");
    }

    @Test
    void whyAnswersForProtectedAndUnprotectedResources() {
        browser.get(base + "why?arn=" + URLEncoder.encode(ordersArn, StandardCharsets.UTF_8));
        assertThat(browser.findElement(By.id("why-verdict")).getText()).isEqualTo("PROTECTED");
        assertThat(browser.findElement(By.cssSelector("#why-selections tr[data-plan='daily']")).getText())
                .contains("tagged", "yes");
        browser.get(base + "why?arn=" + URLEncoder.encode(scratchArn, StandardCharsets.UTF_8));
        assertThat(browser.findElement(By.id("why-verdict")).getText()).isEqualTo("NOT PROTECTED");
        assertThat(browser.findElement(By.cssSelector("#why-selections tr[data-plan='daily'] .reason")).getText())
                .contains("no entry of ListOfTags");
        String gone = scratchArn.replace("table/scratch", "table/never-made");
        browser.get(base + "why?arn=" + URLEncoder.encode(gone, StandardCharsets.UTF_8));
        assertThat(browser.findElement(By.id("why-verdict")).getText()).isEqualTo("No resource " + gone
                + " in the accounts you may see.");
    }

    @Test
    void aDeniedCallNamesTheStatementThatDeniedIt() {
        browser.get(base + "why");
        List<WebElement> denied = browser.findElements(By.cssSelector("#denied-calls tr.denied"));
        WebElement row = denied.stream().filter(r -> r.getText().contains("ListBackupVaults")).findFirst()
                .orElseThrow();
        assertThat(row.findElement(By.className("explanation")).getText())
                .contains("NoVaultListing").doesNotContain("(not recorded)");
    }

    @Test
    void theDashboardNeedsASignIn() {
        WebDriver stranger = chromium();
        try {
            stranger.get(base + "controls");
            assertThat(stranger.getCurrentUrl()).endsWith("/_strongroom/dashboard/signin");
            stranger.findElement(By.id("token")).sendKeys("wrong");
            stranger.findElement(By.id("signin")).click();
            assertThat(stranger.findElement(By.id("signin-error")).getText()).contains("Neither");
            stranger.findElement(By.id("accessKeyId")).sendKeys(memberRoot.accessKeyId());
            stranger.findElement(By.id("secretAccessKey")).sendKeys(memberRoot.secretAccessKey());
            stranger.findElement(By.id("signin")).click();
            // A member account's key sees its own account only.
            assertThat(stranger.findElement(By.id("count-accounts")).getText()).isEqualTo("1");
            assertThat(stranger.findElements(By.cssSelector("details.account[data-account='" + member + "']")))
                    .hasSize(1);
        } finally {
            stranger.quit();
        }
    }
}
