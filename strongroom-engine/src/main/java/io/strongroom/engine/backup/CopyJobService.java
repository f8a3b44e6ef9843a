package io.strongroom.engine.backup;

import io.strongroom.engine.cloudtrail.TrailResource;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;
import io.strongroom.vaultstorage.RecoveryPointStat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;

/**
 * Copy jobs (spec 5.5, 7) on the clock. StartCopyJob records the job CREATED in the source account; when the clock
 * reaches it the prerequisites of spec 7.1 are checked (one organization, cross-account backup enabled, the
 * destination vault's access policy allowing the job's role backup:CopyIntoBackupVault, no Default destination for
 * types AWS Backup does not fully manage, no cold source, the destination's Vault Lock range) and the job either
 * ends FAILED naming the one that failed, or turns RUNNING: the source point's bytes are read from the source vault
 * and written, re-encrypted under the destination vault's key, into the destination vault's storage outside any
 * transaction, as a new recovery point of the destination account that keeps the source's creation date (decisions
 * D46-D49).
 */
public final class CopyJobService {
    public static final String TIMER = "backup.copy-job";
    private static final Logger LOG = Logger.getLogger(CopyJobService.class.getName());
    static final String DEFAULT_VAULT = "Default";

    private final JobRuntime rt;
    private final RecoveryPointService points;
    private final GlobalSettingsService globalSettings;

    CopyJobService(JobRuntime rt, RecoveryPointService points, GlobalSettingsService globalSettings) {
        this.rt = rt;
        this.points = points;
        this.globalSettings = globalSettings;
    }

    /** What StartCopyJob takes. */
    public record StartCopy(String recoveryPointArn, String sourceVaultName, String destinationVaultArn,
                            String iamRoleArn, String idempotencyToken, Lifecycle lifecycle) {
    }

