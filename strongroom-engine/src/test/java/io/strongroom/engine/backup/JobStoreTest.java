package io.strongroom.engine.backup;

import io.strongroom.engine.testing.TempStore;
import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.IndexKeys;
import io.strongroom.storage.IndexQuery;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listing indexes of {@link JobStore} (decision D61) on a real SQLite store: kept in step with every insert,
 * update and delete (the delete an expiry makes too), answering pages in creation order, and built once over records
 * written before they existed.
 */
class JobStoreTest {
    static final Instant T0 = Instant.parse("2027-02-01T02:00:00Z");
    static final String A = "111111111111";
    static final String B = "222222222222";
    static final String REGION = "eu-west-1";
    static final String TABLE = "arn:aws:dynamodb:eu-west-1:111111111111:table/ledger";
    static final String OTHER_TABLE = "arn:aws:dynamodb:eu-west-1:111111111111:table/ledger-archive";

    @RegisterExtension
    final TempStore store = new TempStore();
    final JobStore jobs = new JobStore();

    <T> T in(Function<Tx, T> work) {
        return store.write(work);
    }

    void run(java.util.function.Consumer<Tx> work) {
        store.write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    static RecoveryPoint point(String id, String vault, String resource, Instant created, String status) {
        return new RecoveryPoint("arn:aws:backup:eu-west-1:" + A + ":recovery-point:" + id, "sp-" + id, A, REGION,
                vault, null, resource, "DynamoDB", "ledger", Map.of(), null, status, null, created, null, 1,
                null, null, RecoveryPoint.WARM, null, Map.of(), Map.of(), "BACKUP_VAULT", Map.of());
    }

    static BackupJob job(String id, String account, Instant created, String state, String resource) {
        return new BackupJob(id, account, REGION, "local-vault", resource, "DynamoDB", "ledger", null, state, null,
                created, null, null, created.plus(Duration.ofHours(8)), null, null, Map.of(), Map.of(), null, 0,
                Map.of(), null, null);
    }

    static List<String> arns(Page<RecoveryPoint> page) {
        return page.items().stream().map(p -> p.arn().substring(p.arn().lastIndexOf(':') + 1)).toList();
    }

    static List<String> ids(Page<BackupJob> page) {
        return page.items().stream().map(BackupJob::jobId).toList();
    }

    long count(String vault) {
        return store.read(tx -> jobs.pointCount(tx, A, REGION, vault));
    }

    /** Every key of a collection's records in the store's indexes, index by index. */
    static List<String> indexKeys(Tx tx, String collection) {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= IndexKeys.INDEXES; i++) {
            tx.scanIndex(new IndexQuery(collection, i, "", null, 1000, false)).entries()
                    .forEach(e -> keys.add(e.indexKey()));
        }
        return keys;
    }

    @Test
    void aVaultsPointCountFollowsInsertsAndDeletesButNotUpdates() {
        run(tx -> {
            jobs.putPoint(tx, point("p1", "local-vault", TABLE, T0, RecoveryPoint.COMPLETED));
            jobs.putPoint(tx, point("p2", "local-vault", TABLE, T0.plus(Duration.ofDays(1)), "CREATING"));
            jobs.putPoint(tx, point("p3", "other-vault", TABLE, T0, RecoveryPoint.COMPLETED));
        });
        assertThat(count("local-vault")).isEqualTo(2);

        run(tx -> jobs.putPoint(tx, point("p2", "local-vault", TABLE, T0.plus(Duration.ofDays(1)),
                RecoveryPoint.COMPLETED)));
        assertThat(count("local-vault")).as("an update is no new point")
                .isEqualTo(2);

        run(tx -> jobs.deletePoint(tx, point("p1", "local-vault", TABLE, T0, RecoveryPoint.COMPLETED)));
        run(tx -> jobs.deletePoint(tx, point("p1", "local-vault", TABLE, T0, RecoveryPoint.COMPLETED)));
        assertThat(count("local-vault")).as("a second delete finds nothing")
                .isEqualTo(1);
        assertThat(count("other-vault")).isEqualTo(1);
        assertThat(count("no-vault")).isZero();
    }

