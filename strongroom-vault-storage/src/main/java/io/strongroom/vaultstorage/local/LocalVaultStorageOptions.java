package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.chunk.ChunkingParameters;

/**
 * Tuning of the local storage; the defaults and the measurements behind them are in decision D36.
 *
 * @param chunking         content-defined chunk sizes
 * @param packTargetSize   a pack is closed (fsync, rename) once it holds this many bytes
 * @param zstdLevel        compression level
 * @param threads          workers that hash, compress, encrypt and decrypt chunks
 * @param repackThreshold  a pack whose unreferenced bytes exceed this fraction is rewritten by a collection
 * @param inlineLimit      a point whose new sealed records total at most this many bytes keeps them in its manifest
 *                         instead of a pack (D78); 0 never does
 */
public record LocalVaultStorageOptions(ChunkingParameters chunking, long packTargetSize, int zstdLevel, int threads,
        double repackThreshold, int inlineLimit) {
    /**
     * Small enough that a point's log record stays a few KiB (a pack of its own would cost a file, a rename and two
     * fsyncs); what it gives up is sharing those few chunks with later points.
     */
    public static final int DEFAULT_INLINE_LIMIT = 3 * 1024;
    public static final LocalVaultStorageOptions DEFAULT = new LocalVaultStorageOptions(ChunkingParameters.DEFAULT,
            16L << 20, 1, Math.max(2, Runtime.getRuntime().availableProcessors()), 0.2, DEFAULT_INLINE_LIMIT);

    public LocalVaultStorageOptions {
        if (packTargetSize < 1 || threads < 1 || repackThreshold < 0 || repackThreshold > 1 || inlineLimit < 0) {
            throw new IllegalArgumentException("invalid options");
        }
    }

    public LocalVaultStorageOptions withPackTargetSize(long size) {
        return new LocalVaultStorageOptions(chunking, size, zstdLevel, threads, repackThreshold, inlineLimit);
    }

    public LocalVaultStorageOptions withChunking(ChunkingParameters parameters) {
        return new LocalVaultStorageOptions(parameters, packTargetSize, zstdLevel, threads, repackThreshold,
                inlineLimit);
    }

    public LocalVaultStorageOptions withZstdLevel(int level) {
        return new LocalVaultStorageOptions(chunking, packTargetSize, level, threads, repackThreshold, inlineLimit);
    }

    public LocalVaultStorageOptions withThreads(int count) {
        return new LocalVaultStorageOptions(chunking, packTargetSize, zstdLevel, count, repackThreshold, inlineLimit);
    }

    public LocalVaultStorageOptions withInlineLimit(int limit) {
        return new LocalVaultStorageOptions(chunking, packTargetSize, zstdLevel, threads, repackThreshold, limit);
    }
}
