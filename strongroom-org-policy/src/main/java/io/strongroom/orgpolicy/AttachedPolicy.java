package io.strongroom.orgpolicy;

/** A policy directly attached to one level; {@code content} is the stored JSON text, verbatim. */
public record AttachedPolicy(String policyId, String name, String content) {
    public AttachedPolicy {
        if (policyId == null || content == null) {
            throw new IllegalArgumentException("policyId and content are required");
        }
    }
}
