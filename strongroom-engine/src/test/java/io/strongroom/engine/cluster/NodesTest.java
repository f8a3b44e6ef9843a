package io.strongroom.engine.cluster;

import io.strongroom.engine.testing.TempStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Node leases in real time (decision D64): alive while renewed, dead once the lease has run out. */
class NodesTest {
    static final Instant T = Instant.parse("2026-11-29T08:00:00Z");

    @RegisterExtension
    final TempStore store = new TempStore();
    final Nodes a = new Nodes("node-a");
    final Nodes b = new Nodes("node-b");

    private boolean alive(Nodes asker, String node, Instant wallNow) {
        return store.read(tx -> asker.alive(tx, node, wallNow));
    }

    private java.util.Optional<io.strongroom.storage.StoredRecord> leaseOf(String node) {
        return store.read(tx -> tx.get(Nodes.COLLECTION, node));
    }

    @Test
    void aNodeIsAliveUntilItsLeaseRunsOut() {
        store.write(tx -> {
            a.renew(tx, T);
            return null;
        });
        assertThat(alive(b, "node-a", T.plus(Nodes.LEASE).minusMillis(1))).isTrue();
        assertThat(alive(b, "node-a", T.plus(Nodes.LEASE))).isFalse();
        store.write(tx -> {
            a.renew(tx, T.plus(Nodes.LEASE).minusSeconds(1));
            return null;
        });
        assertThat(alive(b, "node-a", T.plus(Nodes.LEASE))).as("renewed").isTrue();
    }

    @Test
    void aNodeThatNeverHeldALeaseIsDeadAndANodeIsAlwaysAliveToItself() {
        assertThat(alive(b, "node-gone", T)).isFalse();
        assertThat(alive(b, "node-b", T.plus(Nodes.LEASE.multipliedBy(100)))).isTrue();
    }

    @Test
    void expiredLeasesAreForgottenAndLiveOnesKept() {
        store.write(tx -> {
            a.renew(tx, T);
            b.renew(tx, T.plus(Nodes.LEASE));
            return null;
        });
        java.util.List<io.strongroom.storage.StoredRecord> expired = store.read(tx -> b.expired(tx,
                T.plus(Nodes.LEASE).plusSeconds(1)));
        assertThat(expired).extracting(io.strongroom.storage.StoredRecord::key).containsExactly("node-a");
        store.write(tx -> {
            b.forgetExpired(tx, T.plus(Nodes.LEASE).plusSeconds(1));
            return null;
        });
        assertThat(leaseOf("node-a")).isEmpty();
        assertThat(leaseOf("node-b")).isPresent();
    }

    @Test
    void aNodeIdCannotBreakAMoveKey() {
        assertThatThrownBy(() -> new Nodes("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nodes("")).isInstanceOf(IllegalArgumentException.class);
    }
}
