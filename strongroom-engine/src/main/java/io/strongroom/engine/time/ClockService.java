package io.strongroom.engine.time;

import io.strongroom.kernel.ClockControl;
import io.strongroom.kernel.CommonErrors;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the passage of time: persists the simulated now, and runs every due timer in (due, sequence)
 * order, in transactions of the timers of one instant with the clock standing at their due time, so work
 * scheduled by a timer for a moment inside the same advance also runs, in order.
 *
 * <p>Several servers may share one store (decision D55): a timer is completed first and its work runs only when this
 * transaction removed it, so it runs once whichever node reaches it; the persisted now only moves forward, and each
 * node catches its own clock up with it ({@link #catchUp}) before it advances, and the server calls it regularly.
 */
public final class ClockService implements ClockControl {
    private static final Logger LOG = Logger.getLogger(ClockService.class.getName());
    private static final String COLLECTION = "clock";
    private static final String NOW_KEY = "now";
    /** Timers of one instant run per transaction (see runTimersInOrder). */
    private static final int BATCH = 256;

    private final Store store;
    private final SimClock clock;
    private final Map<String, TimerHandler> handlers = new HashMap<>();
    private final Object advanceLock = new Object();
    private final DataMoves moves;
    private volatile Looked looked;

    private ClockService(Store store, SimClock clock) {
        this.store = store;
        this.clock = clock;
        this.moves = new DataMoves(store);
    }

    /**
     * Opens the clock over a store: a simulated clock resumes from the persisted now, or starts at
     * {@code start} on a fresh store; {@code simulated=false} follows {@code wall}.
     */
    public static ClockService open(Store store, boolean simulated, Instant start, java.time.Clock wall) {
        if (!simulated) {
            return new ClockService(store, SimClock.following(wall));
        }
        Instant persisted = store.write(tx -> {
            Optional<Instant> existing = readNow(tx);
            if (existing.isPresent()) {
                return existing.get();
            }
            writeNow(tx, start);
            return start;
        });
        return new ClockService(store, SimClock.simulated(persisted));
    }

    public SimClock clock() {
        return clock;
    }

    /** The jobs' data moves, drained before the clock passes the instant they started at. */
    public DataMoves moves() {
        return moves;
    }

    public void register(TimerHandler handler) {
        handlers.put(handler.type(), handler);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public boolean simulated() {
        return clock.isSimulated();
    }

    @Override
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new ServiceException(CommonErrors.VALIDATION_EXCEPTION, "The clock only moves forward.");
        }
        synchronized (advanceLock) {
            catchUp();
            return moveTo(now().plus(duration));
        }
    }

    /** A simulated clock takes the store's now when another node sharing the store moved it further. */
    public void catchUp() {
        if (!clock.isSimulated()) {
            return;
        }
        store.read(ClockService::readNow).filter(persisted -> persisted.isAfter(clock.instant()))
                .ifPresent(clock::moveTo);
    }

    @Override
    public Instant set(Instant time) {
        synchronized (advanceLock) {
            catchUp();
            if (time.isBefore(now())) {
                throw new ServiceException(CommonErrors.VALIDATION_EXCEPTION,
                        "The clock only moves forward: " + time + " is before " + now() + ".");
            }
            return moveTo(time);
        }
    }

    /**
     * Runs the timers due by now: for the system clock those the wall clock has passed, for a simulated one those a
     * write scheduled for the present (the server calls this after every write call). Returns how many ran.
     */
    public int runDue() {
        Looked last = looked;
        long scheduled = store.timersScheduled();
        if (clock.isSimulated() && scheduled >= 0 && last != null && last.scheduled() == scheduled
                && last.at().equals(now())) {
            // Nothing was scheduled since a look at this same instant found nothing more due (D76).
            return 0;
        }
        synchronized (advanceLock) {
            long before = store.timersScheduled();
            Instant target = now();
            int ran = runTimersUpTo(target);
            looked = new Looked(before, target);
            return ran;
        }
    }

    /** A look for due timers that began after {@code scheduled} was read, with the clock at {@code at}. */
    private record Looked(long scheduled, Instant at) {
    }

    /** When the next pending timer is due, if any (the system-clock ticker sleeps until then). */
    public Optional<Instant> nextDue() {
        return store.read(tx -> tx.timers().nextDue());
    }

    private Instant moveTo(Instant target) {
        if (!clock.isSimulated()) {
            throw new ServiceException(CommonErrors.VALIDATION_EXCEPTION,
                    "The server runs on the system clock (--clock system); it cannot be moved.");
        }
        runTimersUpTo(target);
        store.write(tx -> {
            advanceNow(tx, target);
            return null;
        });
        catchUp();
        if (target.isAfter(clock.instant())) {
            clock.moveTo(target);
        }
        return target;
    }

    private int runTimersUpTo(Instant target) {
        moves.enter();
        try {
            return runTimersInOrder(target);
        } finally {
            try {
                moves.exit();
            } finally {
                // The timers' transactions did not each wait for the disk (writeDurableLater): one wait serves them
                // all before the caller answers anyone.
                store.awaitWritesDurable();
            }
        }
    }

    /**
     * The timers due by {@code target}, in order. The timers of one instant run in transactions of up to
     * {@link #BATCH} timers (one commit instead of one per timer); when one of them fails, the batch rolls
     * back and that instant's timers run again one per transaction, so the failing one is retired alone. The data
     * moves submitted by timers of one instant are recorded before a timer of a later instant runs (their
     * recordings may schedule timers of their own).
     */
    private int runTimersInOrder(Instant target) {
        int ran = 0;
        Instant instant = null;
        boolean isolate = false;
        while (true) {
            Optional<Timer> next = store.read(tx -> tx.timers().due(target, 1).stream().findFirst());
            if ((next.isEmpty() || !next.get().due().equals(instant)) && moves.pending()) {
                moves.drain();
                continue;
            }
            if (next.isEmpty()) {
                return ran;
            }
            Timer first = next.get();
            if (!first.due().equals(instant)) {
                instant = first.due();
                isolate = false;
            }
            int limit = isolate ? 1 : BATCH;
            try {
                ran += store.writeDurableLater(tx -> runBatch(tx, first, limit));
            } catch (RuntimeException e) {
                if (limit > 1) {
                    isolate = true; // find the failing timer: one transaction per timer for this instant
                    continue;
                }
                // The failed work rolled back; the timer is retired so one bad task cannot stall the clock.
                LOG.log(Level.SEVERE, "timer " + first.key() + " (" + first.type() + ") failed; retired", e);
                store.writeDurableLater(tx -> {
                    tx.timers().complete(first.sequence());
                    return null;
                });
                ran++;
            }
        }
    }

    /** Runs {@code first} and the timers due at the same instant after it, up to {@code limit}, in one transaction. */
    private int runBatch(Tx tx, Timer first, int limit) {
        if (clock.isSimulated()) {
            // Persisted by every attempt: a transaction the store runs again after a serialization conflict finds
            // the in-memory clock already moved by the attempt that rolled back (D64).
            advanceNow(tx, first.due());
            if (first.due().isAfter(clock.instant())) {
                clock.moveTo(first.due());
            }
        }
        int taken = 0;
        List<Timer> read = List.of(first);
        int next = 0;
        int scheduled = tx.timers().scheduledDueBy(first.due());
        while (taken < limit) {
            if (next == read.size() || tx.timers().scheduledDueBy(first.due()) != scheduled) {
                // Read again once the list is used up, or when a timer of this batch scheduled one at or before this
                // instant, which may come first (D85: before, the next timer was read after every one).
                read = instantTimers(tx, first.due(), limit - taken);
                next = 0;
                scheduled = tx.timers().scheduledDueBy(first.due());
                if (read.isEmpty()) {
                    break;
                }
            }
            Timer timer = read.get(next++);
            taken++;
            // false: another node sharing the store ran it, or a timer of this batch cancelled or rescheduled it
            if (tx.timers().completeAsRead(timer)) {
                runOne(tx, timer);
            } else {
                next = read.size(); // what is pending now decides what comes next
            }
        }
        return taken;
    }

    /** The pending timers due at {@code instant} (the earliest due: nothing due before it remains), in order. */
    private static List<Timer> instantTimers(Tx tx, Instant instant, int limit) {
        List<Timer> due = tx.timers().due(instant, limit);
        int sameInstant = 0;
        while (sameInstant < due.size() && due.get(sameInstant).due().equals(instant)) {
            sameInstant++;
        }
        return due.subList(0, sameInstant);
    }

    private void runOne(Tx tx, Timer timer) {
        TimerHandler handler = handlers.get(timer.type());
        if (handler == null) {
            // A timer nobody handles any more (a type removed in an upgrade) is dropped, not retried forever.
            LOG.warning("no handler for timer type " + timer.type() + " (key " + timer.key() + "); dropped");
            return;
        }
        handler.run(tx, timer);
    }

    private static Optional<Instant> readNow(Tx tx) {
        return tx.get(COLLECTION, NOW_KEY)
                .map(r -> Instant.parse(new String(r.value(), StandardCharsets.UTF_8)));
    }

    /** Moves the persisted now forward, never back (another node may have moved it further). */
    private static void advanceNow(Tx tx, Instant now) {
        if (readNow(tx).map(persisted -> persisted.isBefore(now)).orElse(true)) {
            writeNow(tx, now);
        }
    }

    private static void writeNow(Tx tx, Instant now) {
        tx.put(COLLECTION, NOW_KEY, now.toString().getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }
}
