package io.strongroom.engine.backup;

import io.strongroom.engine.testing.TempStore;
import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The summaries JobStore keeps with every write (D63), on a real SQLite store. */
class BackupTalliesTest {
    static final String A = "111111111111";
    static final String CENTRAL = "222222222222";
    static final String R = "eu-west-1";
    static final String TABLE = "arn:aws:dynamodb:eu-west-1:" + A + ":table/orders";
    static final String LOCAL_VAULT = "arn:aws:backup:eu-west-1:" + A + ":backup-vault:local";
    static final String CENTRAL_VAULT = "arn:aws:backup:eu-west-1:" + CENTRAL + ":backup-vault:central";
    static final Instant DAY0 = Instant.parse("2027-02-01T02:00:00Z");

    @TempDir
    Path dir;
    @RegisterExtension
    final TempStore store = new TempStore();
    final JobStore jobs = new JobStore();

    static RecoveryPoint point(String id, String account, String vault, String source, Instant created, String status,
                               Long keepDays, Map<String, String> tags) {
        return new RecoveryPoint("arn:aws:backup:eu-west-1:" + account + ":recovery-point:" + id, id, account, R,
                vault, source, TABLE, "DynamoDB", "orders", Map.of(), "role", status, null, created, created, 10,
                keepDays == null ? null : new Lifecycle(null, keepDays, null), "key", RecoveryPoint.WARM, null,
                Map.of(), Map.of(), BackupVault.STANDARD, tags);
    }

    static CopyJob copy(String id, Instant created, String state) {
        return new CopyJob(id, A, R, LOCAL_VAULT, "src", CENTRAL_VAULT, TABLE, "DynamoDB", "orders", "role", state,
                state.equals(CopyJob.FAILED) ? "Access denied" : null, created, null, null, null, null, null, null,
                null, null, 0, Map.of(), null, null);
    }

    static BackupJob job(String id, Instant created, String state) {
        return new BackupJob(id, A, R, "local", TABLE, "DynamoDB", "orders", "role", state, null, created, null, null,
                null, null, null, Map.of(), Map.of(), null, 0, Map.of(), null, null);
    }

    Map<String, List<BackupTallies.Holding>> holdings(String account) {
        return store.read(tx -> jobs.tallies().holdings(tx, account, R));
    }

    List<BackupTallies.PointCount> pointCounts() {
        return store.read(tx -> jobs.tallies().pointCounts(tx, A, R));
    }

    Map<String, List<BackupTallies.LatestCopy>> latestCopies() {
        return store.read(tx -> jobs.tallies().latestCopies(tx, A, R));
    }

    List<BackupTallies.DayCount> jobsPerDay() {
        return store.read(tx -> jobs.tallies().jobsPerDay(tx, A, R));
    }

