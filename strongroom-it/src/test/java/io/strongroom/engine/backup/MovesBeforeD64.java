package io.strongroom.engine.backup;

import io.strongroom.storage.Store;

/**
 * A store as a server of a version before decision D64 left it: jobs RUNNING with no record of the node moving their
 * data (those versions kept none). Made through the engine's own job store, on a store no server has open.
 */
public final class MovesBeforeD64 {
    private MovesBeforeD64() {
    }

    /** Deletes every move record; returns how many there were. */
    public static int forgetOwners(Store store) {
        JobStore jobs = new JobStore();
        return store.write(tx -> {
            var moves = jobs.moves(tx);
            moves.forEach(m -> jobs.deleteMove(tx, m.kind(), m.accountId(), m.region(), m.jobId()));
            return moves.size();
        });
    }
}
