package io.strongroom.engine.cloudtrail;

import io.strongroom.engine.cache.GenerationCache;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.time.TimerHandler;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers the events of logging trails into their buckets on the clock (D133). Events are gathered in windows of
 * five minutes per trail, account and Region; the first event of a window schedules its delivery five minutes after
 * the window ends, and the delivery writes one log file with the window's events the trail takes. Recording an event
 * costs nothing more while no trail is logging: the logging trails are kept per generation of the trails.
 */
public final class TrailDelivery {
    public static final String TIMER = "cloudtrail.deliver";
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final TrailService trails;
    private final EventHistory history;
    private final TrailPorts.Organizations organizations;
    private final TrailPorts.Buckets buckets;
    private final IdGenerator ids;
    private final Clock clock;
    private final GenerationCache<String, List<Trail>> logging = new GenerationCache<>(TrailService.GENERATION);
    /** Deliveries known to be scheduled by committed transactions: their later events need no new timer. */
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    /** Deliveries an open transaction has scheduled (its events of one window schedule once). */
    private final Map<Tx, Set<String>> scheduling = Collections.synchronizedMap(new WeakHashMap<>());

    public TrailDelivery(TrailService trails, EventHistory history, TrailPorts.Organizations organizations,
                         TrailPorts.Buckets buckets, IdGenerator ids, Clock clock) {
        this.trails = trails;
        this.history = history;
        this.organizations = organizations;
        this.buckets = buckets;
        this.ids = ids;
        this.clock = clock;
    }

    public TimerHandler timerHandler() {
        return TimerHandler.ofTimer(TIMER, this::deliver);
    }

    /** An event was recorded: its window's delivery is scheduled for every logging trail that takes it. */
    public void recorded(Tx tx, TrailEvent event) {
        if (tx.readOnly()) {
            return;
        }
        List<Trail> on = logging.get(tx, "", () -> trails.logging(tx));
        for (Trail trail : on) {
            if (takes(tx, trail, event)) {
                schedule(tx, trail, event.recipientAccountId(), event.awsRegion(), window(event.eventTime()));
            }
        }
    }

    private boolean takes(Tx tx, Trail trail, TrailEvent event) {
        if (!trail.takes(event)) {
            return false;
        }
        String account = event.recipientAccountId();
        if (trail.homeAccount().equals(account)) {
            return true;
        }
        return trail.organizationTrail() && organizations.organizationId(tx, account)
                .map(trail.organizationId()::equals).orElse(false);
    }

    private void schedule(Tx tx, Trail trail, String account, String region, Instant window) {
        String key = TIMER + "/" + trail.arn() + "/" + account + "/" + region + "/" + window.toEpochMilli();
        if (scheduled.contains(key)) {
            return;
        }
        Set<String> mine = scheduling.computeIfAbsent(tx, t -> {
            Set<String> keys = ConcurrentHashMap.newKeySet();
            t.afterCommitInProcess(() -> remember(keys));
            return keys;
        });
        if (mine.add(key)) {
            String payload = trail.arn() + "\n" + account + "\n" + region + "\n" + window.toEpochMilli();
            tx.timers().schedule(key, TIMER, window.plus(WINDOW).plus(WINDOW),
                    payload.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void remember(Set<String> keys) {
        if (scheduled.size() > 10_000) {
            scheduled.clear(); // an old key only costs a repeated, idempotent schedule
        }
        scheduled.addAll(keys);
    }

    private void deliver(Tx tx, Timer timer) {
        String[] parts = new String(timer.payload(), StandardCharsets.UTF_8).split("\n");
        String account = parts[1];
        String region = parts[2];
        Instant from = Instant.ofEpochMilli(Long.parseLong(parts[3]));
        scheduled.remove(timer.key());
        trails.byArn(tx, parts[0]).ifPresent(trail -> {
            List<TrailEvent> events = history.between(tx, account, region, from, from.plus(WINDOW)).stream()
                    .filter(e -> trail.loggedAt(e.eventTime()) && trail.takes(e))
                    .toList();
            if (events.isEmpty()) {
                return;
            }
            Instant now = Instant.now(clock);
            String key = TrailLogFiles.key(trail, account, region, now, ids.hex(tx, 16).toUpperCase());
            String error = buckets.put(tx, trail, key, TrailLogFiles.content(events)).orElse(null);
            trails.recordDelivery(tx, trail, now, error);
        });
    }

    /** The start of the five-minute window holding {@code time}. */
    static Instant window(Instant time) {
        long size = WINDOW.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), size) * size);
    }
}
