package io.strongroom.engine.backup;

import io.strongroom.engine.backup.schedule.CronSchedule;
import io.strongroom.json.JsonCodec;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Restore testing (spec 10.2, D124): plans and their selections, kept in {@code backup.restore-testing-plans} under
 * {@code <account>/<region>/<plan>} and {@code backup.restore-testing-selections} under
 * {@code <account>/<region>/<plan>/<selection>}. Each plan has one timer at its next cron firing; a firing starts one
 * restore job per resource each selection picks, from a recovery point the plan's point selection allows. A restore
 * test's resource is deleted once its validation window ends, or as soon as a final validation result arrives.
 */
public final class RestoreTestingService {
    public static final String RUN_TIMER = "backup.restore-testing-run";
    public static final String DELETE_TIMER = "backup.restore-testing-delete";
    static final int MAX_PLANS = 100;
    static final int MAX_SELECTIONS = 30;
    static final int MAX_ARNS = 30;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,50}");
    private static final Set<String> TYPES = Set.of("Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx",
            "Neptune", "RDS", "S3");
    private static final Set<String> ALGORITHMS = Set.of(RestoreTestingPlan.LATEST, RestoreTestingPlan.RANDOM);
    private static final Set<String> POINT_TYPES = Set.of("SNAPSHOT", "CONTINUOUS");
    private static final Set<String> VALIDATION = Set.of("FAILED", "SUCCESSFUL", "TIMED_OUT", "VALIDATING");

    private final Collection<RestoreTestingPlan> plans = new Collection<>("backup.restore-testing-plans",
            JsonCodec.of(RestoreTestingPlan.class));
    private final Collection<RestoreTestingSelection> selections = new Collection<>(
            "backup.restore-testing-selections", JsonCodec.of(RestoreTestingSelection.class));
    private final JobRuntime rt;
    private final RestoreJobService restores;

    RestoreTestingService(JobRuntime rt, RestoreJobService restores) {
        this.rt = rt;
        this.restores = restores;
        restores.onTestRestored(this::restored);
    }

    // ---- plans

    /** What CreateRestoreTestingPlan and UpdateRestoreTestingPlan carry; null members are not given. */
    public record PlanInput(String name, String scheduleExpression, String timezone, Integer startWindowHours,
                            PointSelectionInput pointSelection) {
    }

    public record PointSelectionInput(String algorithm, List<String> includeVaults, List<String> excludeVaults,
                                      List<String> recoveryPointTypes, Integer selectionWindowDays) {
    }

    public RestoreTestingPlan createPlan(Tx tx, String account, String region, PlanInput in, Map<String, String> tags,
                                         String creatorRequestId) {
        if (in == null) {
            throw BackupErrors.missingParameter("RestoreTestingPlan");
        }
        planName(in.name());
        BackupNames.creatorRequestId(creatorRequestId);
        BackupNames.tags(tags);
        List<RestoreTestingPlan> existing = plans.list(tx, scope(account, region));
        Optional<RestoreTestingPlan> same = existing.stream().filter(p -> p.name().equals(in.name())).findFirst();
        if (same.isPresent()) {
            if (creatorRequestId != null && creatorRequestId.equals(same.get().creatorRequestId())) {
                return same.get();
            }
            throw BackupErrors.alreadyExists("Restore testing plan " + in.name() + " already exists.",
                    same.get().arn(), same.get().creatorRequestId());
        }
        if (existing.size() >= MAX_PLANS) {
            throw BackupErrors.limitExceeded("Maximum number of restore testing plans (" + MAX_PLANS
                    + ") per account and Region reached.");
        }
        String schedule = required(in.scheduleExpression(), "ScheduleExpression");
        String timezone = timezone(in.timezone());
        cron(schedule);
        int window = startWindow(in.startWindowHours());
        RestoreTestingPlan.PointSelection selection = pointSelection(in.pointSelection(), null);
        Instant now = Instant.now(rt.clock);
        String arn = "arn:aws:backup:" + region + ":" + account + ":restore-testing-plan:" + in.name() + "-"
                + rt.ids.hex(tx, 6);
        RestoreTestingPlan plan = new RestoreTestingPlan(account, region, in.name(), arn, now, creatorRequestId, null,
                null, schedule, timezone, window, selection, tags);
        plans.put(tx, key(plan), plan);
        scheduleNext(tx, plan, now);
        return plan;
    }

    public RestoreTestingPlan plan(Tx tx, String account, String region, String name) {
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("RestoreTestingPlanName");
        }
        return plans.get(tx, scope(account, region) + name).orElseThrow(() -> BackupErrors.notFound(
                "Restore testing plan " + name + " was not found."));
    }

    /** The plan's ARN for the authorizer, or a pattern that names it when there is no such plan. */
    public String planArn(Tx tx, String account, String region, String name) {
        return plans.get(tx, scope(account, region) + name).map(RestoreTestingPlan::arn).orElse(
                "arn:aws:backup:" + region + ":" + account + ":restore-testing-plan:" + name + "-*");
    }

    public Page<RestoreTestingPlan> plans(Tx tx, String account, String region, Integer maxResults, String token) {
        maxResults(maxResults);
        return Page.of(plans.list(tx, scope(account, region)), RestoreTestingPlan::name, maxResults, token);
    }

    /** UpdateRestoreTestingPlan: the members given replace the plan's; the schedule restarts from now. */
    public RestoreTestingPlan updatePlan(Tx tx, String account, String region, String name, PlanInput in) {
        RestoreTestingPlan plan = plan(tx, account, region, name);
        if (in == null) {
            throw BackupErrors.missingParameter("RestoreTestingPlan");
        }
        String schedule = in.scheduleExpression() == null ? plan.scheduleExpression() : in.scheduleExpression();
        cron(schedule);
        String timezone = in.timezone() == null ? plan.scheduleExpressionTimezone() : timezone(in.timezone());
        int window = in.startWindowHours() == null ? plan.startWindowHours() : startWindow(in.startWindowHours());
        RestoreTestingPlan.PointSelection selection = in.pointSelection() == null ? plan.pointSelection()
                : pointSelection(in.pointSelection(), plan.pointSelection());
        Instant now = Instant.now(rt.clock);
        RestoreTestingPlan updated = plan.updated(schedule, timezone, window, selection, now);
        plans.put(tx, key(updated), updated);
        scheduleNext(tx, updated, now);
        return updated;
    }

    /** Only a plan without selections can go (AWS's InvalidRequestException otherwise). */
    public void deletePlan(Tx tx, String account, String region, String name) {
        RestoreTestingPlan plan = plan(tx, account, region, name);
        if (!selections.list(tx, key(plan) + "/").isEmpty()) {
            throw BackupErrors.invalidRequest("Restore testing plan " + name + " has restore testing selections. "
                    + "Delete them before deleting the plan.");
        }
        plans.delete(tx, key(plan));
        tx.get(FIRINGS, key(plan)).ifPresent(r -> tx.timers().cancel(timerKey(key(plan), due(r.value()))));
        tx.delete(FIRINGS, key(plan), Tx.ANY);
    }

    // ---- selections

    /** What CreateRestoreTestingSelection and UpdateRestoreTestingSelection carry; null members are not given. */
    public record SelectionInput(String name, String protectedResourceType, String iamRoleArn,
                                 List<String> protectedResourceArns, List<RestoreTestingSelection.KeyValue> stringEquals,
                                 List<RestoreTestingSelection.KeyValue> stringNotEquals,
                                 Map<String, String> metadataOverrides, Integer validationWindowHours) {
    }

    public RestoreTestingSelection createSelection(Tx tx, String account, String region, String planName,
                                                   SelectionInput in, String creatorRequestId) {
        RestoreTestingPlan plan = plan(tx, account, region, planName);
        if (in == null) {
            throw BackupErrors.missingParameter("RestoreTestingSelection");
        }
        selectionName(in.name());
        BackupNames.creatorRequestId(creatorRequestId);
        List<RestoreTestingSelection> existing = selections.list(tx, key(plan) + "/");
        Optional<RestoreTestingSelection> same = existing.stream().filter(s -> s.name().equals(in.name()))
                .findFirst();
        if (same.isPresent()) {
            if (creatorRequestId != null && creatorRequestId.equals(same.get().creatorRequestId())) {
                return same.get();
            }
            throw BackupErrors.alreadyExists("Restore testing selection " + in.name() + " already exists in plan "
                    + planName + ".", plan.arn(), same.get().creatorRequestId());
        }
        if (existing.size() >= MAX_SELECTIONS) {
            throw BackupErrors.limitExceeded("Maximum number of restore testing selections (" + MAX_SELECTIONS
                    + ") per restore testing plan reached.");
        }
        String type = required(in.protectedResourceType(), "ProtectedResourceType");
        if (!TYPES.contains(type)) {
            throw BackupErrors.invalidParameter("Invalid ProtectedResourceType " + type + ". It must be one of "
                    + new java.util.TreeSet<>(TYPES) + ".");
        }
        RestoreTestingSelection s = new RestoreTestingSelection(account, region, plan.name(), in.name(),
                Instant.now(rt.clock), creatorRequestId, role(in.iamRoleArn()), null, null, null, type,
                in.metadataOverrides(), validationWindow(in.validationWindowHours()), null);
        s = resources(s, in.protectedResourceArns(), in.stringEquals(), in.stringNotEquals());
        selections.put(tx, key(s), s);
        return s;
    }

    public RestoreTestingSelection selection(Tx tx, String account, String region, String planName, String name) {
        plan(tx, account, region, planName);
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("RestoreTestingSelectionName");
        }
        return selections.get(tx, scope(account, region) + planName + "/" + name).orElseThrow(() ->
                BackupErrors.notFound("Restore testing selection " + name + " was not found in plan " + planName
                        + "."));
    }

    public Page<RestoreTestingSelection> selections(Tx tx, String account, String region, String planName,
                                                    Integer maxResults, String token) {
        RestoreTestingPlan plan = plan(tx, account, region, planName);
        maxResults(maxResults);
        return Page.of(selections.list(tx, key(plan) + "/"), RestoreTestingSelection::name, maxResults, token);
    }

    /** UpdateRestoreTestingSelection: the members given replace the selection's; its type and name stay. */
    public RestoreTestingSelection updateSelection(Tx tx, String account, String region, String planName,
                                                   String name, SelectionInput in) {
        RestoreTestingSelection s = selection(tx, account, region, planName, name);
        if (in == null) {
            throw BackupErrors.missingParameter("RestoreTestingSelection");
        }
        RestoreTestingSelection updated = new RestoreTestingSelection(s.accountId(), s.region(), s.planName(),
                s.name(), s.creationTime(), s.creatorRequestId(),
                in.iamRoleArn() == null ? s.iamRoleArn() : role(in.iamRoleArn()), s.protectedResourceArns(),
                s.stringEquals(), s.stringNotEquals(), s.protectedResourceType(),
                in.metadataOverrides() == null ? s.metadataOverrides() : in.metadataOverrides(),
                in.validationWindowHours() == null ? s.validationWindowHours()
                        : validationWindow(in.validationWindowHours()), Instant.now(rt.clock));
        if (in.protectedResourceArns() != null || in.stringEquals() != null || in.stringNotEquals() != null) {
            updated = resources(updated, in.protectedResourceArns() == null ? s.protectedResourceArns()
                    : in.protectedResourceArns(), in.stringEquals(), in.stringNotEquals());
        }
        selections.put(tx, key(updated), updated);
        return updated;
    }

    public void deleteSelection(Tx tx, String account, String region, String planName, String name) {
        selections.delete(tx, key(selection(tx, account, region, planName, name)));
    }

    // ---- runs

    private static final String FIRINGS = "backup.restore-testing-firings";

    /** Replaces the plan's pending run by its first cron time after {@code after}. */
    private void scheduleNext(Tx tx, RestoreTestingPlan plan, Instant after) {
        String key = key(plan);
        tx.get(FIRINGS, key).ifPresent(r -> tx.timers().cancel(timerKey(key, due(r.value()))));
        Optional<Instant> next = CronSchedule.parse(plan.scheduleExpression())
                .next(after, ZoneId.of(plan.scheduleExpressionTimezone()));
        if (next.isEmpty()) {
            tx.delete(FIRINGS, key, Tx.ANY);
            return;
        }
        tx.put(FIRINGS, key, next.get().toString().getBytes(StandardCharsets.UTF_8), Tx.ANY);
        tx.timers().schedule(timerKey(key, next.get()), RUN_TIMER, next.get(), key.getBytes(StandardCharsets.UTF_8));
    }

    /** The clock reached a plan's run: its restore jobs, its next run, its LastExecutionTime. */
    public void onRunTimer(Tx tx, Timer timer) {
        String key = new String(timer.payload(), StandardCharsets.UTF_8);
        Optional<Instant> pending = tx.get(FIRINGS, key).map(r -> due(r.value()));
        Optional<RestoreTestingPlan> plan = plans.get(tx, key);
        if (pending.isEmpty() || !pending.get().equals(timer.due()) || plan.isEmpty()) {
            return; // replaced or deleted since it was scheduled
        }
        run(tx, plan.get(), timer.due());
        RestoreTestingPlan executed = plan.get().executedAt(timer.due());
        plans.put(tx, key, executed);
        scheduleNext(tx, executed, timer.due());
    }

    /** One restore job per resource each selection picks (in ARN order, so every run of a seed is the same). */
    private void run(Tx tx, RestoreTestingPlan plan, Instant at) {
        RestoreTestingPlan.PointSelection allowed = plan.pointSelection();
        Instant earliest = at.minus(Duration.ofDays(allowed.selectionWindowDays()));
        List<RecoveryPoint> candidates = allowed.recoveryPointTypes().contains("SNAPSHOT")
                ? rt.jobs.points(tx, plan.accountId(), plan.region()).stream()
                .filter(p -> RecoveryPoint.COMPLETED.equals(p.status()) && allowed.allowsVault(p)
                        && !p.creationDate().isBefore(earliest) && !p.creationDate().isAfter(at)).toList()
                : List.of(); // Strongroom makes no continuous recovery points
        for (RestoreTestingSelection s : selections.list(tx, key(plan) + "/")) {
            Map<String, List<RecoveryPoint>> byResource = new TreeMap<>();
            candidates.stream().filter(s::selects).forEach(p -> byResource.computeIfAbsent(p.resourceArn(),
                    k -> new ArrayList<>()).add(p));
            byResource.forEach((resource, points) -> {
                RecoveryPoint point = pick(plan, points, resource, at);
                Map<String, String> metadata = new LinkedHashMap<>(inferred(point, at));
                s.metadataOverrides().forEach((k, v) -> {
                    metadata.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
                    metadata.put(k, v);
                });
                restores.startTest(tx, point, metadata, s.iamRoleArn(), new RestoreJob.Testing(plan.arn(), s.name(),
                        s.validationWindowHours(), null, null, null, null));
            });
        }
    }

    /** The newest point, or one drawn from a generator seeded by the plan, the resource and the run's time. */
    private static RecoveryPoint pick(RestoreTestingPlan plan, List<RecoveryPoint> points, String resource,
                                      Instant at) {
        List<RecoveryPoint> ordered = points.stream().sorted(Comparator.comparing(RecoveryPoint::creationDate)
                .thenComparing(RecoveryPoint::arn)).toList();
        if (RestoreTestingPlan.LATEST.equals(plan.pointSelection().algorithm())) {
            return ordered.get(ordered.size() - 1);
        }
        long seed = (plan.arn() + "|" + resource + "|" + at).hashCode();
        return ordered.get(new java.util.Random(seed).nextInt(ordered.size()));
    }

    /**
     * GetRestoreTestingInferredMetadata and each run: the point's restore metadata with a new name for the restored
     * resource where its type needs one (an S3 bucket made by the restore), so a test never collides with the
     * resource it tests.
     */
    Map<String, String> inferred(RecoveryPoint point, Instant at) {
        Map<String, String> metadata = new LinkedHashMap<>(point.restoreMetadata());
        String suffix = Integer.toHexString((point.arn() + "|" + at).hashCode() & 0x7fffffff);
        String name = switch (point.resourceType()) {
            case "DynamoDB" -> "targetTableName";
            case "RDS" -> "DBInstanceIdentifier";
            case "Aurora" -> "DBClusterIdentifier";
            default -> null;
        };
        if (name != null) {
            metadata.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            metadata.put(name, "awsbackup-restore-test-" + suffix);
        }
        if ("S3".equals(point.resourceType())) { // into a bucket of its own, deleted after the test (D129)
            metadata.keySet().removeIf(k -> k.equalsIgnoreCase("DestinationBucketName")
                    || k.equalsIgnoreCase("NewBucket"));
            metadata.put("DestinationBucketName", "awsbackup-restore-test-" + suffix);
            metadata.put("NewBucket", "true");
        }
        return metadata;
    }

    public Map<String, String> inferredMetadata(Tx tx, String account, String region, String vaultAccount,
                                                String vaultName, String pointArn) {
        required(vaultName, "BackupVaultName");
        required(pointArn, "RecoveryPointArn");
        String owner = vaultAccount == null || vaultAccount.isEmpty() ? account : vaultAccount;
        RecoveryPoint point = rt.jobs.point(tx, pointArn).filter(p -> p.accountId().equals(owner)
                        && p.region().equals(region) && p.vaultName().equals(vaultName)
                        && (owner.equals(account) || rt.membership.sees(tx, account, owner)))
                .orElseThrow(() -> BackupErrors.notFound("Recovery point " + pointArn + " was not found in backup "
                        + "vault " + vaultName + "."));
        return inferred(point, Instant.now(rt.clock));
    }

    // ---- validation and deletion

    /** A test's restore completed: its resource goes when the validation window ends. */
    private void restored(Tx tx, RestoreJob job) {
        Instant due = Instant.now(rt.clock).plus(Duration.ofHours(job.testing().validationWindowHours()));
        scheduleDeletion(tx, job, due);
    }

    private static void scheduleDeletion(Tx tx, RestoreJob job, Instant due) {
        String key = job.accountId() + "/" + job.region() + "/" + job.jobId();
        tx.timers().schedule(DELETE_TIMER + "/" + key + "/" + due.getEpochSecond(), DELETE_TIMER, due,
                key.getBytes(StandardCharsets.UTF_8));
    }

    /** PutRestoreValidationResult: a final status ends the validation window at once. */
    public void putValidationResult(Tx tx, String account, String region, String jobId, String status,
                                    String message) {
        required(jobId, "RestoreJobId");
        required(status, "ValidationStatus");
        if (!VALIDATION.contains(status)) {
            throw BackupErrors.invalidParameter("Invalid ValidationStatus " + status + ". It must be one of "
                    + new java.util.TreeSet<>(VALIDATION) + ".");
        }
        RestoreJob job = rt.jobs.restoreJob(tx, account, region, jobId).orElseThrow(() -> BackupErrors.notFound(
                "Cannot find restore job " + jobId + "."));
        if (job.testing() == null) {
            throw BackupErrors.invalidRequest("Restore job " + jobId + " was not started by a restore testing plan.");
        }
        if (!RestoreJob.COMPLETED.equals(job.status())) {
            throw BackupErrors.invalidRequest("Restore job " + jobId + " is " + job.status() + "; a validation "
                    + "result can be put for a COMPLETED restore job only.");
        }
        if (job.testing().deletionStatus() != null) {
            throw BackupErrors.invalidRequest("The validation window of restore job " + jobId + " has ended: its "
                    + "restored resource is deleted.");
        }
        RestoreJob validated = job.withTesting(job.testing().validated(status, message));
        rt.jobs.putRestoreJob(tx, validated);
        if (!"VALIDATING".equals(status)) {
            scheduleDeletion(tx, validated, Instant.now(rt.clock));
        }
    }

    public void onDeleteTimer(Tx tx, Timer timer) {
        String[] key = new String(timer.payload(), StandardCharsets.UTF_8).split("/", 3);
        Optional<RestoreJob> found = rt.jobs.restoreJob(tx, key[0], key[1], key[2]);
        if (found.isEmpty() || found.get().testing() == null || found.get().testing().deletionStatus() != null) {
            return; // deleted already (a final validation result and the window's end both ask)
        }
        RestoreJob job = found.get();
        ResourceProvider provider = rt.providerOfType(job.resourceType());
        RestoreJob.Testing deleted;
        try {
            deleted = provider.deleteRestored(tx, job.createdResourceArn())
                    ? job.testing().deletion("SUCCESSFUL", null)
                    : job.testing().deletion("FAILED", "Strongroom does not delete restored " + job.resourceType()
                    + " resources; delete " + job.createdResourceArn() + " yourself.");
        } catch (io.strongroom.kernel.ServiceException e) {
            deleted = job.testing().deletion("FAILED", e.getMessage());
        }
        rt.jobs.putRestoreJob(tx, job.withTesting(deleted));
    }

    // ---- validation of inputs

    private static void planName(String name) {
        required(name, "RestoreTestingPlanName");
        if (!NAME.matcher(name).matches()) {
            throw BackupErrors.invalidParameter("Invalid RestoreTestingPlanName " + name + ". It must be 1 to 50 "
                    + "characters long and contain only alphanumeric characters and underscores.");
        }
    }

    private static void selectionName(String name) {
        required(name, "RestoreTestingSelectionName");
        if (!NAME.matcher(name).matches()) {
            throw BackupErrors.invalidParameter("Invalid RestoreTestingSelectionName " + name + ". It must be 1 to "
                    + "50 characters long and contain only alphanumeric characters and underscores.");
        }
    }

    private static String required(String value, String member) {
        if (value == null || value.isEmpty()) {
            throw BackupErrors.missingParameter(member);
        }
        return value;
    }

    private static void cron(String schedule) {
        try {
            CronSchedule.parse(schedule);
        } catch (CronSchedule.InvalidCron e) {
            throw BackupErrors.invalidParameter("Invalid ScheduleExpression " + schedule + ". " + e.getMessage());
        }
    }

    private static String timezone(String timezone) {
        String zone = timezone == null ? "Etc/UTC" : timezone;
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw BackupErrors.invalidParameter("Invalid ScheduleExpressionTimezone " + zone + ".");
        }
        return zone;
    }

    private static int startWindow(Integer hours) {
        int value = hours == null ? 24 : hours;
        if (value < 1 || value > 168) {
            throw BackupErrors.invalidParameter("StartWindowHours must be between 1 and 168 hours.");
        }
        return value;
    }

    private static int validationWindow(Integer hours) {
        int value = hours == null ? 0 : hours;
        if (value < 0 || value > 168) {
            throw BackupErrors.invalidParameter("ValidationWindowHours must be between 0 and 168 hours.");
        }
        return value;
    }

    private static void maxResults(Integer maxResults) {
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw BackupErrors.invalidParameter("MaxResults must be between 1 and 1000.");
        }
    }

    private static String role(String arn) {
        required(arn, "IamRoleArn");
        if (!BackupNames.ROLE_ARN.matcher(arn).matches()) {
            throw BackupErrors.invalidParameter("Invalid IamRoleArn " + arn + ".");
        }
        return arn;
    }

    /** Algorithm, IncludeVaults and RecoveryPointTypes are required on creation; an update keeps what it omits. */
    private static RestoreTestingPlan.PointSelection pointSelection(PointSelectionInput in,
                                                                    RestoreTestingPlan.PointSelection current) {
        if (in == null) {
            throw BackupErrors.missingParameter("RecoveryPointSelection");
        }
        String algorithm = in.algorithm() != null ? in.algorithm()
                : current != null ? current.algorithm() : required(null, "Algorithm");
        if (!ALGORITHMS.contains(algorithm)) {
            throw BackupErrors.invalidParameter("Invalid Algorithm " + algorithm + ". It must be one of "
                    + new java.util.TreeSet<>(ALGORITHMS) + ".");
        }
        List<String> include = in.includeVaults() != null ? in.includeVaults()
                : current != null ? current.includeVaults() : List.of();
        if (include.isEmpty()) {
            throw BackupErrors.missingParameter("IncludeVaults");
        }
        List<String> types = in.recoveryPointTypes() != null ? in.recoveryPointTypes()
                : current != null ? current.recoveryPointTypes() : List.of();
        if (types.isEmpty()) {
            throw BackupErrors.missingParameter("RecoveryPointTypes");
        }
        types.stream().filter(t -> !POINT_TYPES.contains(t)).findFirst().ifPresent(t -> {
            throw BackupErrors.invalidParameter("Invalid RecoveryPointTypes " + t + ". It must be SNAPSHOT or "
                    + "CONTINUOUS.");
        });
        int days = in.selectionWindowDays() != null ? in.selectionWindowDays()
                : current != null ? current.selectionWindowDays() : 30;
        if (days < 1 || days > 365) {
            throw BackupErrors.invalidParameter("SelectionWindowDays must be between 1 and 365 days.");
        }
        List<String> exclude = in.excludeVaults() != null ? in.excludeVaults()
                : current != null ? current.excludeVaults() : List.of();
        return new RestoreTestingPlan.PointSelection(algorithm, include, exclude, types, days);
    }

    /** Either ["*"] with optional tag conditions, or up to 30 ARNs of the selection's type without conditions. */
    private static RestoreTestingSelection resources(RestoreTestingSelection s, List<String> arns,
                                                     List<RestoreTestingSelection.KeyValue> equals,
                                                     List<RestoreTestingSelection.KeyValue> notEquals) {
        List<String> given = arns == null ? List.of() : arns;
        boolean conditions = (equals != null && !equals.isEmpty()) || (notEquals != null && !notEquals.isEmpty());
        boolean wildcard = given.contains("*");
        if (given.isEmpty() && !conditions) {
            throw BackupErrors.missingParameter("ProtectedResourceArns");
        }
        if (wildcard && given.size() > 1) {
            throw BackupErrors.invalidParameter("ProtectedResourceArns can be [\"*\"] or a list of ARNs, not both.");
        }
        if (!wildcard && !given.isEmpty() && conditions) {
            throw BackupErrors.invalidParameter("ProtectedResourceConditions can be used only with "
                    + "ProtectedResourceArns [\"*\"].");
        }
        if (given.size() > MAX_ARNS) {
            throw BackupErrors.invalidParameter("ProtectedResourceArns can name at most " + MAX_ARNS + " resources.");
        }
        for (RestoreTestingSelection.KeyValue c : concat(equals, notEquals)) {
            if (c.key() == null || c.key().isEmpty() || c.value() == null) {
                throw BackupErrors.missingParameter(c.key() == null || c.key().isEmpty() ? "Key" : "Value");
            }
        }
        return new RestoreTestingSelection(s.accountId(), s.region(), s.planName(), s.name(), s.creationTime(),
                s.creatorRequestId(), s.iamRoleArn(), given.isEmpty() ? List.of("*") : given, equals, notEquals,
                s.protectedResourceType(), s.metadataOverrides(), s.validationWindowHours(), s.updateTime());
    }

    private static List<RestoreTestingSelection.KeyValue> concat(List<RestoreTestingSelection.KeyValue> a,
                                                                 List<RestoreTestingSelection.KeyValue> b) {
        List<RestoreTestingSelection.KeyValue> all = new ArrayList<>();
        if (a != null) {
            all.addAll(a);
        }
        if (b != null) {
            all.addAll(b);
        }
        return all;
    }

    /**
     * The plan a restore-testing-plan ARN names, for TagResource, UntagResource and ListTags (D126): its name is the
     * ARN's last part without the suffix AWS adds.
     */
    public Optional<BackupTags.Tagged> tagged(Tx tx, String account, String arn) {
        return BackupTags.parts(arn, "restore-testing-plan").map(p -> {
            int suffix = p[2].lastIndexOf('-');
            String name = suffix < 0 ? p[2] : p[2].substring(0, suffix);
            RestoreTestingPlan plan = plans.get(tx, scope(account, p[0]) + name).filter(found -> found.arn()
                    .equals(arn)).orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new BackupTags.Tagged(plan.tags(), (t, tags) -> plans.put(t, key(plan), plan.withTags(tags)));
        });
    }

    private static String scope(String account, String region) {
        return account + "/" + region + "/";
    }

    private static String key(RestoreTestingPlan p) {
        return scope(p.accountId(), p.region()) + p.name();
    }

    private static String key(RestoreTestingSelection s) {
        return scope(s.accountId(), s.region()) + s.planName() + "/" + s.name();
    }

    private static String timerKey(String planKey, Instant due) {
        return RUN_TIMER + "/" + planKey + "/" + due.getEpochSecond();
    }

    private static Instant due(byte[] value) {
        return Instant.parse(new String(value, StandardCharsets.UTF_8));
    }
}
