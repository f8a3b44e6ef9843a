package io.strongroom.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What UpdateTable changed of a table and when, as far as DescribeTable reports it or AWS's quotas are judged on it
 * (D115). A table never updated has {@link #NONE}.
 *
 * @param throughput                the table's own throughput changes
 * @param lastUpdateToPayPerRequest when UpdateTable last switched the table to PAY_PER_REQUEST; null when it never
 *                                  did (a table created PAY_PER_REQUEST reports its creation)
 * @param switchesToPayPerRequest   the last switches to PAY_PER_REQUEST, oldest first, at most
 *                                  {@link #SWITCHES_TO_PAY_PER_REQUEST}
 * @param tableClassUpdates         the last TableClass updates, oldest first, at most {@link #TABLE_CLASS_UPDATES}
 * @param definitionChanged         when billing, throughput or indexes last changed; null when never
 */
public record TableHistory(ThroughputHistory throughput, Instant lastUpdateToPayPerRequest,
                           List<Instant> switchesToPayPerRequest, List<Instant> tableClassUpdates,
                           Instant definitionChanged) {
    public static final TableHistory NONE = new TableHistory(ThroughputHistory.NONE, null, List.of(), List.of(), null);
    /** AWS: "up to four times in a 24-hour rolling window". */
    static final int SWITCHES_TO_PAY_PER_REQUEST = 4;
    static final Duration SWITCH_WINDOW = Duration.ofDays(1);
    /** AWS: "Updates to TableClass are limited to 2 times in 30 day(s)". */
    static final int TABLE_CLASS_UPDATES = 2;
    static final Duration TABLE_CLASS_WINDOW = Duration.ofDays(30);

    public TableHistory {
        throughput = throughput == null ? ThroughputHistory.NONE : throughput;
        switchesToPayPerRequest = List.copyOf(switchesToPayPerRequest == null ? List.of() : switchesToPayPerRequest);
        tableClassUpdates = List.copyOf(tableClassUpdates == null ? List.of() : tableClassUpdates);
    }

    /** When the table may next switch to PAY_PER_REQUEST, if not now. */
    Optional<Instant> nextSwitchToPayPerRequestAfter(Instant now) {
        return nextAfter(switchesToPayPerRequest, SWITCHES_TO_PAY_PER_REQUEST, SWITCH_WINDOW, now);
    }

    /** When the table's class may next be updated, if not now. */
    Optional<Instant> nextTableClassUpdateAfter(Instant now) {
        return nextAfter(tableClassUpdates, TABLE_CLASS_UPDATES, TABLE_CLASS_WINDOW, now);
    }

    /** A rolling window: the oldest of the last {@code limit} events leaves it {@code window} after it happened. */
    private static Optional<Instant> nextAfter(List<Instant> events, int limit, Duration window, Instant now) {
        if (events.size() < limit) {
            return Optional.empty();
        }
        Instant oldest = events.get(events.size() - limit).plus(window);
        return now.isBefore(oldest) ? Optional.of(oldest) : Optional.empty();
    }

    TableHistory withThroughput(ThroughputHistory changed) {
        return new TableHistory(changed, lastUpdateToPayPerRequest, switchesToPayPerRequest, tableClassUpdates,
                definitionChanged);
    }

    TableHistory switchedToPayPerRequest(Instant now) {
        return new TableHistory(throughput, now, last(switchesToPayPerRequest, now, SWITCHES_TO_PAY_PER_REQUEST),
                tableClassUpdates, definitionChanged);
    }

    /** A table created PAY_PER_REQUEST keeps its creation as its last switch to it once it switches away. */
    TableHistory payPerRequestSince(Instant since) {
        return new TableHistory(throughput, since, switchesToPayPerRequest, tableClassUpdates, definitionChanged);
    }

    TableHistory tableClassUpdated(Instant now) {
        return new TableHistory(throughput, lastUpdateToPayPerRequest, switchesToPayPerRequest,
                last(tableClassUpdates, now, TABLE_CLASS_UPDATES), definitionChanged);
    }

    TableHistory definitionChanged(Instant now) {
        return new TableHistory(throughput, lastUpdateToPayPerRequest, switchesToPayPerRequest, tableClassUpdates,
                now);
    }

    /** The table class's last update, if it was ever updated. */
    Optional<Instant> lastTableClassUpdate() {
        return tableClassUpdates.isEmpty() ? Optional.empty()
                : Optional.of(tableClassUpdates.get(tableClassUpdates.size() - 1));
    }

    private static List<Instant> last(List<Instant> events, Instant now, int keep) {
        List<Instant> out = new ArrayList<>(events);
        out.add(now);
        return out.subList(Math.max(0, out.size() - keep), out.size());
    }
}
