package io.strongroom.s3;

import java.time.Instant;
import java.util.Map;

/** A multipart upload in progress. */
public record MultipartUpload(String uploadId, String bucket, String key, Instant initiated, String contentType,
                              Map<String, String> metadata, String ownerAccountId) {
    public MultipartUpload {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
