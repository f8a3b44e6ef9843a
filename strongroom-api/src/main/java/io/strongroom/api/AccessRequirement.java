package io.strongroom.api;

import java.util.List;
import java.util.Map;

/**
 * The IAM action(s) a call needs, on which resource ARN(s), with the condition keys the request
 * supplies. {@code alwaysAllowed} marks the few calls AWS never denies (sts:GetCallerIdentity).
 */
public record AccessRequirement(List<String> actions, List<String> resources, Map<String, List<String>> conditionKeys,
                                boolean alwaysAllowed) {
    public static AccessRequirement of(String action, String resource) {
        return new AccessRequirement(List.of(action), List.of(resource), Map.of(), false);
    }

    public static AccessRequirement unrestricted(String action) {
        return new AccessRequirement(List.of(action), List.of("*"), Map.of(), true);
    }
}
