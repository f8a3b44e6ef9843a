package io.strongroom.engine.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock every part of the domain reads. Simulated: it stands still until the clock service moves
 * it. System: it follows the wall clock. Either way the domain only ever sees this object.
 */
public final class SimClock extends Clock {
    private final boolean simulated;
    private final Clock wall;
    private volatile Instant simulatedNow;

    private SimClock(boolean simulated, Instant start, Clock wall) {
        this.simulated = simulated;
        this.simulatedNow = start;
        this.wall = wall;
    }

    public static SimClock simulated(Instant start) {
        return new SimClock(true, start, null);
    }

    public static SimClock following(Clock wall) {
        return new SimClock(false, null, wall);
    }

    public boolean isSimulated() {
        return simulated;
    }

    /** Moves a simulated clock; only the clock service calls this. */
    void moveTo(Instant instant) {
        if (!simulated) {
            throw new IllegalStateException("the system clock cannot be moved");
        }
        simulatedNow = instant;
    }

    @Override
    public Instant instant() {
        return simulated ? simulatedNow : wall.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Strongroom's clock is always UTC");
    }
}
