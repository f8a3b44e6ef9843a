package io.strongroom.wire.codec.rest;

import io.strongroom.wire.codec.Scalars;
import io.strongroom.wire.http.Headers;
import io.strongroom.wire.sdk.Kind;
import io.strongroom.wire.sdk.Location;
import io.strongroom.wire.sdk.Member;
import io.strongroom.wire.sdk.Shape;
import io.strongroom.wire.sdk.TimeFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The non-body members of REST protocols: path labels, query parameters, headers and status code.
 * Bad values throw IllegalArgumentException; each codec turns that into its protocol's error.
 */
public final class HttpBindings {
    private HttpBindings() {
    }

    public static void readNonBody(Shape shape, Map<String, String> labels, Map<String, List<String>> query,
                                   Headers headers, Shape.Builder builder) {
        Set<String> boundQuery = new java.util.HashSet<>();
        for (Member m : shape.members()) {
            if (m.location() == Location.QUERY && m.kind() != Kind.MAP) {
                boundQuery.add(m.wireName());
            }
        }
        for (Member m : shape.members()) {
            switch (m.location()) {
                case PATH, GREEDY_PATH -> {
                    String v = labels.get(m.wireName());
                    if (v != null) {
                        builder.set(m, Scalars.parse(m.kind(), v, TimeFormat.ISO_8601));
                    }
                }
                case QUERY -> readQuery(m, query, boundQuery, builder);
                case HEADER -> readHeader(m, headers, builder);
                default -> {
                }
            }
        }
    }

    private static void readQuery(Member m, Map<String, List<String>> query, Set<String> bound,
                                  Shape.Builder builder) {
        if (m.kind() == Kind.MAP) {
            // A query map takes every parameter no other member claims.
            Map<String, Object> map = new LinkedHashMap<>();
            boolean listValued = m.element().kind() == Kind.LIST;
            query.forEach((k, vs) -> {
                if (!bound.contains(k)) {
                    map.put(k, listValued ? new ArrayList<>(vs) : vs.get(0));
                }
            });
            if (!map.isEmpty()) {
                builder.set(m, map);
            }
            return;
        }
        List<String> values = query.get(m.wireName());
        if (values == null) {
            return;
        }
        if (m.kind() == Kind.LIST) {
            List<Object> list = new ArrayList<>();
            for (String v : values) {
                list.add(Scalars.parse(m.element().kind(), v, timeFormat(m.element(), TimeFormat.ISO_8601)));
            }
            builder.set(m, list);
        } else {
            builder.set(m, Scalars.parse(m.kind(), values.get(0), timeFormat(m, TimeFormat.ISO_8601)));
        }
    }

    private static void readHeader(Member m, Headers headers, Shape.Builder builder) {
        if (m.kind() == Kind.MAP) {
            String prefix = m.wireName().toLowerCase(Locale.ROOT);
            Map<String, String> map = new LinkedHashMap<>();
            for (String name : headers.names()) {
                if (name.startsWith(prefix)) {
                    map.put(name.substring(prefix.length()), headers.firstOrNull(name));
                }
            }
            if (!map.isEmpty()) {
                builder.set(m, map);
            }
            return;
        }
        List<String> values = headers.all(m.wireName());
        if (values.isEmpty()) {
            return;
        }
        if (m.kind() == Kind.LIST) {
            List<Object> list = new ArrayList<>();
            for (String v : values) {
                for (String part : splitHeaderList(v, m.element().kind())) {
                    list.add(Scalars.parse(m.element().kind(), part, timeFormat(m.element(), TimeFormat.RFC_822)));
                }
            }
            builder.set(m, list);
            return;
        }
        String v = values.get(0);
        if (m.jsonValue()) {
            v = new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
        }
        builder.set(m, Scalars.parse(m.kind(), v, timeFormat(m, TimeFormat.RFC_822)));
    }

    private static List<String> splitHeaderList(String v, Kind kind) {
        List<String> out = new ArrayList<>();
        if (kind == Kind.TIMESTAMP) {
            // RFC 822 dates contain a comma themselves: split after every "GMT".
            for (String p : v.split("(?<=GMT)\\s*,\\s*")) {
                out.add(p.trim());
            }
            return out;
        }
        for (String p : v.split(",")) {
            out.add(p.trim());
        }
        return out;
    }

    /** Adds the header members of {@code pojo} and returns the STATUS_CODE member's value (or null). */
    public static Integer writeNonBody(Shape shape, Object pojo, Headers headers) {
        Integer status = null;
        for (Member m : shape.members()) {
            Object v = m.get(pojo);
            if (v == null) {
                continue;
            }
            if (m.location() == Location.STATUS_CODE) {
                status = ((Number) v).intValue();
            } else if (m.location() == Location.HEADER) {
                writeHeader(m, v, headers);
            }
        }
        return status;
    }

    private static void writeHeader(Member m, Object v, Headers headers) {
        if (m.kind() == Kind.MAP) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                headers.set(m.wireName() + e.getKey(), String.valueOf(e.getValue()));
            }
        } else if (m.kind() == Kind.LIST) {
            List<String> parts = new ArrayList<>();
            for (Object e : (List<?>) v) {
                parts.add(Scalars.format(m.element().kind(), e, timeFormat(m.element(), TimeFormat.RFC_822)));
            }
            headers.set(m.wireName(), String.join(",", parts));
        } else {
            String text = m.kind() == Kind.TIMESTAMP
                    ? Scalars.formatInstant((Instant) v, timeFormat(m, TimeFormat.RFC_822))
                    : Scalars.format(m.kind(), v, TimeFormat.RFC_822);
            if (m.jsonValue()) {
                text = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            }
            headers.set(m.wireName(), text);
        }
    }

    private static TimeFormat timeFormat(Member m, TimeFormat dflt) {
        return m.timeFormat().orElse(dflt);
    }
}
