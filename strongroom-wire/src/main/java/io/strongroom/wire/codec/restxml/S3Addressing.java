package io.strongroom.wire.codec.restxml;

import io.strongroom.wire.http.WireRequest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the bucket is: in the host (virtual-hosted style: {@code bucket.localhost}, {@code bucket.s3.localhost},
 * {@code bucket.s3.us-east-1.amazonaws.com}) or in the first path segment (path style).
 */
record S3Addressing(String bucket, String keyPath) {
    private static final Pattern VIRTUAL_HOST = Pattern.compile(
            "^(.+?)\\.(?:s3\\.localhost|localhost|s3\\.localhost\\.localstack\\.cloud|s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com)$");

    static S3Addressing of(WireRequest request) {
        String host = request.headers().first("Host").orElse("").toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]")) {
            host = host.substring(0, colon);
        }
        Matcher m = VIRTUAL_HOST.matcher(host);
        if (m.matches() && !m.group(1).equals("s3")) {
            return new S3Addressing(m.group(1), request.rawPath());
        }
        String path = request.rawPath();
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (rest.isEmpty()) {
            return new S3Addressing(null, "/");
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        return new S3Addressing(java.net.URLDecoder.decode(bucket.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8),
                slash < 0 ? "/" : rest.substring(slash));
    }
}
