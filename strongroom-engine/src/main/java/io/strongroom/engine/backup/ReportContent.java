package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The items of each report template (spec audit 1.8), for one account and Region over a window (rendered by
 * {@link io.strongroom.engine.backup.codec.ReportFormats}).
 */
final class ReportContent {
    private final JobStore jobs = new JobStore();
    private final VaultService vaults;
    private final FrameworkService frameworks;
    private final ControlEvaluator evaluator;

    ReportContent(VaultService vaults, FrameworkService frameworks, ControlEvaluator evaluator) {
        this.vaults = vaults;
        this.frameworks = frameworks;
        this.evaluator = evaluator;
    }

    List<Map<String, Object>> items(Tx tx, ReportPlan plan, String account, String region, Instant start,
                                    Instant end) {
        // Compliance is evaluated now, at the end of the window.
        return switch (plan.template()) {
            case "BACKUP_JOB_REPORT" -> backupJobs(tx, account, region, start, end);
            case "COPY_JOB_REPORT" -> copyJobs(tx, account, region, start, end);
            case "RESTORE_JOB_REPORT" -> restoreJobs(tx, account, region, start, end);
            case "CONTROL_COMPLIANCE_REPORT" -> compliance(tx, plan, account, region, false, end);
            case "RESOURCE_COMPLIANCE_REPORT" -> compliance(tx, plan, account, region, true, end);
            default -> List.of();
        };
    }

    /** The Regions where any of the accounts ran a backup job. */
    List<String> regionsWithJobs(Tx tx, List<String> accounts) {
        return jobs.regionsWithBackupJobs(tx, accounts);
    }

    /** Jobs that finished in the window, and every job still active. */
    private static boolean inWindow(Instant completed, Instant start, Instant end) {
        return completed == null || (!completed.isBefore(start) && completed.isBefore(end));
    }

