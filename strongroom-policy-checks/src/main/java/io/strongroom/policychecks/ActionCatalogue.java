package io.strongroom.policychecks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every IAM action we know, by service prefix: the operations of the botocore models (generated,
 * {@code actions.properties}) plus the permission-only actions kept by hand ({@code actions-supplement.properties}).
 * Prefixes and names compare case-insensitively, as IAM matches actions.
 */
final class ActionCatalogue {
    private final Map<String, List<String>> byPrefix = new TreeMap<>();

    ActionCatalogue(Properties... sources) {
        Map<String, TreeSet<String>> merged = new TreeMap<>();
        for (Properties source : sources) {
            for (String prefix : source.stringPropertyNames()) {
                TreeSet<String> names = merged.computeIfAbsent(prefix.toLowerCase(Locale.ROOT),
                        p -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER));
                for (String name : source.getProperty(prefix).split(",")) {
                    if (!name.isBlank()) {
                        names.add(name.trim());
                    }
                }
            }
        }
        merged.forEach((prefix, names) -> byPrefix.put(prefix, List.copyOf(names)));
    }

    static ActionCatalogue standard() {
        return new ActionCatalogue(Resources.load("actions.properties"),
                Resources.load("actions-supplement.properties"));
    }

    boolean hasService(String prefix) {
        return byPrefix.containsKey(prefix.toLowerCase(Locale.ROOT));
    }

    Collection<String> services() {
        return byPrefix.keySet();
    }

    /** The action names of a service that the name pattern (with {@code *}/{@code ?}) matches. */
    List<String> matching(String prefix, String namePattern) {
        List<String> names = byPrefix.getOrDefault(prefix.toLowerCase(Locale.ROOT), List.of());
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (Text.globIgnoreCase(namePattern, name)) {
                out.add(name);
            }
        }
        return out;
    }

    Optional<String> nearestAction(String prefix, String name) {
        return Text.nearest(name, byPrefix.getOrDefault(prefix.toLowerCase(Locale.ROOT), List.of()));
    }

    Optional<String> nearestService(String prefix) {
        return Text.nearest(prefix, byPrefix.keySet());
    }
}
