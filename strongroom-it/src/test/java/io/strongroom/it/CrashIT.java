package io.strongroom.it;

import io.strongroom.engine.backup.MovesBeforeD64;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.backup.model.BackupJob;
import software.amazon.awssdk.services.backup.model.RestoreJobsListMember;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes acknowledged before a SIGKILL are all there after a restart, and data moves cut short run again. */
class CrashIT {
    @TempDir
    Path data;

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        ServerProcess server = ServerProcess.start(data);
        Endpoint endpoint = server.endpoint();
        List<Credentials> acknowledged = new CopyOnWriteArrayList<>();
        CountDownLatch enough = new CountDownLatch(40);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            writers.submit(() -> {
                try (StsClient sts = endpoint.client(StsClient.builder())) {
                    while (true) {
                        acknowledged.add(sts.getSessionToken(r -> r.durationSeconds(3600)).credentials());
                        enough.countDown();
                    }
                } catch (RuntimeException killed) {
                    return; // the server died under us: calls in flight were never acknowledged
                }
            });
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).isTrue();
        server.kill();
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        List<Credentials> before = List.copyOf(acknowledged);

        try (ServerProcess restarted = ServerProcess.start(data)) {
            Endpoint again = restarted.endpoint();
            assertThat(again.accessKeyId()).isEqualTo(endpoint.accessKeyId());
            for (Credentials c : before) {
                try (StsClient asSession = again.client(StsClient.builder(),
                        Endpoint.session(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
                    assertThat(asSession.getCallerIdentity().account()).isEqualTo("111111111111");
                }
            }
            Set<String> recordedKeys = recordedSessionKeys(again);
            assertThat(recordedKeys).containsAll(before.stream().map(Credentials::accessKeyId).toList());
        }
    }

    /**
     * One server on SQLite killed twice in one day's firings (decision D64): while the 05:00 backups move their data,
     * and again while their copies do. Each time, started again, it moves the lost data again before it serves, into
     * the recovery points the killed process had started, and in the end every backup and copy job of the firing has
     * run once.
     */
    @Test
    void dataMovesCutShortBySigkillRunAgainAtRestart() throws Exception {
        ServerProcess server = ServerProcess.start(data);
        ExecutorService clockCalls = Executors.newSingleThreadExecutor();
        try {
            BackupScheduleIT.Account account = new BackupScheduleIT.Account(server.endpoint());
            DailyFiring day = DailyFiring.in(account);
            Instant firing = DailyFiring.firing(0);
            Instant end = firing.plusSeconds(3600);
            ServerProcess moving = server;
            Future<Instant> advance = clockCalls.submit(() -> moving.endpoint().admin().set(end));
            List<BackupJob> started = day.awaitRunning(account, firing);
            server.kill();
            assertThat(advance).failsWithin(Duration.ofMinutes(1));

            server = ServerProcess.start(data);
            assertThat(server.output()).as("backup moves were lost with the killed process")
                    .contains("moves again the data of backup/");
            BackupScheduleIT.Account again = account.on(server.endpoint());
            List<BackupJob> afterRestart = DailyFiring.jobsOf(again, firing);
            assertThat(DailyFiring.withoutData(afterRestart)).as("every lost move ran again before serving").isEmpty();
            assertThat(afterRestart).extracting(BackupJob::recoveryPointArn).as("into the points started before")
                    .containsExactlyInAnyOrderElementsOf(started.stream().map(BackupJob::recoveryPointArn).toList());

            ServerProcess copying = server;
            advance = clockCalls.submit(() -> copying.endpoint().admin().set(end));
            day.awaitCopiesRunning(again, firing);
            server.kill();
            assertThat(advance).failsWithin(Duration.ofMinutes(1));

            server = ServerProcess.start(data);
            assertThat(server.output()).as("copy moves were lost with the killed process")
                    .contains("moves again the data of copy/");
            again = account.on(server.endpoint());
            server.endpoint().admin().set(end);
            day.assertEachJobRanOnce(again, firing);
        } finally {
            clockCalls.shutdownNow();
            server.kill();
        }
    }

    /**
     * One server on SQLite killed while a restore job writes its new bucket (decision D64): the restore and the end of
     * its move commit together, so the killed process left the job RUNNING without a bucket. Started again, the server
     * restores again before it serves, and the one job COMPLETES once into one bucket holding the recovery point's
     * data byte for byte.
     */
    @Test
    void aRestoreCutShortBySigkillIsRedoneAtRestart() throws Exception {
        restoreKilledThenRestarted(() -> { }, "lost with node");
    }

    /**
     * The same restore left RUNNING by a version before D64, which recorded no owner of the move (decision D69): the
     * next start gives it one that is never alive, and it is restored again as any lost move.
     */
    @Test
    void aRestoreLeftRunningByAVersionBeforeMovesHadOwnersIsRedoneAtStart() throws Exception {
        restoreKilledThenRestarted(() -> {
            try (Store store = StoreFactory.open(data.resolve("strongroom.db").toString())) {
                assertThat(MovesBeforeD64.forgetOwners(store)).as("the restore's move record").isOne();
            }
        }, "lost with node before-D64");
    }

    private void restoreKilledThenRestarted(ThrowingRunnable whileDown, String takenOverFrom) throws Exception {
        ServerProcess server = ServerProcess.start(data);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            BackupScheduleIT.Account account = new BackupScheduleIT.Account(server.endpoint());
            BucketRestore restore = BucketRestore.backedUp(account);
            Future<String> started = restore.startAndKillWhileWriting(server, account, caller);
            assertThat(started).failsWithin(Duration.ofMinutes(1));
            whileDown.run();

            server = ServerProcess.start(data);
            BackupScheduleIT.Account again = account.on(server.endpoint());
            RestoreJobsListMember job = BucketRestore.jobs(again).get(0);
            assertThat(server.output()).as("the restore's move was lost with the killed process")
                    .contains("moves again the data of restore/" + account.id + "/eu-west-1/" + job.restoreJobId()
                            + ", " + takenOverFrom);
            assertThat(job.statusAsString()).isEqualTo("RUNNING");
            assertThat(BucketRestore.buckets(again)).as("restored before serving").contains(BucketRestore.RESTORED);
            again.advance(Duration.ofHours(1));
            BucketRestore.assertRestoredOnce(again, job.restoreJobId());
        } finally {
            caller.shutdownNow();
            server.kill();
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static Set<String> recordedSessionKeys(Endpoint endpoint) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Set<String> keys = new HashSet<>();
        try (CloudTrailClient trail = endpoint.client(CloudTrailClient.builder())) {
            String token = null;
            do {
                String next = token;
                LookupEventsResponse page = trail.lookupEvents(r -> r.nextToken(next).lookupAttributes(a -> a
                        .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("GetSessionToken")));
                for (var event : page.events()) {
                    keys.add(json.readTree(event.cloudTrailEvent()).path("responseElements").path("credentials")
                            .path("accessKeyId").asText());
                }
                token = page.nextToken();
            } while (token != null);
        }
        return keys;
    }
}