    private List<Map<String, Object>> backupJobs(Tx tx, String account, String region, Instant start, Instant end) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BackupJob j : jobs.backupJobsInWindow(tx, account, region, start, end)) {
            if (!inWindow(j.completionDate(), start, end) || j.creationDate().isAfter(end)) {
                continue;
            }
            Map<String, Object> m = window(start, end, account, region);
            m.put("backupJobId", j.jobId());
            m.put("jobStatus", j.state());
            m.put("resourceType", j.resourceType());
            m.put("resourceArn", j.resourceArn());
            m.put("resourceName", j.resourceName());
            m.put("backupPlanArn", j.createdBy().get("BackupPlanArn"));
            m.put("backupRuleId", j.createdBy().get("BackupRuleId"));
            m.put("initiationDate", time(j.initiationDate()));
            m.put("backupPlanName", j.createdBy().get("BackupPlanName"));
            m.put("backupRuleName", j.createdBy().get("BackupRuleName"));
            m.put("backupRuleSchedule", j.createdBy().get("BackupRuleCron"));
            m.put("backupRuleTimezone", j.createdBy().get("BackupRuleTimezone"));
            m.put("startWindowEnd", time(j.startBy()));
            m.put("creationDate", time(j.creationDate()));
            m.put("completionDate", time(j.completionDate()));
            m.put("recoveryPointArn", j.recoveryPointArn());
            m.put("jobRunTime", runTime(j.initiationDate(), j.completionDate()));
            m.put("backupSizeInBytes", j.backupSizeInBytes());
            m.put("backupVaultName", j.vaultName());
            m.put("backupVaultArn", j.vaultArn());
            vault(tx, account, region, j.vaultName(), m);
            lifecycle(j.lifecycle(), m);
            m.put("iamRoleArn", j.iamRoleArn());
            m.put("statusMessage", j.statusMessage());
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> copyJobs(Tx tx, String account, String region, Instant start, Instant end) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CopyJob j : jobs.copyJobsInWindow(tx, account, region, start, end)) {
            if (!inWindow(j.completionDate(), start, end) || j.creationDate().isAfter(end)) {
                continue;
            }
            Map<String, Object> m = window(start, end, account, region);
            m.put("copyJobId", j.jobId());
            m.put("jobStatus", j.state());
            m.put("jobRunTime", runTime(j.creationDate(), j.completionDate()));
            m.put("resourceType", j.resourceType());
            m.put("resourceArn", j.resourceArn());
            m.put("resourceName", j.resourceName());
            m.put("backupPlanName", j.createdBy().get("BackupPlanName"));
            m.put("backupRuleName", j.createdBy().get("BackupRuleName"));
            m.put("creationDate", time(j.creationDate()));
            m.put("completionDate", time(j.completionDate()));
            m.put("backupSizeInBytes", j.backupSizeInBytes());
            m.put("sourceRecoveryPointArn", j.sourceRecoveryPointArn());
            m.put("sourceBackupVaultArn", j.sourceVaultArn());
            m.put("destinationRecoveryPointArn", j.destinationRecoveryPointArn());
            m.put("destinationBackupVaultArn", j.destinationVaultArn());
            m.put("vaultType", j.destinationVaultType());
            m.put("vaultLockStatus", Boolean.TRUE.equals(j.destinationVaultLocked()) ? "LOCKED" : "UNLOCKED");
            m.put("isEncrypted", true);
            m.put("encryptionKeyArn", j.destinationEncryptionKeyArn());
            lifecycle(j.destinationLifecycle(), m);
            m.put("iamRoleArn", j.iamRoleArn());
            m.put("statusMessage", j.statusMessage());
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> restoreJobs(Tx tx, String account, String region, Instant start,
                                                  Instant end) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RestoreJob j : jobs.restoreJobsInWindow(tx, account, region, start, end)) {
            if (!inWindow(j.completionDate(), start, end) || j.creationDate().isAfter(end)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reportTimePeriod", time(start) + " - " + time(end));
            m.put("accountId", account);
            m.put("region", region);
            m.put("restoreJobId", j.jobId());
            m.put("jobStatus", j.status());
            m.put("recoveryPointArn", j.recoveryPointArn());
            m.put("sourceResourceArn", j.sourceResourceArn());
            m.put("backupVaultArn", j.vaultArn());
            m.put("creationDate", time(j.creationDate()));
            m.put("completionDate", time(j.completionDate()));
            m.put("createdResourceArn", j.createdResourceArn());
            m.put("backupSizeInBytes", j.backupSizeInBytes());
            m.put("percentDone", RestoreJob.COMPLETED.equals(j.status()) ? "100.00%" : "0.00%");
            m.put("iamRoleArn", j.iamRoleArn());
            m.put("statusMessage", j.statusMessage());
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> compliance(Tx tx, ReportPlan plan, String account, String region,
                                                 boolean perResource, Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        String evaluated = time(now);
        for (Framework f : frameworks.all(tx, account, region)) {
            if (!plan.frameworkArns().isEmpty() && !plan.frameworkArns().contains(f.arn())
                    && plan.frameworkArns().stream().noneMatch(a -> a.endsWith(":framework:" + f.name()))) {
                continue;
            }
            for (ControlEvaluator.ControlResult c : evaluator.evaluate(tx, f, perResource
                    ? ControlEvaluator.Detail.EVERY_SUBJECT : ControlEvaluator.Detail.FAILING_SUBJECTS)) {
                if (perResource) {
                    for (ControlEvaluator.SubjectResult r : c.subjects()) {
                        Map<String, Object> m = framework(account, region, f, c.controlName());
                        m.put("resourceId", r.resourceId());
                        m.put("resourceType", r.resourceType());
                        m.put("resourceArn", r.arn());
                        m.put("resourceComplianceStatus", r.status());
                        m.put("complianceReason", r.reason());
                        m.put("lastEvaluationTime", evaluated);
                        out.add(m);
                    }
                } else {
                    Map<String, Object> m = framework(account, region, f, c.controlName());
                    m.put("controlComplianceStatus", c.status());
                    m.put("lastEvaluationTime", evaluated);
                    m.put("numResourcesCompliant", c.compliant());
                    m.put("numResourcesNonCompliant", c.nonCompliant());
                    m.put("controlFrequency", c.frequency());
                    m.put("controlScope", scope(c.scope()));
                    m.put("controlParameters", io.strongroom.engine.backup.codec.ReportFormats.jsonObject(c.parameters()));
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> framework(String account, String region, Framework f, String control) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accountId", account);
        m.put("region", region);
        m.put("frameworkName", f.name());
        m.put("frameworkDescription", f.description());
        m.put("controlName", control);
        return m;
    }

    private static String scope(FrameworkControl.Scope s) {
        if (s.resourceIds().isEmpty() && s.resourceTypes().isEmpty() && s.tags().isEmpty()) {
            return "";
        }
        return "{ComplianceResourceIds: " + s.resourceIds() + ", ComplianceResourceTypes: " + s.resourceTypes()
                + ", Tags: " + s.tags() + "}";
    }

    private void vault(Tx tx, String account, String region, String name, Map<String, Object> m) {
        var vault = vaults.store().vault(tx, account, region, name);
        m.put("vaultType", vault.map(BackupVault::vaultType).orElse(BackupVault.STANDARD));
        m.put("vaultLockStatus", vault.map(v -> v.locked() ? "LOCKED" : "UNLOCKED").orElse("UNLOCKED"));
        m.put("isEncrypted", true);
        m.put("encryptionKeyArn", vault.map(BackupVault::encryptionKeyArn).orElse(null));
    }

    private static void lifecycle(Lifecycle l, Map<String, Object> m) {
        m.put("deleteAfterDays", l == null ? null : l.deleteAfterDays());
        m.put("moveToColdAfterDays", l == null ? null : l.moveToColdStorageAfterDays());
        m.put("enableArchive", false);
    }

    private static Map<String, Object> window(Instant start, Instant end, String account, String region) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reportTimePeriodStart", time(start));
        m.put("reportTimePeriodEnd", time(end));
        m.put("accountId", account);
        m.put("region", region);
        return m;
    }

    static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String runTime(Instant from, Instant to) {
        if (from == null || to == null) {
            return null;
        }
        long s = Duration.between(from, to).getSeconds();
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
