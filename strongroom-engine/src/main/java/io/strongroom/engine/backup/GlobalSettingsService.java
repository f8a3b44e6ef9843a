package io.strongroom.engine.backup;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * DescribeGlobalSettings / UpdateGlobalSettings (spec 8.2): one set per organization, kept under its management
 * account ({@code backup.global-settings}); every member reads it, only the management account changes it.
 */
public final class GlobalSettingsService {
    private final Collection<GlobalSettings> settings = new Collection<>("backup.global-settings",
            JsonCodec.of(GlobalSettings.class));
    private final Membership membership;
    private final Clock clock;

    GlobalSettingsService(Membership membership, Clock clock) {
        this.membership = membership;
        this.clock = clock;
    }

    /** The settings of the caller's organization; an account outside any organization has none. */
    public GlobalSettings describe(Tx tx, String account) {
        Membership.Org org = membership.of(tx, account).orElseThrow(() -> BackupErrors.invalidRequest(
                "Account " + account + " is not a member of an AWS Organizations organization."));
        return ofOrganization(tx, org);
    }

    GlobalSettings ofOrganization(Tx tx, Membership.Org org) {
        return settings.get(tx, org.managementAccountId()).orElse(GlobalSettings.DEFAULT);
    }

    public GlobalSettings update(Tx tx, String account, Map<String, String> values) {
        boolean management = membership.of(tx, account).map(o -> o.managementAccountId().equals(account))
                .orElse(false);
        if (!management) {
            throw BackupErrors.invalidRequest("Account " + account + " is not the management account of an AWS "
                    + "Organizations organization; only the management account can update global settings.");
        }
        Map<String, String> updated = new TreeMap<>(ofOrganization(tx, membership.of(tx, account).orElseThrow())
                .values());
        if (values != null) {
            values.forEach((key, value) -> {
                if (!GlobalSettings.DEFAULTS.containsKey(key)) {
                    throw BackupErrors.invalidParameter("Invalid GlobalSettings key " + key + ".");
                }
                String flag = value == null ? "" : value.toLowerCase(Locale.ROOT);
                if (!flag.equals("true") && !flag.equals("false")) {
                    throw BackupErrors.invalidParameter("Invalid value for GlobalSettings " + key + ": " + value
                            + ". Valid values are true and false.");
                }
                updated.put(key, flag);
            });
        }
        GlobalSettings result = new GlobalSettings(updated, Instant.now(clock));
        settings.put(tx, account, result);
        return result;
    }
}
