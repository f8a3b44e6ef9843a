package io.strongroom.engine.backup;

import io.strongroom.engine.backup.SelectionCoverage.Covering;
import io.strongroom.engine.backup.policy.VaultDeletionGuard;
import io.strongroom.engine.backup.schedule.CronSchedule;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a framework's controls against the account's real backup state in one Region, now (spec audit 1.4):
 * every resource of the resource providers, plans with their current versions and selections, vaults with their
 * locks and access policies, recovery points (with copies in other vaults of the organization) and restore jobs.
 * Each subject in a control's scope is COMPLIANT or NON_COMPLIANT with the reason; a control is COMPLIANT when no
 * subject in its scope is NON_COMPLIANT (a control with nothing in scope is COMPLIANT with zero counts).
 */
public final class ControlEvaluator {
    public static final String COMPLIANT = "COMPLIANT";
    public static final String NON_COMPLIANT = "NON_COMPLIANT";
    private static final List<String> DELETION_ACTIONS = List.of("backup:DeleteRecoveryPoint",
            "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy");

    private final VaultService vaults;
    private final SelectionService selections;
    private final Clock clock;
    private final JobStore jobs = new JobStore();

    public ControlEvaluator(VaultService vaults, SelectionService selections, Clock clock) {
        this.vaults = vaults;
        this.selections = selections;
        this.clock = clock;
    }

    /** One evaluated subject: its id and type as AWS Config names them, its ARN, verdict and why. */
    public record SubjectResult(String resourceId, String resourceType, String arn, String status, String reason) {
    }

    /** One control's result over its scope. */
    public record ControlResult(String controlName, Map<String, String> parameters, FrameworkControl.Scope scope,
                                String frequency, String status, int compliant, int nonCompliant,
                                List<SubjectResult> subjects) {
    }

    /** How much of each control's result is wanted: every subject, or the counts and the failing subjects only. */
    public enum Detail { EVERY_SUBJECT, FAILING_SUBJECTS }

    /** Every control with every subject (the resource compliance report). */
    public List<ControlResult> evaluate(Tx tx, Framework framework) {
        return evaluate(tx, framework, Detail.EVERY_SUBJECT);
    }

    /**
     * Every control of the framework. With {@link Detail#FAILING_SUBJECTS} the counts are the same, but only the
     * NON_COMPLIANT subjects are listed, so the recovery point controls are counted from the points' tally (D63)
     * instead of reading every point.
     */
    public List<ControlResult> evaluate(Tx tx, Framework framework, Detail detail) {
        State state = new State(tx, framework.accountId(), framework.region(), detail == Detail.EVERY_SUBJECT);
        List<ControlResult> out = new ArrayList<>();
        for (FrameworkControl c : framework.controls()) {
            out.add(evaluate(state, c, detail));
        }
        return out;
    }

    private ControlResult evaluate(State s, FrameworkControl c, Detail detail) {
        AuditControls.Control control = AuditControls.control(c.name()).orElseThrow();
        Map<String, String> p = c.effectiveParameters();
        if (control.subject() == AuditControls.Subject.RECOVERY_POINT && detail == Detail.FAILING_SUBJECTS
                && c.scope().resourceIds().isEmpty()) {
            return countedPoints(s, c, control, p);
        }
        List<SubjectResult> subjects = switch (control.subject()) {
            case RESOURCE -> s.resources().stream()
                    .filter(e -> c.scope().covers(List.of(e.resource().arn(), e.resource().name()),
                            List.of(e.resource().resourceType(), configType(e.resource().resourceType())),
                            e.resource().tags()))
                    .map(e -> resourceVerdict(s, c.name(), p, e.resource(), e.coverings()))
                    .filter(java.util.Objects::nonNull).toList();
            case PLAN -> s.plans().stream()
                    .filter(v -> c.scope().covers(List.of(v.plan().planId(), v.plan().name()),
                            List.of("AWS::Backup::BackupPlan"), v.plan().tags()))
                    .map(v -> planVerdict(v, p)).toList();
            case VAULT -> s.vaults().stream()
                    .filter(v -> c.scope().covers(List.of(v.name(), v.arn()), List.of("AWS::Backup::BackupVault"),
                            v.tags()))
                    .map(this::vaultVerdict).toList();
            case RECOVERY_POINT -> s.points().stream()
                    .filter(rp -> RecoveryPoint.COMPLETED.equals(rp.status()))
                    .filter(rp -> c.scope().covers(List.of(rp.arn()), List.of("AWS::Backup::RecoveryPoint"),
                            rp.tags()))
                    .map(rp -> pointVerdict(c.name(), p, rp)).toList();
        };
        int non = (int) subjects.stream().filter(r -> NON_COMPLIANT.equals(r.status())).count();
        List<SubjectResult> listed = detail == Detail.EVERY_SUBJECT ? subjects
                : subjects.stream().filter(r -> NON_COMPLIANT.equals(r.status())).toList();
        return new ControlResult(c.name(), c.parameters(), c.scope(), control.frequency(),
                non == 0 ? COMPLIANT : NON_COMPLIANT, subjects.size() - non, non, listed);
    }

