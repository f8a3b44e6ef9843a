package io.strongroom.api;

import java.util.List;
import java.util.Map;

/**
 * The IAM action(s) a call needs, on which resource ARN(s), with the condition keys the request
 * supplies. {@code alwaysAllowed} marks the few calls AWS never denies (sts:GetCallerIdentity).
 * {@code also} are further requirements the call needs as well, each on its own resources (S3 CopyObject:
 * s3:PutObject on the target and s3:GetObject on the source).
 */
public record AccessRequirement(List<String> actions, List<String> resources, Map<String, List<String>> conditionKeys,
                                boolean alwaysAllowed, List<AccessRequirement> also) {
    public AccessRequirement {
        also = also == null ? List.of() : List.copyOf(also);
    }

    public AccessRequirement(List<String> actions, List<String> resources, Map<String, List<String>> conditionKeys,
                             boolean alwaysAllowed) {
        this(actions, resources, conditionKeys, alwaysAllowed, List.of());
    }

    /** This requirement and {@code other} too. */
    public AccessRequirement and(AccessRequirement other) {
        List<AccessRequirement> more = new java.util.ArrayList<>(also);
        more.add(other);
        return new AccessRequirement(actions, resources, conditionKeys, alwaysAllowed, more);
    }

    /** A call that names no resource (a required member left out) is authorized on {@code *}; the service then
     *  answers with its error for the missing member. */
    public static AccessRequirement of(String action, String resource) {
        return new AccessRequirement(List.of(action), List.of(resource == null ? "*" : resource), Map.of(), false);
    }

    public static AccessRequirement unrestricted(String action) {
        return new AccessRequirement(List.of(action), List.of("*"), Map.of(), true);
    }
}