    /**
     * Starts a copy; {@code createdBy} and {@code backupJobId} name the plan rule and backup job of a copy action
     * (empty and null on demand). A repeated idempotency token returns the job it started.
     */
    public CopyJob start(Tx tx, String account, String region, StartCopy in, Map<String, String> createdBy,
                         String backupJobId) {
        require(in.recoveryPointArn(), "RecoveryPointArn");
        require(in.sourceVaultName(), "SourceBackupVaultName");
        require(in.destinationVaultArn(), "DestinationBackupVaultArn");
        require(in.iamRoleArn(), "IamRoleArn");
        if (!BackupNames.ROLE_ARN.matcher(in.iamRoleArn()).matches()) {
            throw BackupErrors.invalidParameter("Invalid IamRoleArn " + in.iamRoleArn() + ".");
        }
        if (!BackupNames.VAULT_ARN.matcher(in.destinationVaultArn()).matches()) {
            throw BackupErrors.invalidParameter("Invalid DestinationBackupVaultArn " + in.destinationVaultArn()
                    + ".");
        }
        if (in.idempotencyToken() != null) {
            Optional<CopyJob> replay = rt.jobs.jobOfToken(tx, "copy", account, region, in.idempotencyToken())
                    .flatMap(id -> job(tx, account, region, id));
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Lifecycles.problem(in.lifecycle(), true).ifPresent(m -> {
            throw BackupErrors.invalidParameter(m);
        });
        RecoveryPoint source = points.describe(tx, account, region, in.sourceVaultName(), in.recoveryPointArn());
        Instant now = Instant.now(rt.clock);
        String jobId = rt.ids.timeOrderedUuid(tx, now).toUpperCase(Locale.ROOT);
        CopyJob job = new CopyJob(jobId, account, region, source.vaultArn(), source.arn(), in.destinationVaultArn(),
                source.resourceArn(), source.resourceType(), source.resourceName(), in.iamRoleArn(), CopyJob.CREATED,
                null, now, null, null, in.lifecycle(), null, null, null, null, null, 0, createdBy, backupJobId,
                in.idempotencyToken());
        if (in.idempotencyToken() != null) {
            rt.jobs.putToken(tx, "copy", account, region, in.idempotencyToken(), jobId);
        }
        if (backupJobId != null) {
            // A copy action's job begins in the transaction of the backup job that completed (D77).
            begin(tx, job, false);
            return job;
        }
        rt.jobs.putNewCopyJob(tx, job);
        schedule(tx, job, "start", now);
        return job;
    }

    public CopyJob describe(Tx tx, String callerAccount, String region, String jobId) {
        Optional<CopyJob> own = job(tx, callerAccount, region, jobId);
        if (own.isPresent()) {
            return own.get();
        }
        // Who monitors the organization may describe its members' copy jobs (cross-account monitoring, D60).
        return rt.jobs.copyJob(tx, region, jobId).filter(j -> rt.membership.sees(tx, callerAccount, j.accountId()))
                .orElseThrow(() -> BackupErrors.notFound("Cannot find copy job " + jobId + "."));
    }

    /** ListCopyJobs's filters; {@code accountId} "*" asks for every account the caller may see. */
    public record CopyFilter(String resourceArn, String state, Instant createdBefore, Instant createdAfter,
                             String resourceType, String destinationVaultArn, String accountId,
                             Instant completeBefore, Instant completeAfter, String messageCategory,
                             String sourceRecoveryPointArn) {
    }

    public Page<CopyJob> list(Tx tx, String callerAccount, String region, CopyFilter f, Integer maxResults,
                              String token) {
        JobReach reach = JobReach.of(tx, rt.membership, callerAccount, f.accountId());
        if (reach.nobody()) {
            return Page.of(List.of(), CopyJob::jobId, maxResults, token);
        }
        Predicate<CopyJob> keep = j -> (f.resourceArn() == null || f.resourceArn().equals(j.resourceArn()))
                && (f.state() == null || f.state().equals(j.state()))
                && (f.createdBefore() == null || j.creationDate().isBefore(f.createdBefore()))
                && (f.createdAfter() == null || j.creationDate().isAfter(f.createdAfter()))
                && (f.resourceType() == null || f.resourceType().equals(j.resourceType()))
                && (f.destinationVaultArn() == null || f.destinationVaultArn().equals(j.destinationVaultArn()))
                && (f.completeBefore() == null || j.completionDate() != null
                && j.completionDate().isBefore(f.completeBefore()))
                && (f.completeAfter() == null || j.completionDate() != null
                && j.completionDate().isAfter(f.completeAfter()))
                && (f.messageCategory() == null || f.messageCategory().equalsIgnoreCase(j.messageCategory()))
                && (f.sourceRecoveryPointArn() == null
                || f.sourceRecoveryPointArn().equals(j.sourceRecoveryPointArn()));
        return rt.jobs.copyJobs(tx, new JobStore.JobScan(reach.account(), region, f.state(),
                f.createdAfter(), f.createdBefore()), keep.and(j -> reach.owners().test(j.accountId())), maxResults,
                token);
    }

    /** ListCopyJobSummaries (D107). */
    public Page<JobSummaries.Summary> summaries(Tx tx, String callerAccount, String region, JobSummaries.Query q,
                                                Integer maxResults, String token) {
        q.checkState(Set.of("CREATED", "RUNNING", "ABORTING", "ABORTED", "COMPLETING", "COMPLETED", "FAILING",
                "FAILED", "PARTIAL"));
        Instant now = rt.clock.instant();
        CopyFilter f = new CopyFilter(null, null, null, q.period().start(now).minusMillis(1), null, null,
                q.reach(tx, rt.membership, callerAccount), null, null, null, null);
        return JobSummaries.page(JobSummaries.count(next -> list(tx, callerAccount, region, f, null, next),
                j -> new JobSummaries.Job(j.accountId(), j.region(), j.state(), j.resourceType(), j.messageCategory(),
                        j.creationDate()), q, now), maxResults, token);
    }

    /** The clock reached a job: start it, or complete it once its transfer time has passed. */
    public void onTimer(Tx tx, Timer timer) {
        String[] key = new String(timer.payload(), StandardCharsets.UTF_8).split("/", 3);
        Optional<CopyJob> found = job(tx, key[0], key[1], key[2]);
        if (found.isEmpty() || found.get().finished()) {
            return;
        }
        CopyJob job = found.get();
        if (CopyJob.CREATED.equals(job.state())) {
            begin(tx, job, true);
        } else if (job.expectedCompletionDate() != null) {
            complete(tx, job);
        }
    }

    /** {@code stored}: the job is already recorded CREATED (false when it begins as it is created). */
    private void begin(Tx tx, CopyJob job, boolean stored) {
        Optional<RecoveryPoint> source = rt.jobs.point(tx, job.sourceRecoveryPointArn())
                .filter(p -> RecoveryPoint.COMPLETED.equals(p.status()));
        if (source.isEmpty()) {
            finish(tx, job, CopyJob.FAILED, "Copy job failed: source recovery point "
                    + job.sourceRecoveryPointArn() + " is not available.");
            return;
        }
        Matcher arn = BackupNames.VAULT_ARN.matcher(job.destinationVaultArn());
        Optional<BackupVault> destination = arn.matches() ? rt.vault(tx, arn.group(2), arn.group(1), arn.group(3))
                : Optional.empty();
        if (destination.isEmpty()) {
            finish(tx, job, CopyJob.FAILED, "Copy job failed because destination backup vault "
                    + job.destinationVaultArn() + " does not exist.");
            return;
        }
        Lifecycle lifecycle = effectiveLifecycle(job.lifecycle(), source.get().lifecycle());
        Optional<String> refusal = refusal(tx, job, source.get(), destination.get(), lifecycle);
        if (refusal.isPresent()) {
            finish(tx, job, CopyJob.FAILED, refusal.get());
            return;
        }
        BackupVault vault = destination.get();
        RecoveryPoint from = source.get();
        ResourceTypes.Capabilities caps = rt.capabilities(tx, vault.accountId(), vault.region(), from.resourceType());
        Instant now = Instant.now(rt.clock);
        String id = rt.ids.timeOrderedUuidOf(job.jobId(), now); // one point per job (D88)
        String copyArn = RecoveryPointArns.of(caps.recoveryPointArnForm(), vault.region(), vault.accountId(), id,
                job.jobId(), from.resourceName(), now);
        RecoveryPoint copy = new RecoveryPoint(copyArn, id, vault.accountId(), vault.region(), vault.name(),
                from.vaultArn(), from.resourceArn(), from.resourceType(), from.resourceName(), job.createdBy(),
                job.iamRoleArn(), RecoveryPoint.CREATING, null, from.creationDate(), null, 0, lifecycle,
                vault.encryptionKeyArn(), RecoveryPoint.WARM, null, from.restoreMetadata(), from.resourceTags(),
                vault.vaultType(), from.tags());
        rt.jobs.putNewPoint(tx, copy);
        CopyJob running = job.running(copy, vault);
        if (stored) {
            put(tx, running);
        } else {
            rt.jobs.putNewCopyJob(tx, running);
        }
        rt.startMove(tx, InFlightMove.COPY, job.accountId(), job.region(), job.jobId());
        event(tx, "CopyJobStarted", running);
        tx.afterCommit(() -> transfer(running));
    }

    /** The copy's lifecycle: the one asked for, else the source's; -1 keeps the source's value (spec 7.3). */
    static Lifecycle effectiveLifecycle(Lifecycle asked, Lifecycle source) {
        if (asked == null) {
            return source;
        }
        return new Lifecycle(orSource(asked.moveToColdStorageAfterDays(),
                source == null ? null : source.moveToColdStorageAfterDays()),
                orSource(asked.deleteAfterDays(), source == null ? null : source.deleteAfterDays()),
                asked.optInToArchiveForSupportedResources());
    }

    private static Long orSource(Long asked, Long source) {
        return asked != null && asked == -1 ? source : asked;
    }

    /** The first prerequisite of spec 7.1 the copy does not meet, as its status message. */
    private Optional<String> refusal(Tx tx, CopyJob job, RecoveryPoint source, BackupVault destination,
                                     Lifecycle lifecycle) {
        boolean crossAccount = !destination.accountId().equals(job.accountId());
        if (crossAccount) {
            Optional<Membership.Org> org = rt.membership.of(tx, job.accountId());
            boolean sameOrg = org.isPresent() && rt.membership.of(tx, destination.accountId())
                    .map(o -> o.organizationId().equals(org.get().organizationId())).orElse(false);
            if (!sameOrg) {
                return Optional.of("Access denied: Copy job failed. Both source and destination account must be a "
                        + "member of the same organization");
            }
            if (!globalSettings.ofOrganization(tx, org.get()).crossAccountBackupEnabled()) {
                return Optional.of("Copy job failed: cross-account backup is not enabled for the organization. The "
                        + "management account enables it with UpdateGlobalSettings (isCrossAccountBackupEnabled).");
            }
            boolean fullyManaged = rt.capabilities(tx, job.accountId(), job.region(), job.resourceType())
                    .fullyManaged();
            if (DEFAULT_VAULT.equals(destination.name()) && !fullyManaged) {
                return Optional.of("Copy job failed: the destination backup vault cannot be the Default vault for "
                        + "resource type " + job.resourceType() + " because its AWS managed key aws/backup cannot "
                        + "be shared across accounts.");
            }
        }
        if (RecoveryPoint.COLD.equals(source.storageClass())) {
            return Optional.of("Copy job failed: recovery point " + source.arn() + " is in cold storage and cannot "
                    + "be copied.");
        }
        Optional<String> denied = rt.role.refusal(tx, job.iamRoleArn(), "backup:CopyIntoBackupVault",
                destination.arn(), null);
        if (denied.isPresent()) {
            return Optional.of("Copy job failed. " + denied.get());
        }
        if (destination.locked()) {
            Long days = lifecycle == null ? null : lifecycle.deleteAfterDays();
            return destination.lock().retentionViolation(days == null ? null : (int) Math.min(Integer.MAX_VALUE,
                    days));
        }
        return Optional.empty();
    }

    /** Moves the data outside any transaction, beside the other jobs of its instant, then records it in the job. */
    private void transfer(CopyJob job) {
        rt.moves.submit(() -> moveData(job), (tx, copied) -> record(tx, job, copied), (tx, e) -> failed(tx, job, e));
    }

    /** The copy's bytes, now in the destination vault's storage. */
    private record Copied(BackupVault destination, String storageId, RecoveryPointStat stat) {
    }

    /** A move taken over from a process that stopped after writing the whole copy keeps that copy (D64). */
    private Copied moveData(CopyJob job) {
        Ends ends = rt.store.read(tx -> {
            RecoveryPoint source = rt.jobs.point(tx, job.sourceRecoveryPointArn()).orElseThrow();
            RecoveryPoint copy = rt.jobs.point(tx, job.destinationRecoveryPointArn()).orElseThrow();
            return new Ends(rt.vault(tx, source.accountId(), source.region(), source.vaultName()).orElseThrow(),
                    source, rt.vault(tx, copy.accountId(), copy.region(), copy.vaultName()).orElseThrow(), copy);
        });
        RecoveryPointStat stat = rt.data.written(ends.destinationVault(), ends.copy().storageId())
                .orElseGet(() -> rt.data.copy(ends.sourceVault(), ends.source().storageId(), ends.destinationVault(),
                        ends.copy().storageId(), VaultData.retention(ends.destinationVault(), ends.copy().deleteAt(),
                                Instant.now(rt.clock))));
        return new Copied(ends.destinationVault(), ends.copy().storageId(), stat);
    }

    private void record(Tx tx, CopyJob job, Copied copied) {
        Optional<CopyJob> now = job(tx, job.accountId(), job.region(), job.jobId());
        Optional<RecoveryPoint> copy = rt.jobs.point(tx, job.destinationRecoveryPointArn());
        boolean ours = rt.endMove(tx, InFlightMove.COPY, job.accountId(), job.region(), job.jobId());
        // Stopped while the data moved, or taken over by another node that thought this one dead (D64).
        if (!ours || now.isEmpty() || now.get().finished() || copy.isEmpty()) {
            tx.afterCommit(() -> rt.data.delete(copied.destination(), copied.storageId()));
            return;
        }
        RecoveryPointStat stat = copied.stat();
        Instant done = Instant.now(rt.clock).plus(JobRuntime.transferTime(stat.logicalSize()));
        // The copy's point takes its size from the job when it completes: one write of the point fewer (D87).
        CopyJob transferred = now.get().transferred(stat.logicalSize(), done);
        put(tx, transferred);
        schedule(tx, transferred, "complete", done);
    }

    private void failed(Tx tx, CopyJob job, RuntimeException e) {
        LOG.log(Level.WARNING, "copy job " + job.jobId() + " failed", e);
        if (!rt.endMove(tx, InFlightMove.COPY, job.accountId(), job.region(), job.jobId())) {
            return; // another node moves it now (D64)
        }
        job(tx, job.accountId(), job.region(), job.jobId()).filter(j -> !j.finished())
                .ifPresent(j -> finish(tx, j, CopyJob.FAILED, "Copy job failed: " + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage())));
    }

