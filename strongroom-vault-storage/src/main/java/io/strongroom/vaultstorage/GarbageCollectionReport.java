package io.strongroom.vaultstorage;

import java.util.List;

/**
 * What one collection did.
 *
 * @param packsDeleted      pack files removed because no recovery point referenced any of their chunks
 * @param packsRepacked     pack files whose live chunks were copied into new packs before removal
 * @param bytesFreed        bytes of pack files removed, less the bytes of the packs written in their place
 * @param leftoversRemoved  temporary files of interrupted writes removed
 * @param problems          packs or manifests left alone because they could not be read (never deleted)
 * @param vaultsCollected   vaults marked and swept; a vault that lost no recovery point and had no failed write
 *                          since its last collection holds no garbage and is skipped
 */
public record GarbageCollectionReport(int packsDeleted, int packsRepacked, long bytesFreed, int leftoversRemoved,
        List<String> problems, int vaultsCollected) {
}
