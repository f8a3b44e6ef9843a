package io.strongroom.engine.backup;

import io.strongroom.engine.backup.schedule.CronSchedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates a plan document as CreateBackupPlan and UpdateBackupPlan do (spec 3.2–3.6) and fills AWS's defaults:
 * schedule {@code cron(0 5 ? * * *)} in {@code Etc/UTC}, a start window of 480 minutes, a completion window of
 * 10080 minutes, and a rule id per rule.
 */
final class PlanRules {
    static final String DEFAULT_SCHEDULE = "cron(0 5 ? * * *)";
    static final String DEFAULT_TIMEZONE = "Etc/UTC";
    static final long DEFAULT_START_WINDOW = 480;
    static final long DEFAULT_COMPLETION_WINDOW = 10080;
    static final long MIN_WINDOW = 60;
    static final long MAX_WINDOW = 52_560_000;
    static final int MAX_RULES = 10;
    static final int MAX_COPY_ACTIONS = 5;

    private PlanRules() {
    }

    /**
     * The valid, completed document; {@code ruleId} gives the id of a rule by its name (an update keeps the ids of
     * the rules it keeps, decision D37).
     */
    static BackupPlanDocument validate(BackupPlanDocument plan, String account, String region, BackupOptions options,
                                       Function<String, String> ruleId) {
        if (plan == null) {
            throw BackupErrors.missingParameter("BackupPlan");
        }
        BackupNames.planName(plan.name());
        if (plan.rules().isEmpty()) {
            throw BackupErrors.missingParameter("Rules");
        }
        if (plan.rules().size() > MAX_RULES) {
            throw BackupErrors.limitExceeded("A backup plan can have at most " + MAX_RULES + " rules.");
        }
        Set<String> names = new HashSet<>();
        List<BackupRule> rules = new ArrayList<>();
        for (BackupRule rule : plan.rules()) {
            BackupNames.ruleName(rule.ruleName());
            if (!names.add(rule.ruleName())) {
                throw BackupErrors.invalidParameter("Rule names must be unique within a backup plan: "
                        + rule.ruleName() + " is used twice.");
            }
            rules.add(rule(rule, account, region, options, ruleId.apply(rule.ruleName())));
        }
        plan.advancedSettings().forEach(PlanRules::advancedSetting);
        return new BackupPlanDocument(plan.name(), rules, plan.advancedSettings());
    }

    private static BackupRule rule(BackupRule rule, String account, String region, BackupOptions options, String id) {
        String name = rule.ruleName();
        if (rule.targetBackupVaultName() == null || rule.targetBackupVaultName().isEmpty()) {
            throw BackupErrors.missingParameter("TargetBackupVaultName");
        }
        BackupNames.vaultName(rule.targetBackupVaultName());
        if (rule.targetLogicallyAirGappedBackupVaultArn() != null) {
            BackupNames.vaultArn("TargetLogicallyAirGappedBackupVaultArn",
                    rule.targetLogicallyAirGappedBackupVaultArn());
            if (!rule.targetLogicallyAirGappedBackupVaultArn().startsWith("arn:aws:backup:" + region + ":" + account
                    + ":")) {
                throw BackupErrors.invalidRule(name, "The logically air-gapped backup vault must be in the same "
                        + "account and Region as the plan");
            }
        }
        String schedule = rule.scheduleExpression() == null ? DEFAULT_SCHEDULE : rule.scheduleExpression();
        try {
            CronSchedule cron = CronSchedule.parse(schedule);
            if (options.rejectSubHourlySchedules() && cron.firesMoreThanHourly()) {
                throw BackupErrors.invalidRule(name, "Invalid schedule expression " + schedule + ". Backups can be "
                        + "scheduled at most once an hour");
            }
        } catch (CronSchedule.InvalidCron e) {
            throw BackupErrors.invalidRule(name, "Invalid schedule expression " + schedule + ". " + e.getMessage());
        }
        String timezone = rule.scheduleExpressionTimezone() == null ? DEFAULT_TIMEZONE
                : rule.scheduleExpressionTimezone();
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw BackupErrors.invalidRule(name, "Invalid ScheduleExpressionTimezone " + timezone);
        }
        long start = window(name, "StartWindowMinutes", rule.startWindowMinutes(), DEFAULT_START_WINDOW);
        long completion = window(name, "CompletionWindowMinutes", rule.completionWindowMinutes(),
                DEFAULT_COMPLETION_WINDOW);
        if (rule.continuous()) {
            Lifecycles.continuousProblem(rule.lifecycle()).ifPresent(p -> {
                throw BackupErrors.invalidRule(name, p);
            });
        } else {
            Lifecycles.problem(rule.lifecycle(), false).ifPresent(p -> {
                throw BackupErrors.invalidRule(name, p);
            });
        }
        if (rule.copyActions().size() > MAX_COPY_ACTIONS) {
            throw BackupErrors.limitExceeded("A backup rule can have at most " + MAX_COPY_ACTIONS + " copy actions.");
        }
        for (CopyAction copy : rule.copyActions()) {
            BackupNames.vaultArn("DestinationBackupVaultArn", copy.destinationBackupVaultArn());
            Lifecycles.problem(copy.lifecycle(), true).ifPresent(p -> {
                throw BackupErrors.invalidRule(name, p);
            });
        }
        return rule.completed(id, schedule, timezone, start, completion);
    }

    private static long window(String rule, String member, Long value, long defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value < MIN_WINDOW || value > MAX_WINDOW) {
            throw BackupErrors.invalidRule(rule, member + " must be between " + MIN_WINDOW + " and " + MAX_WINDOW
                    + " minutes");
        }
        return value;
    }

    /** Only the documented options: EC2 WindowsVSS enabled|disabled, S3 BackupACLs/BackupObjectTags disabled. */
    private static void advancedSetting(AdvancedBackupSetting setting) {
        Map<String, Set<String>> allowed = switch (setting.resourceType() == null ? "" : setting.resourceType()) {
            case "EC2" -> Map.of("WindowsVSS", Set.of("enabled", "disabled"));
            case "S3" -> Map.of("BackupACLs", Set.of("disabled"), "BackupObjectTags", Set.of("disabled"));
            default -> throw BackupErrors.invalidParameter("Invalid AdvancedBackupSettings: resource type "
                    + setting.resourceType() + " has no advanced backup settings.");
        };
        setting.backupOptions().forEach((key, value) -> {
            if (!allowed.containsKey(key) || !allowed.get(key).contains(value)) {
                throw BackupErrors.invalidParameter("Invalid AdvancedBackupSettings: " + key + "=" + value
                        + " is not a valid backup option for " + setting.resourceType() + ".");
            }
        });
    }
}
