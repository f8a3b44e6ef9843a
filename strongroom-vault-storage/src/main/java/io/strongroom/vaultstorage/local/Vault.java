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
    final StampedLock lock = new StampedLock();
    /** Recovery point ids being written, so two writers of one id never race. */
    final Set<String> writing = ConcurrentHashMap.newKeySet();
    /** Serialises changes to manifests (retention, delete, expiry). */
    final Object manifests = new Object();

    Vault(String id, VaultLayout layout, VaultKeys keys, ChunkIndex index) {
        this.id = id;
        this.layout = layout;
        this.keys = keys;
        this.index = index;
    }
}
