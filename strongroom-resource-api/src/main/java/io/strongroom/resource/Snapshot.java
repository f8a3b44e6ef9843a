package io.strongroom.resource;

import java.util.Map;

/**
 * What a provider hands the backup engine for one resource: its data as a stream (the engine chunks, compresses and
 * encrypts it on the way into the vault storage), the restore metadata AWS Backup reports for it
 * (GetRecoveryPointRestoreMetadata: all values strings), and the tags to keep with the backup. A snapshot taken in a
 * transaction is read inside that transaction (see {@link SnapshotData}).
 */
public record Snapshot(SnapshotData data, Map<String, String> restoreMetadata, Map<String, String> tags) {
    public Snapshot {
        restoreMetadata = Map.copyOf(restoreMetadata == null ? Map.of() : restoreMetadata);
        tags = Map.copyOf(tags == null ? Map.of() : tags);
    }

    /** The same snapshot with its bytes copied into memory, usable after its transaction: small snapshots, tests. */
    public Snapshot inMemory() {
        return new Snapshot(SnapshotData.of(data.readAllBytes()), restoreMetadata, tags);
    }
}
