package io.strongroom.engine.backup;

import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;
import io.strongroom.vaultstorage.RecoveryPointStat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Restore jobs (spec 5.6): StartRestoreJob records the job PENDING; when the clock reaches it, its role is checked, the
 * recovery point's bytes are read from the vault storage (decrypted and verified) outside any transaction, and the
 * resource's provider makes a new resource from them in one transaction. The job COMPLETES, with the created
 * resource's ARN, once the simulated transfer time has passed.
 */
public final class RestoreJobService {
    public static final String TIMER = "backup.restore-job";
    private static final Logger LOG = Logger.getLogger(RestoreJobService.class.getName());

    private final JobRuntime rt;
    private final RecoveryPointService points;

    /** Told when a restore job a restore testing plan started has restored its resource (D124). */
    interface TestRestored {
        void restored(Tx tx, RestoreJob job);
    }

    private TestRestored testRestored = (tx, job) -> { };

    RestoreJobService(JobRuntime rt, RecoveryPointService points) {
        this.rt = rt;
        this.points = points;
    }

    void onTestRestored(TestRestored listener) {
        this.testRestored = listener;
    }

    /** What StartRestoreJob takes. */
    public record StartRestore(String recoveryPointArn, Map<String, String> metadata, String iamRoleArn,
                               String idempotencyToken, String resourceType, boolean copySourceTags) {
    }

