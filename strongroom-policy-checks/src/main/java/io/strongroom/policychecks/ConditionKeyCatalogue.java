package io.strongroom.policychecks;

import io.strongroom.iampolicy.ConditionOperator.Family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The condition keys we know (global keys and the keys of the services Strongroom serves), with their types. Key
 * names compare case-insensitively, as IAM compares them.
 */
final class ConditionKeyCatalogue {

    /** A key's type as the Service Authorization Reference writes it. */
    enum KeyType {
        STRING(Family.STRING, false), ARN(Family.ARN, false), NUMERIC(Family.NUMERIC, false),
        DATE(Family.DATE, false), BOOL(Family.BOOL, false), IP_ADDRESS(Family.IP, false),
        BINARY(Family.BINARY, false), ARRAY_OF_STRING(Family.STRING, true), ARRAY_OF_ARN(Family.ARN, true);

        private final Family family;
        private final boolean multivalued;

        KeyType(Family family, boolean multivalued) {
            this.family = family;
            this.multivalued = multivalued;
        }

        Family family() {
            return family;
        }

        boolean multivalued() {
            return multivalued;
        }

        static KeyType parse(String text) {
            return switch (text) {
                case "String" -> STRING;
                case "ARN" -> ARN;
                case "Numeric" -> NUMERIC;
                case "Date" -> DATE;
                case "Bool" -> BOOL;
                case "IPAddress" -> IP_ADDRESS;
                case "Binary" -> BINARY;
                case "ArrayOfString" -> ARRAY_OF_STRING;
                case "ArrayOfARN" -> ARRAY_OF_ARN;
                default -> throw new IllegalArgumentException("unknown key type " + text);
            };
        }

        /** The operator family AWS's docs name for this type, for findings. */
        String operatorFamilyName() {
            return switch (family) {
                case STRING -> "String";
                case ARN -> "ARN";
                case NUMERIC -> "Numeric";
                case DATE -> "Date";
                case BOOL -> "Bool";
                case IP -> "IP address";
                case BINARY -> "Binary";
                case NULL -> "Null";
            };
        }
    }

    /** A known key: its canonical spelling (a prefix ending in "/" or ":" for tag-style keys) and its type. */
    record Key(String name, KeyType type) {
        boolean prefix() {
            return name.endsWith("/") || name.endsWith(":");
        }
    }

    private final Map<String, Key> exact = new TreeMap<>();
    private final List<Key> prefixes = new ArrayList<>();
    private final Set<String> services;

    ConditionKeyCatalogue(Properties source) {
        services = Set.of(source.getProperty("services").toLowerCase(Locale.ROOT).split(","));
        for (String name : source.stringPropertyNames()) {
            if (name.equals("services")) {
                continue;
            }
            Key key = new Key(name, KeyType.parse(source.getProperty(name).trim()));
            if (key.prefix()) {
                prefixes.add(key);
            } else {
                exact.put(name.toLowerCase(Locale.ROOT), key);
            }
        }
    }

    static ConditionKeyCatalogue standard() {
        return new ConditionKeyCatalogue(Resources.load("condition-keys.properties"));
    }

    /** Whether we hold the full key list of this prefix, so that a key missing from it does not exist. */
    boolean knowsService(String prefix) {
        return services.contains(prefix.toLowerCase(Locale.ROOT));
    }

    Optional<Key> find(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        Key found = exact.get(lower);
        if (found != null) {
            return Optional.of(found);
        }
        return prefixes.stream()
                .filter(p -> lower.startsWith(p.name().toLowerCase(Locale.ROOT)) && lower.length() > p.name().length())
                .findFirst();
    }

    /** The known keys of the key's service, as written in the catalogue. */
    List<String> keysOf(String prefix) {
        String start = prefix.toLowerCase(Locale.ROOT) + ":";
        List<String> out = new ArrayList<>();
        exact.values().stream().map(Key::name).filter(n -> n.toLowerCase(Locale.ROOT).startsWith(start))
                .forEach(out::add);
        return out;
    }
}
