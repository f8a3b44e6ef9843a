package io.strongroom.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A harness's {@code --name value} options over its defaults; an option it does not know is an error. */
final class HarnessArgs {
    private final Map<String, String> values;

    private HarnessArgs(Map<String, String> values) {
        this.values = values;
    }

    /** {@code defaults} names every option the harness takes; a null default means "not given". */
    static HarnessArgs parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
            if (!defaults.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
            values.put(name, args[i + 1]);
        }
        return new HarnessArgs(values);
    }

    /** Name, default, name, default, ...: a map that keeps nulls ("not given"), which Map.of refuses. */
    static Map<String, String> defaults(String... namesAndDefaults) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDefaults.length; i += 2) {
            out.put(namesAndDefaults[i], namesAndDefaults[i + 1]);
        }
        return out;
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    /** The path given, or null. */
    Path path(String name) {
        String value = values.get(name);
        return value == null ? null : Path.of(value);
    }
}
