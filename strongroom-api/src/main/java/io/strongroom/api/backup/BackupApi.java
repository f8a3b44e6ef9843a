package io.strongroom.api.backup;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.BackupErrors;
import io.strongroom.engine.backup.BackupTags;
import io.strongroom.engine.backup.BackupVault;
import io.strongroom.engine.backup.Page;
import io.strongroom.engine.backup.PlanService;
import io.strongroom.engine.backup.RegionSettings;
import io.strongroom.engine.backup.RegionSettingsService;
import io.strongroom.engine.backup.SelectionService;
import io.strongroom.engine.backup.VaultNotifications;
import io.strongroom.engine.backup.VaultService;
import software.amazon.awssdk.services.backup.model.*;

import java.util.List;

/**
 * AWS Backup: vaults, Vault Lock, access policies, notifications, tags, Region settings, plans, selections, and the
 * jobs and recovery points that move real data.
 */
public final class BackupApi {
    private BackupApi() {
    }

    public static ServiceApi create(VaultService vaults, PlanService plans, SelectionService selections,
                                    BackupTags tags, RegionSettingsService settings,
                                    io.strongroom.engine.backup.BackupJobs jobs,
                                    io.strongroom.engine.backup.BackupAudit audit) {
        ServiceApi.Builder api = ServiceApi.builder("backup");
        vaults(api, vaults);
        vaultLock(api, vaults);
        vaultPolicies(api, vaults);
        tags(api, tags);
        regionSettings(api, settings);
        BackupPlanOperations.register(api, plans);
        BackupSelectionOperations.register(api, selections);
        BackupJobOperations.register(api, jobs);
        FrameworkOperations.register(api, audit.frameworks());
        ReportOperations.register(api, audit.reports());
        LegalHoldOperations.register(api, jobs.legalHolds());
        RestoreTestingOperations.register(api, jobs.restoreTesting());
        api.note("CreateBackupVault", "The vault is AVAILABLE at once; no service-owned or Default vault is made");
        api.note("CreateLogicallyAirGappedBackupVault", "AVAILABLE at once; not shareable through AWS RAM");
        api.note("PutBackupVaultNotifications", "Stored; nothing is published to SNS yet");
        api.note("DescribeBackupVault", "BackupVaultAccountId (shared logically air-gapped vaults) finds nothing");
        return api.build();
    }

