package io.strongroom.iampolicy;

/** How a decision names a policy; any part may be null but not all. */
public record PolicyRef(String id, String name, String arn) {
    public PolicyRef {
        if (id == null && name == null && arn == null) {
            throw new IllegalArgumentException("a policy needs an id, a name or an ARN");
        }
    }

    /** The most specific name available: ARN, then name, then id. */
    public String label() {
        return arn != null ? arn : name != null ? name : id;
    }
}
