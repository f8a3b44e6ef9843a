package io.strongroom.it;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.backup.model.BackupJob;
import software.amazon.awssdk.services.backup.model.CopyJob;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account whose daily 05:00 firing moves the data of many resources (decision D64's tests): 100 tagged tables and
 * a tagged bucket holding one 64 MiB object, backed up into "local-vault" and copied into "copy-vault". The bucket's
 * move outlasts the tables', and a firing's outcomes are recorded only once every move of the firing has finished
 * (D57), which leaves a test the time to stop a server in the middle of them. The checks read through the API.
 */
final class DailyFiring {
    static final int TABLES = 100;

    final List<String> resources;

    private DailyFiring(List<String> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Creates the resources and the plan in {@code account}. */
    static DailyFiring in(BackupScheduleIT.Account account) {
        String copyVault = account.backupAnswer(c -> c.createBackupVault(r -> r.backupVaultName("copy-vault"))
                .backupVaultArn());
        List<String> resources = new ArrayList<>(IntStream.range(0, TABLES)
                .mapToObj(i -> account.table("table-" + i, "daily-prod")).toList());
        resources.add(bigBucket(account));
        account.plan("daily-prod", BackupScheduleIT.daily("daily", 35).toBuilder().copyActions(c -> c
                .destinationBackupVaultArn(copyVault).lifecycle(l -> l.deleteAfterDays(100L))).build());
        return new DailyFiring(resources);
    }

    /** A bucket "big-bucket" tagged Backup=daily-prod holding {@link #bigObject()} as "big.bin", S3 opted in. */
    static String bigBucket(BackupScheduleIT.Account account) {
        try (IamClient iam = account.endpoint.client(IamClient.builder(), account.credentials)) {
            iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                    .policyArn("arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"));
        }
        account.backup(c -> c.updateRegionSettings(r -> r.resourceTypeOptInPreference(Map.of("S3", true))));
        byte[] content = bigObject();
        try (S3Client s3 = account.endpoint.client(S3Client.builder().forcePathStyle(true), account.credentials)) {
            s3.createBucket(r -> r.bucket("big-bucket"));
            s3.putBucketVersioning(r -> r.bucket("big-bucket")
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            s3.putObject(r -> r.bucket("big-bucket").key("big.bin"), RequestBody.fromBytes(content));
            s3.putBucketTagging(r -> r.bucket("big-bucket").tagging(t -> t.tagSet(Tag.builder().key("Backup")
                    .value("daily-prod").build())));
        }
        return "arn:aws:s3:::big-bucket";
    }

    /** The 64 MiB of random bytes the big bucket holds (the same on every call). */
    static byte[] bigObject() {
        byte[] content = new byte[64 << 20];
        new Random(7).nextBytes(content);
        return content;
    }

    /** The 05:00 firing of day {@code day} (0 = the start day). */
    static Instant firing(int day) {
        return BackupScheduleIT.firings(day, day).get(0);
    }

    /** Waits until every job of the firing is RUNNING (they turn RUNNING in one transaction); returns them. */
    List<BackupJob> awaitRunning(BackupScheduleIT.Account account, Instant firing) throws InterruptedException {
        return await("every job of the firing at " + firing + " RUNNING", () -> jobsOf(account, firing),
                jobs -> running(jobs).size() == resources.size());
    }

    /** Waits until every copy job of the firing's backups is RUNNING (they start at one instant); returns them. */
    List<CopyJob> awaitCopiesRunning(BackupScheduleIT.Account account, Instant firing) throws InterruptedException {
        return await("every copy of the firing at " + firing + " RUNNING", () -> copiesOf(account, firing),
                copies -> copies.stream().filter(c -> "RUNNING".equals(c.stateAsString())).count()
                        == resources.size());
    }

    /**
     * Each resource has one backup job of the firing, COMPLETED, one completed recovery point of it (the job's),
     * one copy job, COMPLETED, and one completed copy: every job ran once, none was lost.
     */
    void assertEachJobRanOnce(BackupScheduleIT.Account account, Instant firing) {
        List<BackupJob> jobs = jobsOf(account, firing);
        assertThat(jobs).extracting(BackupJob::resourceArn).containsExactlyInAnyOrderElementsOf(resources);
        assertThat(jobs).as("states and messages: %s", jobs.stream().filter(j -> j.statusMessage() != null)
                        .map(j -> j.stateAsString() + " " + j.statusMessage()).toList())
                .extracting(BackupJob::stateAsString).containsOnly("COMPLETED");
        assertThat(jobs).extracting(BackupJob::completionDate).as("completed on the clock, after the firing")
                .allMatch(firing::isBefore);
        List<RecoveryPointByBackupVault> points = pointsOf(account, "local-vault", firing);
        assertThat(points).extracting(RecoveryPointByBackupVault::recoveryPointArn)
                .containsExactlyInAnyOrderElementsOf(jobs.stream().map(BackupJob::recoveryPointArn).toList());
        assertThat(points).extracting(RecoveryPointByBackupVault::statusAsString).containsOnly("COMPLETED");
        List<CopyJob> copies = copiesOf(account, firing);
        assertThat(copies).extracting(CopyJob::sourceRecoveryPointArn)
                .containsExactlyInAnyOrderElementsOf(jobs.stream().map(BackupJob::recoveryPointArn).toList());
        assertThat(copies).as("states and messages: %s", copies.stream().filter(j -> j.statusMessage() != null)
                        .map(j -> j.stateAsString() + " " + j.statusMessage()).toList())
                .extracting(CopyJob::stateAsString).containsOnly("COMPLETED");
        List<RecoveryPointByBackupVault> copied = pointsOf(account, "copy-vault", firing);
        assertThat(copied).extracting(RecoveryPointByBackupVault::recoveryPointArn)
                .containsExactlyInAnyOrderElementsOf(copies.stream().map(CopyJob::destinationRecoveryPointArn)
                        .toList());
        assertThat(copied).extracting(RecoveryPointByBackupVault::statusAsString).containsOnly("COMPLETED");
    }

    /** The backup jobs a firing made (created at the firing instant). */
    static List<BackupJob> jobsOf(BackupScheduleIT.Account account, Instant firing) {
        return account.backupAnswer(c -> c.listBackupJobsPaginator(r -> r.byCreatedAfter(firing.minusSeconds(1))
                .byCreatedBefore(firing.plusSeconds(1))).backupJobs().stream().toList());
    }

    /** The copy jobs of a firing's backups (created when they complete, within the day). */
    static List<CopyJob> copiesOf(BackupScheduleIT.Account account, Instant firing) {
        return account.backupAnswer(c -> c.listCopyJobsPaginator(r -> r.byCreatedAfter(firing.minusSeconds(1))
                .byCreatedBefore(firing.plus(Duration.ofHours(12)))).copyJobs().stream().toList());
    }

    /** A vault's points of one firing (a copy keeps its source's creation date). */
    private static List<RecoveryPointByBackupVault> pointsOf(BackupScheduleIT.Account account, String vault,
                                                            Instant firing) {
        return account.backupAnswer(c -> c.listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName(vault))
                .recoveryPoints().stream().filter(p -> p.creationDate().equals(firing)).toList());
    }

    static List<BackupJob> running(List<BackupJob> jobs) {
        return jobs.stream().filter(j -> "RUNNING".equals(j.stateAsString())).toList();
    }

    /** Jobs RUNNING whose data move has not been recorded yet (no expected completion). */
    static List<BackupJob> withoutData(List<BackupJob> jobs) {
        return running(jobs).stream().filter(j -> j.expectedCompletionDate() == null).toList();
    }

    /** Polls {@code probe} until {@code done} holds, failing with the last value after three minutes. */
    static <T> T await(String what, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 3 minutes: " + what + "; last seen: " + last);
            }
            Thread.sleep(20);
            last = probe.get();
        }
        return last;
    }
}