    @Test
    void pointListingsFollowEveryChangeInCreationOrder() {
        run(tx -> {
            // inserted out of order; "b" and "c" share an instant (then the ARN orders them)
            jobs.putPoint(tx, point("c", "local-vault", TABLE, T0.plusMillis(1500), RecoveryPoint.COMPLETED));
            jobs.putPoint(tx, point("a", "local-vault", TABLE, T0.plusSeconds(1), RecoveryPoint.COMPLETED));
            jobs.putPoint(tx, point("b", "local-vault", TABLE, T0.plusMillis(1500), RecoveryPoint.COMPLETED));
            jobs.putPoint(tx, point("x", "local-vault", OTHER_TABLE, T0, RecoveryPoint.COMPLETED));
            jobs.putPoint(tx, point("y", "other-vault", TABLE, T0.plusSeconds(2), RecoveryPoint.COMPLETED));
        });
        assertThat(arns(in(tx -> jobs.pointsOfResource(tx, A, REGION, TABLE, null, null))))
                .as("1s sorts before 1.5s, which ISO text would not do").containsExactly("a", "b", "c", "y");
        assertThat(this.<List<RecoveryPoint>>in(tx -> jobs.pointsOfResourcesUnder(tx, A, REGION, TABLE)))
                .as("both vaults merged, by resource and then in creation order").extracting(RecoveryPoint::storageId)
                .containsExactly("sp-a", "sp-b", "sp-c", "sp-y", "sp-x");
        assertThat(this.<java.util.Optional<RecoveryPoint>>in(tx -> jobs.newestPoint(tx, A, REGION, null, TABLE,
                p -> true)).map(RecoveryPoint::storageId)).as("the newest of either vault").contains("sp-y");
        assertThat(arns(in(tx -> jobs.pointsOfVault(tx, A, REGION, "local-vault", null, null, null, p -> true,
                null, null)))).containsExactly("x", "a", "b", "c");
        assertThat(arns(in(tx -> jobs.pointsOfVault(tx, A, REGION, "local-vault", TABLE, T0.plusSeconds(1),
                T0.plusSeconds(2), p -> true, null, null)))).as("created strictly between").containsExactly("b", "c");

        Page<RecoveryPoint> first = in(tx -> jobs.pointsOfResource(tx, A, REGION, TABLE, 3, null));
        assertThat(arns(first)).containsExactly("a", "b", "c");
        assertThat(arns(in(tx -> jobs.pointsOfResource(tx, A, REGION, TABLE, 3, first.nextToken()))))
                .containsExactly("y");

        run(tx -> jobs.deletePoint(tx, point("b", "local-vault", TABLE, T0.plusMillis(1500), "COMPLETED")));
        assertThat(arns(in(tx -> jobs.pointsOfResource(tx, A, REGION, TABLE, null, null))))
                .containsExactly("a", "c", "y");
        run(tx -> {
            for (String id : List.of("a", "c", "x")) {
                jobs.deletePoint(tx, point(id, "local-vault", id.equals("x") ? OTHER_TABLE : TABLE, T0, "COMPLETED"));
            }
            jobs.deletePoint(tx, point("y", "other-vault", TABLE, T0, "COMPLETED"));
        });
        assertThat(store.<List<String>>read(tx -> indexKeys(tx, "backup.recovery-points"))).as("no key outlives its point")
                .isEmpty();
    }

