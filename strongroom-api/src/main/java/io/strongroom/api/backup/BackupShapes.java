package io.strongroom.api.backup;

import io.strongroom.engine.backup.AdvancedBackupSetting;
import io.strongroom.engine.backup.BackupPlanDocument;
import io.strongroom.engine.backup.BackupRule;
import io.strongroom.engine.backup.BackupSelection;
import io.strongroom.engine.backup.BackupVault;
import io.strongroom.engine.backup.ConditionParameter;
import io.strongroom.engine.backup.CopyAction;
import io.strongroom.engine.backup.Lifecycle;
import io.strongroom.engine.backup.SelectionConditions;
import io.strongroom.engine.backup.TagCondition;
import software.amazon.awssdk.services.backup.model.AdvancedBackupSetting.Builder;
import software.amazon.awssdk.services.backup.model.BackupPlan;
import software.amazon.awssdk.services.backup.model.BackupPlanInput;
import software.amazon.awssdk.services.backup.model.BackupRuleInput;
import software.amazon.awssdk.services.backup.model.BackupVaultListMember;
import software.amazon.awssdk.services.backup.model.Condition;
import software.amazon.awssdk.services.backup.model.Conditions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** SDK shapes to the backup engine's records and back. */
final class BackupShapes {
    private BackupShapes() {
    }

    /** Copies every member {@code from} has into a builder of another shape with the same member names. */
    static <B extends software.amazon.awssdk.core.SdkPojo> B copy(software.amazon.awssdk.core.SdkPojo from,
                                                                   B builder) {
        java.util.Map<String, software.amazon.awssdk.core.SdkField<?>> source = new java.util.HashMap<>();
        from.sdkFields().forEach(f -> source.put(f.memberName(), f));
        for (software.amazon.awssdk.core.SdkField<?> field : builder.sdkFields()) {
            software.amazon.awssdk.core.SdkField<?> s = source.get(field.memberName());
            if (s != null) {
                field.set(builder, s.getValueOrDefault(from));
            }
        }
        return builder;
    }

    static software.amazon.awssdk.services.backup.model.CalculatedLifecycle calculated(Instant cold, Instant delete) {
        return cold == null && delete == null ? null : software.amazon.awssdk.services.backup.model.CalculatedLifecycle
                .builder().moveToColdStorageAt(cold).deleteAt(delete).build();
    }

    static software.amazon.awssdk.services.backup.model.RecoveryPointCreator creator(Map<String, String> createdBy) {
        if (createdBy == null || createdBy.isEmpty()) {
            return null;
        }
        return software.amazon.awssdk.services.backup.model.RecoveryPointCreator.builder()
                .backupPlanId(createdBy.get("BackupPlanId")).backupPlanArn(createdBy.get("BackupPlanArn"))
                .backupPlanName(createdBy.get("BackupPlanName")).backupPlanVersion(createdBy.get("BackupPlanVersion"))
                .backupRuleId(createdBy.get("BackupRuleId")).backupRuleName(createdBy.get("BackupRuleName"))
                .backupRuleCron(createdBy.get("BackupRuleCron"))
                .backupRuleTimezone(createdBy.get("BackupRuleTimezone")).build();
    }

    static <A, B> List<B> map(List<A> in, Function<A, B> f) {
        return in == null ? null : in.stream().map(f).toList();
    }

    /** An SDK list the caller did not send is an auto-construct list: treat it as absent. */
    static <A> List<A> given(List<A> in) {
        return in instanceof software.amazon.awssdk.core.util.SdkAutoConstructList ? null : in;
    }

    static <K, V> java.util.Map<K, V> given(java.util.Map<K, V> in) {
        return in instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap ? null : in;
    }

    // ---- vaults

    static BackupVaultListMember listMember(BackupVault v, long recoveryPoints) {
        var lock = v.lock();
        return BackupVaultListMember.builder().backupVaultName(v.name()).backupVaultArn(v.arn())
                .vaultType(v.vaultType()).vaultState("AVAILABLE").creationDate(v.created())
                .encryptionKeyArn(v.encryptionKeyArn()).creatorRequestId(v.creatorRequestId())
                .numberOfRecoveryPoints(recoveryPoints).locked(v.locked())
                .minRetentionDays(lock == null ? null : toLong(lock.minRetentionDays()))
                .maxRetentionDays(lock == null ? null : toLong(lock.maxRetentionDays()))
                .lockDate(lock == null ? null : lock.lockDate())
                .encryptionKeyType(v.encryptionKeyType()).build();
    }

    static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    // ---- plans

    static BackupPlanDocument document(BackupPlanInput in) {
        if (in == null) {
            return null;
        }
        return new BackupPlanDocument(in.backupPlanName(), map(given(in.rules()), BackupShapes::rule),
                map(given(in.advancedBackupSettings()), s -> new AdvancedBackupSetting(s.resourceType(),
                        given(s.backupOptions()))));
    }

