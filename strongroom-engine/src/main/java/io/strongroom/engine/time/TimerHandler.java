package io.strongroom.engine.time;

import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;

/** Runs one type of deferred work when the clock reaches it, inside the transaction that completes it. */
public interface TimerHandler {
    String type();

    void run(Tx tx, Timer timer);

    /** A handler that passes the whole timer (its key, due time and payload) to {@code work}. */
    static TimerHandler ofTimer(String type, java.util.function.BiConsumer<Tx, Timer> work) {
        return new TimerHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void run(Tx tx, Timer timer) {
                work.accept(tx, timer);
            }
        };
    }

    /** A handler that passes the timer's payload to {@code work} (for resource modules, which know no timers). */
    static TimerHandler of(String type, java.util.function.BiConsumer<Tx, byte[]> work) {
        return new TimerHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void run(Tx tx, Timer timer) {
                work.accept(tx, timer.payload());
            }
        };
    }
}