    @Test
    void theNewestPointPerResourceStepsOverResourcesInArnOrder() {
        run(tx -> {
            jobs.putPoint(tx, point("t1", "local-vault", TABLE, T0, RecoveryPoint.COMPLETED));
            jobs.putPoint(tx, point("t2", "local-vault", TABLE, T0.plus(Duration.ofDays(1)), RecoveryPoint.COMPLETED));
            jobs.putPoint(tx, point("t3", "local-vault", TABLE, T0.plus(Duration.ofDays(2)), "DELETING"));
            jobs.putPoint(tx, point("o1", "other-vault", OTHER_TABLE, T0, RecoveryPoint.COMPLETED));
            jobs.putPoint(tx, point("z1", "local-vault", TABLE + "z", T0, "CREATING"));
        });
        java.util.function.Predicate<RecoveryPoint> completed = p -> RecoveryPoint.COMPLETED.equals(p.status());
        assertThat(arns(in(tx -> jobs.newestPointPerResource(tx, A, REGION, null, completed, null, null))))
                .as("ledger before ledger-archive, as the ARNs sort; a resource without a completed point is left out")
                .containsExactly("t2", "o1");
        Page<RecoveryPoint> first = in(tx -> jobs.newestPointPerResource(tx, A, REGION, null, completed, 1, null));
        assertThat(arns(first)).containsExactly("t2");
        Page<RecoveryPoint> second = in(tx -> jobs.newestPointPerResource(tx, A, REGION, null, completed, 1,
                first.nextToken()));
        assertThat(arns(second)).containsExactly("o1");
        assertThat(second.nextToken()).isNull();
        assertThat(arns(in(tx -> jobs.newestPointPerResource(tx, A, REGION, "other-vault", completed, null, null))))
                .containsExactly("o1");
        assertThat(this.<java.util.Optional<RecoveryPoint>>in(tx -> jobs.newestPoint(tx, A, REGION, null, TABLE, p -> true)).map(RecoveryPoint::storageId))
                .contains("sp-t3");
    }

    @Test
    void jobIndexesFollowStateChangesAndServeEachScan() {
        run(tx -> {
            jobs.putBackupJob(tx, job("J1", A, T0, BackupJob.CREATED, TABLE));
            jobs.putBackupJob(tx, job("J2", B, T0.plusSeconds(60), BackupJob.CREATED, "arn:b"));
            jobs.putBackupJob(tx, job("J3", A, T0.plusSeconds(120), BackupJob.CREATED, OTHER_TABLE));
        });
        run(tx -> jobs.putBackupJob(tx, job("J1", A, T0, BackupJob.FAILED, TABLE)));
        Function<JobStore.JobScan, List<String>> scan = s -> ids(in(tx -> jobs.backupJobs(tx, s, j -> true, null,
                null)));

        assertThat(scan.apply(new JobStore.JobScan(A, REGION, null, null, null))).containsExactly("J1", "J3");
        assertThat(scan.apply(new JobStore.JobScan(null, REGION, null, null, null)))
                .as("every account of the Region").containsExactly("J1", "J2", "J3");
        assertThat(scan.apply(new JobStore.JobScan(A, REGION, BackupJob.FAILED, null, null)))
                .containsExactly("J1");
        assertThat(scan.apply(new JobStore.JobScan(A, REGION, BackupJob.CREATED, null, null)))
                .as("the old state's key left with the change").containsExactly("J3");
        assertThat(ids(in(tx -> jobs.backupJobs(tx, new JobStore.JobScan(A, REGION, null, null, null),
                j -> TABLE.equals(j.resourceArn()), null, null)))).as("one resource's, the caller's filter")
                .containsExactly("J1");
        assertThat(scan.apply(new JobStore.JobScan(null, REGION, null, T0, null)))
                .as("created strictly after").containsExactly("J2", "J3");
        assertThat(scan.apply(new JobStore.JobScan(A, "us-east-1", null, null, null))).isEmpty();
        assertThat(this.<java.util.Optional<BackupJob>>in(tx -> jobs.backupJob(tx, REGION, "J2")).map(BackupJob::accountId)).contains(B);
        assertThat(this.<java.util.Optional<BackupJob>>in(tx -> jobs.backupJob(tx, REGION, "J"))).as("an id is matched whole").isEmpty();

        Page<BackupJob> first = in(tx -> jobs.backupJobs(tx, new JobStore.JobScan(null, REGION, null, null, null),
                j -> !j.jobId().equals("J2"), 1, null));
        assertThat(ids(first)).containsExactly("J1");
        assertThat(ids(in(tx -> jobs.backupJobs(tx, new JobStore.JobScan(null, REGION, null, null, null),
                j -> !j.jobId().equals("J2"), 1, first.nextToken())))).containsExactly("J3");
    }