    private static void vaults(ServiceApi.Builder api, VaultService vaults) {
        api.write("CreateBackupVault", CreateBackupVaultRequest.class, "backup:CreateBackupVault",
                (ctx, q) -> BackupAccess.withKey(ctx, BackupAccess.tagging("CreateBackupVault",
                        BackupAccess.vaultArn(ctx, q.backupVaultName()), BackupShapes.given(q.backupVaultTags())),
                        vaults.keyExists(ctx.tx(), q.encryptionKeyArn()) ? q.encryptionKeyArn() : null),
                (ctx, q) -> {
                    BackupVault v = vaults.createBackupVault(ctx.tx(), ctx.accountId(), ctx.region(),
                            new VaultService.CreateVault(q.backupVaultName(), q.encryptionKeyArn(),
                                    BackupShapes.given(q.backupVaultTags()), q.creatorRequestId()));
                    return CreateBackupVaultResponse.builder().backupVaultName(v.name()).backupVaultArn(v.arn())
                            .creationDate(v.created()).build();
                });
        api.write("CreateLogicallyAirGappedBackupVault", CreateLogicallyAirGappedBackupVaultRequest.class,
                "backup:CreateLogicallyAirGappedBackupVault",
                (ctx, q) -> BackupAccess.withKey(ctx, BackupAccess.tagging("CreateLogicallyAirGappedBackupVault",
                        BackupAccess.vaultArn(ctx, q.backupVaultName()), BackupShapes.given(q.backupVaultTags())),
                        vaults.keyExists(ctx.tx(), q.encryptionKeyArn()) ? q.encryptionKeyArn() : null),
                (ctx, q) -> {
                    BackupVault v = vaults.createAirGappedVault(ctx.tx(), ctx.accountId(), ctx.region(),
                            new VaultService.CreateVault(q.backupVaultName(), q.encryptionKeyArn(),
                                    BackupShapes.given(q.backupVaultTags()), q.creatorRequestId()),
                            q.minRetentionDays(), q.maxRetentionDays());
                    return CreateLogicallyAirGappedBackupVaultResponse.builder().backupVaultName(v.name())
                            .backupVaultArn(v.arn()).creationDate(v.created()).vaultState("AVAILABLE").build();
                });
        api.read("DescribeBackupVault", DescribeBackupVaultRequest.class, "backup:DescribeBackupVault",
                (ctx, q) -> BackupAccess.onVault(ctx, "DescribeBackupVault", q.backupVaultName()),
                (ctx, q) -> {
                    if (q.backupVaultAccountId() != null && !q.backupVaultAccountId().equals(ctx.accountId())) {
                        throw BackupErrors.missingVault(vaults.options(), BackupVault.arn(ctx.region(),
                                q.backupVaultAccountId(), q.backupVaultName()));
                    }
                    BackupVault v = vaults.vault(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName());
                    BackupVaultListMember m = BackupShapes.listMember(v, vaults.recoveryPoints(ctx.tx(), v));
                    return DescribeBackupVaultResponse.builder().backupVaultName(m.backupVaultName())
                            .backupVaultArn(m.backupVaultArn()).vaultType(m.vaultTypeAsString())
                            .vaultState(m.vaultStateAsString()).encryptionKeyArn(m.encryptionKeyArn())
                            .creationDate(m.creationDate()).creatorRequestId(m.creatorRequestId())
                            .numberOfRecoveryPoints(m.numberOfRecoveryPoints()).locked(m.locked())
                            .minRetentionDays(m.minRetentionDays()).maxRetentionDays(m.maxRetentionDays())
                            .lockDate(m.lockDate()).encryptionKeyType(m.encryptionKeyTypeAsString()).build();
                });
        api.read("ListBackupVaults", ListBackupVaultsRequest.class, "backup:ListBackupVaults",
                (ctx, q) -> BackupAccess.onAccount("ListBackupVaults"),
                (ctx, q) -> {
                    Page<BackupVault> page = vaults.listBackupVaults(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.byVaultTypeAsString(), q.byShared(), q.maxResults(), q.nextToken());
                    return ListBackupVaultsResponse.builder().backupVaultList(page.items().stream()
                                    .map(v -> BackupShapes.listMember(v, vaults.recoveryPoints(ctx.tx(), v))).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.write("DeleteBackupVault", DeleteBackupVaultRequest.class, "backup:DeleteBackupVault",
                (ctx, q) -> BackupAccess.onVault(ctx, "DeleteBackupVault", q.backupVaultName()),
                (ctx, q) -> {
                    vaults.deleteBackupVault(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName());
                    return DeleteBackupVaultResponse.builder().build();
                });
        api.write("PutBackupVaultNotifications", PutBackupVaultNotificationsRequest.class,
                "backup:PutBackupVaultNotifications",
                (ctx, q) -> BackupAccess.onVault(ctx, "PutBackupVaultNotifications", q.backupVaultName()),
                (ctx, q) -> {
                    vaults.putNotifications(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName(),
                            q.snsTopicArn(), BackupShapes.given(q.backupVaultEventsAsStrings()));
                    return PutBackupVaultNotificationsResponse.builder().build();
                });
        api.read("GetBackupVaultNotifications", GetBackupVaultNotificationsRequest.class,
                "backup:GetBackupVaultNotifications",
                (ctx, q) -> BackupAccess.onVault(ctx, "GetBackupVaultNotifications", q.backupVaultName()),
                (ctx, q) -> {
                    VaultNotifications n = vaults.notifications(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.backupVaultName());
                    return GetBackupVaultNotificationsResponse.builder().backupVaultName(q.backupVaultName())
                            .backupVaultArn(BackupAccess.vaultArn(ctx, q.backupVaultName()))
                            .snsTopicArn(n.snsTopicArn()).backupVaultEventsWithStrings(n.events()).build();
                });
        api.write("DeleteBackupVaultNotifications", DeleteBackupVaultNotificationsRequest.class,
                "backup:DeleteBackupVaultNotifications",
                (ctx, q) -> BackupAccess.onVault(ctx, "DeleteBackupVaultNotifications", q.backupVaultName()),
                (ctx, q) -> {
                    vaults.deleteNotifications(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName());
                    return DeleteBackupVaultNotificationsResponse.builder().build();
                });
    }

    private static void vaultLock(ServiceApi.Builder api, VaultService vaults) {
        api.write("PutBackupVaultLockConfiguration", PutBackupVaultLockConfigurationRequest.class,
                "backup:PutBackupVaultLockConfiguration",
                (ctx, q) -> BackupAccess.onVault(ctx, "PutBackupVaultLockConfiguration", q.backupVaultName()),
                (ctx, q) -> {
                    vaults.putVaultLock(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName(),
                            q.minRetentionDays(), q.maxRetentionDays(), q.changeableForDays());
                    return PutBackupVaultLockConfigurationResponse.builder().build();
                });
        api.write("DeleteBackupVaultLockConfiguration", DeleteBackupVaultLockConfigurationRequest.class,
                "backup:DeleteBackupVaultLockConfiguration",
                (ctx, q) -> BackupAccess.onVault(ctx, "DeleteBackupVaultLockConfiguration", q.backupVaultName()),
                (ctx, q) -> {
                    vaults.deleteVaultLock(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName());
                    return DeleteBackupVaultLockConfigurationResponse.builder().build();
                });
    }

    private static void vaultPolicies(ServiceApi.Builder api, VaultService vaults) {
        api.write("PutBackupVaultAccessPolicy", PutBackupVaultAccessPolicyRequest.class,
                "backup:PutBackupVaultAccessPolicy",
                (ctx, q) -> BackupAccess.onVault(ctx, "PutBackupVaultAccessPolicy", q.backupVaultName()),
                (ctx, q) -> {
                    vaults.putAccessPolicy(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName(), q.policy());
                    return PutBackupVaultAccessPolicyResponse.builder().build();
                });
        api.read("GetBackupVaultAccessPolicy", GetBackupVaultAccessPolicyRequest.class,
                "backup:GetBackupVaultAccessPolicy",
                (ctx, q) -> BackupAccess.onVault(ctx, "GetBackupVaultAccessPolicy", q.backupVaultName()),
                (ctx, q) -> GetBackupVaultAccessPolicyResponse.builder().backupVaultName(q.backupVaultName())
                        .backupVaultArn(BackupAccess.vaultArn(ctx, q.backupVaultName()))
                        .policy(vaults.accessPolicy(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName()))
                        .build());
        api.write("DeleteBackupVaultAccessPolicy", DeleteBackupVaultAccessPolicyRequest.class,
                "backup:DeleteBackupVaultAccessPolicy",
                (ctx, q) -> BackupAccess.onVault(ctx, "DeleteBackupVaultAccessPolicy", q.backupVaultName()),
                (ctx, q) -> {
                    vaults.deleteAccessPolicy(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName());
                    return DeleteBackupVaultAccessPolicyResponse.builder().build();
                });
    }

    private static void tags(ServiceApi.Builder api, BackupTags tags) {
        api.write("TagResource", TagResourceRequest.class, "backup:TagResource",
                (ctx, q) -> BackupAccess.tagging("TagResource", q.resourceArn(), BackupShapes.given(q.tags())),
                (ctx, q) -> {
                    tags.tagResource(ctx.tx(), ctx.accountId(), q.resourceArn(), BackupShapes.given(q.tags()));
                    return TagResourceResponse.builder().build();
                });
        api.write("UntagResource", UntagResourceRequest.class, "backup:UntagResource",
                (ctx, q) -> new AccessRequirement(List.of("backup:UntagResource"), List.of(q.resourceArn()),
                        q.tagKeyList() == null || q.tagKeyList().isEmpty() ? java.util.Map.of()
                                : java.util.Map.of("aws:TagKeys", q.tagKeyList()), false),
                (ctx, q) -> {
                    tags.untagResource(ctx.tx(), ctx.accountId(), q.resourceArn(),
                            BackupShapes.given(q.tagKeyList()));
                    return UntagResourceResponse.builder().build();
                });
        api.read("ListTags", ListTagsRequest.class, "backup:ListTags",
                (ctx, q) -> AccessRequirement.of("backup:ListTags", q.resourceArn()),
                (ctx, q) -> ListTagsResponse.builder().tags(tags.tags(ctx.tx(), ctx.accountId(), q.resourceArn()))
                        .build());
        api.note("ListTags", "All tags in one page; vaults, plans, recovery points, legal holds, restore testing "
                + "plans, frameworks and report plans (D126)");
    }

    private static void regionSettings(ServiceApi.Builder api, RegionSettingsService settings) {
        api.read("DescribeRegionSettings", DescribeRegionSettingsRequest.class, "backup:DescribeRegionSettings",
                (ctx, q) -> BackupAccess.onAccount("DescribeRegionSettings"),
                (ctx, q) -> {
                    RegionSettings s = settings.settings(ctx.tx(), ctx.accountId(), ctx.region());
                    return DescribeRegionSettingsResponse.builder().resourceTypeOptInPreference(s.effectiveOptIn())
                            .resourceTypeManagementPreference(s.effectiveManagement()).build();
                });
        api.read("GetSupportedResourceTypes", GetSupportedResourceTypesRequest.class,
                "backup:GetSupportedResourceTypes",
                (ctx, q) -> BackupAccess.onAccount("GetSupportedResourceTypes"),
                (ctx, q) -> GetSupportedResourceTypesResponse.builder()
                        .resourceTypes(List.copyOf(new java.util.TreeSet<>(RegionSettings.DEFAULT_OPT_IN.keySet())))
                        .build());
        api.write("UpdateRegionSettings", UpdateRegionSettingsRequest.class, "backup:UpdateRegionSettings",
                (ctx, q) -> BackupAccess.onAccount("UpdateRegionSettings"),
                (ctx, q) -> {
                    settings.update(ctx.tx(), ctx.accountId(), ctx.region(),
                            BackupShapes.given(q.resourceTypeOptInPreference()),
                            BackupShapes.given(q.resourceTypeManagementPreference()));
                    return UpdateRegionSettingsResponse.builder().build();
                });
    }
}
