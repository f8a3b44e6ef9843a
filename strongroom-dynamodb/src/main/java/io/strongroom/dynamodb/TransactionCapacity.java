package io.strongroom.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capacity units a transaction uses, table by table, counted as DynamoDB counts transactions (D105): every item
 * costs twice what it would alone, a write 2 units per started KB and a read 2 units per started 4 KB, at least 2
 * either way (a missing item too). Tables in the order the request first names them.
 */
final class TransactionCapacity {
    private final Map<String, double[]> byTable = new LinkedHashMap<>();

    void write(String table, long itemBytes) {
        units(table)[1] += 2 * started(itemBytes, 1024);
    }

    void read(String table, long itemBytes) {
        units(table)[0] += 2 * started(itemBytes, 4096);
    }

    List<TableCapacity> tables() {
        List<TableCapacity> out = new ArrayList<>();
        byTable.forEach((table, units) -> out.add(new TableCapacity(table, units[0], units[1])));
        return out;
    }

    private double[] units(String table) {
        return byTable.computeIfAbsent(table, t -> new double[2]);
    }

    private static long started(long bytes, long unit) {
        return Math.max(1, (bytes + unit - 1) / unit);
    }
}
