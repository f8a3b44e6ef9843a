package io.strongroom.engine.backup;

import java.util.List;
import java.util.Optional;

/**
 * The backup plan templates AWS Backup offers (ListBackupPlanTemplates, GetBackupPlanFromTemplate): AWS's template
 * names, each a daily 05:00 UTC rule into the Default vault with the retention its name says; the ids are ours
 * (decision D37).
 */
public final class PlanTemplates {
    public record Template(String id, String name, BackupPlanDocument document) {
    }

    static final List<Template> ALL = List.of(
            template("87c0c1ef-254d-4180-8fef-2e76a2c38aaa", "Daily-35day-Retention",
                    rule("DailyBackups", "cron(0 5 ? * * *)", 35L)),
            template("af1cd8d6-8c49-4f1d-9c5b-6e0f3a1f2d11", "Daily-Monthly-1yr-Retention",
                    rule("DailyBackups", "cron(0 5 ? * * *)", 35L),
                    rule("Monthly", "cron(0 5 1 * ? *)", 365L)),
            template("c6f0d6a2-3c8e-4f53-9f2a-7a4d9b8e1c22", "Daily-Weekly-Monthly-5yr-Retention",
                    rule("DailyBackups", "cron(0 5 ? * * *)", 35L),
                    rule("Weekly", "cron(0 5 ? * SAT *)", 90L),
                    rule("Monthly", "cron(0 5 1 * ? *)", 1825L)),
            template("e2b7a9c4-5d1f-4e8a-b3c6-9f0e1d2c3b33", "Daily-Weekly-Monthly-7yr-Retention",
                    rule("DailyBackups", "cron(0 5 ? * * *)", 35L),
                    rule("Weekly", "cron(0 5 ? * SAT *)", 90L),
                    rule("Monthly", "cron(0 5 1 * ? *)", 2555L)));

    private PlanTemplates() {
    }

    private static Template template(String id, String name, BackupRule... rules) {
        return new Template(id, name, new BackupPlanDocument(name, List.of(rules), List.of()));
    }

    private static BackupRule rule(String name, String cron, Long deleteAfterDays) {
        return new BackupRule(name, null, "Default", null, cron, PlanRules.DEFAULT_TIMEZONE,
                PlanRules.DEFAULT_START_WINDOW, PlanRules.DEFAULT_COMPLETION_WINDOW,
                new Lifecycle(null, deleteAfterDays, null), null, null, false);
    }

    static Optional<Template> byId(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