    /** A recovery point control counted from the tally; the failing points read only when there are some. */
    private ControlResult countedPoints(State s, FrameworkControl c, AuditControls.Control control,
                                        Map<String, String> p) {
        long compliant = 0;
        long non = 0;
        for (BackupTallies.PointCount pc : s.pointCounts()) {
            if (!c.scope().covers(List.of(), List.of("AWS::Backup::RecoveryPoint"), pc.tags())) {
                continue;
            }
            boolean ok = !"BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK".equals(c.name())
                    || pc.retentionDays() == null
                    || pc.retentionDays() >= Long.parseLong(p.get("requiredRetentionDays").trim());
            if (ok) {
                compliant += pc.points();
            } else {
                non += pc.points();
            }
        }
        List<SubjectResult> failing = non == 0 ? List.of() : s.points().stream()
                .filter(rp -> RecoveryPoint.COMPLETED.equals(rp.status()))
                .filter(rp -> c.scope().covers(List.of(rp.arn()), List.of("AWS::Backup::RecoveryPoint"), rp.tags()))
                .map(rp -> pointVerdict(c.name(), p, rp)).filter(r -> NON_COMPLIANT.equals(r.status())).toList();
        return new ControlResult(c.name(), c.parameters(), c.scope(), control.frequency(),
                non == 0 ? COMPLIANT : NON_COMPLIANT, (int) compliant, (int) non, failing);
    }

    // ---- resources

    private SubjectResult resourceVerdict(State s, String control, Map<String, String> p, ProtectedResource r,
                                          List<Covering> covering) {
        return switch (control) {
            case "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN" -> covering.isEmpty()
                    ? s.subject(r, false, () -> "No selection of a backup plan selects it.")
                    : s.subject(r, true, () -> "Selected by " + covering.get(0).describe() + ".");
            case "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION" -> copies(s, r, covering, p.get("crossRegionList"),
                    "Region", arn -> arnPart(arn, 3), s.region(), s.latestCopies(r.arn()));
            case "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT" -> copies(s, r, covering, p.get("crossAccountList"),
                    "account", arn -> arnPart(arn, 4), s.account(), s.latestCopies(r.arn()));
            case "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK" -> lock(s, r, covering, p);
            case "BACKUP_LAST_RECOVERY_POINT_CREATED" -> lastPoint(s, r, p);
            case "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET" -> restoreTime(s, r, p);
            case "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT" -> airGapped(s, r, p);
            default -> throw new IllegalStateException(control);
        };
    }

    /**
     * Scheduled (AWS's test: a plan that selects it copies there) and, beyond AWS (D62), not broken: the newest copy
     * job of the resource to a scheduled destination must not have failed.
     */
    private static SubjectResult copies(State s, ProtectedResource r, List<Covering> covering, String list,
                                        String what, java.util.function.Function<String, String> partOf,
                                        String own, List<BackupTallies.LatestCopy> latest) {
        if (covering.isEmpty()) {
            return s.subject(r, false, () -> "No backup plan selects it, so nothing copies it to another " + what
                    + ".");
        }
        List<String> required = csv(list);
        java.util.Set<String> reached = new java.util.TreeSet<>();
        for (Covering c : covering) {
            for (String destination : c.copyDestinations()) {
                String target = partOf.apply(destination);
                if (!target.equals(own)) {
                    reached.add(target);
                }
            }
        }
        boolean ok = required.isEmpty() ? !reached.isEmpty() : reached.containsAll(required);
        String reason = reached.isEmpty() ? "No rule of the plans that select it copies to another " + what + "."
                : "Its plans copy to " + what + (reached.size() > 1 ? "s " : " ") + String.join(", ", reached)
                + (required.isEmpty() ? "." : "; required: " + String.join(", ", required) + ".");
        if (ok) {
            for (String target : reached) {
                Optional<BackupTallies.LatestCopy> newest = latest.stream()
                        .filter(j -> target.equals(partOf.apply(j.destinationVaultArn())))
                        .max(Comparator.comparing(BackupTallies.LatestCopy::creationDate)
                                .thenComparing(BackupTallies.LatestCopy::jobId));
                if (newest.isPresent() && CopyJob.FAILED.equals(newest.get().state())) {
                    BackupTallies.LatestCopy failed = newest.get();
                    return s.subject(r, false, () -> reason + " Its latest copy to " + what + " " + target
                            + " (copy job " + failed.jobId() + ") failed: " + failed.statusMessage());
                }
            }
        }
        return s.subject(r, ok, () -> reason);
    }

