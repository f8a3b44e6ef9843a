package io.strongroom.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical query line: each name and value decoded and re-encoded with the unreserved set (the
 * client may have encoded more or less than SigV4 does), sorted by name then value.
 */
final class CanonicalQuery {
    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";

    private CanonicalQuery() {
    }

    static String of(String rawQuery, boolean presigned) {
        record Pair(String name, String value) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (QueryParameters.Parameter p : QueryParameters.parse(rawQuery).all()) {
            // A presigned URL cannot sign its own signature.
            if (presigned && p.name().equals(SIGNATURE_PARAMETER)) {
                continue;
            }
            pairs.add(new Pair(Percent.encode(Percent.decode(p.rawName()), false),
                    Percent.encode(Percent.decode(p.rawValue()), false)));
        }
        pairs.sort(Comparator.comparing(Pair::name).thenComparing(Pair::value));
        StringBuilder out = new StringBuilder();
        for (Pair pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair.name()).append('=').append(pair.value());
        }
        return out.toString();
    }
}
