package io.strongroom.dynamodb.codec;

import io.strongroom.dynamodb.KeyAttribute;
import io.strongroom.dynamodb.SecondaryIndex;
import io.strongroom.dynamodb.Table;
import io.strongroom.dynamodb.TableHistory;
import io.strongroom.dynamodb.ThroughputHistory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables as stored: what UpdateTable changed round-trips, and a table it never changed is stored as before (D115). */
class TableCodecTest {
    static final Instant T0 = Instant.parse("2027-02-01T00:00:00Z");
    static final SecondaryIndex GSI = new SecondaryIndex("by-g", true, new KeyAttribute("g", "S"), null, "ALL", null,
            5, 5);

    static Table table(List<SecondaryIndex> indexes, String tableClass, TableHistory history) {
        return new Table("111111111111", "eu-west-1", "orders", "id", new KeyAttribute("pk", "S"), null,
                Map.of("pk", "S", "g", "S"), "PROVISIONED", 5, 5, false, T0, Map.of(), null, indexes,
                tableClass, history, null);
    }

    @Test
    void whatUpdateTableChangedRoundTrips() {
        ThroughputHistory down = new ThroughputHistory(T0.plusSeconds(60), T0.plusSeconds(120), 2);
        TableHistory history = new TableHistory(down, T0.plusSeconds(10), List.of(T0.plusSeconds(10)),
                List.of(T0.plusSeconds(20), T0.plusSeconds(30)), T0.plusSeconds(120));
        SecondaryIndex decreased = new SecondaryIndex("by-g", true, new KeyAttribute("g", "S"), null, "ALL", null, 4,
                5, new ThroughputHistory(null, T0, 1));
        Table changed = table(List.of(decreased), "STANDARD_INFREQUENT_ACCESS", history);
        assertThat(DynamoDbCodecs.TABLE.decode(DynamoDbCodecs.TABLE.encode(changed))).isEqualTo(changed);
        TableHistory onlyIncrease = new TableHistory(new ThroughputHistory(T0, null, 0), null, List.of(), List.of(),
                null);
        Table increased = table(List.of(GSI), null, onlyIncrease);
        assertThat(DynamoDbCodecs.TABLE.decode(DynamoDbCodecs.TABLE.encode(increased))).isEqualTo(increased);
    }

    @Test
    void aTableUpdateTableNeverChangedIsStoredWithoutItsMembersAndReadsBack() {
        Table unchanged = table(List.of(GSI), null, TableHistory.NONE);
        String stored = new String(DynamoDbCodecs.TABLE.encode(unchanged), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain("history", "tableClass", "throughputHistory");
        assertThat(DynamoDbCodecs.TABLE.decode(stored.getBytes(StandardCharsets.UTF_8))).isEqualTo(unchanged);
    }

    @Test
    void theRestoreSummaryAndThePointInTimeRecoveryFlagRoundTripAndOlderTablesReadWithoutThem() {
        Table t = table(List.of(), null, TableHistory.NONE);
        Table restored = new Table(t.accountId(), t.region(), t.name(), t.tableId(), t.hashKey(), t.rangeKey(),
                t.attributeDefinitions(), t.billingMode(), t.readCapacity(), t.writeCapacity(), false, T0, Map.of(),
                new Table.Restored("arn:aws:dynamodb:eu-west-1:111111111111:table/src",
                        "arn:aws:dynamodb:eu-west-1:111111111111:table/src/backup/01800000000000-0a1b2c3d", T0),
                List.of(), null, TableHistory.NONE, true);
        assertThat(DynamoDbCodecs.TABLE.decode(DynamoDbCodecs.TABLE.encode(restored))).isEqualTo(restored);

        // as stored before D134 and D135: a restore without its backup, a table without the flag
        String older = "{\"v\":1,\"d\":{\"accountId\":\"111111111111\",\"region\":\"eu-west-1\","
                + "\"name\":\"orders\",\"tableId\":\"id\",\"hashKey\":{\"name\":\"pk\",\"type\":\"S\"},"
                + "\"attributeDefinitions\":{\"pk\":\"S\"},\"billingMode\":\"PAY_PER_REQUEST\","
                + "\"readCapacity\":0,\"writeCapacity\":0,\"deletionProtection\":false,"
                + "\"created\":\"2027-02-01T00:00:00Z\",\"tags\":{},"
                + "\"restoredFrom\":\"arn:aws:dynamodb:eu-west-1:111111111111:table/src\","
                + "\"restoredAt\":\"2027-02-01T00:00:00Z\"}}";
        Table read = DynamoDbCodecs.TABLE.decode(older.getBytes(StandardCharsets.UTF_8));
        assertThat(read.pointInTimeRecovery()).isNull();
        assertThat(read.restored()).isEqualTo(new Table.Restored("arn:aws:dynamodb:eu-west-1:111111111111:table/src",
                null, T0));
    }
}
