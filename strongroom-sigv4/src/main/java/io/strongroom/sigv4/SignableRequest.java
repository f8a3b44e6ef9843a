package io.strongroom.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of an HTTP request signing looks at; header names lower-case; rawPath/rawQuery exactly as
 * received (percent-encoded, query null if absent).
 *
 * <p>Header names are lower-cased again here (merging duplicates in arrival order) so a caller that
 * forgets cannot make a correctly signed request fail. {@code body} may be null only for S3 requests whose
 * body is streamed rather than buffered: the signature then covers the {@code x-amz-content-sha256}
 * value as sent, and comparing it with the bytes is left to whoever reads the stream.
 */
public record SignableRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                              byte[] body) {

    public SignableRequest {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("method is required");
        }
        rawPath = rawPath == null ? "" : rawPath;
        TreeMap<String, List<String>> normalized = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    normalized.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
                }
            });
        }
        normalized.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(normalized);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of a header in arrival order; empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** A copy with one header set to a single value (replacing any previous values). */
    public SignableRequest withHeader(String name, String value) {
        TreeMap<String, List<String>> copy = new TreeMap<>(headers);
        copy.put(name.toLowerCase(Locale.ROOT), List.of(value));
        return new SignableRequest(method, rawPath, rawQuery, copy, body);
    }

    public SignableRequest withRawQuery(String newRawQuery) {
        return new SignableRequest(method, rawPath, newRawQuery, headers, body);
    }
}
