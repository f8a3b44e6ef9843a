package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.chunk.VaultKeys;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

/**
 * An opened vault: its files, keys and chunk index, and the lock that keeps a collection apart from everything
 * that adds or changes files (writes, retention changes, deletes take it shared; a collection exclusively). A
 * StampedLock because a read stream is opened on one thread and may be closed on another.
 */
final class Vault {
    final String id;
    final VaultLayout layout;
    final VaultKeys keys;
    final ChunkIndex index;
    final PointLog points;
    final StampedLock lock = new StampedLock();
    /** Recovery point ids being written, so two writers of one id never race. */
    final Set<String> writing = ConcurrentHashMap.newKeySet();
    /** Serialises changes to manifests (retention, delete, expiry). */
    final Object manifests = new Object();
    /**
     * Whether the vault may hold garbage: true when opened (a crash may have left some), set by every removed
     * manifest and failed write, cleared by a collection. A vault that only grows (a central vault whose points
     * outlive the simulation) is then never re-marked, which kept its daily collection growing with its points.
     */
    volatile boolean mayHoldGarbage = true;
    /**
     * How many points use each chunk, once a collection has counted every manifest; null until then (after opening,
     * or when a delete could not read what it removed). Writes and deletes keep it under the shared lock, a
     * collection reads it under the exclusive one.
     */
    volatile ChunkReferences references;

    Vault(String id, VaultLayout layout, VaultKeys keys, ChunkIndex index, PointLog points) {
        this.id = id;
        this.layout = layout;
        this.keys = keys;
        this.index = index;
        this.points = points;
    }
}
