package io.strongroom.engine.backup;

import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;
import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backup jobs (spec 5.1-5.4) on the clock. StartBackupJob records the job CREATED; when the clock reaches it the job
 * is checked (start window, vault, Vault Lock retention range, the resource, its role through the Authorizer) and
 * either ends FAILED/EXPIRED or turns RUNNING: the resource's snapshot is taken at that instant, written into the
 * vault storage under the vault's key outside any transaction, and the job COMPLETES once the simulated transfer time
 * has passed (decision D41).
 */
public final class BackupJobService {
    public static final String TIMER = "backup.backup-job";
    private static final String DEADLINE = "deadline";
    /** How far back ListBackupJobs reaches (AWS: "for the last 30 days"). */
    static final Duration LISTED_FOR = Duration.ofDays(30);
    private static final Logger LOG = Logger.getLogger(BackupJobService.class.getName());
    static final int DEFAULT_START_WINDOW_MINUTES = 480;
    static final int MIN_WINDOW_MINUTES = 60;
    /** How often a scheduled job held back by a running job of its resource tries again (spec 3.7). */
    static final Duration RETRY_EVERY = Duration.ofMinutes(10);
    static final String SAME_RESOURCE_RUNNING = "Backup job failed because there was a running job for the same "
            + "resource.";
    static final String COMPLETION_WINDOW_PASSED = "Backup job was cancelled because it did not complete within "
            + "the completion window.";

    private final JobRuntime rt;
    private final RecoveryPointService points;

    BackupJobService(JobRuntime rt, RecoveryPointService points) {
        this.rt = rt;
        this.points = points;
    }

    /** What StartBackupJob takes. */
    public record StartBackup(String vaultName, String resourceArn, String iamRoleArn, String idempotencyToken,
                              Long startWindowMinutes, Long completeWindowMinutes, Lifecycle lifecycle,
                              Map<String, String> recoveryPointTags, Map<String, String> backupOptions) {
    }

