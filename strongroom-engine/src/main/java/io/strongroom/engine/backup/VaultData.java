package io.strongroom.engine.backup;

import io.strongroom.vaultstorage.LockMode;
import io.strongroom.vaultstorage.RecoveryPointNotFoundException;
import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.VaultNotFoundException;
import io.strongroom.vaultstorage.VaultStorage;
import io.strongroom.vaultstorage.WriteDurability;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

/**
 * The backup vaults' bytes in the vault storage engine. Each incarnation of a backup vault has its own storage vault
 * (named by account, Region, name and creation time), made on its first recovery point with a data key that the
 * vault's KMS key wraps. The storage's own retention lock mirrors the vault's Vault Lock when a point is written, so
 * the storage refuses to lose a locked point whatever the layer above does. The storage asks KMS (which opens its own
 * transaction) when it creates or first opens a vault: {@link #prepare} does that outside any transaction, after which
 * {@link #write} and {@link #read} ask KMS nothing and may run inside one (a backup consumes its snapshot's stream
 * inside the read transaction that took it, a restore reads the point inside its write transaction). Bytes always
 * stream: nothing here holds a recovery point in memory.
 */
public final class VaultData {
    private final VaultStorage storage;

    public VaultData(VaultStorage storage) {
        this.storage = storage;
    }

    static String storageVault(BackupVault vault) {
        return vault.accountId() + "." + vault.region() + "." + vault.name() + "." + vault.created().toEpochMilli();
    }

    /** The KMS key the vault's data key is wrapped under: an AWS owned key is modelled by the account's aws/backup. */
    static String keyOf(BackupVault vault) {
        return vault.encryptionKeyArn() != null ? vault.encryptionKeyArn() : "alias/aws/backup";
    }

    /** The encryption context of a vault's data key, which also tells KMS whose call it is. */
    public static Map<String, String> encryptionContext(BackupVault vault) {
        return Map.of("aws:backup:backup-vault-arn", vault.arn(), "aws:backup:account", vault.accountId(),
                "aws:backup:region", vault.region());
    }

    static Retention retention(BackupVault vault, Instant deleteAt, Instant now) {
        LockMode mode = !vault.locked() ? LockMode.NONE
                : vault.lock().immutableAt(now) ? LockMode.COMPLIANCE : LockMode.GOVERNANCE;
        return new Retention(deleteAt, mode);
    }

    /**
     * Makes the vault's storage exist and opens it (its data key unwrapped through KMS), outside any transaction, so
     * that reading or writing {@code pointId} afterwards needs no KMS call.
     */
    void prepare(BackupVault vault, String pointId) {
        String id = storageVault(vault);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                storage.stat(id, pointId);
                return;
            } catch (RecoveryPointNotFoundException e) {
                return; // open, and the point not written yet
            } catch (VaultNotFoundException e) {
                createVault(vault, id);
            }
        }
    }

    /**
     * Writes a point for a job's data move; durable at the next {@link #syncWrites}, which the moves run before
     * recording any outcome, so one instant's points share their vaults' fsyncs.
     */
    RecoveryPointStat write(BackupVault vault, String pointId, Retention retention, InputStream content) {
        String id = storageVault(vault);
        try {
            return storage.write(id, pointId, retention, content, WriteDurability.AT_NEXT_SYNC);
        } catch (VaultNotFoundException e) {
            createVault(vault, id);
            return storage.write(id, pointId, retention, content, WriteDurability.AT_NEXT_SYNC);
        }
    }

    /** Makes the points {@link #write} and {@link #copy} wrote, and those {@link #delete} removed, durable. */
    void syncWrites() {
        storage.syncWrites();
    }

    private void createVault(BackupVault vault, String id) {
        try {
            storage.createVault(id, keyOf(vault), encryptionContext(vault));
        } catch (io.strongroom.vaultstorage.VaultAlreadyExistsException e) {
            // made by a concurrent job of the same vault
        }
    }

    /** The point's bytes, streamed from the storage (the caller closes the stream). */
    InputStream read(BackupVault vault, String pointId) {
        return storage.read(storageVault(vault), pointId);
    }

    /**
     * The point as an earlier write left it, if that write finished: the storage publishes a point only once all of
     * it is durable (D36), so a write cut short by a crash leaves none. Outside any transaction.
     */
    java.util.Optional<RecoveryPointStat> written(BackupVault vault, String pointId) {
        try {
            return java.util.Optional.of(storage.stat(storageVault(vault), pointId));
        } catch (RecoveryPointNotFoundException | VaultNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    RecoveryPointStat stat(BackupVault vault, String pointId) {
        return storage.stat(storageVault(vault), pointId);
    }

    /**
     * Copies a point into another vault (re-encrypted under its key), streaming; outside any transaction. Durable at
     * the next {@link #syncWrites}, as a {@link #write} is.
     */
    RecoveryPointStat copy(BackupVault source, String sourceId, BackupVault target, String targetId,
                           Retention retention) {
        prepare(target, targetId);
        return storage.copy(storageVault(source), sourceId, storageVault(target), targetId, retention,
                WriteDurability.AT_NEXT_SYNC);
    }

    /**
     * Deletes a point, first lifting a governance mirror of a lock that no longer holds; gone already is fine. Work
     * beside the data moves: durable at the next {@link #syncWrites}, which the moves run once it is done.
     */
    void delete(BackupVault vault, String pointId) {
        String id = storageVault(vault);
        try {
            RecoveryPointStat stat = storage.stat(id, pointId);
            if (stat.retention().mode() == LockMode.GOVERNANCE) {
                storage.updateRetention(id, pointId, new Retention(stat.retention().retainUntil(), LockMode.NONE));
            }
            storage.delete(id, pointId, WriteDurability.AT_NEXT_SYNC);
        } catch (RecoveryPointNotFoundException | VaultNotFoundException e) {
            // never written (a job that failed early) or already deleted
        }
    }

    /** Sets a point's retention, lifting a governance mirror first when the vault is no longer locked. */
    void retain(BackupVault vault, String pointId, Retention retention) {
        String id = storageVault(vault);
        RecoveryPointStat stat = storage.stat(id, pointId);
        if (stat.retention().mode() == LockMode.GOVERNANCE && retention.mode() == LockMode.NONE) {
            storage.updateRetention(id, pointId, new Retention(stat.retention().retainUntil(), LockMode.NONE));
        }
        storage.updateRetention(id, pointId, retention);
    }

    /** Removes the storage vault of a deleted backup vault, when it ever had one. */
    void deleteVault(BackupVault vault) {
        try {
            storage.deleteVault(storageVault(vault));
        } catch (VaultNotFoundException e) {
            // never held a recovery point
        }
    }
}
