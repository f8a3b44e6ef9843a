package io.strongroom.engine.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One control of an audit framework: its catalogue name, its input parameters (as given, strings) and its scope.
 */
public record FrameworkControl(String name, Map<String, String> parameters, Scope scope) {
    public FrameworkControl {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(parameters));
        scope = scope == null ? Scope.ALL : scope;
    }

    /** Which resources the control evaluates; every present part narrows it (AND). */
    public record Scope(List<String> resourceIds, List<String> resourceTypes, Map<String, String> tags) {
        public static final Scope ALL = new Scope(List.of(), List.of(), Map.of());

        public Scope {
            resourceIds = resourceIds == null ? List.of() : List.copyOf(resourceIds);
            resourceTypes = resourceTypes == null ? List.of() : List.copyOf(resourceTypes);
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }

        /** Does a subject with this id, type names (AWS Backup or Config) and tags fall in the scope? */
        boolean covers(List<String> ids, List<String> types, Map<String, String> subjectTags) {
            if (!resourceIds.isEmpty() && resourceIds.stream().noneMatch(ids::contains)) {
                return false;
            }
            if (!resourceTypes.isEmpty() && resourceTypes.stream().noneMatch(types::contains)) {
                return false;
            }
            for (Map.Entry<String, String> t : tags.entrySet()) {
                String value = subjectTags.get(t.getKey());
                if (value == null || (!t.getValue().isEmpty() && !t.getValue().equals(value))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The parameters the evaluation uses: the catalogue's defaults, overridden by those given. */
    Map<String, String> effectiveParameters() {
        Map<String, String> out = new LinkedHashMap<>(AuditControls.control(name).orElseThrow().defaults());
        out.putAll(parameters);
        return out;
    }
}
