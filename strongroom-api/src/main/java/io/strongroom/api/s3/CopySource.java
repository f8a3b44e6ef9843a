package io.strongroom.api.s3;

import io.strongroom.s3.S3Errors;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** CopyObject's x-amz-copy-source: {@code [/]bucket/key[?versionId=id]}, the key percent-encoded. */
record CopySource(String bucket, String key, String versionId) {
    static CopySource parse(String header) {
        if (header == null || header.isEmpty()) {
            throw S3Errors.invalidCopySource();
        }
        String source = header;
        String versionId = null;
        int question = source.indexOf('?');
        if (question >= 0) {
            String query = source.substring(question + 1);
            source = source.substring(0, question);
            if (query.startsWith("versionId=")) {
                versionId = query.substring("versionId=".length());
            }
        }
        source = URLDecoder.decode(source.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (source.startsWith("/")) {
            source = source.substring(1);
        }
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw S3Errors.invalidCopySource();
        }
        return new CopySource(source.substring(0, slash), source.substring(slash + 1), versionId);
    }
}
