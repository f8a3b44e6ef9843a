package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.chunk.ChunkId;

/** Where a chunk's record lies in a pack file. */
record PackEntry(ChunkId id, long offset, int length, int plainLength) {
    static final int ENCODED_LENGTH = ChunkId.LENGTH + 8 + 4 + 4;
}