    private record Ends(BackupVault sourceVault, RecoveryPoint source, BackupVault destinationVault,
                        RecoveryPoint copy) {
    }

    private void complete(Tx tx, CopyJob job) {
        Optional<RecoveryPoint> copy = rt.jobs.point(tx, job.destinationRecoveryPointArn());
        if (copy.isEmpty()) {
            finish(tx, job, CopyJob.FAILED, "Copy job failed: its destination recovery point is gone.");
            return;
        }
        Instant now = Instant.now(rt.clock);
        RecoveryPoint done = copy.get().written(job.backupSizeInBytes(), copy.get().restoreMetadata(),
                copy.get().resourceTags()).completed(now);
        rt.jobs.putPoint(tx, done);
        points.scheduleFirstLifecycle(tx, done);
        CopyJob completed = job.withState(CopyJob.COMPLETED, null, now);
        put(tx, completed);
        event(tx, "CopyJobCompleted", completed);
    }

    private void finish(Tx tx, CopyJob job, String state, String message) {
        if (job.destinationRecoveryPointArn() != null) {
            rt.jobs.point(tx, job.destinationRecoveryPointArn()).ifPresent(p -> points.discard(tx, p));
        }
        CopyJob ended = job.withState(state, message, Instant.now(rt.clock));
        put(tx, ended);
        rt.dropMove(tx, InFlightMove.COPY, job.accountId(), job.region(), job.jobId());
        event(tx, "CopyJobCompleted", ended);
    }

