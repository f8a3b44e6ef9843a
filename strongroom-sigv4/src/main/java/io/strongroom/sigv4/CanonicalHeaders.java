package io.strongroom.sigv4;

import java.util.List;
import java.util.Locale;

/**
 * The canonical headers block for exactly the headers the client says it signed: the verifier must
 * not guess which others a client may have added or proxies may have changed.
 */
final class CanonicalHeaders {
    private CanonicalHeaders() {
    }

    static String of(SignableRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            out.append(name.toLowerCase(Locale.ROOT)).append(':').append(value(request, name)).append('\n');
        }
        return out.toString();
    }

    private static String value(SignableRequest request, String name) {
        List<String> values = request.headerValues(name);
        // HTTP/2 carries the host as :authority; clients sign whichever name they saw.
        if (values.isEmpty() && name.equalsIgnoreCase("host")) {
            values = request.headerValues(":authority");
        } else if (values.isEmpty() && name.equalsIgnoreCase(":authority")) {
            values = request.headerValues("host");
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                joined.append(',');
            }
            joined.append(canonicalValue(values.get(i)));
        }
        return joined.toString();
    }

    static String canonicalValue(String value) {
        String trimmed = value.trim();
        StringBuilder out = new StringBuilder(trimmed.length());
        boolean previousSpace = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ' ') {
                if (!previousSpace) {
                    out.append(c);
                }
                previousSpace = true;
            } else {
                out.append(c);
                previousSpace = false;
            }
        }
        return out.toString();
    }
}
