package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

/**
 * What the vaults know of their recovery points, through the vault storage engine once jobs exist: how many a vault
 * holds (NumberOfRecoveryPoints, and whether DeleteBackupVault must refuse). Recovery points in DELETING still count.
 */
@FunctionalInterface
public interface VaultContents {
    /** No recovery points anywhere: the state until backup jobs write them. */
    VaultContents NONE = (tx, vaultArn) -> 0L;

    long recoveryPoints(Tx tx, String vaultArn);
}
