package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.storage.Collection;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a table's items were, kept while its point-in-time recovery is enabled (D121). Before each write of an item
 * the item as it was (or that there was none) is kept in {@code dynamodb.item-history} under
 * {@code <tableId>/<instant>/<item key>}, in the write's own transaction. The table as of an instant is then its items
 * now, with every item written since put back as it was before its first write after that instant: nothing is copied
 * when recovery is enabled, and history older than the window is never read again, so a daily trim deletes it.
 */
public final class ItemHistory {
    static final String HISTORY = "dynamodb.item-history";
    /** The timer type of a table's daily trim. */
    public static final String TIMER = "dynamodb.pitr-trim";
    static final Duration INTERVAL = Duration.ofDays(1);
    static final Duration CONTINUE_AFTER = Duration.ofSeconds(1);
    static final int PAGE = 500;
    /** Epoch seconds in 11 digits and nanoseconds in 9: key order is time order until the year 5138. */
    private static final int INSTANT_WIDTH = 20;

    private final Collection<Before> entries = new Collection<>(HISTORY, DynamoDbCodecs.ITEM_BEFORE);

    /** An item before a write; null when there was none. */
    public record Before(Map<String, AttributeValue> item) {
    }

    /** A table's trim timer's payload: which table (a table made again under its name has another id). */
    public record Trim(String tableId, String account, String region, String name) {
        Trim(Table table) {
            this(table.tableId(), table.accountId(), table.region(), table.name());
        }
    }

    /** One write of an item: its store key and the item before it (null: none). */
    record Change(String itemKey, Map<String, AttributeValue> before) {
    }

    /**
     * Keeps the item as it was before a write at {@code at}. A later write of it at the same instant keeps the first
     * write's: the table as of that instant has them all.
     */
    void record(Tx tx, Table table, String itemKey, Map<String, AttributeValue> before, Instant at) {
        String key = key(table.tableId(), at, itemKey);
        if (entries.get(tx, key).isEmpty()) {
            entries.put(tx, key, new Before(before), Tx.ABSENT);
        }
    }

    /** The table's writes after {@code instant} (not those at it), oldest first. */
    List<Change> after(Tx tx, Table table, Instant instant) {
        String prefix = KeyEncoding.tablePrefix(table.tableId());
        List<Change> out = new ArrayList<>();
        String cursor = prefix + instant(instant) + "0"; // '0' follows the '/' that ends every key of that instant
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(HISTORY, prefix, cursor, PAGE, false));
            for (StoredRecord r : page.records()) {
                out.add(new Change(itemKey(prefix, r.key()), DynamoDbCodecs.ITEM_BEFORE.decode(r.value()).item()));
            }
            if (page.lastKey() == null) {
                return out;
            }
            cursor = page.lastKey();
        }
    }

    /** Deletes at most {@code limit} of the table's writes at or before {@code cutoff}; true when more may remain. */
    boolean trim(Tx tx, Table table, Instant cutoff, int limit) {
        String prefix = KeyEncoding.tablePrefix(table.tableId());
        String end = prefix + instant(cutoff) + "0";
        ScanPage page = tx.scan(new ScanQuery(HISTORY, prefix, null, limit, false));
        for (StoredRecord r : page.records()) {
            if (r.key().compareTo(end) >= 0) {
                return false;
            }
            tx.delete(HISTORY, r.key(), r.version());
        }
        return page.lastKey() != null;
    }

    /** Forgets the table's history: recovery disabled, or the table deleted. */
    void drop(Tx tx, Table table) {
        tx.deleteAll(HISTORY, KeyEncoding.tablePrefix(table.tableId()));
    }

    /**
     * The items as of an instant: those of {@code now} (by store key), each item changed after the instant put back
     * as it was before the first of {@code since} (oldest first) that wrote it, or left out when it did not exist.
     */
    static List<Map<String, AttributeValue>> asOf(Map<String, Map<String, AttributeValue>> now, List<Change> since) {
        Map<String, Map<String, AttributeValue>> out = new LinkedHashMap<>(now);
        Set<String> restored = new HashSet<>();
        for (Change c : since) {
            if (restored.add(c.itemKey())) {
                if (c.before() == null) {
                    out.remove(c.itemKey());
                } else {
                    out.put(c.itemKey(), c.before());
                }
            }
        }
        return List.copyOf(out.values());
    }

    static String key(String tableId, Instant at, String itemKey) {
        String prefix = KeyEncoding.tablePrefix(tableId);
        return prefix + instant(at) + "/" + itemKey.substring(prefix.length());
    }

    static String instant(Instant at) {
        return String.format(Locale.ROOT, "%011d%09d", at.getEpochSecond(), at.getNano());
    }

    private static String itemKey(String prefix, String historyKey) {
        return prefix + historyKey.substring(prefix.length() + INSTANT_WIDTH + 1);
    }
}