    private SubjectResult lock(State s, ProtectedResource r, List<Covering> covering, Map<String, String> p) {
        if (covering.isEmpty()) {
            return s.subject(r, false, () -> "No backup plan selects it.");
        }
        Integer min = integer(p.get("minRetentionDays"));
        Integer max = integer(p.get("maxRetentionDays"));
        List<String> unlocked = new ArrayList<>();
        for (Covering c : covering) {
            for (BackupRule rule : c.rules()) {
                VaultLock lock = s.vault(rule.targetBackupVaultName()).map(BackupVault::lock).orElse(null);
                boolean ok = lock != null && (min == null || (lock.minRetentionDays() != null
                        && lock.minRetentionDays() >= min)) && (max == null || (lock.maxRetentionDays() != null
                        && lock.maxRetentionDays() <= max));
                if (ok) {
                    return s.subject(r, true, () -> "Rule " + rule.ruleName() + " of plan " + c.plan().name()
                            + " backs it up into locked vault " + rule.targetBackupVaultName() + ".");
                }
                unlocked.add(rule.targetBackupVaultName());
            }
        }
        return s.subject(r, false, () -> "The vaults its plans back it up into are not locked"
                + (min != null || max != null ? " within the required retention range" : "") + ": "
                + String.join(", ", new java.util.TreeSet<>(unlocked)) + ".");
    }

    private SubjectResult lastPoint(State s, ProtectedResource r, Map<String, String> p) {
        Duration age = age(p);
        Optional<Instant> latest = s.holdingsOf(r.arn()).stream()
                .filter(h -> h.accountId().equals(s.account()) && h.region().equals(s.region()))
                .map(BackupTallies.Holding::newest).max(Comparator.naturalOrder());
        if (latest.isEmpty()) {
            return s.subject(r, false, () -> "It has no recovery point.");
        }
        Instant created = latest.get();
        boolean ok = !created.isBefore(s.now().minus(age));
        return s.subject(r, ok, () -> "Its latest recovery point was created " + created
                + (ok ? ", within " : ", more than ") + describe(p) + " ago.");
    }

    private SubjectResult restoreTime(State s, ProtectedResource r, Map<String, String> p) {
        long max = Long.parseLong(p.get("maxRestoreTime").trim());
        Optional<RestoreJob> latest = s.restoresOf(r.arn()).stream()
                .filter(j -> RestoreJob.COMPLETED.equals(j.status()))
                .max(Comparator.comparing(RestoreJob::creationDate));
        if (latest.isEmpty()) {
            return null; // not evaluated: no restore has been run
        }
        long minutes = Duration.between(latest.get().creationDate(), latest.get().completionDate()).toMinutes();
        return s.subject(r, minutes <= max, () -> "Its latest restore took " + minutes + " minutes; the target is "
                + max + ".");
    }

    private SubjectResult airGapped(State s, ProtectedResource r, Map<String, String> p) {
        Duration age = age(p);
        boolean ok = s.holdingsOf(r.arn()).stream().anyMatch(h -> BackupVault.AIR_GAPPED.equals(h.vaultType())
                && !h.newest().isBefore(s.now().minus(age)));
        return s.subject(r, ok, () -> ok ? "A recovery point of it in a logically air-gapped vault is younger than "
                + describe(p) + "." : "No recovery point of it in a logically air-gapped vault is younger than "
                + describe(p) + ".");
    }

    // ---- plans, vaults, recovery points

