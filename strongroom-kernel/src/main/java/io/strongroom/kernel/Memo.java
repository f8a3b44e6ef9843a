package io.strongroom.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Results of a pure function kept by argument, for arguments that recur (a client's signing scope, a vault's policy
 * document). Bounded: when full it starts afresh, which costs only recomputing.
 */
public final class Memo<K, V> {
    private final Function<K, V> function;
    private final int capacity;
    private final Map<K, V> results = new ConcurrentHashMap<>();

    public Memo(int capacity, Function<K, V> function) {
        this.capacity = capacity;
        this.function = function;
    }

    public V get(K argument) {
        V known = results.get(argument);
        if (known != null) {
            return known;
        }
        if (results.size() >= capacity) {
            results.clear();
        }
        V computed = function.apply(argument);
        results.put(argument, computed);
        return computed;
    }
}
