package io.strongroom.wire.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled REST request URI ({@code /backup-vaults/{backupVaultName}?x=1}, {@code /{Key+}?uploads}):
 * literal and label path segments, an optional trailing greedy label, and literal query parameters.
 */
public final class UriTemplate {
    private final String template;
    private final List<String> segments = new ArrayList<>();
    private final Map<String, String> queryLiterals = new LinkedHashMap<>();
    private final int literalSegments;
    /** The last segment is a greedy label ({@code {Key+}}), which keeps slashes. */
    private final boolean greedy;

    public UriTemplate(String template) {
        this.template = template;
        int q = template.indexOf('?');
        String path = q < 0 ? template : template.substring(0, q);
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        if (q >= 0) {
            for (String kv : template.substring(q + 1).split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                queryLiterals.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? null : kv.substring(eq + 1));
            }
        }
        this.literalSegments = (int) segments.stream().filter(s -> !s.startsWith("{")).count();
        this.greedy = !segments.isEmpty() && segments.get(segments.size() - 1).endsWith("+}");
    }

    public String template() {
        return template;
    }

    public Map<String, String> queryLiterals() {
        return queryLiterals;
    }

    public int literalSegments() {
        return literalSegments;
    }

    public int segmentCount() {
        return segments.size();
    }

    /** Whether the path matches, without decoding anything. */
    boolean matches(RequestPath path) {
        List<String> parts = greedy ? path.parts() : path.trimmed();
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (greedy && i == segments.size() - 1) {
                return i < parts.size() && !String.join("/", parts.subList(i, parts.size())).isEmpty();
            }
            if (i >= parts.size()) {
                return false;
            }
            String part = parts.get(i);
            if (seg.startsWith("{") ? part.isEmpty() : !seg.equals(part)) {
                return false;
            }
        }
        return parts.size() == segments.size();
    }

    /** The decoded labels of a path that {@link #matches} this template. */
    Map<String, String> labels(RequestPath path) {
        List<String> parts = greedy ? path.parts() : path.trimmed();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (greedy && i == segments.size() - 1) {
                labels.put(seg.substring(1, seg.length() - 2), decode(String.join("/", parts.subList(i, parts.size()))));
            } else if (seg.startsWith("{")) {
                labels.put(seg.substring(1, seg.length() - 1), decode(parts.get(i)));
            }
        }
        return labels;
    }

    /**
     * A raw path split at its slashes once: {@code parts} as sent (after the leading slash), {@code trimmed} without
     * trailing empty parts ("/a/b/" and "/a/b" are the same resource unless a greedy label keeps the slash).
     */
    record RequestPath(List<String> parts, List<String> trimmed) {
        static RequestPath of(String rawPath) {
            List<String> parts = new ArrayList<>(List.of(rawPath.split("/", -1)));
            if (!parts.isEmpty() && parts.get(0).isEmpty()) {
                parts.remove(0);
            }
            int end = parts.size();
            while (end > 0 && parts.get(end - 1).isEmpty()) {
                end--;
            }
            return new RequestPath(parts, parts.subList(0, end));
        }
    }

    static String decode(String s) {
        // '+' is a literal plus in paths, not a space.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return template;
    }
}