    /** A job's new records, stored without a read first, leave the store as the reading puts do (D86). */
    @Test
    void aMoveEndsOnlyForTheNodeThatOwnsItNow() {
        InFlightMove started = new InFlightMove(InFlightMove.BACKUP, A, REGION, "job-1", "node-a");
        run(tx -> jobs.putMove(tx, started));
        run(tx -> jobs.putMove(tx, started.ownedBy("node-b"))); // node-b took it over (D64)

        boolean endedByTheFormerOwner = in(tx -> jobs.deleteOwnMove(tx, started));
        Optional<String> ownerAfter = store.read(tx -> jobs.moveOwner(tx, InFlightMove.BACKUP, A, REGION, "job-1"));
        boolean endedByTheOwner = in(tx -> jobs.deleteOwnMove(tx, started.ownedBy("node-b")));
        Optional<String> ownerAtEnd = store.read(tx -> jobs.moveOwner(tx, InFlightMove.BACKUP, A, REGION, "job-1"));
        boolean endedAgain = in(tx -> jobs.deleteOwnMove(tx, started.ownedBy("node-b")));

        assertThat(endedByTheFormerOwner).isFalse();
        assertThat(ownerAfter).contains("node-b");
        assertThat(endedByTheOwner).isTrue();
        assertThat(ownerAtEnd).isEmpty();
        assertThat(endedAgain).isFalse();
    }