    private SubjectResult planVerdict(PlanService.PlanView v, Map<String, String> p) {
        Duration required = Duration.ofHours(Long.parseLong(p.get("requiredFrequencyValue").trim())
                * ("hours".equals(p.get("requiredFrequencyUnit")) ? 1 : 24));
        long retention = Long.parseLong(p.get("requiredRetentionDays").trim());
        String id = "AWS::Backup::BackupPlan/" + v.plan().planId();
        List<String> why = new ArrayList<>();
        for (BackupRule rule : v.version().document().rules()) {
            Duration gap = rule.continuous() ? Duration.ofHours(1) : longestGap(rule);
            Long keep = rule.lifecycle() == null ? null : rule.lifecycle().deleteAfterDays();
            boolean frequent = gap != null && gap.compareTo(required) <= 0;
            boolean retained = keep == null || keep >= retention;
            if (frequent && retained) {
                return new SubjectResult(id, "AWS::Backup::BackupPlan", v.plan().arn(), COMPLIANT, "Rule "
                        + rule.ruleName() + " runs at least every " + hours(required) + " and keeps points "
                        + (keep == null ? "forever" : keep + " days") + ".");
            }
            why.add(rule.ruleName() + (frequent ? "" : " runs less often than every " + hours(required))
                    + (frequent || retained ? "" : " and") + (retained ? "" : " keeps points " + keep + " days"));
        }
        return new SubjectResult(id, "AWS::Backup::BackupPlan", v.plan().arn(), NON_COMPLIANT,
                "No rule runs at least every " + hours(required) + " and keeps points " + retention + " days: "
                        + String.join("; ", why) + ".");
    }

