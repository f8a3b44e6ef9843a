package io.strongroom.engine.cache;

import io.strongroom.engine.testing.TempStore;
import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Generations;
import io.strongroom.storage.Tx;
import io.strongroom.storage.WatchedCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link WatchedCollection} moves the generation each record names, on put and delete, and a
 * {@link GenerationCache} keyed by such generations recomputes one key's entry only when its own generations moved
 * (D71), on a real SQLite store.
 */
class KeyedGenerationsTest {
    record Thing(String owner, String name) {
    }

    @RegisterExtension
    final TempStore store = new TempStore();
    final WatchedCollection<Thing> things = new WatchedCollection<>("things", JsonCodec.of(Thing.class),
            t -> "things/" + t.owner());
    final GenerationCache<String, List<Thing>> byOwner =
            new GenerationCache<>((tx, owner) -> Generations.current(tx, "things/" + owner));
    final AtomicInteger listed = new AtomicInteger();

    private long generation(String owner) {
        return store.read(tx -> Generations.current(tx, "things/" + owner));
    }

    private void put(Thing t) {
        store.write(tx -> things.put(tx, t.owner() + "/" + t.name(), t));
    }

    private List<Thing> of(Tx tx, String owner) {
        return byOwner.get(tx, owner, () -> {
            listed.incrementAndGet();
            return List.copyOf(things.list(tx, owner + "/"));
        });
    }

    private List<Thing> read(String owner) {
        return store.read(tx -> of(tx, owner));
    }

    @Test
    void everyPutAndDeleteMovesTheGenerationOfItsRecordOnly() {
        put(new Thing("a", "x"));
        put(new Thing("a", "x"));
        assertThat(generation("a")).isEqualTo(2);
        assertThat(generation("b")).isZero();
        put(new Thing("b", "y"));
        boolean deleted = store.write(tx -> things.delete(tx, "a/x"));
        assertThat(deleted).isTrue();
        assertThat(generation("a")).isEqualTo(3);
        // deleting what is not there moves nothing
        boolean again = store.write(tx -> things.delete(tx, "a/x"));
        assertThat(again).isFalse();
        assertThat(generation("a")).isEqualTo(3);
        assertThat(generation("b")).isEqualTo(1);
    }

    @Test
    void aKeysEntryIsComputedAgainOnlyWhenItsOwnGenerationMoved() {
        put(new Thing("a", "x"));
        put(new Thing("b", "y"));
        assertThat(read("a")).extracting(Thing::name).containsExactly("x");
        assertThat(read("b")).extracting(Thing::name).containsExactly("y");
        assertThat(read("a")).extracting(Thing::name).containsExactly("x");
        assertThat(listed).hasValue(2);

        put(new Thing("b", "z"));
        assertThat(read("a")).extracting(Thing::name).containsExactly("x");
        assertThat(listed).hasValue(2);
        assertThat(read("b")).extracting(Thing::name).containsExactly("y", "z");
        assertThat(listed).hasValue(3);

        store.write(tx -> things.delete(tx, "a/x"));
        assertThat(read("a")).isEmpty();
    }
}
