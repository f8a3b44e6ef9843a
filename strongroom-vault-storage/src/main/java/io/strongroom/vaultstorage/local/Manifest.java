package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.chunk.ChunkId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A recovery point: its stat (header, readable without keys) and its chunks in order (encrypted body). */
record Manifest(RecoveryPointStat stat, List<Entry> entries) {
    /**
     * One chunk of the point. {@code inline} is the chunk's sealed record when the manifest itself holds it (a small
     * point's new chunks, D78), on the first entry of that id only; null when the chunk lives in a pack or an earlier
     * entry of this manifest carries it.
     */
    record Entry(ChunkId id, int plainLength, int storedLength, byte[] inline) {
        static final int ENCODED_LENGTH = ChunkId.LENGTH + 4 + 4;

        Entry(ChunkId id, int plainLength, int storedLength) {
            this(id, plainLength, storedLength, null);
        }
    }

    /** The sealed records this manifest holds itself, by chunk id. */
    Map<ChunkId, byte[]> inlineRecords() {
        Map<ChunkId, byte[]> records = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.inline() != null) {
                records.put(entry.id(), entry.inline());
            }
        }
        return records;
    }
}