    @Test
    void newJobsAndPointsStoredWithoutAReadLeaveWhatTheReadingPutsLeave() throws Exception {
        TempStore other = new TempStore();
        other.beforeEach(null);
        try {
            java.util.function.BiConsumer<TempStore, Boolean> write = (s, asNew) -> s.write(tx -> {
                BackupJob job = job("J1", A, T0, BackupJob.RUNNING, TABLE);
                RecoveryPoint p = point("p1", "local-vault", TABLE, T0, "CREATING");
                CopyJob copy = new CopyJob("C1", A, REGION, "arn:src", "arn:p1", "arn:dst", TABLE, "DynamoDB",
                        "ledger", null, CopyJob.RUNNING, null, T0, null, null, null, null, null, null, null, null, 0,
                        Map.of(), "J1", null);
                if (asNew) {
                    jobs.putNewBackupJob(tx, job);
                    jobs.putNewPoint(tx, p);
                    jobs.putNewCopyJob(tx, copy);
                } else {
                    jobs.putBackupJob(tx, job);
                    jobs.putPoint(tx, p);
                    jobs.putCopyJob(tx, copy);
                }
                return null;
            });
            write.accept(store, true);
            write.accept(other, false);
            Function<TempStore, List<String>> everything = s -> s.read(tx -> {
                List<String> rows = new ArrayList<>();
                for (String c : List.of("backup.backup-jobs", "backup.copy-jobs", "backup.recovery-points",
                        "backup.vault-point-counts", "backup.jobs-per-day",
                        "backup.latest-copies")) {
                    tx.scan(ScanQuery.prefix(c, "", 1000)).records().forEach(r -> rows.add(c + " " + r.key() + " "
                            + new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)));
                    indexKeys(tx, c).forEach(k -> rows.add(c + " index " + k));
                }
                return rows;
            });
            assertThat(everything.apply(store)).hasSizeGreaterThan(10).isEqualTo(everything.apply(other));
        } finally {
            other.afterEach(null);
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(tx -> jobs.putNewBackupJob(tx,
                job("J1", A, T0, BackupJob.CREATED, TABLE)))).as("an id already taken")
                .isInstanceOf(io.strongroom.storage.VersionConflictException.class);
        assertThat(this.<java.util.Optional<BackupJob>>in(tx -> jobs.backupJob(tx, A, REGION, "J1"))
                .map(BackupJob::state)).contains(BackupJob.RUNNING);
    }

    static BackupJob finished(String id, String account, Instant created, Instant completed) {
        return new BackupJob(id, account, REGION, "local-vault", TABLE, "DynamoDB", "ledger", null,
                BackupJob.COMPLETED, null, created, created, completed, created.plus(Duration.ofHours(8)), null, null,
                Map.of(), Map.of(), null, 0, Map.of(), null, null);
    }

    @Test
    void aReportWindowHoldsTheJobsFinishedInItAndEveryOpenOne() {
        Instant day = T0.plus(Duration.ofDays(1));
        run(tx -> {
            jobs.putBackupJob(tx, finished("before", A, T0, day.minusMillis(1)));
            jobs.putBackupJob(tx, finished("at-start", A, T0, day));
            jobs.putBackupJob(tx, finished("last-ms", A, T0, day.plus(Duration.ofDays(1)).minusMillis(1)));
            jobs.putBackupJob(tx, finished("at-end", A, T0, day.plus(Duration.ofDays(1))));
            jobs.putBackupJob(tx, job("open", A, T0, BackupJob.RUNNING, TABLE));
            jobs.putBackupJob(tx, job("finishes-later", A, T0, BackupJob.RUNNING, OTHER_TABLE));
            jobs.putBackupJob(tx, finished("other-account", B, T0, day.plusSeconds(5)));
        });
        run(tx -> jobs.putBackupJob(tx, finished("finishes-later", A, T0, day.plus(Duration.ofDays(3)))));
        assertThat(this.<List<BackupJob>>in(tx -> jobs.backupJobsInWindow(tx, A, REGION, day, day.plus(Duration.ofDays(1)))))
                .extracting(BackupJob::jobId).containsExactly("at-start", "last-ms", "open");
        assertThat(this.<List<CopyJob>>in(tx -> jobs.copyJobsInWindow(tx, A, REGION, day, day.plus(Duration.ofDays(1))))).isEmpty();
    }

    @Test
    void regionsAreThoseWhereTheAccountsRanBackupJobs() {
        run(tx -> {
            jobs.putBackupJob(tx, job("J1", A, T0, BackupJob.CREATED, TABLE));
            jobs.putBackupJob(tx, job("J2", A, T0.plusSeconds(1), BackupJob.CREATED, TABLE));
            jobs.putBackupJob(tx, new BackupJob("J3", B, "eu-central-1", "local-vault", "arn:b", "DynamoDB", "b",
                    null, BackupJob.CREATED, null, T0, null, null, T0.plus(Duration.ofHours(8)), null, null, Map.of(),
                    Map.of(), null, 0, Map.of(), null, null));
        });
        assertThat(this.<List<String>>in(tx -> jobs.regionsWithBackupJobs(tx, List.of(A, B)))).containsExactly("eu-central-1", REGION);
        assertThat(this.<List<String>>in(tx -> jobs.regionsWithBackupJobs(tx, List.of(A)))).containsExactly(REGION);
    }

    @Test
    void aStoreWrittenBeforeTheIndexesIsIndexedOnce() {
        // records as an older Strongroom wrote them: the collections alone, no index
        run(tx -> {
            Collection<RecoveryPoint> points = new Collection<>("backup.recovery-points",
                    JsonCodec.of(RecoveryPoint.class));
            for (String id : List.of("p1", "p2")) {
                points.put(tx, A + "/" + REGION + "/local-vault/sp-" + id, point(id, "local-vault", TABLE, T0,
                        RecoveryPoint.COMPLETED));
            }
            new Collection<>("backup.backup-jobs", JsonCodec.of(BackupJob.class)).put(tx, B + "/" + REGION + "/J9",
                    job("J9", B, T0, BackupJob.COMPLETED, "arn:b"));
        });
        assertThat(count("local-vault")).isZero();

        run(jobs::ensureIndexes);
        run(jobs::ensureIndexes);
        assertThat(count("local-vault")).as("counted once").isEqualTo(2);
        assertThat(arns(in(tx -> jobs.pointsOfResource(tx, A, REGION, TABLE, null, null))))
                .containsExactly("p1", "p2");
        assertThat(ids(in(tx -> jobs.backupJobs(tx, new JobStore.JobScan(B, REGION, BackupJob.COMPLETED, null, null),
                j -> true, null, null)))).containsExactly("J9");
        assertThat(store.<List<String>>read(tx -> indexKeys(tx, "backup.backup-jobs")))
                .as("account, among the open jobs").hasSize(2);
    }

    /**
     * Until D143 the indexes were records of their own (D61, D88): a store indexed so loses those records, and its
     * jobs and points gain the keys the store keeps with them.
     */
    @Test
    void aStoreIndexedInAnEarlierLayoutIsIndexedAgain() {
        BackupJob running = job("J1", A, T0, BackupJob.RUNNING, TABLE);
        BackupJob ended = job("J2", A, T0.plusSeconds(60), BackupJob.RUNNING, TABLE).withState(BackupJob.COMPLETED,
                null, T0.plusSeconds(600));
        run(tx -> {
            Collection<BackupJob> plain = new Collection<>("backup.backup-jobs", JsonCodec.of(BackupJob.class));
            plain.put(tx, A + "/" + REGION + "/J1", running);
            plain.put(tx, A + "/" + REGION + "/J2", ended);
            new Collection<>("backup.recovery-points", JsonCodec.of(RecoveryPoint.class)).put(tx,
                    A + "/" + REGION + "/local-vault/sp-p1", point("p1", "local-vault", TABLE, T0,
                            RecoveryPoint.COMPLETED));
            // what the earlier layouts held: index records, by key
            String scope = A + "/" + REGION + "/";
            byte[] ref = (scope + "J1").getBytes(StandardCharsets.UTF_8);
            tx.put("backup.job-index", "backup/s/" + scope + "RUNNING/" + IndexedCollection.time(T0) + "/J1", ref,
                    Tx.ANY);
            tx.put("backup.job-index", "backup/w/" + scope + "J1", ref, Tx.ANY);
            tx.put("backup.recovery-point-arns", "arn:p1", ref, Tx.ANY);
            tx.put("backup.index-versions", "jobs", "3".getBytes(StandardCharsets.UTF_8), Tx.ANY);
        });

        run(jobs::ensureIndexes);

        for (String old : List.of("backup.job-index", "backup.recovery-point-index", "backup.recovery-point-arns")) {
            assertThat(store.<List<StoredRecord>>read(tx -> tx.scan(ScanQuery.prefix(old, "", 10)).records()))
                    .as(old).isEmpty();
        }
        assertThat(store.<List<String>>read(tx -> indexKeys(tx, "backup.backup-jobs")))
                .contains("backup/w/" + A + "/" + REGION + "/" + IndexedCollection.time(T0) + "/J1")
                .noneMatch(k -> k.contains("/s/") && k.endsWith("J1"));
        assertThat(arns(in(tx -> jobs.pointsOfResource(tx, A, REGION, TABLE, null, null)))).containsExactly("p1");
        Function<String, List<String>> inState = state -> ids(in(tx -> jobs.backupJobs(tx,
                new JobStore.JobScan(A, REGION, state, null, null), j -> true, null, null)));
        assertThat(inState.apply(BackupJob.RUNNING)).containsExactly("J1");
        assertThat(inState.apply(BackupJob.COMPLETED)).containsExactly("J2");
        assertThat(this.<List<BackupJob>>in(jobs::openBackupJobs)).extracting(BackupJob::jobId).containsExactly("J1");
    }

    /** Open jobs change state without moving a key; a listing by state merges ended and open jobs in creation order. */
    @Test
    void aListingByStateMergesEndedAndOpenJobsInCreationOrder() {
        List<String> keysBefore = new ArrayList<>();
        run(tx -> {
            jobs.putNewBackupJob(tx, job("J1", A, T0, BackupJob.CREATED, TABLE));
            jobs.putNewBackupJob(tx, job("J2", A, T0.plusSeconds(60), BackupJob.CREATED, TABLE));
            jobs.putNewBackupJob(tx, job("J3", A, T0.plusSeconds(120), BackupJob.CREATED, OTHER_TABLE));
            keysBefore.addAll(indexKeys(tx, "backup.backup-jobs"));
        });
        run(tx -> {
            jobs.putBackupJob(tx, job("J1", A, T0, BackupJob.RUNNING, TABLE));
            jobs.putBackupJob(tx, job("J3", A, T0.plusSeconds(120), BackupJob.RUNNING, OTHER_TABLE));
        });
        List<String> keysRunning = new ArrayList<>();
        run(tx -> keysRunning.addAll(indexKeys(tx, "backup.backup-jobs")));
        assertThat(keysRunning).as("an open job's change of state moves no key but the one naming it RUNNING")
                .filteredOn(k -> !k.startsWith("backup/x/")).isEqualTo(keysBefore);
        assertThat(this.<Optional<String>>in(tx -> jobs.runningJob(tx, A, REGION, TABLE))).contains("J1");
        assertThat(this.<Optional<String>>in(tx -> jobs.runningJob(tx, A, REGION, OTHER_TABLE))).contains("J3");

        run(tx -> jobs.putBackupJob(tx, job("J2", A, T0.plusSeconds(60), BackupJob.RUNNING, TABLE)
                .withState(BackupJob.FAILED, "gone", T0.plusSeconds(300))));
        run(tx -> jobs.putBackupJob(tx, job("J1", A, T0, BackupJob.RUNNING, TABLE)
                .withState(BackupJob.COMPLETED, null, T0.plusSeconds(400))));
        assertThat(this.<Optional<String>>in(tx -> jobs.runningJob(tx, A, REGION, TABLE))).as("J1 ended")
                .isEmpty();
        Function<String, Page<BackupJob>> firstOfState = state -> in(tx -> jobs.backupJobs(tx,
                new JobStore.JobScan(A, REGION, state, null, null), j -> true, 1, null));

        assertThat(ids(firstOfState.apply(BackupJob.RUNNING))).containsExactly("J3");
        assertThat(ids(firstOfState.apply(BackupJob.FAILED))).containsExactly("J2");
        assertThat(ids(firstOfState.apply(BackupJob.CREATED))).isEmpty();
        // an ended job and an open one of one state, in creation order across pages
        run(tx -> jobs.putNewBackupJob(tx, job("J4", A, T0.plusSeconds(30), BackupJob.RUNNING, TABLE)
                .withState(BackupJob.COMPLETED, null, T0.plusSeconds(500))));
        run(tx -> jobs.putNewBackupJob(tx, job("J5", A, T0.plusSeconds(90), BackupJob.COMPLETED, TABLE)));
        Page<BackupJob> first = firstOfState.apply(BackupJob.COMPLETED);
        assertThat(ids(first)).containsExactly("J1");
        Page<BackupJob> second = in(tx -> jobs.backupJobs(tx,
                new JobStore.JobScan(A, REGION, BackupJob.COMPLETED, null, null), j -> true, 2, first.nextToken()));
        assertThat(ids(second)).as("J4 ended, J5 has no completion date yet").containsExactly("J4", "J5");
        assertThat(second.nextToken()).isNull();
    }
}
