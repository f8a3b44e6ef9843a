package io.strongroom.engine.backup;

import io.strongroom.engine.cluster.Nodes;
import io.strongroom.storage.Store;
import io.strongroom.storage.Tx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes over the data moves of jobs whose node stopped before recording them (decision D64). Every job turning
 * RUNNING records the node that moves its data ({@link InFlightMove}); that node records the outcome only while it
 * still owns the move. A surviving node finds the moves whose owner's lease ran out, makes them its own in one
 * transaction (so one node wins each) and runs them again into the same recovery point; a job that has ended or has
 * its data meanwhile only loses its move record. Called by the server (the engine has no threads nor real time): on
 * its real-time ticker when several servers share the store, and once at start.
 */
public final class MoveWatchdog {
    private static final Logger LOG = Logger.getLogger(MoveWatchdog.class.getName());

    private final Store store;
    private final Nodes nodes;
    private final JobStore jobs;
    private final BackupJobService backups;
    private final CopyJobService copies;
    private final RestoreJobService restores;

    MoveWatchdog(JobRuntime rt, BackupJobService backups, CopyJobService copies, RestoreJobService restores) {
        this.store = rt.store;
        this.nodes = rt.nodes;
        this.jobs = rt.jobs;
        this.backups = backups;
        this.copies = copies;
        this.restores = restores;
    }

    /**
     * The node named as the mover of the jobs a server of a version before D64 left RUNNING: such a server recorded no
     * move, and this node never holds a lease, so its moves are always lost ones.
     */
    static final String EARLIER_VERSION = "before-D64";

    /**
     * At every start, on either store: a job left RUNNING without its data by a server of a version before D64 has no
     * move record, so no node would ever move its data nor end it. It becomes a move of {@link #EARLIER_VERSION} and
     * is moved again like any lost move (decision D69): before serving on a store of its own ({@link #takeOverAll}),
     * at the first watchdog tick on a shared store. Since D64 a job turns RUNNING and records its move in one
     * transaction, so no later server leaves such a job. Returns how many it found.
     */
    public int adoptMovesWithoutOwner(Tx tx) {
        List<InFlightMove> unowned = new ArrayList<>();
        jobs.openBackupJobs(tx).stream().filter(BackupJob::awaitsData).forEach(j -> unowned.add(new InFlightMove(
                InFlightMove.BACKUP, j.accountId(), j.region(), j.jobId(), EARLIER_VERSION)));
        jobs.openCopyJobs(tx).stream().filter(CopyJob::awaitsData).forEach(j -> unowned.add(new InFlightMove(
                InFlightMove.COPY, j.accountId(), j.region(), j.jobId(), EARLIER_VERSION)));
        jobs.openRestoreJobs(tx).stream().filter(RestoreJob::awaitsData).forEach(j -> unowned.add(new InFlightMove(
                InFlightMove.RESTORE, j.accountId(), j.region(), j.jobId(), EARLIER_VERSION)));
        int adopted = 0;
        for (InFlightMove move : unowned) {
            if (jobs.moveOwner(tx, move.kind(), move.accountId(), move.region(), move.jobId()).isEmpty()) {
                LOG.info("the data of " + move.key() + " was left moving by a server before D64; it moves again");
                jobs.putMove(tx, move);
                adopted++;
            }
        }
        return adopted;
    }

    /** On a store shared with other servers: this node is alive for another {@link Nodes#LEASE} of real time. */
    public void renew(Instant wallNow) {
        store.write(tx -> {
            nodes.renew(tx, wallNow);
            return null;
        });
    }

    /**
     * On a store shared with other servers: takes over the moves of the nodes whose lease had run out at {@code
     * wallNow} (real time) and runs them again on {@code threads}. Returns how many it took over to run again.
     */
    public int takeOverLost(Instant wallNow, Executor threads) {
        Function<Tx, Predicate<String>> lostIn = tx -> owner -> !nodes.alive(tx, owner, wallNow);
        // Most ticks find nothing to do: they only read, so they never conflict with the clock's transactions.
        boolean work = store.read(tx -> !nodes.expired(tx, wallNow).isEmpty()
                || jobs.moves(tx).stream().map(InFlightMove::node).anyMatch(lostIn.apply(tx)));
        return !work ? 0 : takeOver(tx -> {
            nodes.forgetExpired(tx, wallNow);
            return lostIn.apply(tx);
        }, threads);
    }

    /**
     * At the start of the only server of a store (SQLite): every move in flight was lost with the process before
     * this one, so each runs again now, on the caller's thread, before the server serves.
     */
    public int takeOverAll() {
        return takeOver(tx -> owner -> !owner.equals(nodes.self()), Runnable::run);
    }

    private int takeOver(Function<Tx, Predicate<String>> lostIn, Executor threads) {
        List<Runnable> redo = store.write(tx -> {
            Predicate<String> lost = lostIn.apply(tx);
            List<Runnable> runs = new ArrayList<>();
            // Writes run serializable on a shared store: of two nodes taking over one move, one commits.
            for (InFlightMove move : jobs.moves(tx)) {
                if (!lost.test(move.node())) {
                    continue;
                }
                Optional<Runnable> run = redo(tx, move);
                if (run.isPresent()) {
                    LOG.info("node " + nodes.self() + " moves again the data of " + move.key() + ", lost with node "
                            + move.node());
                    jobs.putMove(tx, move.ownedBy(nodes.self()));
                    runs.add(run.get());
                } else {
                    jobs.deleteMove(tx, move.kind(), move.accountId(), move.region(), move.jobId());
                }
            }
            return runs;
        });
        for (Runnable run : redo) {
            threads.execute(() -> {
                try {
                    run.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a move taken over could not run again", e);
                }
            });
        }
        return redo.size();
    }

    private Optional<Runnable> redo(Tx tx, InFlightMove move) {
        return switch (move.kind()) {
            case InFlightMove.BACKUP -> backups.redo(tx, move);
            case InFlightMove.COPY -> copies.redo(tx, move);
            case InFlightMove.RESTORE -> restores.redo(tx, move);
            default -> Optional.empty();
        };
    }
}
