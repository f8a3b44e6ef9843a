package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

/** The vaults' recovery points as the jobs recorded them (points being created or deleted count too). */
public final class RecordedVaultContents implements VaultContents {
    private final JobStore store = new JobStore();

    @Override
    public long recoveryPoints(Tx tx, String vaultArn) {
        // arn:aws:backup:<region>:<account>:backup-vault:<name>
        String[] parts = vaultArn.split(":", 7);
        return store.pointCount(tx, parts[4], parts[3], parts[6]);
    }
}
