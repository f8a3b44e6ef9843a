package io.strongroom.iampolicy;

import java.util.List;
import java.util.Map;

/**
 * A {@code Principal} or {@code NotPrincipal} element: principal type ({@code AWS}, {@code Service},
 * {@code Federated}, {@code CanonicalUser}) to values. The bare {@code "*"} is {@code {"AWS":["*"]}}.
 */
public record PrincipalElement(Map<String, List<String>> entries) {
    public static final List<String> TYPES = List.of("AWS", "Service", "Federated", "CanonicalUser");

    public PrincipalElement {
        entries = Map.copyOf(entries);
    }

    static PrincipalElement anyone() {
        return new PrincipalElement(Map.of("AWS", List.of("*")));
    }

    public List<String> values(String type) {
        return entries.getOrDefault(type, List.of());
    }
}
