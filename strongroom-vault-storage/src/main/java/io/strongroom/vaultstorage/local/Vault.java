package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.chunk.ChunkId;
import io.strongroom.vaultstorage.chunk.VaultKeys;
import java.util.List;
import java.util.Map;
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
     * The chunks of the points a collection marked, by point id, so the next collection reads only the manifests
     * published since (a local vault that keeps 35 days re-read all of them every day). A manifest's chunks never
     * change while its id stays (a retention change rewrites the same entries); removing the manifest drops its
     * entry. Bounded: past {@link #MARKED_LIMIT} points the rest are read each time, as before.
     */
    final Map<String, List<ChunkId>> markedChunks = new ConcurrentHashMap<>();
    static final int MARKED_LIMIT = 65_536;

    Vault(String id, VaultLayout layout, VaultKeys keys, ChunkIndex index) {
        this.id = id;
        this.layout = layout;
        this.keys = keys;
        this.index = index;
    }
}
