package io.strongroom.engine.backup;

import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;
import io.strongroom.vaultstorage.VaultStorage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reclaims the vault storage's space once a day on the clock (at 00:00 UTC): expired and deleted recovery points are
 * removed from the storage when they go, and the garbage collection repacks what they leave. It runs after the
 * timer's transaction commits, outside any transaction, as the storage engine requires.
 */
final class VaultGarbageCollection {
    static final String TIMER = "backup.vault-storage-gc";
    private static final Logger LOG = Logger.getLogger(VaultGarbageCollection.class.getName());

    private final VaultStorage storage;
    private final Clock clock;

    VaultGarbageCollection(VaultStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** At start: the next collection is due at the next midnight UTC (a stored one is kept or moved there). */
    void schedule(Tx tx) {
        next(tx, Instant.now(clock));
    }

    void onTimer(Tx tx, Timer timer) {
        next(tx, timer.due());
        tx.afterCommit(() -> {
            try {
                storage.collectGarbage();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "vault storage garbage collection failed; tried again tomorrow", e);
            }
        });
    }

    private static void next(Tx tx, Instant after) {
        Instant due = after.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        // The key names the day: the timer running now is removed once its handler returns.
        tx.timers().schedule(TIMER + "/" + due, TIMER, due, new byte[0]);
    }
}
