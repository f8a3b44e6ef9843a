package io.strongroom.engine.cache;

import io.strongroom.storage.Tx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values computed from the store, kept while the context's generation does not move. Only read-only
 * transactions fill or use it: they see committed state only, so a generation always names one
 * committed state, while a write transaction may be looking at changes that will roll back.
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
        if (!tx.readOnly()) {
            return compute.get();
        }
        long generation = Generation.current(tx, context);
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.generation() == generation) {
            return entry.value();
        }
        V value = compute.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry<>(generation, value));
        return value;
    }
}
