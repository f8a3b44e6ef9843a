package io.strongroom.wire.codec.query;

import io.strongroom.wire.codec.Scalars;
import io.strongroom.wire.sdk.Kind;
import io.strongroom.wire.sdk.Member;
import io.strongroom.wire.sdk.Shape;
import io.strongroom.wire.sdk.TimeFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a structure out of flat query parameters ({@code Tags.member.1.Key=k}).
 * awsQuery lists are {@code Name.member.N} unless flattened; EC2 lists are always {@code Name.N}.
 */
final class QueryParams {
    private final NavigableMap<String, String> params;
    private final boolean ec2;

    QueryParams(Map<String, String> params, boolean ec2) {
        this.params = new TreeMap<>(params);
        this.ec2 = ec2;
    }

    Object readStructure(Shape shape, String prefix) {
        Shape.Builder b = shape.newBuilder();
        for (Member m : shape.members()) {
            Object v = read(m, prefix + m.wireName());
            if (v != null) {
                b.set(m, v);
            }
        }
        return b.build();
    }

    private Object read(Member m, String path) {
        switch (m.kind()) {
            case STRUCTURE:
                return hasUnder(path) ? readStructure(m.shape(), path + ".") : null;
            case LIST: {
                if ("".equals(params.get(path)) && !hasUnder(path)) {
                    return new ArrayList<>();
                }
                String base = ec2 || m.flattened() ? path : path + "." + m.element().wireName();
                List<Object> out = new ArrayList<>();
                for (int i : indices(base)) {
                    out.add(read(m.element(), base + "." + i));
                }
                return out.isEmpty() ? null : out;
            }
            case MAP: {
                String base = m.flattened() ? path : path + ".entry";
                Map<String, Object> out = new LinkedHashMap<>();
                for (int i : indices(base)) {
                    String key = params.get(base + "." + i + "." + m.mapKeyName());
                    if (key != null) {
                        out.put(key, read(m.element(), base + "." + i + "." + m.mapValueName()));
                    }
                }
                return out.isEmpty() ? null : out;
            }
            case DOCUMENT:
                return null;
            default: {
                String text = params.get(path);
                if (text == null) {
                    return null;
                }
                try {
                    return Scalars.parse(m.kind(), text, m.timeFormat().orElse(TimeFormat.ISO_8601));
                } catch (RuntimeException e) {
                    throw new BadValue(path, text);
                }
            }
        }
    }

    private boolean hasUnder(String path) {
        String p = path + ".";
        String next = params.ceilingKey(p);
        return next != null && next.startsWith(p);
    }

    /** The list indices present under {@code base}, in numeric order. */
    private TreeSet<Integer> indices(String base) {
        TreeSet<Integer> out = new TreeSet<>();
        String p = base + ".";
        for (String k : params.tailMap(p, true).keySet()) {
            if (!k.startsWith(p)) {
                break;
            }
            String rest = k.substring(p.length());
            int dot = rest.indexOf('.');
            String n = dot < 0 ? rest : rest.substring(0, dot);
            try {
                out.add(Integer.parseInt(n));
            } catch (NumberFormatException ignored) {
                // not an index: another member sharing the prefix
            }
        }
        return out;
    }

    /** A parameter whose text is not a value of its member's type. */
    static final class BadValue extends RuntimeException {
        final String name;
        final String value;

        BadValue(String name, String value) {
            super(null, null, false, false);
            this.name = name;
            this.value = value;
        }
    }
}
