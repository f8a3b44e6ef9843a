package io.strongroom.storage;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A collection whose every put and delete bumps the {@link Generations} counter its record belongs to (say, the
 * account and Region of a resource), in the writing transaction. Readers can then keep what they computed from the
 * collection for as long as that counter stands still, on any server sharing the store, without the writers knowing
 * who reads. A record must keep its counter for life (a resource never moves to another account or Region).
 */
public final class WatchedCollection<V> {
    private final Collection<V> records;
    private final Function<V, String> generationOf;

    public WatchedCollection(String name, Codec<V> codec, Function<V, String> generationOf) {
        this.records = new Collection<>(name, codec);
        this.generationOf = generationOf;
    }

    public String name() {
        return records.name();
    }

    public Optional<V> get(Tx tx, String key) {
        return records.get(tx, key);
    }

    public List<V> list(Tx tx, String prefix) {
        return records.list(tx, prefix);
    }

    public long put(Tx tx, String key, V value, long expectedVersion) {
        long version = records.put(tx, key, value, expectedVersion);
        Generations.bump(tx, generationOf.apply(value));
        return version;
    }

    public long put(Tx tx, String key, V value) {
        return put(tx, key, value, Tx.ANY);
    }

    /** Reads the record first: its counter is named after what it holds. */
    public boolean delete(Tx tx, String key) {
        Optional<V> old = records.get(tx, key);
        boolean deleted = records.delete(tx, key);
        old.ifPresent(v -> Generations.bump(tx, generationOf.apply(v)));
        return deleted;
    }
}
