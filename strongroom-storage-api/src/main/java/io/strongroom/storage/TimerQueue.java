package io.strongroom.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persisted deferred work. Timers run in (due, sequence) order; a key names a timer idempotently. */
public interface TimerQueue {
    /**
     * Schedules a timer. Scheduling a key that is already pending replaces its due time, type and
     * payload but keeps it pending once, under its original sequence (idempotent); returns the
     * timer's sequence.
     */
    long schedule(String key, String type, Instant due, byte[] payload);

    /** Cancels a pending timer; false when no timer has that key. */
    boolean cancel(String key);

    /** Pending timers due at or before {@code upTo}, in (due, sequence) order. */
    List<Timer> due(Instant upTo, int limit);

    /**
     * Removes a timer that has run. Returns false when it is no longer pending (another node completed it):
     * completing first and running only on true makes a timer run once across nodes sharing a store.
     */
    boolean complete(long sequence);

    /**
     * Removes a timer that has run if it is still pending exactly as {@code read} (the same sequence, key, type, due
     * time and payload): false when another node completed it, or this transaction cancelled or rescheduled it since
     * it was read. Lets a caller run several timers read by one {@link #due} without reading again before each.
     */
    boolean completeAsRead(Timer read);

    /**
     * How many times this transaction has scheduled a timer due at or before {@code upTo}: a timer read by an earlier
     * {@link #due} may no longer come first once this count moves.
     */
    int scheduledDueBy(Instant upTo);

    /** The earliest due time of any pending timer. */
    Optional<Instant> nextDue();
}
