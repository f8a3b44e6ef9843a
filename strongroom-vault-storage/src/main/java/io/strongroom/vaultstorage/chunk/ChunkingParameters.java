package io.strongroom.vaultstorage.chunk;

/**
 * FastCDC sizes. The average must be a power of two (it sets the cut masks). Defaults and why: decision D36.
 */
public record ChunkingParameters(int minSize, int averageSize, int maxSize) {
    public static final ChunkingParameters DEFAULT = new ChunkingParameters(32 << 10, 128 << 10, 512 << 10);

    public ChunkingParameters {
        if (Integer.bitCount(averageSize) != 1 || minSize < 64 || minSize >= averageSize || maxSize <= averageSize) {
            throw new IllegalArgumentException("need 64 <= min < average (a power of two) < max");
        }
    }
}
