package io.strongroom.vaultstorage;

import java.time.Instant;

/**
 * What a stored recovery point is.
 *
 * @param logicalSize    bytes written, as read back
 * @param storedSize     bytes on disk of the distinct chunks it references (shared chunks counted in full)
 * @param chunkCount     chunks in its manifest, repeats included
 * @param newChunkCount  chunks this write added to the vault (the others were already there)
 * @param newStoredBytes bytes on disk this write added to the vault
 */
public record RecoveryPointStat(String vault, String recoveryPointId, Instant createdAt, Retention retention,
        long logicalSize, long storedSize, int chunkCount, int newChunkCount, long newStoredBytes) {
}
