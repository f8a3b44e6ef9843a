package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.chunk.ChunkId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vault's chunks, by id, as found in its published packs. Rebuilt from the pack trailers when the vault is
 * opened; the index itself is never written, so it cannot disagree with the packs after a crash.
 */
final class ChunkIndex {
    private final Map<ChunkId, ChunkLocation> locations = new ConcurrentHashMap<>();

    void addPack(String pack, List<PackEntry> entries) {
        for (PackEntry entry : entries) {
            locations.put(entry.id(), new ChunkLocation(pack, entry.offset(), entry.length(), entry.plainLength()));
        }
    }

    /**
     * Makes the index name exactly the chunks of {@code packs}. New locations go in before stale ones go out, so
     * a concurrent reader finds a chunk throughout (a reader holding a stale location retries once).
     */
    void replaceWith(Map<String, List<PackEntry>> packs) {
        Map<ChunkId, ChunkLocation> fresh = new HashMap<>();
        packs.forEach((pack, entries) -> {
            for (PackEntry entry : entries) {
                fresh.put(entry.id(), new ChunkLocation(pack, entry.offset(), entry.length(), entry.plainLength()));
            }
        });
        locations.putAll(fresh);
        locations.keySet().retainAll(fresh.keySet());
    }

    ChunkLocation get(ChunkId id) {
        return locations.get(id);
    }

    int size() {
        return locations.size();
    }
}
