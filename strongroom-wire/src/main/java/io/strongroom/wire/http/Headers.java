package io.strongroom.wire.http;

import io.strongroom.kernel.Memo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** HTTP headers: names compare case-insensitively, order and original spelling are kept. */
public final class Headers {
    /**
     * Lower-case forms of the names code asks for (a shape's header members, for every request): kept, so a lookup
     * neither allocates nor hashes a new string.
     */
    private static final Memo<String, String> LOWER = new Memo<>(4_096, name -> name.toLowerCase(Locale.ROOT));
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, String> spelling = new LinkedHashMap<>();

    public static Headers of(String... nameValuePairs) {
        Headers h = new Headers();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            h.add(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return h;
    }

    /** A copy that later changes to either leave the other alone. */
    public Headers copy() {
        Headers h = new Headers();
        values.forEach((k, v) -> h.values.put(k, new ArrayList<>(v)));
        h.spelling.putAll(spelling);
        return h;
    }

    /** Replaces every value of a header where it stands among the others; no values removes it. */
    public Headers replace(String name, List<String> newValues) {
        String key = name.toLowerCase(Locale.ROOT);
        if (newValues.isEmpty()) {
            values.remove(key);
            spelling.remove(key);
        } else {
            spelling.putIfAbsent(key, name);
            values.put(key, new ArrayList<>(newValues));
        }
        return this;
    }

    public Headers add(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        spelling.putIfAbsent(key, name);
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        return this;
    }

    public Headers set(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        spelling.put(key, name);
        List<String> list = new ArrayList<>();
        list.add(value);
        values.put(key, list);
        return this;
    }

    public Headers remove(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        values.remove(key);
        spelling.remove(key);
        return this;
    }

    /** The first value of a header. */
    public Optional<String> first(String name) {
        List<String> list = values.get(LOWER.get(name));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public String firstOrNull(String name) {
        return first(name).orElse(null);
    }

    public List<String> all(String name) {
        List<String> list = values.get(LOWER.get(name));
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    public boolean contains(String name) {
        return values.containsKey(LOWER.get(name));
    }

    /** Lower-case names, in the order first seen. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** The name as it was first spelled. */
    public String originalName(String name) {
        return spelling.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
