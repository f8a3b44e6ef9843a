package io.strongroom.engine.cache;

import io.strongroom.storage.Tx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values computed from the store, kept while the context's generation does not move. Every entry describes a
 * committed state: a read-only transaction sees committed state only, and a write transaction, which may be looking
 * at changes that will roll back, publishes what it computed only once it has committed. A write transaction may
 * use an entry of the generation it sees: had it changed the context, it would have moved the generation.
 */
public final class GenerationCache<K, V> {
    private static final int MAX_ENTRIES = 50_000;

    private record Entry<V>(long generation, V value) {
    }

    private final String context;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public GenerationCache(String context) {
        this.context = context;
    }

    public V get(Tx tx, K key, Supplier<V> compute) {
        long generation = Generation.current(tx, context);
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.generation() == generation) {
            return entry.value();
        }
        V value = compute.get();
        if (tx.readOnly()) {
            keep(key, new Entry<>(generation, value));
        } else {
            tx.afterCommit(() -> keep(key, new Entry<>(generation, value)));
        }
        return value;
    }

    private void keep(K key, Entry<V> entry) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, entry);
    }
}
