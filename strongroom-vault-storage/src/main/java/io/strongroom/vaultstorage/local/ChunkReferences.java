package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.chunk.ChunkId;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many published points of a vault use each chunk. Built by a collection that read every manifest, then kept by
 * every write and delete, so later collections mark from it without reading one: a central vault keeps years of
 * points, and reading them all each night grew with them. Memory follows the distinct chunks, not the points. Only
 * ever too high is safe (a chunk kept one collection longer); a count that would go below zero means it no longer
 * describes the vault, and the caller drops it.
 */
final class ChunkReferences {
    private final ConcurrentHashMap<ChunkId, Integer> counts = new ConcurrentHashMap<>();

    /**
     * The distinct packed chunks of one point, each counted once however often the point repeats it. Chunks the
     * manifest holds itself are not counted: no pack keeps them, and they go with the manifest.
     */
    static List<ChunkId> of(Manifest manifest) {
        Set<ChunkId> inline = manifest.inlineRecords().keySet();
        return manifest.entries().stream().map(Manifest.Entry::id).filter(id -> !inline.contains(id)).distinct()
                .toList();
    }

    void add(List<ChunkId> distinct) {
        distinct.forEach(id -> counts.merge(id, 1, Integer::sum));
    }

    /** False when a chunk was not counted: the counts then no longer describe the vault. */
    boolean remove(List<ChunkId> distinct) {
        boolean consistent = true;
        for (ChunkId id : distinct) {
            boolean[] found = {false};
            counts.computeIfPresent(id, (k, n) -> {
                found[0] = true;
                return n == 1 ? null : n - 1;
            });
            consistent &= found[0];
        }
        return consistent;
    }

    Set<ChunkId> live() {
        return new HashSet<>(counts.keySet());
    }
}
