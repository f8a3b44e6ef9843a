package io.strongroom.engine.backup;

import java.util.List;
import java.util.Map;

/**
 * One rule of a plan: when it fires (a cron in a time zone), into which vault, within which windows, how long what
 * it makes is kept, where it is copied. As given, members may be null; {@link PlanRules} fills AWS's defaults and
 * the rule id.
 */
public record BackupRule(String ruleName, String ruleId, String targetBackupVaultName,
                         String targetLogicallyAirGappedBackupVaultArn, String scheduleExpression,
                         String scheduleExpressionTimezone, Long startWindowMinutes, Long completionWindowMinutes,
                         Lifecycle lifecycle, Map<String, String> recoveryPointTags, List<CopyAction> copyActions,
                         Boolean enableContinuousBackup) {
    public BackupRule {
        recoveryPointTags = recoveryPointTags == null ? Map.of() : Map.copyOf(recoveryPointTags);
        copyActions = copyActions == null ? List.of() : List.copyOf(copyActions);
    }

    public boolean continuous() {
        return Boolean.TRUE.equals(enableContinuousBackup);
    }

    BackupRule completed(String id, String schedule, String timezone, long start, long completion) {
        return new BackupRule(ruleName, id, targetBackupVaultName, targetLogicallyAirGappedBackupVaultArn, schedule,
                timezone, start, completion, lifecycle, recoveryPointTags, copyActions, enableContinuousBackup);
    }
}
