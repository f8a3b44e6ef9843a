package io.strongroom.s3;

/**
 * What GetObject answers: the version, and the bytes {@code [start, end]} (inclusive) of its content;
 * {@code ranged} when the caller asked for a range (206 with Content-Range).
 */
public record ObjectRead(ObjectVersion version, byte[] bytes, long start, long end, boolean ranged) {
}
