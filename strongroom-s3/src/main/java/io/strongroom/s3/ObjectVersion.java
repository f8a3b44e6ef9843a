package io.strongroom.s3;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.strongroom.s3.Maps.ordered;

/**
 * One version of an object (or a delete marker). {@code versionId} is {@code "null"} for objects written
 * while versioning was never enabled or is suspended, as on AWS. The content is the concatenation of
 * {@code segments} (one for a single PUT, one per part for a multipart upload).
 */
public record ObjectVersion(String bucket, String key, String versionId, long sequence, boolean deleteMarker,
                            String etag, long size, Instant lastModified, String contentType,
                            Map<String, String> metadata, Map<String, String> tags, List<Segment> segments) {
    public static final String NULL_VERSION = "null";

    public ObjectVersion {
        metadata = ordered(metadata);
        tags = ordered(tags);
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public ObjectVersion withTags(Map<String, String> newTags) {
        return new ObjectVersion(bucket, key, versionId, sequence, deleteMarker, etag, size, lastModified, contentType,
                metadata, newTags, segments);
    }
}
