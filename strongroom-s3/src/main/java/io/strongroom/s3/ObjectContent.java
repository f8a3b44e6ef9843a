package io.strongroom.s3;

import io.strongroom.resource.SnapshotData;
import io.strongroom.resource.SnapshotStreams;
import io.strongroom.s3.codec.S3Json;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Object bytes in the store, in records of at most {@link #CHUNK_SIZE} bytes, so a large object is many
 * modest rows and a ranged read touches only the chunks it needs. Content is immutable once written.
 */
final class ObjectContent {
    static final int CHUNK_SIZE = 1024 * 1024;
    private static final Collection<byte[]> CHUNKS = new Collection<>("s3-chunks", S3Json.raw());

    private ObjectContent() {
    }

    static Segment write(Tx tx, byte[] bytes) {
        String contentId = "c" + Long.toString(tx.nextSequence("s3-content"), 36);
        int chunks = 0;
        for (int offset = 0; offset < bytes.length; offset += CHUNK_SIZE) {
            int end = Math.min(bytes.length, offset + CHUNK_SIZE);
            // An object that fits one chunk is stored from its own array, not a 1 MiB copy of it.
            byte[] chunk = offset == 0 && end == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, end);
            CHUNKS.put(tx, key(contentId, chunks++), chunk, Tx.ABSENT);
        }
        return new Segment(contentId, bytes.length, chunks);
    }

    /** Bytes {@code [start, end]} (inclusive) of the concatenated segments. */
    static byte[] read(Tx tx, List<Segment> segments, long start, long end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, end - start + 1));
        long base = 0;
        for (Segment s : segments) {
            long segEnd = base + s.length() - 1;
            if (s.length() > 0 && segEnd >= start && base <= end) {
                long from = Math.max(start, base) - base;
                long to = Math.min(end, segEnd) - base;
                for (int i = (int) (from / CHUNK_SIZE); i <= (int) (to / CHUNK_SIZE); i++) {
                    byte[] chunk = CHUNKS.get(tx, key(s.contentId(), i))
                            .orElseThrow(() -> new IllegalStateException("missing content chunk of " + s.contentId()));
                    long chunkBase = (long) i * CHUNK_SIZE;
                    int a = (int) (Math.max(from, chunkBase) - chunkBase);
                    int b = (int) (Math.min(to, chunkBase + chunk.length - 1) - chunkBase);
                    out.write(chunk, a, b - a + 1);
                }
            }
            base += s.length();
        }
        return out.toByteArray();
    }

    static byte[] readAll(Tx tx, List<Segment> segments) {
        long size = segments.stream().mapToLong(Segment::length).sum();
        return size == 0 ? new byte[0] : read(tx, segments, 0, size - 1);
    }

    /**
     * Stores exactly {@code length} bytes of {@code in} as one segment, a chunk at a time, feeding {@code digest};
     * fails if {@code in} ends early.
     */
    static Segment write(Tx tx, InputStream in, long length, MessageDigest digest) throws IOException {
        String contentId = "c" + Long.toString(tx.nextSequence("s3-content"), 36);
        int chunks = 0;
        for (long offset = 0; offset < length; offset += CHUNK_SIZE) {
            int size = (int) Math.min(CHUNK_SIZE, length - offset);
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new java.io.EOFException("object content ends early");
            }
            digest.update(chunk);
            CHUNKS.put(tx, key(contentId, chunks++), chunk, Tx.ABSENT);
        }
        return new Segment(contentId, length, chunks);
    }

    /** The concatenated segments as a stream that reads one chunk at a time, inside {@code tx}. */
    static InputStream stream(Tx tx, List<Segment> segments) {
        Iterator<SnapshotData> chunks = segments.stream().flatMap(s -> java.util.stream.IntStream.range(0, s.chunks())
                .<SnapshotData>mapToObj(i -> () -> new ByteArrayInputStream(CHUNKS.get(tx, key(s.contentId(), i))
                        .orElseThrow(() -> new IllegalStateException("missing content chunk of " + s.contentId())))))
                .iterator();
        return SnapshotStreams.concat(chunks);
    }

    static void delete(Tx tx, List<Segment> segments) {
        for (Segment s : segments) {
            for (int i = 0; i < s.chunks(); i++) {
                CHUNKS.delete(tx, key(s.contentId(), i));
            }
        }
    }

    private static String key(String contentId, int index) {
        return contentId + "/" + Keys.zeroPadded(Integer.toString(index), 7);
    }
}
