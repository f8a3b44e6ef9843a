package io.strongroom.engine.backup;

import io.strongroom.engine.time.DataMoves;

import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.cluster.Nodes;
import io.strongroom.engine.cloudtrail.EventHistory;
import io.strongroom.engine.iam.IamDirectory;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.time.TimerHandler;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Store;
import io.strongroom.vaultstorage.VaultStorage;

import java.time.Clock;
import java.util.List;

/** AWS Backup's data plane, built once: backup, restore and copy jobs and the recovery points they make and read. */
public final class BackupJobs {
    private final BackupJobService backups;
    private final RecoveryPointService points;
    private final RestoreJobService restores;
    private final LegalHoldService legalHolds;
    private final RestoreTestingService restoreTesting;
    private final GlobalSettingsService globalSettings;
    private final CopyJobService copies;
    private final VaultGarbageCollection garbage;
    private final MoveWatchdog watchdog;

    public BackupJobs(Store store, VaultService vaults, RegionSettingsService settings,
                      List<ResourceProvider> providers, VaultStorage storage, IamDirectory iam, Authorizer authorizer,
                      EventHistory history, Clock clock, DataMoves moves, IdGenerator ids, Membership membership,
                      Nodes nodes) {
        JobRuntime rt = new JobRuntime(store, vaults, settings, providers, new VaultData(storage),
                new JobRole(iam, authorizer, clock), new BackupEvents(history, clock), clock, moves, ids, membership,
                nodes);
        moves.syncWritesWith(rt.data::syncWrites);
        this.points = new RecoveryPointService(rt);
        this.backups = new BackupJobService(rt, points);
        this.restores = new RestoreJobService(rt, points);
        this.legalHolds = new LegalHoldService(rt, points);
        this.restoreTesting = new RestoreTestingService(rt, restores);
        points.holds(legalHolds::held);
        this.globalSettings = new GlobalSettingsService(membership, clock);
        this.copies = new CopyJobService(rt, points, globalSettings);
        this.garbage = new VaultGarbageCollection(storage, clock);
        store.write(tx -> {
            rt.jobs.ensureIndexes(tx); // a data directory written before the listing indexes (D61)
            return null;
        });
        this.watchdog = new MoveWatchdog(rt, backups, copies, restores);
    }

    /** Runs again the data moves lost with the server that was moving them (D64). */
    public MoveWatchdog watchdog() {
        return watchdog;
    }

    public BackupJobService backups() {
        return backups;
    }

    public RecoveryPointService recoveryPoints() {
        return points;
    }

    public RestoreJobService restores() {
        return restores;
    }

    public LegalHoldService legalHolds() {
        return legalHolds;
    }

    public RestoreTestingService restoreTesting() {
        return restoreTesting;
    }

    public CopyJobService copies() {
        return copies;
    }

    public GlobalSettingsService globalSettings() {
        return globalSettings;
    }

    public List<TimerHandler> timerHandlers() {
        return List.of(TimerHandler.ofTimer(BackupJobService.TIMER, backups::onTimer),
                TimerHandler.ofTimer(RecoveryPointService.TIMER, points::onTimer),
                TimerHandler.ofTimer(RestoreJobService.TIMER, restores::onTimer),
                TimerHandler.ofTimer(RestoreTestingService.RUN_TIMER, restoreTesting::onRunTimer),
                TimerHandler.ofTimer(RestoreTestingService.DELETE_TIMER, restoreTesting::onDeleteTimer),
                TimerHandler.ofTimer(CopyJobService.TIMER, copies::onTimer),
                TimerHandler.ofTimer(VaultGarbageCollection.TIMER, garbage::onTimer));
    }

    /** The handler of plan rule firings (the scheduler is built over plans and selections, outside this class). */
    public static TimerHandler handler(PlanScheduler scheduler) {
        return TimerHandler.ofTimer(PlanScheduler.TIMER, scheduler::onTimer);
    }

    /**
     * At start: the tallies exist and the daily storage GC is due. Moves a stop interrupted
     * are not ended here but run again by the {@link #watchdog()} (D64): on a shared store another server may still
     * be moving them; those a server before D64 left without an owner get one that is never alive (D69).
     */
    public void start(io.strongroom.storage.Tx tx) {
        JobStore jobs = new JobStore();
        jobs.tallies().buildIfMissing(tx, jobs);
        watchdog.adoptMovesWithoutOwner(tx);
        garbage.schedule(tx);
    }
}
