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

    private record Entry<V>(Object generation, V value) {
    }

    /** The generations an entry of a key depends on, as {@code tx} sees them (compared with equals). */
    @FunctionalInterface
    public interface Generations<K> {
        Object of(Tx tx, K key);
    }

    private final Generations<K> generations;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /** Every entry depends on the one context's generation. */
    public GenerationCache(String context) {
        this((tx, key) -> Generation.current(tx, context));
    }

    /** Each key's entry depends on generations of its own (an account's inventory and plans, say). */
    public GenerationCache(Generations<K> generations) {
        this.generations = generations;
    }

    public V get(Tx tx, K key, Supplier<V> compute) {
        Object generation = generations.of(tx, key);
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.generation().equals(generation)) {
            return entry.value();
        }
        V value = compute.get();
        if (tx.readOnly()) {
            keep(key, new Entry<>(generation, value));
        } else {
            tx.afterCommitInProcess(() -> keep(key, new Entry<>(generation, value)));
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
