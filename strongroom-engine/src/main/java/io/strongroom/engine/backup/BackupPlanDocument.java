package io.strongroom.engine.backup;

import java.util.List;

/** The body of a plan version: its name, rules and advanced settings. */
public record BackupPlanDocument(String name, List<BackupRule> rules, List<AdvancedBackupSetting> advancedSettings) {
    public BackupPlanDocument {
        rules = rules == null ? List.of() : List.copyOf(rules);
        advancedSettings = advancedSettings == null ? List.of() : List.copyOf(advancedSettings);
    }
}
