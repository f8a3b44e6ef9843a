package io.strongroom.engine.backup;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Generations;
import io.strongroom.storage.RememberingCodec;
import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Optional;

/**
 * Persistence of AWS Backup's control plane: vaults ({@code backup.vaults} under {@code <account>/<region>/<name>}),
 * plans ({@code backup.plans} under {@code <account>/<region>/<plan-id>}), their versions
 * ({@code backup.plan-versions} under {@code <plan-id>/<version-id>}), selections ({@code backup.selections} under
 * {@code <plan-id>/<selection-id>}) and Region settings ({@code backup.region-settings} under
 * {@code <account>/<region>}).
 */
final class BackupStore {
    /** Every job and point reads its vault: decoded once while their bytes stay the same. */
    private final Collection<BackupVault> vaults = new Collection<>("backup.vaults",
            new RememberingCodec<>(JsonCodec.of(BackupVault.class), 4_096));
    private final Collection<BackupPlan> plans = new Collection<>("backup.plans", JsonCodec.of(BackupPlan.class));
    /** Every backup job that completes reads its plan's version for the rule's copy actions (D111). */
    private final Collection<PlanVersion> versions = new Collection<>("backup.plan-versions",
            new RememberingCodec<>(JsonCodec.of(PlanVersion.class), 1_024));
    private final Collection<BackupSelection> selections = new Collection<>("backup.selections",
            JsonCodec.of(BackupSelection.class));
    private final Collection<RegionSettings> settings = new Collection<>("backup.region-settings",
            JsonCodec.of(RegionSettings.class));

    private static String scope(String account, String region) {
        return account + "/" + region + "/";
    }

    /**
     * The generation of what decides coverage in an account and Region (plans, their versions, selections, Region
     * opt-in), moved by every write of them (D71); vaults are not part of it.
     */
    static String plansGeneration(String account, String region) {
        return "backup-plans/" + account + "/" + region;
    }

    long plansGenerationNow(Tx tx, String account, String region) {
        return Generations.current(tx, plansGeneration(account, region));
    }

    private static void plansChanged(Tx tx, String account, String region) {
        Generations.bump(tx, plansGeneration(account, region));
    }

    Optional<BackupVault> vault(Tx tx, String account, String region, String name) {
        return vaults.get(tx, scope(account, region) + name);
    }

    List<BackupVault> vaults(Tx tx, String account, String region) {
        return vaults.list(tx, scope(account, region));
    }

    void putVault(Tx tx, BackupVault vault, boolean create) {
        vaults.put(tx, scope(vault.accountId(), vault.region()) + vault.name(), vault, create ? Tx.ABSENT : Tx.ANY);
    }

    void deleteVault(Tx tx, BackupVault vault) {
        vaults.delete(tx, scope(vault.accountId(), vault.region()) + vault.name());
    }

    Optional<BackupPlan> plan(Tx tx, String account, String region, String planId) {
        return plans.get(tx, scope(account, region) + planId);
    }

    List<BackupPlan> plans(Tx tx, String account, String region) {
        return plans.list(tx, scope(account, region));
    }

    /** The account's plans in every Region. */
    List<BackupPlan> plans(Tx tx, String account) {
        return plans.list(tx, account + "/");
    }

    void putPlan(Tx tx, BackupPlan plan) {
        plans.put(tx, scope(plan.accountId(), plan.region()) + plan.planId(), plan);
        plansChanged(tx, plan.accountId(), plan.region());
    }

    Optional<PlanVersion> version(Tx tx, String planId, String versionId) {
        return versions.get(tx, planId + "/" + versionId);
    }

    List<PlanVersion> versions(Tx tx, String planId) {
        return versions.list(tx, planId + "/");
    }

    void putVersion(Tx tx, BackupPlan plan, PlanVersion version) {
        versions.put(tx, plan.planId() + "/" + version.versionId(), version);
        plansChanged(tx, plan.accountId(), plan.region());
    }

    Optional<BackupSelection> selection(Tx tx, String planId, String selectionId) {
        return selections.get(tx, planId + "/" + selectionId);
    }

    List<BackupSelection> selections(Tx tx, String planId) {
        return selections.list(tx, planId + "/");
    }

    void putSelection(Tx tx, BackupSelection selection) {
        selections.put(tx, selection.planId() + "/" + selection.selectionId(), selection, Tx.ABSENT);
        plansChanged(tx, selection.accountId(), selection.region());
    }

    void deleteSelection(Tx tx, BackupSelection selection) {
        selections.delete(tx, selection.planId() + "/" + selection.selectionId());
        plansChanged(tx, selection.accountId(), selection.region());
    }

    Optional<RegionSettings> settings(Tx tx, String account, String region) {
        return settings.get(tx, account + "/" + region);
    }

    void putSettings(Tx tx, String account, String region, RegionSettings value) {
        settings.put(tx, account + "/" + region, value);
        plansChanged(tx, account, region);
    }
}
