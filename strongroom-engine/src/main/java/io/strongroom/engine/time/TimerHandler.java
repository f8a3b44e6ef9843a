package io.strongroom.engine.time;

import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;

/** Runs one type of deferred work when the clock reaches it, inside the transaction that completes it. */
public interface TimerHandler {
    String type();

    void run(Tx tx, Timer timer);
}
