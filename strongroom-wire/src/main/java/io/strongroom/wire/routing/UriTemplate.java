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

    /**
     * Matches a raw (still percent-encoded) path; returns the decoded labels, or null when it does not match.
     */
    public Map<String, String> match(String rawPath) {
        List<String> parts = new ArrayList<>(List.of(rawPath.split("/", -1)));
        if (!parts.isEmpty() && parts.get(0).isEmpty()) {
            parts.remove(0);
        }
        // "/a/b/" and "/a/b" are the same resource unless a greedy label keeps the slash.
        boolean greedy = !segments.isEmpty() && segments.get(segments.size() - 1).endsWith("+}");
        if (!greedy) {
            while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
                parts.remove(parts.size() - 1);
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (seg.endsWith("+}")) {
                if (i >= parts.size()) {
                    return null;
                }
                String rest = String.join("/", parts.subList(i, parts.size()));
                if (rest.isEmpty()) {
                    return null;
                }
                labels.put(seg.substring(1, seg.length() - 2), decode(rest));
                return labels;
            }
            if (i >= parts.size()) {
                return null;
            }
            String part = parts.get(i);
            if (seg.startsWith("{")) {
                if (part.isEmpty()) {
                    return null;
                }
                labels.put(seg.substring(1, seg.length() - 1), decode(part));
            } else if (!seg.equals(part)) {
                return null;
            }
        }
        return parts.size() == segments.size() ? labels : null;
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
