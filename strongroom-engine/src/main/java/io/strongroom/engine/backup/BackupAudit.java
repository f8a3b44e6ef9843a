package io.strongroom.engine.backup;

import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.time.TimerHandler;

import java.time.Clock;

/** Backup Audit Manager, built once: frameworks, the controls' evaluation, report plans and report jobs. */
public final class BackupAudit {
    private final FrameworkService frameworks;
    private final ControlEvaluator evaluator;
    private final ReportService reports;

    public BackupAudit(VaultService vaults, SelectionService selections, ReportDelivery delivery,
                       ServiceLinkedRoles roles, OrganizationView organization, Clock clock, IdGenerator ids) {
        ReportsRole reportsRole = new ReportsRole(roles, clock);
        this.frameworks = new FrameworkService(reportsRole, clock, ids);
        this.evaluator = new ControlEvaluator(vaults, selections, clock);
        this.reports = new ReportService(vaults, frameworks, evaluator, delivery, reportsRole, organization, clock,
                ids);
    }

    public FrameworkService frameworks() {
        return frameworks;
    }

    public ControlEvaluator evaluator() {
        return evaluator;
    }

    public ReportService reports() {
        return reports;
    }

    public TimerHandler timerHandler() {
        return TimerHandler.ofTimer(ReportService.TIMER, reports::onTimer);
    }
}
