package io.strongroom.sigv4;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.StringJoiner;

/**
 * The canonical URI line. Every service but S3 signs the normalised wire path encoded a second time
 * (clients encode the already-encoded path again), so {@code /a%20b} is signed as {@code /a%2520b}; S3
 * signs the path exactly as sent.
 */
final class CanonicalUri {
    private CanonicalUri() {
    }

    static String of(String rawPath, boolean s3) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        if (s3) {
            return rawPath;
        }
        return Percent.encode(removeDotSegments(rawPath), true);
    }

    /**
     * RFC 3986 5.2.4 plus collapsing of repeated slashes, which AWS requires (botocore's
     * normalize_url_path; the AWS test suite's get-slashes case signs {@code //example//} as {@code /example/}).
     */
    static String removeDotSegments(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        StringJoiner joined = new StringJoiner("/");
        kept.forEach(joined::add);
        String first = path.startsWith("/") ? "/" : "";
        String last = path.endsWith("/") && !kept.isEmpty() ? "/" : "";
        String result = first + joined + last;
        return result.isEmpty() ? "/" : result;
    }
}
