package io.strongroom.it;

import io.strongroom.testkit.ServerProcess;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.RestoreJobsListMember;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restore whose data move lasts long enough to kill its server in the middle of it (decision D64's tests): the
 * recovery point of {@link DailyFiring#bigBucket a bucket holding 64 MiB} restored into a new bucket, which the
 * restore writes in the same transaction that ends its move. The checks read through the API.
 */
final class BucketRestore {
    static final String RESTORED = "restored-bucket";

    private final String pointArn;
    private final Map<String, String> metadata;

    private BucketRestore(String pointArn, Map<String, String> metadata) {
        this.pointArn = pointArn;
        this.metadata = metadata;
    }

    /** Creates the big bucket in {@code account}, backs it up on demand into "local-vault" and waits for the point. */
    static BucketRestore backedUp(BackupScheduleIT.Account account) {
        String bucket = DailyFiring.bigBucket(account);
        try (IamClient iam = account.endpoint.client(IamClient.builder(), account.credentials)) {
            iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                    .policyArn("arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"));
        }
        String jobId = account.backupAnswer(b -> b.startBackupJob(r -> r.backupVaultName("local-vault")
                .resourceArn(bucket).iamRoleArn(account.role)).backupJobId());
        account.advance(Duration.ofHours(1));
        var job = account.backupAnswer(b -> b.describeBackupJob(r -> r.backupJobId(jobId)));
        assertThat(job.stateAsString()).as(job.statusMessage()).isEqualTo("COMPLETED");
        Map<String, String> metadata = new HashMap<>(account.backupAnswer(b -> b.getRecoveryPointRestoreMetadata(r ->
                r.backupVaultName("local-vault").recoveryPointArn(job.recoveryPointArn())).restoreMetadata()));
        metadata.put("DestinationBucketName", RESTORED);
        metadata.put("NewBucket", "true");
        return new BucketRestore(job.recoveryPointArn(), metadata);
    }

    /**
     * Starts the restore through {@code account}'s server on {@code caller}: StartRestoreJob answers once the restore
     * has written the new bucket, so the call is left running while the test kills the server under it.
     */
    Future<String> start(BackupScheduleIT.Account account, ExecutorService caller) {
        return caller.submit(() -> account.backupAnswer(b -> b.startRestoreJob(r -> r.recoveryPointArn(pointArn)
                .iamRoleArn(account.role).metadata(metadata)).restoreJobId()));
    }

    /**
     * On a shared store (PostgreSQL), where calls do not wait for the restore's write: runs {@code start} once the
     * clients are made and have answered, then waits until the restore job is RUNNING while the new bucket does not
     * exist yet, so its data is moving (the write takes about a second; making the clients first keeps the first look
     * inside it).
     */
    static RestoreJobsListMember awaitMoving(BackupScheduleIT.Account account, Runnable start)
            throws InterruptedException {
        try (BackupClient backup = account.endpoint.client(BackupClient.builder(), account.credentials);
             S3Client s3 = s3(account)) {
            assertThat(backup.listRestoreJobs(r -> { }).restoreJobs()).isEmpty();
            assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().equals(RESTORED));
            start.run();
            return DailyFiring.await("a restore job RUNNING without its new bucket",
                    () -> backup.listRestoreJobs(r -> { }).restoreJobs(),
                    jobs -> jobs.size() == 1 && "RUNNING".equals(jobs.get(0).statusAsString())
                            && s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(RESTORED))).get(0);
        }
    }

    /**
     * On a server of its own (SQLite): starts the restore on {@code caller} and kills the server while the restore
     * writes the new bucket. That write holds the store's one writer (about 0.8 s here) and every API call, which
     * CloudTrail records, waits behind it, so the job cannot be seen RUNNING before it ends; a call left unanswered
     * for 200 ms (they take about 15 once the client is warm) is the sign it is writing. Returns the restore call.
     */
    Future<String> startAndKillWhileWriting(ServerProcess server, BackupScheduleIT.Account account,
                                            ExecutorService caller) throws InterruptedException {
        AtomicLong callSince = new AtomicLong();
        ExecutorService prober = Executors.newSingleThreadExecutor();
        try (BackupClient backup = account.endpoint.client(BackupClient.builder(), account.credentials)) {
            backup.listRestoreJobs(r -> { }); // warm: a client's first call is slower
            Future<String> started = start(account, caller);
            prober.submit(() -> {
                while (true) {
                    callSince.set(System.nanoTime());
                    backup.listRestoreJobs(r -> { });
                }
            });
            while (callSince.get() == 0 || System.nanoTime() - callSince.get() < 200_000_000L) {
                assertThat(started).as("the restore still writes").isNotDone();
                Thread.sleep(5);
            }
            server.kill();
            return started;
        } finally {
            prober.shutdownNow();
        }
    }

    static List<RestoreJobsListMember> jobs(BackupScheduleIT.Account account) {
        return account.backupAnswer(b -> b.listRestoreJobsPaginator(r -> { }).restoreJobs().stream().toList());
    }

    /**
     * The account has run one restore job, {@code jobId}, COMPLETED into "restored-bucket", the only bucket beside the
     * source; that bucket holds one version of one object, byte for byte the backed-up one: written once.
     */
    static void assertRestoredOnce(BackupScheduleIT.Account account, String jobId) {
        List<RestoreJobsListMember> jobs = jobs(account);
        assertThat(jobs).extracting(RestoreJobsListMember::restoreJobId).containsExactly(jobId);
        assertThat(jobs.get(0).statusAsString()).as(jobs.get(0).statusMessage()).isEqualTo("COMPLETED");
        assertThat(jobs.get(0).createdResourceArn()).isEqualTo("arn:aws:s3:::" + RESTORED);
        try (S3Client s3 = s3(account)) {
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name)
                    .containsExactlyInAnyOrder("big-bucket", RESTORED);
            assertThat(s3.listObjectVersions(r -> r.bucket(RESTORED)).versions()).extracting(ObjectVersion::key)
                    .containsExactly("big.bin");
            assertThat(s3.getObjectAsBytes(r -> r.bucket(RESTORED).key("big.bin")).asByteArray())
                    .as("the recovery point's object, byte for byte").isEqualTo(DailyFiring.bigObject());
        }
    }

    /** The buckets of the account. */
    static List<String> buckets(BackupScheduleIT.Account account) {
        try (S3Client s3 = s3(account)) {
            return s3.listBuckets().buckets().stream().map(Bucket::name).toList();
        }
    }

    private static S3Client s3(BackupScheduleIT.Account account) {
        return account.endpoint.client(S3Client.builder().forcePathStyle(true), account.credentials);
    }
}
