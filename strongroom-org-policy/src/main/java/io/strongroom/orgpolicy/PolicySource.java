package io.strongroom.orgpolicy;

/** A policy as attached at one level: {@code level} is its index on the path, 0 for the root. */
public record PolicySource(String policyId, String policyName, String targetId, int level) {
    @Override
    public String toString() {
        String name = policyName == null || policyName.isEmpty() ? "" : " (" + policyName + ")";
        return policyId + name + " at " + targetId;
    }
}
