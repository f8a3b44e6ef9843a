package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table's {@code ItemCount} and {@code TableSizeBytes}, with each index's {@code ItemCount} and
 * {@code IndexSizeBytes} (its entries' projected attributes): counted by reading every item, and then kept for six
 * hours of the clock, as AWS refreshes them "approximately every six hours" (decision D90). Before, every DescribeTable read
 * and decoded the whole table (1.3-1.8 s at 100,000 items), at every poll of an SDK waiter. Kept in memory, per
 * server: a restarted server, or another one sharing the store, counts again at its first describe.
 */
final class ItemStatistics {
    static final Duration REFRESHED_EVERY = Duration.ofHours(6);
    private static final int PAGE = 500;

    /** What a count found, for the table and each of its indexes by name, and when. */
    record Counted(long items, long bytes, Map<String, TableDescription.Counts> indexes, Instant at) {
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
        long[] indexItems = new long[table.indexes().size()];
        long[] indexBytes = new long[table.indexes().size()];
        String after = null;
        String prefix = KeyEncoding.tablePrefix(table.tableId());
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(DynamoDbService.ITEMS, prefix, after, PAGE, false));
            for (StoredRecord r : page.records()) {
                Map<String, AttributeValue> item = DynamoDbCodecs.ITEM.decode(r.value());
                count++;
                size += ItemSize.of(item);
                for (int i = 0; i < indexItems.length; i++) {
                    SecondaryIndex index = table.indexes().get(i);
                    if (index.contains(item)) {
                        indexItems[i]++;
                        indexBytes[i] += ItemSize.of(index.project(table, item));
                    }
                }
            }
            if (page.lastKey() == null) {
                Map<String, TableDescription.Counts> indexes = new HashMap<>();
                for (int i = 0; i < indexItems.length; i++) {
                    indexes.put(table.indexes().get(i).name(), new TableDescription.Counts(indexItems[i],
                            indexBytes[i]));
                }
                return new Counted(count, size, indexes, now);
            }
            after = page.lastKey();
        }
    }
}
