package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Deletes a table's expired items on the clock while its time to live is enabled (D110): one timer per table, due
 * {@link #INTERVAL} after enabling and after each complete pass. A pass reads at most {@link #PAGE} items per
 * transaction; when more remain it continues {@link #CONTINUE_AFTER} later from the last key read, so a large table
 * is swept in many small transactions rather than one.
 */
public final class TimeToLiveSweep {
    public static final String TIMER = "dynamodb.ttl-sweep";
    /** AWS deletes "typically within two days"; a day keeps a long clock move's sweeps few (D110). */
    static final Duration INTERVAL = Duration.ofDays(1);
    static final Duration CONTINUE_AFTER = Duration.ofSeconds(1);
    static final int PAGE = 500;

    private final DynamoDbService tables;
    private final Clock clock;

    TimeToLiveSweep(DynamoDbService tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    void start(Tx tx, Table table, String attributeName, Instant now) {
        schedule(tx, new Pass(table, attributeName, ""), now.plus(INTERVAL));
    }

    void stop(Tx tx, Table table) {
        tx.timers().cancel(key(table.tableId()));
    }

    /** The timer's work: one page of the pass; the next page, or the next pass, is scheduled. */
    public void onTimer(Tx tx, byte[] payload) {
        Pass pass = DynamoDbCodecs.TTL_PASS.decode(payload);
        Table table = tables.findTable(tx, pass.account(), pass.region(), pass.name())
                .filter(t -> t.tableId().equals(pass.tableId())).orElse(null);
        if (table == null) {
            return; // deleted (and perhaps made again): its sweep ended with it
        }
        Instant now = Instant.now(clock);
        TimeToLive ttl = new TimeToLive(true, pass.attributeName(), null);
        ScanPage page = tx.scan(new ScanQuery(DynamoDbService.ITEMS, KeyEncoding.tablePrefix(table.tableId()),
                pass.after().isEmpty() ? null : pass.after(), PAGE, false));
        Boolean kept = null;
        for (StoredRecord r : page.records()) {
            Map<String, AttributeValue> item = DynamoDbCodecs.ITEM.decode(r.value());
            if (ttl.expired(item, now)) {
                if (kept == null) {
                    kept = tables.keepsHistory(tx, table);
                }
                if (kept) {
                    tables.remember(tx, table, r.key(), item); // a restore to before the sweep has the item (D121)
                }
                tx.delete(DynamoDbService.ITEMS, r.key(), r.version());
            }
        }
        if (page.lastKey() != null) {
            schedule(tx, pass.after(page.lastKey()), now.plus(CONTINUE_AFTER));
        } else {
            schedule(tx, pass.after(""), now.plus(INTERVAL));
        }
    }

    private static void schedule(Tx tx, Pass pass, Instant due) {
        tx.timers().schedule(key(pass.tableId()), TIMER, due, DynamoDbCodecs.TTL_PASS.encode(pass));
    }

    private static String key(String tableId) {
        return TIMER + "/" + tableId;
    }

    /** Which table, by which attribute, and the last item key read ("" at the start of a pass). */
    public record Pass(String tableId, String account, String region, String name, String attributeName,
                       String after) {
        Pass(Table table, String attributeName, String after) {
            this(table.tableId(), table.accountId(), table.region(), table.name(), attributeName, after);
        }

        Pass after(String key) {
            return new Pass(tableId, account, region, name, attributeName, key);
        }
    }
}
