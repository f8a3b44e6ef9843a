package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.util.HashMap;
import java.util.Map;

/** DescribeRegionSettings / UpdateRegionSettings: the opt-in and full-management maps of an account's Region. */
public final class RegionSettingsService {
    private final BackupStore store;

    public RegionSettingsService(VaultService vaults) {
        this.store = vaults.store();
    }

    public RegionSettings settings(Tx tx, String account, String region) {
        return store.settings(tx, account, region).orElse(RegionSettings.DEFAULT);
    }

    public RegionSettings update(Tx tx, String account, String region, Map<String, Boolean> optIn,
                                 Map<String, Boolean> management) {
        check(optIn, RegionSettings.DEFAULT_OPT_IN, "ResourceTypeOptInPreference");
        check(management, RegionSettings.DEFAULT_MANAGEMENT, "ResourceTypeManagementPreference");
        RegionSettings current = settings(tx, account, region);
        Map<String, Boolean> newOptIn = new HashMap<>(current.optIn());
        Map<String, Boolean> newManagement = new HashMap<>(current.management());
        if (optIn != null) {
            newOptIn.putAll(optIn);
        }
        if (management != null) {
            newManagement.putAll(management);
        }
        RegionSettings updated = new RegionSettings(newOptIn, newManagement);
        store.putSettings(tx, account, region, updated);
        return updated;
    }

    private static void check(Map<String, Boolean> values, Map<String, Boolean> known, String member) {
        if (values == null) {
            return;
        }
        values.forEach((type, value) -> {
            if (!known.containsKey(type)) {
                throw BackupErrors.invalidParameter("Invalid " + member + ": unsupported resource type " + type + ".");
            }
            if (value == null) {
                throw BackupErrors.invalidParameter("Invalid " + member + ": the value for " + type
                        + " must be true or false.");
            }
        });
    }
}
