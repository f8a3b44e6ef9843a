package io.strongroom.kernel;

import java.time.Duration;
import java.time.Instant;

/**
 * The server's clock, as the admin API and the launcher drive it. Moving it runs every piece of
 * deferred work that falls due, in (time, sequence) order, before the call returns.
 */
public interface ClockControl {
    Instant now();

    /** True for the simulated clock; false when the clock follows the wall clock. */
    boolean simulated();

    /** Moves a simulated clock forward by {@code duration}, running due work; returns the new now. */
    Instant advance(Duration duration);

    /** Moves a simulated clock forward to {@code time} (never backwards), running due work. */
    Instant set(Instant time);
}
