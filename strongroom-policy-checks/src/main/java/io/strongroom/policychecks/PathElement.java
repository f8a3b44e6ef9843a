package io.strongroom.policychecks;

/**
 * One step from the document root to a finding, as Access Analyzer writes it: exactly one of {@code index} (into an
 * array), {@code key} (the name of an object member, when the finding is about the name itself) or {@code value}
 * (the value under an object member).
 */
public record PathElement(Integer index, String key, String value) {
    public PathElement {
        int set = (index != null ? 1 : 0) + (key != null ? 1 : 0) + (value != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of index, key, value");
        }
    }

    public static PathElement index(int index) {
        return new PathElement(index, null, null);
    }

    public static PathElement key(String key) {
        return new PathElement(null, key, null);
    }

    public static PathElement value(String member) {
        return new PathElement(null, null, member);
    }
}
