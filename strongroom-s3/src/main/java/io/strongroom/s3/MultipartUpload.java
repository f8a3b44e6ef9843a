package io.strongroom.s3;

import java.time.Instant;
import java.util.Map;

import static io.strongroom.s3.Maps.ordered;

/** A multipart upload in progress. */
public record MultipartUpload(String uploadId, String bucket, String key, Instant initiated, String contentType,
                              Map<String, String> metadata, String ownerAccountId) {
    public MultipartUpload {
        metadata = ordered(metadata);
    }
}
