package io.strongroom.sigv4;

import java.util.ArrayList;
import java.util.List;

/** A raw query string split into parameters, keeping the encoded form next to the decoded one. */
final class QueryParameters {
    record Parameter(String rawName, String rawValue, String name, String value) {
    }

    private final List<Parameter> parameters;

    private QueryParameters(List<Parameter> parameters) {
        this.parameters = parameters;
    }

    static QueryParameters parse(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
                parameters.add(new Parameter(rawName, rawValue, Percent.decodeToString(rawName),
                        Percent.decodeToString(rawValue)));
            }
        }
        return new QueryParameters(parameters);
    }

    List<Parameter> all() {
        return parameters;
    }

    /** The decoded value of the first parameter with this (case-sensitive) name, or null. */
    String first(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    boolean has(String name) {
        return first(name) != null;
    }
}