    static Duration longestGap(BackupRule rule) {
        try {
            CronSchedule cron = CronSchedule.parse(rule.scheduleExpression());
            ZoneId zone = ZoneId.of(rule.scheduleExpressionTimezone() == null ? "Etc/UTC"
                    : rule.scheduleExpressionTimezone());
            List<Instant> next = cron.next(Instant.parse("2026-01-01T00:00:00Z"), zone, 64);
            Duration gap = Duration.ZERO;
            for (int i = 1; i < next.size(); i++) {
                Duration d = Duration.between(next.get(i - 1), next.get(i));
                gap = d.compareTo(gap) > 0 ? d : gap;
            }
            return next.size() < 2 ? null : gap;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private SubjectResult vaultVerdict(BackupVault vault) {
        String id = "AWS::Backup::BackupVault/" + vault.name();
        List<String> missing = VaultDeletionGuard.undenied(vault.accessPolicy(), DELETION_ACTIONS);
        return new SubjectResult(id, "AWS::Backup::BackupVault", vault.arn(), missing.isEmpty() ? COMPLIANT
                : NON_COMPLIANT, missing.isEmpty() ? "Its access policy denies everyone deleting recovery points and "
                + "changing their lifecycle or the policy." : vault.accessPolicy() == null ? "It has no access policy."
                : "Its access policy does not deny everyone " + String.join(", ", missing) + " on every resource.");
    }

    private static SubjectResult pointVerdict(String control, Map<String, String> p, RecoveryPoint rp) {
        String id = "AWS::Backup::RecoveryPoint/" + rp.arn();
        if ("BACKUP_RECOVERY_POINT_ENCRYPTED".equals(control)) {
            return new SubjectResult(id, "AWS::Backup::RecoveryPoint", rp.arn(), COMPLIANT, "Encrypted under "
                    + (rp.encryptionKeyArn() == null ? "an AWS owned key" : rp.encryptionKeyArn()) + ".");
        }
        long required = Long.parseLong(p.get("requiredRetentionDays").trim());
        Instant deleteAt = rp.deleteAt();
        if (deleteAt == null) {
            return new SubjectResult(id, "AWS::Backup::RecoveryPoint", rp.arn(), COMPLIANT, "It never expires.");
        }
        long days = Duration.between(rp.creationDate(), deleteAt).toDays();
        return new SubjectResult(id, "AWS::Backup::RecoveryPoint", rp.arn(), days >= required ? COMPLIANT
                : NON_COMPLIANT, "It is kept " + days + " days; the minimum is " + required + ".");
    }

    // ---- helpers

    private static SubjectResult resource(ProtectedResource r, boolean ok, String reason) {
        String type = configType(r.resourceType());
        return new SubjectResult(type + "/" + r.name(), type, r.arn(), ok ? COMPLIANT : NON_COMPLIANT, reason);
    }

    /** Stands for every COMPLIANT resource when only the failing subjects are listed: it is only counted. */
    private static final SubjectResult COUNTED = new SubjectResult(null, null, null, COMPLIANT, null);

    /** AWS Config's type of a resource type of AWS Backup (read for every subject of every control). */
    static String configType(String backupType) {
        return switch (backupType) {
            case "DynamoDB" -> "AWS::DynamoDB::Table";
            case "S3" -> "AWS::S3::Bucket";
            case "EFS" -> "AWS::EFS::FileSystem";
            case "EBS" -> "AWS::EC2::Volume";
            case "EC2" -> "AWS::EC2::Instance";
            case "RDS" -> "AWS::RDS::DBInstance";
            case "Aurora" -> "AWS::RDS::DBCluster";
            default -> backupType;
        };
    }

    /** The {@code index}th colon-separated part of an ARN (3: Region, 4: account), "" when it has fewer. */
    static String arnPart(String arn, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start = arn.indexOf(':', start) + 1;
            if (start == 0) {
                return "";
            }
        }
        int end = arn.indexOf(':', start);
        return end < 0 ? arn.substring(start) : arn.substring(start, end);
    }

    private static Duration age(Map<String, String> p) {
        long value = Long.parseLong(p.get("recoveryPointAgeValue").trim());
        return "hours".equals(p.get("recoveryPointAgeUnit")) ? Duration.ofHours(value) : Duration.ofDays(value);
    }

    private static String describe(Map<String, String> p) {
        return p.get("recoveryPointAgeValue").trim() + " " + p.get("recoveryPointAgeUnit");
    }

    private static String hours(Duration d) {
        return d.toHours() % 24 == 0 ? d.toDays() + (d.toDays() == 1 ? " day" : " days") : d.toHours() + " hours";
    }

    private static Integer integer(String value) {
        return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    }

    private static List<String> csv(String value) {
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** What one evaluation reads, gathered once. */
    private final class State {
        private final Tx tx;
        private final String account;
        private final String region;
        private final Instant now;
        private SelectionCoverage coverage;
        private final boolean everySubject;
        private List<RecoveryPoint> points;
        private Map<String, List<BackupTallies.Holding>> holdings;
        private Map<String, List<BackupTallies.LatestCopy>> copies;
        private Map<String, List<RestoreJob>> restores;
        private final Map<String, Optional<BackupVault>> vaultsByName = new java.util.HashMap<>();

        State(Tx tx, String account, String region, boolean everySubject) {
            this.everySubject = everySubject;
            this.tx = tx;
            this.account = account;
            this.region = region;
            this.now = Instant.now(clock);
        }

        Tx tx() {
            return tx;
        }

        String account() {
            return account;
        }

        String region() {
            return region;
        }

        Instant now() {
            return now;
        }

        /**
         * A resource's verdict; the reason is built only when the subject is listed (every subject is, or it fails):
         * the dashboard and CONTROL_COMPLIANCE_REPORT only count the compliant ones, some 100,000 at 20,000 resources.
         */
        SubjectResult subject(ProtectedResource r, boolean ok, java.util.function.Supplier<String> reason) {
            return ok && !everySubject ? COUNTED : resource(r, ok, reason.get());
        }

        /** Which plans pick which resource, kept while the account's inventory and plans stand still (D71). */
        private SelectionCoverage coverage() {
            if (coverage == null) {
                coverage = selections.coverage(tx, account, region);
            }
            return coverage;
        }

        List<SelectionCoverage.Covered> resources() {
            return coverage().resources();
        }

        List<PlanService.PlanView> plans() {
            return coverage().plans();
        }

        List<BackupVault> vaults() {
            return vaults.store().vaults(tx, account, region);
        }

        /** A vault of this account and Region by name, read once per evaluation (every resource's rule names one). */
        Optional<BackupVault> vault(String name) {
            return vaultsByName.computeIfAbsent(name, n -> vaults.store().vault(tx, account, region, n));
        }

        List<RecoveryPoint> points() {
            if (points == null) {
                points = jobs.points(tx, account, region);
            }
            return points;
        }

        List<BackupTallies.PointCount> pointCounts() {
            return jobs.tallies().pointCounts(tx, account, region);
        }

        /** The vaults holding completed points of a resource of this account and Region, anywhere (copies too). */
        List<BackupTallies.Holding> holdingsOf(String resourceArn) {
            if (holdings == null) {
                holdings = jobs.tallies().holdings(tx, account, region);
            }
            return holdings.getOrDefault(resourceArn, List.of());
        }

        /** The newest copy job per destination vault of the resource's points made in this account and Region. */
        List<BackupTallies.LatestCopy> latestCopies(String resourceArn) {
            if (copies == null) {
                copies = jobs.tallies().latestCopies(tx, account, region);
            }
            return copies.getOrDefault(resourceArn, List.of());
        }

        List<RestoreJob> restoresOf(String resourceArn) {
            if (restores == null) {
                restores = new java.util.HashMap<>();
                for (RestoreJob j : jobs.restoreJobs(tx, account, region)) {
                    if (j.sourceResourceArn() != null) {
                        restores.computeIfAbsent(j.sourceResourceArn(), k -> new ArrayList<>()).add(j);
                    }
                }
            }
            return restores.getOrDefault(resourceArn, List.of());
        }
    }
}
