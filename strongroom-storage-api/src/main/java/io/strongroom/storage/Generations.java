package io.strongroom.storage;

import java.nio.charset.StandardCharsets;

/**
 * Durable counters, one per name, kept in the store itself so every server sharing it sees the same value. A write
 * that changes what a cached answer was computed from bumps the counter in its own transaction; a reader that sees
 * counter value G in its snapshot may reuse anything computed from another committed snapshot at G. A bump is a
 * read and a write of one record: for rare writes (configuration, inventories), never for a hot path.
 */
public final class Generations {
    private static final String COLLECTION = "generations";

    private Generations() {
    }

    public static long current(Tx tx, String name) {
        return tx.get(COLLECTION, name).map(r -> Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)))
                .orElse(0L);
    }

    public static void bump(Tx tx, String name) {
        tx.put(COLLECTION, name, Long.toString(current(tx, name) + 1).getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }
}
