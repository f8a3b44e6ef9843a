package io.strongroom.engine.tagging;

import java.util.List;

/** A resource matches when it has the key and, if values are given, one of them. */
public record TagFilter(String key, List<String> values) {
    public TagFilter {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
