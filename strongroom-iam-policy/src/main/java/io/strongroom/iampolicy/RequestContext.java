package io.strongroom.iampolicy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The request's condition keys, looked up case-insensitively (spec 1.5: {@code AWS:PrincipalTag/Team} is
 * {@code aws:principaltag/team}, so tag keys inside key names match case-insensitively too).
 */
final class RequestContext {
    /** Keys the Service Authorization Reference types {@code ArrayOf...}; never usable as variables (spec 1.6). */
    static final Set<String> MULTIVALUED = Set.of("aws:tagkeys", "aws:principalorgpaths", "aws:calledvia",
            "aws:principalservicenameslist", "aws:resourceorgpaths", "aws:sourceorgpaths", "backup:copytargets",
            "backup:copytargetorgpaths", "backup:frameworkarns", "dynamodb:attributes", "sts:transitivetagkeys");

    private static final String RESOURCE_TAG = "aws:resourcetag/";
    private final Map<String, List<String>> values;
    private final Supplier<Map<String, String>> resourceTags;
    private Map<String, List<String>> resourceTagKeys;

    RequestContext(Map<String, List<String>> values) {
        this(values, null);
    }

    /** {@code resourceTags}: asked at most once, and only when a condition names an {@code aws:ResourceTag/} key. */
    RequestContext(Map<String, List<String>> values, Supplier<Map<String, String>> resourceTags) {
        Map<String, List<String>> lowered = new HashMap<>();
        values.forEach((key, list) -> lowered.put(normalize(key), List.copyOf(list)));
        this.values = lowered;
        this.resourceTags = resourceTags;
    }

    private List<String> lookup(String normalized) {
        List<String> found = values.get(normalized);
        if (found == null && resourceTags != null && normalized.startsWith(RESOURCE_TAG)) {
            if (resourceTagKeys == null) {
                resourceTagKeys = new HashMap<>();
                Map<String, String> tags = resourceTags.get();
                if (tags != null) {
                    tags.forEach((k, v) -> resourceTagKeys.put(normalize(RESOURCE_TAG + k), List.of(v)));
                }
            }
            found = resourceTagKeys.get(normalized);
        }
        return found;
    }

    static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    /** The key's values; empty when the key is absent or carries no value. */
    Optional<List<String>> values(String key) {
        List<String> found = lookup(normalize(key));
        return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    /** The value a policy variable takes: only single-valued keys qualify. */
    Optional<String> single(String key) {
        String normalized = normalize(key);
        List<String> found = lookup(normalized);
        if (found == null || found.size() != 1 || MULTIVALUED.contains(normalized)) {
            return Optional.empty();
        }
        return Optional.of(found.get(0));
    }
}
