package io.strongroom.vaultstorage.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** What a consistent vault looks like, checked from the files and through the storage. */
final class CrashCheck {
    private CrashCheck() {
    }

    static Set<String> referencedChunks(LocalVaultStorage storage, String vault, String recoveryPointId) {
        Set<String> ids = new HashSet<>();
        storage.manifest(vault, recoveryPointId).entries().forEach(e -> ids.add(e.id().toString()));
        return ids;
    }

    /** Bytes of records in the vault's packs that no manifest references. */
    static long unreferencedBytes(LocalVaultStorage storage, VaultLayout layout, String vault) throws Exception {
        Set<String> live = new HashSet<>();
        for (String id : storage.list(vault).stream().map(s -> s.recoveryPointId()).toList()) {
            live.addAll(referencedChunks(storage, vault, id));
        }
        long dead = 0;
        for (Path pack : layout.packFiles()) {
            for (PackEntry e : PackFormat.readEntries(pack)) {
                if (!live.contains(e.id().toString())) {
                    dead += e.length();
                }
            }
        }
        return dead;
    }

    /** Every pack in the packs directory is complete (its trailer verifies); nothing is left in scratch. */
    static void packsCompleteAndScratchEmpty(VaultLayout layout) throws Exception {
        for (Path pack : layout.packFiles()) {
            assertThat(PackFormat.readEntries(pack)).as("entries of " + pack).isNotNull();
        }
        assertThat(layout.scratchFiles()).isEmpty();
    }
}
