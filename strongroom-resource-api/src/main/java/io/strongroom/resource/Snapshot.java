package io.strongroom.resource;

import java.util.Map;

/**
 * What a provider hands the backup engine for one resource: its data as bytes (the engine chunks,
 * compresses and encrypts them), the restore metadata AWS Backup reports for it
 * (GetRecoveryPointRestoreMetadata: all values strings), and the tags to keep with the backup.
 */
public record Snapshot(byte[] data, Map<String, String> restoreMetadata, Map<String, String> tags) {
    public Snapshot {
        restoreMetadata = Map.copyOf(restoreMetadata == null ? Map.of() : restoreMetadata);
        tags = Map.copyOf(tags == null ? Map.of() : tags);
    }
}
