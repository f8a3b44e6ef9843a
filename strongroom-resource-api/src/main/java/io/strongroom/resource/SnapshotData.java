package io.strongroom.resource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A snapshot's bytes, as a stream: however large the resource, nobody holds them whole in memory. Each
 * {@link #open} reads them afresh from the start. A provider's stream may read the resource lazily (its files, its
 * rows), so it is only valid inside the transaction that took the snapshot: the engine reads it to its end there.
 */
@FunctionalInterface
public interface SnapshotData {
    InputStream open() throws IOException;

    /** Bytes already in memory (a small resource, or a test's copy). */
    static SnapshotData of(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }

    /** Every byte, in memory: for small snapshots and tests only. */
    default byte[] readAllBytes() {
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
