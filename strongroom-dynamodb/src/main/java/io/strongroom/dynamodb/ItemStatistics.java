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
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table's {@code ItemCount} and {@code TableSizeBytes}: counted by reading every item, and then kept for six hours of
 * the clock, as AWS refreshes them "approximately every six hours" (decision D90). Before, every DescribeTable read
 * and decoded the whole table (1.3-1.8 s at 100,000 items), at every poll of an SDK waiter. Kept in memory, per
 * server: a restarted server, or another one sharing the store, counts again at its first describe.
 */
final class ItemStatistics {
    static final Duration REFRESHED_EVERY = Duration.ofHours(6);
    private static final int PAGE = 500;

    /** What a count found, and when. */
    record Counted(long items, long bytes, Instant at) {
    }

    private final Clock clock;
    /** By TableId, which no other table ever has: a table made again under the same name is counted afresh. */
    private final Map<String, Counted> byTable = new ConcurrentHashMap<>();

    ItemStatistics(Clock clock) {
        this.clock = clock;
    }

    /** The last count of the table's items, or a new one when there is none from the last six hours. */
    Counted of(Tx tx, Table table) {
        Instant now = Instant.now(clock);
        Counted last = byTable.get(table.tableId());
        if (last != null && now.isBefore(last.at().plus(REFRESHED_EVERY))) {
            return last;
        }
        Counted counted = count(tx, table, now);
        byTable.put(table.tableId(), counted);
        return counted;
    }

    /** The table is gone: nothing of it is kept. */
    void forget(Table table) {
        byTable.remove(table.tableId());
    }

    private static Counted count(Tx tx, Table table, Instant now) {
        long count = 0;
        long size = 0;
        String after = null;
        String prefix = KeyEncoding.tablePrefix(table.tableId());
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(DynamoDbService.ITEMS, prefix, after, PAGE, false));
            for (StoredRecord r : page.records()) {
                count++;
                size += ItemSize.of(DynamoDbCodecs.ITEM.decode(r.value()));
            }
            if (page.lastKey() == null) {
                return new Counted(count, size, now);
            }
            after = page.lastKey();
        }
    }
}
