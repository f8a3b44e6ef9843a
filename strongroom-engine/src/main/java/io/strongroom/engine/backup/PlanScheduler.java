package io.strongroom.engine.backup;

import io.strongroom.engine.backup.schedule.CronSchedule;
import io.strongroom.kernel.ServiceException;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backup plans on Strongroom's clock (spec 3.7): each rule of each live plan has one timer at its next cron firing.
 * A firing evaluates the plan's selections against the account's resources in the plan's Region at that moment,
 * starts one backup job per picked resource (CREATED at the firing time, run by the clock in order) and schedules
 * the rule's next firing. A completed scheduled job starts its rule's copy actions (spec 7.2).
 *
 * <p>The pending firing of a rule is also recorded ({@code backup.rule-firings} under
 * {@code <account>/<region>/<plan-id>/<rule-id>} -> its due instant), so a plan change can cancel the exact timer and
 * a firing that is no longer the rule's current one is ignored.
 */
public final class PlanScheduler {
    public static final String TIMER = "backup.plan-rule";
    private static final String FIRINGS = "backup.rule-firings";
    private static final Logger LOG = Logger.getLogger(PlanScheduler.class.getName());

    private final PlanService plans;
    private final BackupStore store;
    private final SelectionService selections;
    private final BackupJobService backups;
    private final CopyJobService copies;
    private final Clock clock;

    public PlanScheduler(PlanService plans, SelectionService selections, BackupJobs jobs, Clock clock) {
        this.plans = plans;
        this.store = plans.store();
        this.selections = selections;
        this.backups = jobs.backups();
        this.copies = jobs.copies();
        this.clock = clock;
        plans.onChange(this::planChanged);
        backups.onCompletion(this::copyActions);
    }

    /** A plan was created, got a new version or was deleted: its rules' timers follow the current version. */
    void planChanged(Tx tx, BackupPlan plan, PlanVersion version) {
        String scope = scope(plan.accountId(), plan.region(), plan.planId());
        List<BackupRule> rules = plan.deleted() ? List.of() : version.document().rules();
        for (StoredRecord pending : tx.scan(ScanQuery.prefix(FIRINGS, scope, PlanRules.MAX_RULES)).records()) {
            String ruleId = pending.key().substring(scope.length());
            if (rules.stream().noneMatch(r -> r.ruleId().equals(ruleId))) {
                tx.timers().cancel(timerKey(pending.key(), due(pending.value())));
                tx.delete(FIRINGS, pending.key(), Tx.ANY);
            }
        }
        Instant now = Instant.now(clock);
        rules.forEach(rule -> scheduleNext(tx, plan, rule, now));
    }

    /** Replaces the rule's pending firing by its first cron time after {@code after}. */
    private void scheduleNext(Tx tx, BackupPlan plan, BackupRule rule, Instant after) {
        String key = scope(plan.accountId(), plan.region(), plan.planId()) + rule.ruleId();
        tx.get(FIRINGS, key).ifPresent(r -> tx.timers().cancel(timerKey(key, due(r.value()))));
        Optional<Instant> next = CronSchedule.parse(rule.scheduleExpression())
                .next(after, ZoneId.of(rule.scheduleExpressionTimezone()));
        if (next.isEmpty()) { // a cron whose years are over
            tx.delete(FIRINGS, key, Tx.ANY);
            return;
        }
        tx.put(FIRINGS, key, next.get().toString().getBytes(StandardCharsets.UTF_8), Tx.ANY);
        tx.timers().schedule(timerKey(key, next.get()), TIMER, next.get(), key.getBytes(StandardCharsets.UTF_8));
    }

    /** The clock reached a rule's firing: its jobs, its next firing, the plan's LastExecutionDate. */
    public void onTimer(Tx tx, Timer timer) {
        String key = new String(timer.payload(), StandardCharsets.UTF_8);
        Optional<Instant> pending = tx.get(FIRINGS, key).map(r -> due(r.value()));
        if (pending.isEmpty() || !pending.get().equals(timer.due())) {
            return; // replaced or cancelled since it was scheduled
        }
        // <account>/<region>/<plan-id>/<rule-id>: an org plan's id ("orgs/<uuid>") has a slash of its own.
        String[] head = key.split("/", 3);
        int cut = head[2].lastIndexOf('/');
        String[] part = {head[0], head[1], head[2].substring(0, cut), head[2].substring(cut + 1)};
        Optional<BackupPlan> found = store.plan(tx, part[0], part[1], part[2]).filter(p -> !p.deleted());
        Optional<PlanVersion> version = found.flatMap(p -> store.version(tx, p.planId(), p.versionId()));
        Optional<BackupRule> rule = version.flatMap(v -> v.document().rules().stream()
                .filter(r -> r.ruleId().equals(part[3])).findFirst());
        if (rule.isEmpty()) {
            tx.delete(FIRINGS, key, Tx.ANY);
            return;
        }
        BackupPlan plan = found.get();
        fire(tx, plan, version.get(), rule.get());
        scheduleNext(tx, plan, rule.get(), timer.due());
        store.putPlan(tx, plan.executedAt(timer.due()));
    }

