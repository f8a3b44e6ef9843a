package io.strongroom.dynamodb.expression;

import java.util.List;

/**
 * A document path: a top-level attribute name followed by map keys and list indexes
 * ({@code a.b[2].c}), with every name placeholder already resolved.
 *
 * @param elements each a {@link String} (map key or attribute name) or an {@link Integer} (list index)
 */
public record Path(List<Object> elements) {
    public Path {
        elements = List.copyOf(elements);
    }

    public static Path of(String attribute) {
        return new Path(List.of(attribute));
    }

    public String topLevel() {
        return (String) elements.get(0);
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** True when one path is a prefix of the other (AWS's "Two document paths overlap"). */
    public boolean overlaps(Path other) {
        int n = Math.min(elements.size(), other.elements.size());
        return elements.subList(0, n).equals(other.elements.subList(0, n));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Object e : elements) {
            if (e instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(e);
            }
        }
        return out.toString();
    }
}
