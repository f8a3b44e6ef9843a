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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.ReportJob;
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
}