    /**
     * Starts a job; {@code createdBy} names the plan and rule of a scheduled job (empty on demand). A repeated
     * idempotency token returns the job it started.
     */
    public BackupJob start(Tx tx, String account, String region, String creatorArn, StartBackup in,
                           Map<String, String> createdBy) {
        require(in.vaultName(), "BackupVaultName");
        require(in.resourceArn(), "ResourceArn");
        require(in.iamRoleArn(), "IamRoleArn");
        if (!BackupNames.ROLE_ARN.matcher(in.iamRoleArn()).matches()) {
            throw BackupErrors.invalidParameter("Invalid IamRoleArn " + in.iamRoleArn() + ".");
        }
        if (in.idempotencyToken() != null) {
            Optional<BackupJob> replay = rt.jobs.jobOfToken(tx, "backup", account, region, in.idempotencyToken())
                    .flatMap(id -> rt.jobs.backupJob(tx, account, region, id));
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        long startWindow = in.startWindowMinutes() == null ? DEFAULT_START_WINDOW_MINUTES : in.startWindowMinutes();
        if (startWindow < MIN_WINDOW_MINUTES) {
            throw BackupErrors.invalidParameter("StartWindowMinutes must be at least " + MIN_WINDOW_MINUTES + ".");
        }
        if (in.completeWindowMinutes() != null && in.completeWindowMinutes() < startWindow) {
            throw BackupErrors.invalidParameter("CompleteWindowMinutes must be greater than StartWindowMinutes.");
        }
        // The plans' limit (PlanRules), which also keeps the windows' ends on the calendar.
        if (startWindow > PlanRules.MAX_WINDOW || (in.completeWindowMinutes() != null
                && in.completeWindowMinutes() > PlanRules.MAX_WINDOW)) {
            throw BackupErrors.invalidParameter("StartWindowMinutes and CompleteWindowMinutes must be at most "
                    + PlanRules.MAX_WINDOW + ".");
        }
        Lifecycles.problem(in.lifecycle(), false).ifPresent(m -> {
            throw BackupErrors.invalidParameter(m);
        });
        Optional<BackupVault> vault = rt.vault(tx, account, region, in.vaultName());
        if (vault.isEmpty() && createdBy.isEmpty()) {
            throw BackupErrors.notFound("Backup vault " + in.vaultName() + " does not exist.");
        } // a scheduled job into a vault deleted since its plan was written ends FAILED when it runs
        ResourceProvider provider = rt.provider(in.resourceArn()).orElseThrow(() -> BackupErrors.invalidParameter(
                "Invalid ARN " + in.resourceArn() + ": the resource type is not supported by AWS Backup."));
        if (!rt.settings.settings(tx, account, region).optedIn(provider.resourceType())) {
            throw BackupErrors.invalidRequest("Resource type " + provider.resourceType() + " is not opted in for "
                    + "AWS Backup in " + region + ". Opt in with UpdateRegionSettings.");
        }
        Optional<ProtectedResource> resource = provider.find(tx, in.resourceArn());
        if (resource.isPresent() && !resource.get().accountId().equals(account)) {
            throw BackupErrors.invalidParameter("Resource " + in.resourceArn() + " does not belong to account "
                    + account + ".");
        }
        Instant now = Instant.now(rt.clock);
        String jobId = rt.ids.timeOrderedUuid(tx, now).toUpperCase(java.util.Locale.ROOT);
        BackupJob job = new BackupJob(jobId, account, region, vault.map(BackupVault::name).orElse(in.vaultName()),
                in.resourceArn(),
                provider.resourceType(), resource.map(ProtectedResource::name).orElse(null), in.iamRoleArn(),
                BackupJob.CREATED, null, now, null, null, now.plus(Duration.ofMinutes(startWindow)), null,
                in.lifecycle(), in.recoveryPointTags(), in.backupOptions(), null, 0, createdBy,
                in.idempotencyToken(), creatorArn);
        if (in.idempotencyToken() != null) {
            rt.jobs.putToken(tx, "backup", account, region, in.idempotencyToken(), jobId);
        }
        if (in.completeWindowMinutes() != null) {
            schedule(tx, job, DEADLINE, now.plus(Duration.ofMinutes(in.completeWindowMinutes())));
        }
        if (!createdBy.isEmpty()) {
            // A plan's job begins in the transaction that creates it, at the same instant (D77).
            begin(tx, job, false);
            return job;
        }
        rt.jobs.putNewBackupJob(tx, job);
        schedule(tx, job, "start", now);
        return job;
    }

    public BackupJob describe(Tx tx, String callerAccount, String region, String jobId) {
        Optional<BackupJob> own = rt.jobs.backupJob(tx, callerAccount, region, jobId);
        if (own.isPresent()) {
            return own.get();
        }
        // Who monitors the organization may describe its members' jobs (cross-account monitoring, D60).
        return rt.jobs.backupJob(tx, region, jobId).filter(j -> rt.membership.sees(tx, callerAccount, j.accountId()))
                .orElseThrow(() -> BackupErrors.notFound("Cannot find backup job " + jobId + "."));
    }

    /** ListBackupJobs's filters; {@code accountId} "*" asks for every account the caller may see. */
    public record JobFilter(String resourceArn, String state, String vaultName, Instant createdBefore,
                            Instant createdAfter, String resourceType, String accountId, Instant completeBefore,
                            Instant completeAfter, String messageCategory) {
    }

    public Page<BackupJob> list(Tx tx, String callerAccount, String region, JobFilter f, Integer maxResults,
                                String token) {
        JobReach reach = JobReach.of(tx, rt.membership, callerAccount, f.accountId());
        if (reach.nobody()) {
            return Page.of(List.of(), BackupJob::jobId, maxResults, token);
        }
        // AWS lists the jobs of the last 30 days only (D125); the window also bounds the index scan.
        Instant window = Instant.now(rt.clock).minus(LISTED_FOR).minusNanos(1);
        Instant createdAfter = f.createdAfter() == null || f.createdAfter().isBefore(window) ? window
                : f.createdAfter();
        Predicate<BackupJob> keep = j -> (f.resourceArn() == null || f.resourceArn().equals(j.resourceArn()))
                && (f.state() == null || f.state().equals(j.state()))
                && (f.vaultName() == null || f.vaultName().equals(j.vaultName()))
                && (f.createdBefore() == null || j.creationDate().isBefore(f.createdBefore()))
                && j.creationDate().isAfter(createdAfter)
                && (f.resourceType() == null || f.resourceType().equals(j.resourceType()))
                && (f.completeBefore() == null || j.completionDate() != null
                && j.completionDate().isBefore(f.completeBefore()))
                && (f.completeAfter() == null || j.completionDate() != null
                && j.completionDate().isAfter(f.completeAfter()))
                && (f.messageCategory() == null || f.messageCategory().equalsIgnoreCase(j.messageCategory()));
        return rt.jobs.backupJobs(tx, new JobStore.JobScan(reach.account(), region, f.state(),
                createdAfter, f.createdBefore()), keep.and(j -> reach.owners().test(j.accountId())), maxResults,
                token);
    }

    /** ListBackupJobSummaries (D107). */
    public Page<JobSummaries.Summary> summaries(Tx tx, String callerAccount, String region, JobSummaries.Query q,
                                                Integer maxResults, String token) {
        q.checkState(Set.of("CREATED", "PENDING", "RUNNING", "ABORTING", "ABORTED", "COMPLETED", "FAILED", "EXPIRED",
                "PARTIAL"));
        Instant now = rt.clock.instant();
        JobFilter f = new JobFilter(null, null, null, null, q.period().start(now).minusMillis(1), null,
                q.reach(tx, rt.membership, callerAccount), null, null, null);
        return JobSummaries.page(JobSummaries.count(next -> list(tx, callerAccount, region, f, null, next),
                j -> new JobSummaries.Job(j.accountId(), j.region(), j.state(), j.resourceType(), j.messageCategory(),
                        j.creationDate()), q, now), maxResults, token);
    }

    /** StopBackupJob: a job not yet finished ends ABORTED and whatever it wrote is removed. */
    public void stop(Tx tx, String account, String region, String jobId) {
        BackupJob job = rt.jobs.backupJob(tx, account, region, jobId)
                .orElseThrow(() -> BackupErrors.notFound("Cannot find backup job " + jobId + "."));
        if (job.finished()) {
            throw BackupErrors.invalidRequest("Backup job " + jobId + " is already in a terminal state: "
                    + job.state() + ".");
        }
        if (!rt.capabilities(tx, account, region, job.resourceType()).stoppable()) {
            throw BackupErrors.invalidRequest("StopBackupJob is not supported for resource type "
                    + job.resourceType() + ".");
        }
        finish(tx, job, BackupJob.ABORTED, "Backup job was stopped by user.");
    }

    /** The clock reached a job: start it, or complete it once its transfer time has passed. */
    public void onTimer(Tx tx, Timer timer) {
        String[] key = new String(timer.payload(), StandardCharsets.UTF_8).split("/", 3);
        Optional<BackupJob> found = rt.jobs.backupJob(tx, key[0], key[1], key[2]);
        if (found.isEmpty() || found.get().finished()) {
            return;
        }
        BackupJob job = found.get();
        if (timer.key().endsWith("/" + DEADLINE)) {
            finish(tx, job, BackupJob.ABORTED, COMPLETION_WINDOW_PASSED); // decision D50
        } else if (BackupJob.CREATED.equals(job.state())) {
            begin(tx, job, true);
        } else if (job.expectedCompletionDate() != null) {
            complete(tx, job);
        }
    }

    /** {@code stored}: the job is already recorded CREATED (false when it begins as it is created). */
    private void begin(Tx tx, BackupJob job, boolean stored) {
        Instant now = Instant.now(rt.clock);
        if (now.isAfter(job.startBy())) {
            finish(tx, job, BackupJob.EXPIRED, "Backup job failed to start within the start window.");
            return;
        }
        if (!job.createdBy().isEmpty() && rt.jobs.runningJob(tx, job.accountId(), job.region(), job.resourceArn())
                .isPresent()) {
            if (!stored) {
                rt.jobs.putNewBackupJob(tx, job);
            }
            waitForRunningJob(tx, job, now);
            return;
        }
        Optional<String> refusal = refusal(tx, job);
        if (refusal.isPresent()) {
            finish(tx, job, BackupJob.FAILED, refusal.get());
            return;
        }
        BackupVault vault = rt.vault(tx, job.accountId(), job.region(), job.vaultName()).orElseThrow();
        ResourceTypes.Capabilities caps = rt.capabilities(tx, job.accountId(), job.region(), job.resourceType());
        String id = rt.ids.timeOrderedUuidOf(job.jobId(), now); // one point per job (D88)
        String arn = RecoveryPointArns.of(caps.recoveryPointArnForm(), job.region(), job.accountId(), id,
                job.jobId(), job.resourceName(), now);
        Map<String, String> createdBy = new java.util.LinkedHashMap<>(job.createdBy());
        RecoveryPoint point = new RecoveryPoint(arn, id, job.accountId(), job.region(), job.vaultName(), null,
                job.resourceArn(), job.resourceType(), job.resourceName(), createdBy, job.iamRoleArn(),
                RecoveryPoint.CREATING, null, now, null, 0, job.lifecycle(), keyArn(vault), RecoveryPoint.WARM,
                null, Map.of(), Map.of(), vault.vaultType(), job.recoveryPointTags());
        rt.jobs.putNewPoint(tx, point);
        BackupJob running = job.running(now, arn);
        if (stored) {
            rt.jobs.putBackupJob(tx, running);
        } else {
            rt.jobs.putNewBackupJob(tx, running);
        }
        rt.startMove(tx, InFlightMove.BACKUP, job.accountId(), job.region(), job.jobId());
        rt.events.backupJob(tx, "BackupJobStarted", running);
        tx.afterCommit(() -> transfer(running));
    }

    /**
     * One backup job per resource at a time (spec 3.7): a scheduled job stays CREATED and tries again every 10
     * minutes, and ends EXPIRED if its resource is still busy when its start window closes (decision D50).
     */
    private void waitForRunningJob(Tx tx, BackupJob job, Instant now) {
        if (!now.isBefore(job.startBy())) {
            finish(tx, job, BackupJob.EXPIRED, SAME_RESOURCE_RUNNING);
            return;
        }
        Instant retry = now.plus(RETRY_EVERY).isBefore(job.startBy()) ? now.plus(RETRY_EVERY) : job.startBy();
        // A key of its own per try: the timer running now is removed once its handler returns.
        schedule(tx, job, "retry-" + retry.getEpochSecond(), retry);
    }

    private Optional<String> refusal(Tx tx, BackupJob job) {
        Optional<BackupVault> vault = rt.vault(tx, job.accountId(), job.region(), job.vaultName());
        if (vault.isEmpty()) {
            return Optional.of("Backup job failed because backup vault " + job.vaultName() + " does not exist.");
        }
        if (vault.get().locked()) {
            Long days = job.lifecycle() == null ? null : job.lifecycle().deleteAfterDays();
            Optional<String> violation = vault.get().lock().retentionViolation(days == null ? null
                    : (int) Math.min(Integer.MAX_VALUE, days));
            if (violation.isPresent()) {
                return violation;
            }
        }
        Optional<ResourceProvider> provider = rt.provider(job.resourceArn());
        if (provider.isEmpty() || provider.get().find(tx, job.resourceArn()).isEmpty()) {
            return Optional.of("Resource " + job.resourceArn() + " was not found.");
        }
        String action = rt.capabilities(tx, job.accountId(), job.region(), job.resourceType()).backupAction();
        return rt.role.refusal(tx, job.iamRoleArn(), action, JobTargets.backup(job), job.region());
    }

    /**
     * Moves the data outside the job's transaction, right after the job turned RUNNING, beside the other jobs of that
     * instant ({@link io.strongroom.engine.time.DataMoves}, D57); then records it, or the failure, in the job.
     */
    private void transfer(BackupJob job) {
        rt.moves.submit(() -> moveData(job), (tx, moved) -> record(tx, job, moved), (tx, e) -> failed(tx, job, e));
    }

    /**
     * The snapshot streamed into the vault storage inside the one read transaction that took it (D53). A move taken
     * over from a process that stopped after writing the whole point keeps that point's bytes (D64).
     */
    private Moved moveData(BackupJob job) {
        Target target = rt.store.read(tx -> new Target(
                rt.vault(tx, job.accountId(), job.region(), job.vaultName()).orElseThrow(),
                rt.jobs.point(tx, job.recoveryPointArn()).orElseThrow()));
        rt.data.prepare(target.vault(), target.point().storageId());
        Optional<RecoveryPointStat> written = rt.data.written(target.vault(), target.point().storageId());
        Retention retention = VaultData.retention(target.vault(), target.point().deleteAt(), Instant.now(rt.clock));
        // The snapshot's stream may read the resource lazily: it is consumed inside the transaction that took
        // it, so what reaches the vault is the resource as of that one moment (D53).
        Taken taken = rt.store.read(tx -> {
            Snapshot snapshot = rt.provider(job.resourceArn()).orElseThrow().snapshot(tx, job.resourceArn());
            if (written.isPresent()) {
                return new Taken(snapshot, written.get());
            }
            try (InputStream in = snapshot.data().open()) {
                return new Taken(snapshot, rt.data.write(target.vault(), target.point().storageId(), retention, in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the snapshot of " + job.resourceArn(), e);
            }
        });
        return new Moved(target, taken.snapshot(), taken.stat());
    }

    private record Moved(Target target, Snapshot snapshot, RecoveryPointStat stat) {
    }

    private void record(Tx tx, BackupJob job, Moved moved) {
        Optional<BackupJob> now = rt.jobs.backupJob(tx, job.accountId(), job.region(), job.jobId());
        Optional<RecoveryPoint> point = rt.jobs.point(tx, job.recoveryPointArn());
        boolean ours = rt.endMove(tx, InFlightMove.BACKUP, job.accountId(), job.region(), job.jobId());
        // Stopped while the data moved, or taken over by another node that thought this one dead (D64).
        if (!ours || now.isEmpty() || now.get().finished() || point.isEmpty()) {
            tx.afterCommit(() -> rt.data.delete(moved.target().vault(), moved.target().point().storageId()));
            return;
        }
        Instant done = Instant.now(rt.clock).plus(JobRuntime.transferTime(moved.stat().logicalSize()));
        rt.jobs.putPoint(tx, point.get().written(moved.stat().logicalSize(), moved.snapshot().restoreMetadata(),
                moved.snapshot().tags()));
        BackupJob transferred = now.get().transferred(moved.stat().logicalSize(), done);
        rt.jobs.putBackupJob(tx, transferred);
        schedule(tx, transferred, "complete", done);
    }

    private void failed(Tx tx, BackupJob job, RuntimeException e) {
        LOG.log(Level.WARNING, "backup job " + job.jobId() + " failed", e);
        if (!rt.endMove(tx, InFlightMove.BACKUP, job.accountId(), job.region(), job.jobId())) {
            return; // another node moves it now (D64)
        }
        rt.jobs.backupJob(tx, job.accountId(), job.region(), job.jobId())
                .filter(j -> !j.finished())
                .ifPresent(j -> finish(tx, j, BackupJob.FAILED, "Backup job failed: " + message(e)));
    }

    private record Target(BackupVault vault, RecoveryPoint point) {
    }

    private record Taken(Snapshot snapshot, RecoveryPointStat stat) {
    }

    private void complete(Tx tx, BackupJob job) {
        Instant now = Instant.now(rt.clock);
        RecoveryPoint point = rt.jobs.point(tx, job.recoveryPointArn()).orElse(null);
        if (point == null) {
            finish(tx, job, BackupJob.FAILED, "Backup job failed: its recovery point is gone.");
            return;
        }
        RecoveryPoint done = point.completed(now);
        rt.jobs.putPoint(tx, done);
        points.scheduleFirstLifecycle(tx, done);
        BackupJob completed = job.withState(BackupJob.COMPLETED, null, now);
        rt.jobs.putBackupJob(tx, completed);
        rt.events.backupJob(tx, "BackupJobCompleted", completed);
        cancelDeadline(tx, completed);
        copyActions.accept(tx, completed);
    }

    /** What happens after a backup job completes (a plan rule's copy actions, issue 8); nothing by default. */
    private java.util.function.BiConsumer<Tx, BackupJob> copyActions = (tx, job) -> {
    };

    public void onCompletion(java.util.function.BiConsumer<Tx, BackupJob> action) {
        this.copyActions = action;
    }

    private void finish(Tx tx, BackupJob job, String state, String message) {
        Instant now = Instant.now(rt.clock);
        if (job.recoveryPointArn() != null) {
            rt.jobs.point(tx, job.recoveryPointArn()).ifPresent(p -> points.discard(tx, p));
        }
        BackupJob ended = job.withState(state, message, now);
        rt.jobs.putBackupJob(tx, ended);
        rt.dropMove(tx, InFlightMove.BACKUP, job.accountId(), job.region(), job.jobId());
        rt.events.backupJob(tx, "BackupJobCompleted", ended);
        cancelDeadline(tx, ended);
    }

    private static void cancelDeadline(Tx tx, BackupJob job) {
        tx.timers().cancel(timerKey(job, DEADLINE));
    }

    private static String keyArn(BackupVault vault) {
        return vault.encryptionKeyArn();
    }

    private static void require(String value, String member) {
        if (value == null || value.isEmpty()) {
            throw BackupErrors.missingParameter(member);
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void schedule(Tx tx, BackupJob job, String phase, Instant due) {
        String key = job.accountId() + "/" + job.region() + "/" + job.jobId();
        tx.timers().schedule(timerKey(job, phase), TIMER, due, key.getBytes(StandardCharsets.UTF_8));
    }

    private static String timerKey(BackupJob job, String phase) {
        return TIMER + "/" + job.accountId() + "/" + job.region() + "/" + job.jobId() + "/" + phase;
    }

    /**
     * What to run again for a job whose move this node took over from a node that stopped (D64): its data move, into
     * the same recovery point; nothing when the job has ended or has its data meanwhile.
     */
    Optional<Runnable> redo(Tx tx, InFlightMove move) {
        return rt.jobs.backupJob(tx, move.accountId(), move.region(), move.jobId())
                .filter(BackupJob::awaitsData)
                .map(j -> () -> transfer(j));
    }
}