    void write(Consumer<io.strongroom.storage.Tx> work) {
        store.write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    @Test
    void holdingsCountCompletedPointsPerVaultWithTheNewestUnderTheResourcesOwnAccount() {
        RecoveryPoint first = point("p1", A, "local", null, DAY0, RecoveryPoint.CREATING, 35L, Map.of());
        write(tx -> jobs.putPoint(tx, first));
        assertThat(holdings(A)).as("not completed yet").isEmpty();
        write(tx -> {
            jobs.putPoint(tx, first.completed(DAY0));
            jobs.putPoint(tx, point("p2", A, "local", null, DAY0.plus(Duration.ofDays(1)), RecoveryPoint.COMPLETED,
                    35L, Map.of()));
            jobs.putPoint(tx, point("c1", CENTRAL, "central", LOCAL_VAULT, DAY0, RecoveryPoint.COMPLETED, 2555L,
                    Map.of()));
        });
        assertThat(holdings(A).get(TABLE))
                .extracting(h -> h.vaultName() + " " + h.points() + " " + h.newest())
                .containsExactly("local 2 " + DAY0.plus(Duration.ofDays(1)), "central 1 " + DAY0);
        assertThat(holdings(CENTRAL)).as("a copy is its resource's")
                .isEmpty();

        write(tx -> jobs.deletePoint(tx, jobs.point(tx, "arn:aws:backup:eu-west-1:" + A + ":recovery-point:p2")
                .orElseThrow()));
        assertThat(holdings(A).get(TABLE))
                .extracting(h -> h.vaultName() + " " + h.points() + " " + h.newest())
                .as("the newest deleted: the next newest").containsExactly("local 1 " + DAY0, "central 1 " + DAY0);
        write(tx -> jobs.putPoint(tx, first.completed(DAY0).with(RecoveryPoint.DELETING, null)));
        assertThat(holdings(A).get(TABLE))
                .extracting(BackupTallies.Holding::vaultName).containsExactly("central");
    }

    @Test
    void pointsAreCountedByVaultRetentionAndTags() {
        write(tx -> {
            jobs.putPoint(tx, point("p1", A, "local", null, DAY0, RecoveryPoint.COMPLETED, 35L, Map.of("t", "a")));
            jobs.putPoint(tx, point("p2", A, "local", null, DAY0, RecoveryPoint.COMPLETED, 35L, Map.of("t", "a")));
            jobs.putPoint(tx, point("p3", A, "local", null, DAY0, RecoveryPoint.COMPLETED, 7L, Map.of()));
            jobs.putPoint(tx, point("p4", A, "local", null, DAY0, RecoveryPoint.COMPLETED, null, Map.of()));
        });
        write(tx -> {
            RecoveryPoint p2 = jobs.point(tx, "arn:aws:backup:eu-west-1:" + A + ":recovery-point:p2").orElseThrow();
            jobs.putPoint(tx, p2.withLifecycle(new Lifecycle(null, 7L, null)));
        });
        assertThat(pointCounts())
                .extracting(c -> c.vaultName() + " " + c.retentionDays() + " " + c.tags() + " " + c.points())
                .containsExactlyInAnyOrder("local 35 {t=a} 1", "local 7 {t=a} 1", "local 7 {} 1", "local null {} 1");
    }

    @Test
    void theNewestCopyPerDestinationWinsWhateverOrderTheJobsAreWrittenIn() {
        write(tx -> jobs.putCopyJob(tx, copy("J2", DAY0.plus(Duration.ofDays(1)), CopyJob.CREATED)));
        write(tx -> jobs.putCopyJob(tx, copy("J2", DAY0.plus(Duration.ofDays(1)), CopyJob.FAILED)));
        write(tx -> jobs.putCopyJob(tx, copy("J1", DAY0, CopyJob.COMPLETED)));
        assertThat(latestCopies().get(TABLE))
                .extracting(c -> c.jobId() + " " + c.state() + " " + c.statusMessage())
                .containsExactly("J2 FAILED Access denied");
        write(tx -> jobs.putCopyJob(tx, copy("J3", DAY0.plus(Duration.ofDays(2)), CopyJob.COMPLETED)));
        assertThat(latestCopies().get(TABLE))
                .extracting(BackupTallies.LatestCopy::jobId).containsExactly("J3");
    }

    @Test
    void jobsAreCountedOnceOnTheirCreationDayAndFailuresWhenTheyFail() {
        write(tx -> {
            jobs.putBackupJob(tx, job("B1", DAY0, BackupJob.CREATED));
            jobs.putBackupJob(tx, job("B1", DAY0, BackupJob.RUNNING));
            jobs.putBackupJob(tx, job("B1", DAY0, BackupJob.FAILED));
            jobs.putBackupJob(tx, job("B2", DAY0.plus(Duration.ofHours(21)), BackupJob.COMPLETED));
            jobs.putBackupJob(tx, job("B3", DAY0.plus(Duration.ofDays(1)), BackupJob.ABORTED));
            jobs.putCopyJob(tx, copy("C1", DAY0, CopyJob.CREATED));
            jobs.putCopyJob(tx, copy("C1", DAY0, CopyJob.COMPLETED));
        });
        assertThat(jobsPerDay()).containsExactly(
                new BackupTallies.DayCount("2027-02-01", 2, 1, 0, 1),
                new BackupTallies.DayCount("2027-02-02", 1, 0, 0, 1));
    }

    List<Object> everything(io.strongroom.storage.Tx tx) {
        BackupTallies t = jobs.tallies();
        return List.of(t.holdings(tx, A, R), t.latestCopies(tx, A, R), t.jobsPerDay(tx, A, R), t.pointCounts(tx, A, R),
                t.pointCounts(tx, CENTRAL, R));
    }

    @Test
    void aStoreWrittenBeforeTheTalliesGetsTheSameTalliesAtStart() {
        Collection<RecoveryPoint> rawPoints = new Collection<>("backup.recovery-points",
                JsonCodec.of(RecoveryPoint.class));
        Collection<CopyJob> rawCopies = new Collection<>("backup.copy-jobs", JsonCodec.of(CopyJob.class));
        Collection<BackupJob> rawJobs = new Collection<>("backup.backup-jobs", JsonCodec.of(BackupJob.class));
        List<RecoveryPoint> points = List.of(
                point("p1", A, "local", null, DAY0, RecoveryPoint.COMPLETED, 35L, Map.of()),
                point("p2", A, "local", null, DAY0.plus(Duration.ofDays(1)), RecoveryPoint.COMPLETED, 35L, Map.of()),
                point("c1", CENTRAL, "central", LOCAL_VAULT, DAY0, RecoveryPoint.COMPLETED, 2555L, Map.of()));
        write(tx -> {
            points.forEach(p -> rawPoints.put(tx, p.accountId() + "/" + R + "/" + p.vaultName() + "/" + p.storageId(),
                    p));
            rawCopies.put(tx, A + "/" + R + "/C1", copy("C1", DAY0, CopyJob.FAILED));
            rawJobs.put(tx, A + "/" + R + "/B1", job("B1", DAY0, BackupJob.COMPLETED));
        });
        write(tx -> jobs.tallies().buildIfMissing(tx, jobs));

        try (Store other = StoreFactory.open(dir.resolve("other.db").toString())) {
            other.write(tx -> {
                points.forEach(p -> jobs.putPoint(tx, p));
                jobs.putCopyJob(tx, copy("C1", DAY0, CopyJob.FAILED));
                jobs.putBackupJob(tx, job("B1", DAY0, BackupJob.COMPLETED));
                return null;
            });
            List<Object> kept = other.read(this::everything);
            List<Object> built = store.read(this::everything);
            assertThat(built).isEqualTo(kept);
            assertThat(holdings(A).get(TABLE)).hasSize(2);
        }
        write(tx -> jobs.tallies().buildIfMissing(tx, jobs));
        assertThat(holdings(A).get(TABLE))
                .as("built once: a second start counts nothing twice").extracting(BackupTallies.Holding::points)
                .containsExactly(2L, 1L);
    }

    @Test
    void holdingsAndLatestCopiesKeptAsJsonAreRewrittenCompactOnceAtStart() {
        // A store of version 1 (D63): the summaries exist, as JSON envelopes.
        Collection<BackupTallies.Holding> jsonHoldings = new Collection<>("backup.point-holdings",
                JsonCodec.of(BackupTallies.Holding.class));
        Collection<BackupTallies.LatestCopy> jsonCopies = new Collection<>("backup.latest-copies",
                JsonCodec.of(BackupTallies.LatestCopy.class));
        BackupTallies.Holding held = new BackupTallies.Holding(TABLE, LOCAL_VAULT, A, R, "local", "BACKUP_VAULT", 3,
                DAY0);
        BackupTallies.LatestCopy failed = new BackupTallies.LatestCopy(TABLE, CENTRAL_VAULT, "C1", CopyJob.FAILED,
                "Access \"denied\" \u00e9", DAY0);
        write(tx -> {
            jsonHoldings.put(tx, A + "/" + R + "/" + TABLE + " " + LOCAL_VAULT, held);
            jsonCopies.put(tx, A + "/" + R + "/" + TABLE + " " + CENTRAL_VAULT, failed);
            tx.put("backup.tallies", "version", "1".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    io.strongroom.storage.Tx.ANY);
        });
        assertThat(holdings(A).get(TABLE)).as("JSON is still read").containsExactly(held);

        write(tx -> jobs.tallies().buildIfMissing(tx, jobs));

        assertThat(holdings(A).get(TABLE)).containsExactly(held);
        assertThat(latestCopies().get(TABLE)).containsExactly(failed);
        store.read(tx -> {
            for (String collection : List.of("backup.point-holdings", "backup.latest-copies")) {
                assertThat(tx.scan(new io.strongroom.storage.ScanQuery(collection, "", null, 10, false)).records())
                        .singleElement().satisfies(r -> assertThat(TallyCodecs.compact(r.value())).isTrue());
            }
            return null;
        });
        String version = store.read(tx -> new String(tx.get("backup.tallies", "version").orElseThrow().value(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(version).isEqualTo("2");
    }

    @Test
    void theCompactFormKeepsEveryFieldNullsAndAnyTextToo() {
        List<BackupTallies.Holding> holdings = List.of(
                new BackupTallies.Holding(TABLE, LOCAL_VAULT, A, R, "local", "BACKUP_VAULT", 7,
                        Instant.parse("2027-02-01T02:03:04.123456789Z")),
                new BackupTallies.Holding("arn:aws:s3:::b\u00fccket-\uD83D\uDE00", CENTRAL_VAULT, CENTRAL, R, "central",
                        null, Long.MAX_VALUE, null),
                new BackupTallies.Holding(TABLE, "", "", "", "", "", 0, Instant.parse("1900-01-01T00:00:00Z")));
        for (BackupTallies.Holding h : holdings) {
            byte[] bytes = TallyCodecs.HOLDING.encode(h);
            assertThat(TallyCodecs.compact(bytes)).isTrue();
            assertThat(TallyCodecs.HOLDING.decode(bytes)).isEqualTo(h);
            assertThat(TallyCodecs.HOLDING.decode(JsonCodec.of(BackupTallies.Holding.class).encode(h))).isEqualTo(h);
        }
        BackupTallies.LatestCopy copy = new BackupTallies.LatestCopy(TABLE, CENTRAL_VAULT, "C9", CopyJob.COMPLETED,
                null, DAY0);
        assertThat(TallyCodecs.LATEST_COPY.decode(TallyCodecs.LATEST_COPY.encode(copy))).isEqualTo(copy);
        String longMessage = "x".repeat(100_000);
        BackupTallies.LatestCopy failed = new BackupTallies.LatestCopy(TABLE, CENTRAL_VAULT, "C10", CopyJob.FAILED,
                longMessage, DAY0);
        assertThat(TallyCodecs.LATEST_COPY.decode(TallyCodecs.LATEST_COPY.encode(failed))).isEqualTo(failed);
    }
}