    private void event(Tx tx, String eventName, CopyJob job) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("copyJobId", job.jobId());
        details.put("sourceBackupVaultArn", job.sourceVaultArn());
        details.put("sourceRecoveryPointArn", job.sourceRecoveryPointArn());
        details.put("destinationBackupVaultArn", job.destinationVaultArn());
        details.put("destinationRecoveryPointArn", job.destinationRecoveryPointArn());
        details.put("resourceArn", job.resourceArn());
        details.put("resourceType", job.resourceType());
        details.put("state", job.state());
        details.put("statusMessage", job.statusMessage());
        details.put("bytesTransferred", job.backupSizeInBytes());
        details.put("creationDate", job.creationDate().toString());
        rt.events.record(tx, eventName, job.accountId(), job.region(), details, List.of(
                new TrailResource(job.sourceVaultArn(), job.accountId(), "AWS::Backup::BackupVault")));
    }

    private Optional<CopyJob> job(Tx tx, String account, String region, String jobId) {
        return rt.jobs.copyJob(tx, account, region, jobId);
    }

    private void put(Tx tx, CopyJob job) {
        rt.jobs.putCopyJob(tx, job);
    }

    private static void require(String value, String member) {
        if (value == null || value.isEmpty()) {
            throw BackupErrors.missingParameter(member);
        }
    }

    private static void schedule(Tx tx, CopyJob job, String phase, Instant due) {
        String key = job.accountId() + "/" + job.region() + "/" + job.jobId();
        tx.timers().schedule(TIMER + "/" + key + "/" + phase, TIMER, due, key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What to run again for a job whose move this node took over from a node that stopped (D64): its data move, into
     * the same recovery point; nothing when the job has ended or has its data meanwhile.
     */
    Optional<Runnable> redo(Tx tx, InFlightMove move) {
        return job(tx, move.accountId(), move.region(), move.jobId())
                .filter(CopyJob::awaitsData)
                .map(j -> () -> transfer(j));
    }
}
