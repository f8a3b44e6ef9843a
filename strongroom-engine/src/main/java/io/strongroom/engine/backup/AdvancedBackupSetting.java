package io.strongroom.engine.backup;

import java.util.Map;

/** Per resource type backup options of a plan (EC2 WindowsVSS; S3 BackupACLs / BackupObjectTags). */
public record AdvancedBackupSetting(String resourceType, Map<String, String> backupOptions) {
    public AdvancedBackupSetting {
        backupOptions = backupOptions == null ? Map.of() : Map.copyOf(backupOptions);
    }
}
