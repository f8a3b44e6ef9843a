package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.Map;

/**
 * An organization's AWS Backup global settings (spec 8.2), kept by its management account: the string flags
 * {@code isCrossAccountBackupEnabled}, {@code isMpaEnabled}, {@code isDelegatedAdministratorEnabled}.
 *
 * @param lastUpdateTime null until the management account first updates them
 */
public record GlobalSettings(Map<String, String> values, Instant lastUpdateTime) {
    public static final String CROSS_ACCOUNT_BACKUP = "isCrossAccountBackupEnabled";
    public static final Map<String, String> DEFAULTS = Map.of(CROSS_ACCOUNT_BACKUP, "false", "isMpaEnabled", "false",
            "isDelegatedAdministratorEnabled", "false");
    static final GlobalSettings DEFAULT = new GlobalSettings(DEFAULTS, null);

    public GlobalSettings {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public boolean crossAccountBackupEnabled() {
        return "true".equals(values.get(CROSS_ACCOUNT_BACKUP));
    }
}
