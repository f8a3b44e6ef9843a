package io.strongroom.s3;

/** A run of stored content: {@code chunks} records of the content {@code contentId}, {@code length} bytes in all. */
public record Segment(String contentId, long length, int chunks) {
}
