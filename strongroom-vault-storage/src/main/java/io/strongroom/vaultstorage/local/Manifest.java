package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.chunk.ChunkId;
import java.util.List;

/** A recovery point: its stat (header, readable without keys) and its chunks in order (encrypted body). */
record Manifest(RecoveryPointStat stat, List<Entry> entries) {
    record Entry(ChunkId id, int plainLength, int storedLength) {
        static final int ENCODED_LENGTH = ChunkId.LENGTH + 4 + 4;
    }
}