    /** One backup job per resource the plan's selections pick now; the first selection picking it lends its role. */
    private void fire(Tx tx, BackupPlan plan, PlanVersion version, BackupRule rule) {
        Map<String, BackupSelection> picked = new TreeMap<>(); // by ARN: the same order on every run
        for (BackupSelection selection : store.selections(tx, plan.planId())) {
            for (ProtectedResource resource : selections.selectedResources(tx, selection)) {
                picked.putIfAbsent(resource.arn(), selection);
            }
        }
        Map<String, String> createdBy = createdBy(plan, version, rule);
        picked.forEach((arn, selection) -> {
            BackupJobService.StartBackup start = new BackupJobService.StartBackup(rule.targetBackupVaultName(), arn,
                    selection.iamRoleArn(), null, rule.startWindowMinutes(), rule.completionWindowMinutes(),
                    rule.lifecycle(), rule.recoveryPointTags(), backupOptions(version, arn));
            try {
                backups.start(tx, plan.accountId(), plan.region(), null, start, createdBy);
            } catch (ServiceException e) { // nothing was written for this resource; the others go on
                LOG.log(Level.WARNING, "plan " + plan.planId() + " rule " + rule.ruleName() + ": no job for " + arn
                        + ": " + e.getMessage());
            }
        });
    }

    /** The plan's advanced settings for the resource's type (EC2 WindowsVSS), as the job's BackupOptions. */
    private Map<String, String> backupOptions(PlanVersion version, String arn) {
        String type = arn.startsWith("arn:aws:ec2:") ? "EC2" : arn.startsWith("arn:aws:s3:") ? "S3" : null;
        return version.document().advancedSettings().stream().filter(s -> s.resourceType().equals(type))
                .findFirst().map(AdvancedBackupSetting::backupOptions).orElse(Map.of());
    }

    /** Exactly the keys the API's RecoveryPointCreator reads. */
    private static Map<String, String> createdBy(BackupPlan plan, PlanVersion version, BackupRule rule) {
        Map<String, String> by = new LinkedHashMap<>();
        by.put("BackupPlanId", plan.planId());
        by.put("BackupPlanArn", plan.arn());
        by.put("BackupPlanName", plan.name());
        by.put("BackupPlanVersion", version.versionId());
        by.put("BackupRuleId", rule.ruleId());
        by.put("BackupRuleName", rule.ruleName());
        by.put("BackupRuleCron", rule.scheduleExpression());
        by.put("BackupRuleTimezone", rule.scheduleExpressionTimezone());
        return by;
    }

    /** A scheduled backup job completed: each copy action of its rule (in the version that fired) starts a copy. */
    void copyActions(Tx tx, BackupJob job) {
        Map<String, String> by = job.createdBy();
        if (by.get("BackupPlanId") == null) {
            return;
        }
        Optional<BackupRule> rule = store.version(tx, by.get("BackupPlanId"), by.get("BackupPlanVersion"))
                .flatMap(v -> v.document().rules().stream().filter(r -> r.ruleId().equals(by.get("BackupRuleId")))
                        .findFirst());
        for (CopyAction action : rule.map(BackupRule::copyActions).orElse(List.of())) {
            CopyJobService.StartCopy copy = new CopyJobService.StartCopy(job.recoveryPointArn(), job.vaultName(),
                    action.destinationBackupVaultArn(), job.iamRoleArn(), null, action.lifecycle());
            try {
                copies.start(tx, job.accountId(), job.region(), copy, by, job.jobId());
            } catch (ServiceException e) {
                LOG.log(Level.WARNING, "backup job " + job.jobId() + ": no copy to "
                        + action.destinationBackupVaultArn() + ": " + e.getMessage());
            }
        }
    }

    private static String scope(String account, String region, String planId) {
        return account + "/" + region + "/" + planId + "/";
    }

    /** Each firing has its own timer key: the timer running now is removed once its handler returns. */
    private static String timerKey(String ruleKey, Instant due) {
        return TIMER + "/" + ruleKey + "/" + due.getEpochSecond();
    }

    private static Instant due(byte[] value) {
        return Instant.parse(new String(value, StandardCharsets.UTF_8));
    }
}
