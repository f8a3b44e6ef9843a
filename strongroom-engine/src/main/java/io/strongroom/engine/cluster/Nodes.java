package io.strongroom.engine.cluster;

import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers sharing one store (decision D64). Each server process is a node with an id of its own for its life (a
 * restart is a new node) and a liveness lease in the store ({@code cluster.nodes}: id -> the real time it runs until),
 * renewed by the server on its real-time ticker. Real time, not the simulated clock: the simulated clock may pass a
 * year in seconds, and a lease must tell whether a process is still there now.
 */
public final class Nodes {
    static final String COLLECTION = "cluster.nodes";
    /** How long a node counts as alive after its last renewal (the server renews it several times within). */
    public static final Duration LEASE = Duration.ofSeconds(30);

    private final String self;

    public Nodes(String self) {
        if (self == null || self.isEmpty() || self.contains("/")) {
            throw new IllegalArgumentException("a node id must be non-empty and contain no '/': " + self);
        }
        this.self = self;
    }

    /** This server's node id. */
    public String self() {
        return self;
    }

    /** Renews this node's lease: it counts as alive until {@code wallNow} + {@link #LEASE}. */
    public void renew(Tx tx, Instant wallNow) {
        tx.put(COLLECTION, self, wallNow.plus(LEASE).toString().getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }

    /** Whether {@code node} is alive at {@code wallNow}: this node always is; another while its lease runs. */
    public boolean alive(Tx tx, String node, Instant wallNow) {
        return self.equals(node) || tx.get(COLLECTION, node).map(r -> until(r).isAfter(wallNow)).orElse(false);
    }

    /** The leases of other nodes that ran out before {@code wallNow}. */
    public List<StoredRecord> expired(Tx tx, Instant wallNow) {
        return leases(tx).stream().filter(l -> !l.key().equals(self) && !until(l).isAfter(wallNow)).toList();
    }

    /** Forgets the leases that ran out before {@code wallNow} (their nodes' moves are taken over by then). */
    public void forgetExpired(Tx tx, Instant wallNow) {
        for (StoredRecord lease : expired(tx, wallNow)) {
            tx.delete(COLLECTION, lease.key(), lease.version());
        }
    }

    private static List<StoredRecord> leases(Tx tx) {
        List<StoredRecord> all = new ArrayList<>();
        String after = null;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(COLLECTION, "", after, 1000, false));
            all.addAll(page.records());
            if (page.lastKey() == null) {
                return all;
            }
            after = page.lastKey();
        }
    }

    private static Instant until(StoredRecord lease) {
        return Instant.parse(new String(lease.value(), StandardCharsets.UTF_8));
    }
}
