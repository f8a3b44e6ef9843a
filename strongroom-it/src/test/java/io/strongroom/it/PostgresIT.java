package io.strongroom.it;

import io.strongroom.server.ServerOptions;
import io.strongroom.storage.jdbc.PostgresTestServer;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.ConditionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.backup.model.BackupJob;
import software.amazon.awssdk.services.backup.model.ReportJob;
import software.amazon.awssdk.services.backup.model.RestoreJobsListMember;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** Strongroom on a real PostgreSQL server, and two Strongroom servers sharing one PostgreSQL store. */
class PostgresIT {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void launcherServesFromPostgresql() throws Exception {
        String store = PostgresTestServer.shared().newDatabase();
        try (ServerProcess server = ServerProcess.start(dirA, "--store", store)) {
            AwsCli.Result identity = new AwsCli(server.endpoint()).run("sts", "get-caller-identity");
            assertThat(identity.exitCode()).as(identity.stderr()).isZero();
            assertThat(identity.stdout()).contains("\"Account\": \"111111111111\"");
        }
    }

    @Test
    void twoServersShareOneStore() {
        String store = PostgresTestServer.shared().newDatabase();
        try (TestServer a = TestServer.start(ServerOptions.defaults(dirA).withPort(0).withStore(store));
             TestServer b = TestServer.start(ServerOptions.defaults(dirB).withPort(0).withStore(store))) {
            Endpoint first = a.endpoint();
            Endpoint second = b.endpoint();
            assertThat(second.accessKeyId()).as("one management account, bootstrapped once").isEqualTo(first.accessKeyId());

            Credentials session;
            try (StsClient sts = first.client(StsClient.builder())) {
                session = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
            }
            try (StsClient sts = second.client(StsClient.builder(),
                    Endpoint.session(session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
                 CloudTrailClient trail = second.client(CloudTrailClient.builder())) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:root");
                assertThat(trail.lookupEvents(r -> r.lookupAttributes(l -> l.attributeKey(LookupAttributeKey.EVENT_NAME)
                        .attributeValue("GetSessionToken"))).events()).extracting(Event::eventName)
                        .containsExactly("GetSessionToken");
            }
        }
    }

    /**
     * What one server's dashboard keeps between requests (each account's resources and what its plans select, D71)
     * follows the writes of the other server: the generations it is kept by live in the shared store.
     */
    @Test
    void theDashboardOfOneServerFollowsTheWritesOfTheOther() {
        String store = PostgresTestServer.shared().newDatabase();
        try (TestServer a = TestServer.start(ServerOptions.defaults(dirA).withPort(0).withStore(store));
             TestServer b = TestServer.start(ServerOptions.defaults(dirB).withPort(0).withStore(store));
             DynamoDbClient ddb = b.endpoint().client(DynamoDbClient.builder());
             IamClient iam = b.endpoint().client(IamClient.builder());
             BackupClient backup = b.endpoint().client(BackupClient.builder())) {
            DashboardFollowsChangesIT.DashboardPage dashboard = new DashboardFollowsChangesIT.DashboardPage(
                    a.endpoint());
            dashboard.assertTiles(0, 0, 0);
            String orders = DashboardIT.table(ddb, "orders", false);
            dashboard.assertTiles(1, 0, 1);

            String role = iam.createRole(r -> r.roleName("backup").assumeRolePolicyDocument(BackupIT.BACKUP_TRUST))
                    .role().arn();
            backup.createBackupVault(r -> r.backupVaultName("local-vault"));
            String planId = backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName("daily")
                    .rules(rule -> rule.ruleName("daily").targetBackupVaultName("local-vault")
                            .scheduleExpression("cron(0 5 * * ? *)")))).backupPlanId();
            backup.createBackupSelection(r -> r.backupPlanId(planId).backupSelection(s -> s.selectionName("tagged")
                    .iamRoleArn(role).listOfTags(t -> t.conditionType(ConditionType.STRINGEQUALS)
                            .conditionKey("backup").conditionValue("daily"))));
            dashboard.assertTiles(1, 0, 1);
            ddb.tagResource(r -> r.resourceArn(orders).tags(t -> t.key("backup").value("daily")));
            dashboard.assertTiles(1, 1, 0);
            dashboard.assertRow(orders, "STALE", "daily / tagged");
            ddb.untagResource(r -> r.resourceArn(orders).tagKeys("backup"));
            dashboard.assertTiles(1, 0, 1);
            ddb.deleteTable(r -> r.tableName("orders"));
            dashboard.assertTiles(0, 0, 0);
        }
    }

    /**
     * Two servers advance the shared simulated clock at the same time: every due timer runs once, whichever server
     * reaches it (each daily report job is made once, not once per server), and both servers end on the same now.
     */
    @Test
    void twoServersAdvancingTogetherRunEveryTimerOnce() throws Exception {
        String store = PostgresTestServer.shared().newDatabase();
        try (TestServer a = TestServer.start(ServerOptions.defaults(dirA).withPort(0).withStore(store));
             TestServer b = TestServer.start(ServerOptions.defaults(dirB).withPort(0).withStore(store))) {
            try (BackupClient backup = a.endpoint().client(BackupClient.builder());
                 S3Client s3 = a.endpoint().client(S3Client.builder().forcePathStyle(true))) {
                s3.createBucket(r -> r.bucket("reports").createBucketConfiguration(c -> c
                        .locationConstraint("eu-west-1")));
                s3.putBucketPolicy(r -> r.bucket("reports").policy(io.strongroom.testkit.ReportBucketPolicy.of(
                        ServerOptions.DEFAULT_MANAGEMENT_ACCOUNT, "reports")));
                for (String plan : List.of("jobs_a", "jobs_b", "jobs_c")) {
                    backup.createReportPlan(r -> r.reportPlanName(plan)
                            .reportSetting(s -> s.reportTemplate("BACKUP_JOB_REPORT"))
                            .reportDeliveryChannel(d -> d.s3BucketName("reports")));
                }
            }
            Instant start = a.endpoint().admin().now();
            ExecutorService both = Executors.newFixedThreadPool(2);
            List<Future<Instant>> runs = new ArrayList<>();
            for (int day = 1; day <= 5; day++) {
                Instant target = start.plus(Duration.ofDays(day));
                runs.add(both.submit(() -> a.endpoint().admin().set(target)));
                runs.add(both.submit(() -> b.endpoint().admin().set(target)));
                for (Future<Instant> run : runs) {
                    run.get();
                }
                runs.clear();
            }
            both.shutdown();
            try (BackupClient backup = b.endpoint().client(BackupClient.builder())) {
                for (String plan : List.of("jobs_a", "jobs_b", "jobs_c")) {
                    List<ReportJob> jobs = backup.listReportJobs(r -> r.byReportPlanName(plan)).reportJobs();
                    assertThat(jobs).as("one daily run of %s per simulated day", plan).hasSize(5)
                            .extracting(ReportJob::creationTime).doesNotHaveDuplicates();
                }
            }
            assertThat(b.endpoint().admin().now()).isEqualTo(a.endpoint().admin().now())
                    .isEqualTo(start.plus(Duration.ofDays(5)));
        }
    }

    /**
     * Scale-out with a SIGKILL (decision D64): two servers started by the launcher on one PostgreSQL store back up an
     * account's tagged resources every day at 05:00 with a copy into a second vault ({@link DailyFiring}). Server A
     * runs the first firing and is killed while that firing's data moves are in flight; server B takes the moves over
     * once A's lease has run out, and every resource gets exactly one backup job, completed into the recovery point A
     * had started, and exactly one completed copy. The next day B runs the firing and is frozen (SIGSTOP) in the
     * middle of its moves while A is started again on its data directory: the restart fails none of B's jobs, and
     * each completes once.
     */
    @Test
    void aServerKilledInTheMiddleOfADaysFiringsLosesNoJobAndRunsNoneTwice() throws Exception {
        String store = PostgresTestServer.shared().newDatabase();
        List<ServerProcess> started = new ArrayList<>();
        ExecutorService clockCalls = Executors.newSingleThreadExecutor();
        try {
            startPair(store, started);
            ServerProcess a = started.get(0);
            ServerProcess b = started.get(1);
            assertThat(a.executable()).as("the signals reach the JVM, not a wrapper script").endsWith("java");
            BackupScheduleIT.Account onA = new BackupScheduleIT.Account(a.endpoint());
            DailyFiring day = DailyFiring.in(onA);
            BackupScheduleIT.Account onB = onA.on(b.endpoint());

            // Day 1: A runs the 05:00 firing and dies while it moves the data.
            Instant firing = DailyFiring.firing(0);
            Future<Instant> advanceOnA = clockCalls.submit(() -> a.endpoint().admin().set(firing.plusSeconds(3600)));
            List<BackupJob> runningOnA = day.awaitRunning(onB, firing);
            a.kill();
            assertThat(advanceOnA).failsWithin(Duration.ofMinutes(1));
            assertThat(DailyFiring.withoutData(DailyFiring.jobsOf(onB, firing)))
                    .as("the kill landed while A moved the firing's data").isNotEmpty();
            // B takes the lost moves over once A's lease has run out (Nodes.LEASE of real time).
            DailyFiring.await("B has moved the data A lost", () -> DailyFiring.jobsOf(onB, firing),
                    jobs -> DailyFiring.withoutData(jobs).isEmpty());
            b.endpoint().admin().set(firing.plusSeconds(3600));
            day.assertEachJobRanOnce(onB, firing);
            assertThat(DailyFiring.jobsOf(onB, firing)).extracting(BackupJob::recoveryPointArn)
                    .as("the points A had started").containsExactlyInAnyOrderElementsOf(runningOnA.stream()
                            .map(BackupJob::recoveryPointArn).toList());

            // Day 2: B runs the firing and freezes in the middle of its moves while A starts again.
            Instant next = DailyFiring.firing(1);
            Future<Instant> advanceOnB = clockCalls.submit(() -> b.endpoint().admin().set(next.plusSeconds(3600)));
            day.awaitRunning(onB, next);
            b.pause();
            ServerProcess restarted;
            List<BackupJob> atRestart;
            try {
                restarted = ServerProcess.start(dirA, "--store", store);
                started.add(restarted);
                atRestart = DailyFiring.jobsOf(onA.on(restarted.endpoint()), next);
            } finally {
                b.resume();
            }
            assertThat(DailyFiring.withoutData(atRestart)).as("A started again while B moved the second firing's data")
                    .isNotEmpty();
            assertThat(atRestart).extracting(BackupJob::stateAsString).containsOnly("RUNNING");
            assertThat(advanceOnB.get(5, TimeUnit.MINUTES)).isEqualTo(next.plusSeconds(3600));
            day.assertEachJobRanOnce(onA.on(restarted.endpoint()), next);
        } finally {
            clockCalls.shutdownNow();
            started.forEach(ServerProcess::kill);
        }
    }

    /**
     * A restore taken over from a killed server on a shared store (decision D64, README "Several servers on one
     * PostgreSQL store"): A writes the recovery point, starts its restore and is killed while the restore writes the
     * new bucket; B takes the move over once A's lease has run out. The point's bytes are on A's disk only, so B's
     * restore fails, once, with a status message, and leaves no bucket: the job is never left RUNNING nor run twice.
     */
    @Test
    void aRestoreLostWithItsServerEndsOnceOnTheOther() throws Exception {
        String store = PostgresTestServer.shared().newDatabase();
        List<ServerProcess> started = new ArrayList<>();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            startPair(store, started);
            ServerProcess a = started.get(0);
            ServerProcess b = started.get(1);
            BackupScheduleIT.Account onA = new BackupScheduleIT.Account(a.endpoint());
            BackupScheduleIT.Account onB = onA.on(b.endpoint());
            BucketRestore restore = BucketRestore.backedUp(onA);

            AtomicReference<Future<String>> call = new AtomicReference<>();
            String jobId = BucketRestore.awaitMoving(onB, () -> call.set(restore.start(onA, caller)))
                    .restoreJobId();
            Future<String> restoring = call.get();
            a.kill();
            assertThat(restoring).failsWithin(Duration.ofMinutes(1));

            RestoreJobsListMember ended = DailyFiring.await("B has ended the restore A lost",
                    () -> BucketRestore.jobs(onB), jobs -> !"RUNNING".equals(jobs.get(0).statusAsString())).get(0);
            assertThat(b.output()).contains("moves again the data of restore/" + onA.id + "/eu-west-1/" + jobId);
            assertThat(ended.restoreJobId()).isEqualTo(jobId);
            assertThat(ended.statusAsString()).isEqualTo("FAILED");
            assertThat(ended.statusMessage()).startsWith("Restore job failed: ");
            b.endpoint().admin().advance(Duration.ofHours(1));
            assertThat(BucketRestore.jobs(onB)).singleElement().satisfies(job -> {
                assertThat(job.statusAsString()).isEqualTo("FAILED");
                assertThat(job.createdResourceArn()).isNull();
            });
            assertThat(BucketRestore.buckets(onB)).containsExactly("big-bucket");
        } finally {
            caller.shutdownNow();
            started.forEach(ServerProcess::kill);
        }
    }

    /** Servers A and B on one store, started as the README says, added to {@code started} in that order. */
    private void startPair(String store, List<ServerProcess> started) throws Exception {
        started.add(ServerProcess.start(dirA, "--store", store));
        // every server sharing a PostgreSQL store has the same KMS master key file
        Files.copy(dirA.resolve("kms-master-key"), dirB.resolve("kms-master-key"));
        started.add(ServerProcess.start(dirB, "--store", store));
    }
}
