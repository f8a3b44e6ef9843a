package io.strongroom.server;

import io.strongroom.engine.time.ClockService;

import java.util.logging.Level;
import java.util.logging.Logger;

/** With {@code --clock system}, runs due timers as real time passes them. */
final class SystemClockTicker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SystemClockTicker.class.getName());
    private static final long TICK_MILLIS = 1000;

    private final Thread thread;
    private volatile boolean running = true;

    private SystemClockTicker(ClockService clock) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    clock.runDue();
                    Thread.sleep(TICK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "running due timers failed", e);
                }
            }
        }, "strongroom-clock");
        thread.setDaemon(true);
    }

    static SystemClockTicker start(ClockService clock) {
        SystemClockTicker ticker = new SystemClockTicker(clock);
        ticker.thread.start();
        return ticker;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