    private static BackupRule rule(BackupRuleInput r) {
        return new BackupRule(r.ruleName(), null, r.targetBackupVaultName(),
                r.targetLogicallyAirGappedBackupVaultArn(), r.scheduleExpression(), r.scheduleExpressionTimezone(),
                r.startWindowMinutes(), r.completionWindowMinutes(), lifecycle(r.lifecycle()),
                given(r.recoveryPointTags()), map(given(r.copyActions()), c -> new CopyAction(
                        c.destinationBackupVaultArn(), lifecycle(c.lifecycle()))),
                r.enableContinuousBackup());
    }

    static Lifecycle lifecycle(software.amazon.awssdk.services.backup.model.Lifecycle l) {
        return l == null ? null : new Lifecycle(l.moveToColdStorageAfterDays(), l.deleteAfterDays(),
                l.optInToArchiveForSupportedResources());
    }

    static software.amazon.awssdk.services.backup.model.Lifecycle lifecycle(Lifecycle l) {
        return l == null ? null : software.amazon.awssdk.services.backup.model.Lifecycle.builder()
                .moveToColdStorageAfterDays(l.moveToColdStorageAfterDays()).deleteAfterDays(l.deleteAfterDays())
                .optInToArchiveForSupportedResources(l.optInToArchiveForSupportedResources()).build();
    }

    static BackupPlan plan(BackupPlanDocument d) {
        return BackupPlan.builder().backupPlanName(d.name())
                .rules(d.rules().stream().map(BackupShapes::rule).toList())
                .advancedBackupSettings(advanced(d.advancedSettings())).build();
    }

    static List<software.amazon.awssdk.services.backup.model.AdvancedBackupSetting> advanced(
            List<AdvancedBackupSetting> settings) {
        return settings.isEmpty() ? null : settings.stream().map(s -> {
            Builder b = software.amazon.awssdk.services.backup.model.AdvancedBackupSetting.builder();
            return b.resourceType(s.resourceType()).backupOptions(s.backupOptions()).build();
        }).toList();
    }

    private static software.amazon.awssdk.services.backup.model.BackupRule rule(BackupRule r) {
        return software.amazon.awssdk.services.backup.model.BackupRule.builder().ruleName(r.ruleName())
                .ruleId(r.ruleId()).targetBackupVaultName(r.targetBackupVaultName())
                .targetLogicallyAirGappedBackupVaultArn(r.targetLogicallyAirGappedBackupVaultArn())
                .scheduleExpression(r.scheduleExpression())
                .scheduleExpressionTimezone(r.scheduleExpressionTimezone())
                .startWindowMinutes(r.startWindowMinutes()).completionWindowMinutes(r.completionWindowMinutes())
                .lifecycle(lifecycle(r.lifecycle()))
                .recoveryPointTags(r.recoveryPointTags().isEmpty() ? null : r.recoveryPointTags())
                .copyActions(r.copyActions().isEmpty() ? null : r.copyActions().stream().map(c ->
                        software.amazon.awssdk.services.backup.model.CopyAction.builder()
                                .destinationBackupVaultArn(c.destinationBackupVaultArn())
                                .lifecycle(lifecycle(c.lifecycle())).build()).toList())
                .enableContinuousBackup(r.enableContinuousBackup()).build();
    }

    // ---- selections

    static List<TagCondition> tags(List<Condition> in) {
        return map(given(in), c -> new TagCondition(c.conditionTypeAsString(), c.conditionKey(), c.conditionValue()));
    }

    static SelectionConditions conditions(Conditions in) {
        if (in == null) {
            return SelectionConditions.NONE;
        }
        Function<List<software.amazon.awssdk.services.backup.model.ConditionParameter>, List<ConditionParameter>> f =
                l -> map(given(l), p -> new ConditionParameter(p.conditionKey(), p.conditionValue()));
        return new SelectionConditions(f.apply(in.stringEquals()), f.apply(in.stringNotEquals()),
                f.apply(in.stringLike()), f.apply(in.stringNotLike()));
    }

    static software.amazon.awssdk.services.backup.model.BackupSelection selection(BackupSelection s) {
        Function<List<ConditionParameter>, List<software.amazon.awssdk.services.backup.model.ConditionParameter>> f =
                l -> l.stream().map(p -> software.amazon.awssdk.services.backup.model.ConditionParameter.builder()
                        .conditionKey(p.key()).conditionValue(p.value()).build()).toList();
        SelectionConditions c = s.conditions();
        return software.amazon.awssdk.services.backup.model.BackupSelection.builder().selectionName(s.name())
                .iamRoleArn(s.iamRoleArn()).resources(s.resources()).notResources(s.notResources())
                .listOfTags(s.listOfTags().stream().map(t -> Condition.builder().conditionType(t.conditionType())
                        .conditionKey(t.key()).conditionValue(t.value()).build()).toList())
                .conditions(Conditions.builder().stringEquals(f.apply(c.stringEquals()))
                        .stringNotEquals(f.apply(c.stringNotEquals())).stringLike(f.apply(c.stringLike()))
                        .stringNotLike(f.apply(c.stringNotLike())).build())
                .build();
    }
}
