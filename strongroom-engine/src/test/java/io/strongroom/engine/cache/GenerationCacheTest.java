package io.strongroom.engine.cache;

import io.strongroom.engine.testing.TempStore;
import io.strongroom.storage.Tx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationCacheTest {
    @RegisterExtension
    final TempStore store = new TempStore();
    final GenerationCache<String, String> cache = new GenerationCache<>(Generation.IAM);
    final AtomicInteger computed = new AtomicInteger();

    @BeforeEach
    void open() {
        store.write(tx -> {
            setPolicy(tx, "allow");
            return null;
        });
    }

    /** What the cached value is derived from; a change moves the generation, as every IAM write does. */
    private static void setPolicy(Tx tx, String text) {
        tx.put("policies", "p", text.getBytes(StandardCharsets.UTF_8), Tx.ANY);
        Generation.bump(tx, Generation.IAM);
    }

    private String lookup(Tx tx) {
        return cache.get(tx, "p", () -> {
            computed.incrementAndGet();
            return new String(tx.get("policies", "p").orElseThrow().value(), StandardCharsets.UTF_8);
        });
    }

    @Test
    void aWriteTransactionReusesWhatACommittedOneComputedAtTheSameGeneration() {
        assertThat(store.write(this::lookup)).isEqualTo("allow");
        assertThat(store.write(this::lookup)).isEqualTo("allow");
        assertThat(store.read(this::lookup)).isEqualTo("allow");

        assertThat(computed).hasValue(1);
    }

    @Test
    void whatARolledBackTransactionComputedIsNeverSeen() {
        assertThatThrownBy(() -> store.write(tx -> {
            setPolicy(tx, "deny");
            assertThat(lookup(tx)).isEqualTo("deny");
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(store.read(this::lookup)).isEqualTo("allow");
        store.write(tx -> {
            setPolicy(tx, "audit");
            return null;
        });
        // the committed change has the generation the rolled-back one had: only the committed value may answer
        assertThat(store.write(this::lookup)).isEqualTo("audit");
    }

    @Test
    void aChangeInsideTheTransactionIsSeenAtOnce() {
        store.write(this::lookup);

        String seen = store.write(tx -> {
            setPolicy(tx, "deny");
            return lookup(tx);
        });
        assertThat(seen).isEqualTo("deny");
        assertThat(store.read(this::lookup)).isEqualTo("deny");
    }
}
