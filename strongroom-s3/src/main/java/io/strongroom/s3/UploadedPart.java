package io.strongroom.s3;

import java.time.Instant;

/** One uploaded part; its content becomes a segment of the object when the upload completes. */
public record UploadedPart(String uploadId, int partNumber, String etag, long size, Instant lastModified,
                           Segment segment) {
}
