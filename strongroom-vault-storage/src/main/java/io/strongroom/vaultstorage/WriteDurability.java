package io.strongroom.vaultstorage;

/** When a change to a vault (a new recovery point, a deletion) is durable. */
public enum WriteDurability {
    /** When the call that makes it returns. */
    ON_RETURN,
    /**
     * At the next {@link VaultStorage#syncWrites}: the change is visible at once, a new point's chunks are durable,
     * and a crash before that sync undoes the whole change, never part of it. Many changes then share one fsync of
     * their vault.
     */
    AT_NEXT_SYNC
}