    public RestoreJob start(Tx tx, String account, String region, StartRestore in) {
        if (in.metadata() == null) {
            throw BackupErrors.missingParameter("Metadata");
        }
        if (in.idempotencyToken() != null) {
            Optional<RestoreJob> replay = rt.jobs.jobOfToken(tx, "restore", account, region, in.idempotencyToken())
                    .flatMap(id -> rt.jobs.restoreJob(tx, account, region, id));
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        if (in.iamRoleArn() != null && !BackupNames.ROLE_ARN.matcher(in.iamRoleArn()).matches()) {
            throw BackupErrors.invalidParameter("Invalid IamRoleArn " + in.iamRoleArn() + ".");
        }
        RecoveryPoint point = points.owned(tx, account, region, in.recoveryPointArn());
        if (!RecoveryPoint.COMPLETED.equals(point.status())) {
            throw BackupErrors.invalidRequest("Recovery point " + point.arn() + " is " + point.status()
                    + " and cannot be restored.");
        }
        if (in.resourceType() != null && !in.resourceType().equals(point.resourceType())) {
            throw BackupErrors.invalidParameter("ResourceType " + in.resourceType() + " does not match the recovery "
                    + "point's resource type " + point.resourceType() + ".");
        }
        RestoreJob job = create(tx, point, in.metadata(), in.iamRoleArn(), in.copySourceTags(),
                in.idempotencyToken(), null);
        if (in.idempotencyToken() != null) {
            rt.jobs.putToken(tx, "restore", account, region, in.idempotencyToken(), job.jobId());
        }
        return job;
    }

    /** A restore test's job: the point's own account and Region, the selection's role and metadata (D124). */
    RestoreJob startTest(Tx tx, RecoveryPoint point, Map<String, String> metadata, String iamRoleArn,
                         RestoreJob.Testing testing) {
        return create(tx, point, metadata, iamRoleArn, false, null, testing);
    }

    private RestoreJob create(Tx tx, RecoveryPoint point, Map<String, String> metadata, String iamRoleArn,
                              boolean copySourceTags, String idempotencyToken, RestoreJob.Testing testing) {
        Instant now = Instant.now(rt.clock);
        String jobId = rt.ids.timeOrderedUuid(tx, now).toUpperCase(java.util.Locale.ROOT);
        RestoreJob job = new RestoreJob(jobId, point.accountId(), point.region(), point.arn(), point.vaultArn(),
                point.resourceArn(), point.resourceType(), iamRoleArn, RestoreJob.PENDING, null, now, null,
                point.creationDate(), point.backupSizeInBytes(), null, metadata, copySourceTags, idempotencyToken,
                testing);
        rt.jobs.putRestoreJob(tx, job);
        schedule(tx, job, "start", now);
        return job;
    }

    public RestoreJob describe(Tx tx, String callerAccount, String region, String jobId) {
        Optional<RestoreJob> own = rt.jobs.restoreJob(tx, callerAccount, region, jobId);
        if (own.isPresent()) {
            return own.get();
        }
        // Who monitors the organization may describe its members' restore jobs (cross-account monitoring, D60).
        return rt.jobs.restoreJob(tx, region, jobId).filter(j -> rt.membership.sees(tx, callerAccount, j.accountId()))
                .orElseThrow(() -> BackupErrors.notFound("Cannot find restore job " + jobId + "."));
    }

    /** ListRestoreJobs's filters; {@code accountId} "*" asks for every account the caller may see. */
    public record RestoreFilter(String accountId, String resourceType, Instant createdBefore, Instant createdAfter,
                                String status, Instant completeBefore, Instant completeAfter,
                                String sourceResourceArn, String restoreTestingPlanArn) {
    }

    public Page<RestoreJob> list(Tx tx, String callerAccount, String region, RestoreFilter f, Integer maxResults,
                                 String token) {
        JobReach reach = JobReach.of(tx, rt.membership, callerAccount, f.accountId());
        if (reach.nobody()) {
            return Page.of(List.of(), RestoreJob::jobId, maxResults, token);
        }
        Predicate<RestoreJob> keep = j -> (f.resourceType() == null || f.resourceType().equals(j.resourceType()))
                && (f.createdBefore() == null || j.creationDate().isBefore(f.createdBefore()))
                && (f.createdAfter() == null || j.creationDate().isAfter(f.createdAfter()))
                && (f.status() == null || f.status().equals(j.status()))
                && (f.completeBefore() == null || j.completionDate() != null
                && j.completionDate().isBefore(f.completeBefore()))
                && (f.completeAfter() == null || j.completionDate() != null
                && j.completionDate().isAfter(f.completeAfter()))
                && (f.sourceResourceArn() == null || f.sourceResourceArn().equals(j.sourceResourceArn()))
                && (f.restoreTestingPlanArn() == null || j.testing() != null
                && f.restoreTestingPlanArn().equals(j.testing().planArn()));
        return rt.jobs.restoreJobs(tx, new JobStore.JobScan(reach.account(), region, f.status(),
                f.createdAfter(), f.createdBefore()),
                keep.and(j -> reach.owners().test(j.accountId())), maxResults, token);
    }

    /** ListRestoreJobSummaries (D107): restore jobs have no message category. */
    public Page<JobSummaries.Summary> summaries(Tx tx, String callerAccount, String region, JobSummaries.Query q,
                                                Integer maxResults, String token) {
        q.checkState(Set.of("CREATED", "PENDING", "RUNNING", "ABORTED", "COMPLETED", "FAILED"));
        Instant now = rt.clock.instant();
        RestoreFilter f = new RestoreFilter(q.reach(tx, rt.membership, callerAccount), null, null,
                q.period().start(now).minusMillis(1), null, null, null, null, null);
        return JobSummaries.page(JobSummaries.count(next -> list(tx, callerAccount, region, f, null, next),
                j -> new JobSummaries.Job(j.accountId(), j.region(), j.status(), j.resourceType(), null,
                        j.creationDate()), q, now), maxResults, token);
    }

    public void onTimer(Tx tx, Timer timer) {
        String[] key = new String(timer.payload(), StandardCharsets.UTF_8).split("/", 3);
        Optional<RestoreJob> found = rt.jobs.restoreJob(tx, key[0], key[1], key[2]);
        if (found.isEmpty() || found.get().finished()) {
            return;
        }
        RestoreJob job = found.get();
        if (RestoreJob.PENDING.equals(job.status())) {
            begin(tx, job);
        } else if (job.createdResourceArn() != null) {
            RestoreJob done = job.withStatus(RestoreJob.COMPLETED, null, Instant.now(rt.clock),
                    job.createdResourceArn());
            rt.jobs.putRestoreJob(tx, done);
            rt.events.restoreJob(tx, "RestoreCompleted", done);
            if (done.testing() != null) {
                testRestored.restored(tx, done);
            }
        }
    }

    private void begin(Tx tx, RestoreJob job) {
        Optional<RecoveryPoint> point = rt.jobs.point(tx, job.recoveryPointArn());
        if (point.isEmpty() || !RecoveryPoint.COMPLETED.equals(point.get().status())) {
            fail(tx, job, "Recovery point " + job.recoveryPointArn() + " is no longer available.");
            return;
        }
        if (job.iamRoleArn() != null) {
            String action = rt.capabilities(tx, job.accountId(), job.region(), job.resourceType()).restoreAction();
            Optional<String> refusal = rt.role.refusal(tx, job.iamRoleArn(), action,
                    JobTargets.restore(job), job.region());
            if (refusal.isPresent()) {
                fail(tx, job, refusal.get());
                return;
            }
        }
        RestoreJob running = job.withStatus(RestoreJob.RUNNING, null, null, null);
        rt.jobs.putRestoreJob(tx, running);
        rt.startMove(tx, InFlightMove.RESTORE, job.accountId(), job.region(), job.jobId());
        rt.events.restoreJob(tx, "RestoreStarted", running);
        tx.afterCommit(() -> transfer(running));
    }

    private void transfer(RestoreJob job) {
        try {
            RecoveryPoint point = rt.store.read(tx -> rt.jobs.point(tx, job.recoveryPointArn()).orElseThrow());
            BackupVault vault = rt.store.read(tx -> rt.vault(tx, point.accountId(), point.region(),
                    point.vaultName()).orElseThrow());
            RecoveryPointStat stat = rt.data.stat(vault, point.storageId()); // opens the storage vault, outside any tx
            ResourceProvider provider = rt.providerOfType(point.resourceType());
            rt.store.write(tx -> {
                Optional<RestoreJob> now = rt.jobs.restoreJob(tx, job.accountId(), job.region(), job.jobId());
                // The restore and the end of its move commit together; another node may own the move (D64).
                if (now.isEmpty() || now.get().finished() || now.get().createdResourceArn() != null
                        || !rt.endMove(tx, InFlightMove.RESTORE, job.accountId(), job.region(), job.jobId())) {
                    return null;
                }
                ProtectedResource created;
                try {
                    // Streamed from the vault storage as the provider reads it; opened afresh if the work runs again.
                    created = provider.restore(tx, job.accountId(), job.region(), new Snapshot(
                            () -> rt.data.read(vault, point.storageId()), point.restoreMetadata(),
                            point.resourceTags()), job.metadata());
                } catch (ResourceProvider.RestoreRejected e) {
                    fail(tx, now.get(), e.getMessage());
                    return null;
                }
                if (job.copySourceTags() && !point.resourceTags().isEmpty()) {
                    provider.tag(tx, created.arn(), point.resourceTags());
                }
                rt.jobs.point(tx, point.arn()).ifPresent(p -> rt.jobs.putPoint(tx,
                        p.restoredAt(Instant.now(rt.clock))));
                RestoreJob restored = now.get().withStatus(RestoreJob.RUNNING, null, null, created.arn());
                rt.jobs.putRestoreJob(tx, restored);
                schedule(tx, restored, "complete", Instant.now(rt.clock).plus(JobRuntime.transferTime(stat.logicalSize())));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "restore job " + job.jobId() + " failed", e);
            rt.store.write(tx -> {
                if (!rt.endMove(tx, InFlightMove.RESTORE, job.accountId(), job.region(), job.jobId())) {
                    return null; // another node restores it now (D64)
                }
                rt.jobs.restoreJob(tx, job.accountId(), job.region(), job.jobId()).filter(j -> !j.finished())
                        .ifPresent(j -> fail(tx, j, "Restore job failed: " + (e.getMessage() == null
                                ? e.getClass().getSimpleName() : e.getMessage())));
                return null;
            });
        }
    }

    private void fail(Tx tx, RestoreJob job, String message) {
        RestoreJob failed = job.withStatus(RestoreJob.FAILED, message, Instant.now(rt.clock), null);
        rt.jobs.putRestoreJob(tx, failed);
        rt.dropMove(tx, InFlightMove.RESTORE, job.accountId(), job.region(), job.jobId());
        rt.events.restoreJob(tx, "RestoreCompleted", failed);
    }

    private static void schedule(Tx tx, RestoreJob job, String phase, Instant due) {
        String key = job.accountId() + "/" + job.region() + "/" + job.jobId();
        tx.timers().schedule(TIMER + "/" + key + "/" + phase, TIMER, due, key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What to run again for a job whose restore this node took over from a node that stopped before the restore
     * committed (D64): the restore; nothing when the job has ended or restored meanwhile.
     */
    Optional<Runnable> redo(Tx tx, InFlightMove move) {
        return rt.jobs.restoreJob(tx, move.accountId(), move.region(), move.jobId())
                .filter(RestoreJob::awaitsData)
                .map(j -> () -> transfer(j));
    }
}
