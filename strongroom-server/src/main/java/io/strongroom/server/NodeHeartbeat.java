package io.strongroom.server;

import io.strongroom.engine.backup.MoveWatchdog;
import io.strongroom.engine.cluster.Nodes;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On a store shared with other servers (decision D64), in real time: renews this node's lease five times per lease
 * period, and, on a thread of its own so that a long take-over never delays a renewal, takes over the data moves of
 * nodes whose lease ran out, running them again on the server's data-move threads.
 */
final class NodeHeartbeat implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class.getName());
    private static final long PERIOD_MILLIS = Nodes.LEASE.toMillis() / 5;

    private final ScheduledExecutorService threads;

    private NodeHeartbeat(ScheduledExecutorService threads) {
        this.threads = threads;
    }

    static NodeHeartbeat start(MoveWatchdog watchdog, Clock wall, Executor moveThreads) {
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "strongroom-node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        threads.scheduleWithFixedDelay(() -> {
            try {
                watchdog.renew(wall.instant());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not renew this node's lease", e);
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(() -> {
            try {
                watchdog.takeOverLost(wall.instant(), moveThreads);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not take over the moves of stopped nodes", e);
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return new NodeHeartbeat(threads);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
