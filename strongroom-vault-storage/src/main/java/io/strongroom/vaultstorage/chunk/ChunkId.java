package io.strongroom.vaultstorage.chunk;

import java.util.Arrays;
import java.util.HexFormat;

/** HMAC-SHA256 of a chunk's plaintext under its vault's id key: equal only for equal chunks of one vault. */
public final class ChunkId {
    public static final int LENGTH = 32;
    private final byte[] bytes;
    private final int hash;

    private ChunkId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    public static ChunkId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a chunk id is 32 bytes");
        }
        return new ChunkId(bytes.clone());
    }

    static ChunkId wrap(byte[] bytes) {
        return new ChunkId(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
