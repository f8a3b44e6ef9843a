package io.strongroom.server;

import io.strongroom.engine.time.ClockService;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On a store shared with other servers, keeps this server's simulated clock up with the store's now (decision D55): a
 * server that does not advance the clock itself still answers with the time another one moved it to.
 */
final class SharedClockFollower implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SharedClockFollower.class.getName());
    private final ScheduledExecutorService follower;

    private SharedClockFollower(ScheduledExecutorService follower) {
        this.follower = follower;
    }

    static SharedClockFollower start(ClockService clock, Duration period) {
        ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strongroom-clock-follower");
            t.setDaemon(true);
            return t;
        });
        follower.scheduleWithFixedDelay(() -> {
            try {
                clock.catchUp();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "could not read the shared clock", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new SharedClockFollower(follower);
    }

    @Override
    public void close() {
        follower.shutdownNow();
    }
}
