package io.strongroom.engine.backup;

import io.strongroom.engine.backup.codec.ReportFormats;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Timer;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Backup Audit Manager report plans and report jobs (spec audit 1.5-1.7): plans in {@code backup.report-plans}, jobs
 * in {@code backup.report-jobs}. A job builds its template's items for the plan's account and Regions and puts one
 * object per format into the plan's bucket through {@link ReportDelivery}, as a session of the account's
 * {@link ReportsRole}, so the bucket policy decides whether it lands (decision D65), under
 * {@code <prefix or "Backup">/<account>/<region>/<yyyy>/<mm>/<dd>/<plan>/<TEMPLATE>_<plan>_<start>_<end>.<ext>}.
 * On demand the window is the 24 hours before the job; every plan also runs daily on the clock, between 01:00 and
 * 05:00 UTC (a fixed minute per plan), over the previous calendar day (decision D51).
 */
public final class ReportService {
    public static final String TIMER = "backup.report-plan";
    static final int MAX_PLANS = 20;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][_a-zA-Z0-9]{0,255}");
    private static final Set<String> TEMPLATES = Set.of("RESOURCE_COMPLIANCE_REPORT", "CONTROL_COMPLIANCE_REPORT",
            "BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "RESTORE_JOB_REPORT");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final Collection<ReportPlan> plans = new Collection<>("backup.report-plans",
            JsonCodec.of(ReportPlan.class));
    private final Collection<ReportJob> jobs = new Collection<>("backup.report-jobs", JsonCodec.of(ReportJob.class));
    private final ReportContent content;
    private final ReportDelivery delivery;
    private final ReportsRole reportsRole;
    private final OrganizationView organization;
    private final Clock clock;
    private final IdGenerator ids;

    ReportService(VaultService vaults, FrameworkService frameworks, ControlEvaluator evaluator,
                  ReportDelivery delivery, ReportsRole reportsRole, OrganizationView organization, Clock clock,
                  IdGenerator ids) {
        this.content = new ReportContent(vaults, frameworks, evaluator);
        this.delivery = delivery;
        this.reportsRole = reportsRole;
        this.organization = organization;
        this.clock = clock;
        this.ids = ids;
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    /** What CreateReportPlan and UpdateReportPlan take. */
    public record PlanInput(String description, String template, List<String> frameworkArns, List<String> accounts,
                            List<String> organizationUnits, List<String> regions, String bucket, String keyPrefix,
                            List<String> formats) {
    }

    public ReportPlan create(Tx tx, String account, String region, String name, PlanInput in, String token,
                             Map<String, String> tags) {
        BackupNames.tags(tags);
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("ReportPlanName");
        }
        if (!NAME.matcher(name).matches()) {
            throw BackupErrors.invalidParameter("Invalid ReportPlanName " + name + ": it must start with a letter and "
                    + "contain only letters, digits and underscores (1-256 characters).");
        }
        Optional<ReportPlan> existing = plans.get(tx, key(account, region, name));
        if (existing.isPresent()) {
            if (token != null && token.equals(existing.get().idempotencyToken())) {
                return existing.get();
            }
            throw BackupErrors.alreadyExists("Report plan " + name + " already exists.", existing.get().arn(), null);
        }
        check(in);
        checkReach(tx, account, in);
        if (plans.list(tx, account + "/" + region + "/").size() >= MAX_PLANS) {
            throw BackupErrors.limitExceeded("An account can have at most " + MAX_PLANS + " report plans.");
        }
        // The bucket is not looked at: its policy can only name the role once the role exists (decision D65).
        reportsRole.of(tx, account);
        Instant now = Instant.now(clock);
        ReportPlan plan = new ReportPlan(account, region, name, "arn:aws:backup:" + region + ":" + account
                + ":report-plan:" + name + "-" + ids.uuid(tx), in.description(), in.template(), in.frameworkArns(),
                in.accounts(), in.organizationUnits(), in.regions(), in.bucket(), in.keyPrefix(), in.formats(), now,
                null, null, token, tags);
        plans.put(tx, key(account, region, name), plan, Tx.ABSENT);
        scheduleDaily(tx, plan, now);
        return plan;
    }

    /**
     * The report plan a report-plan ARN names, for TagResource, UntagResource and ListTags (D126): its name is the
     * ARN's last part before the id Strongroom adds (names have no hyphens).
     */
    public Optional<BackupTags.Tagged> tagged(Tx tx, String account, String arn) {
        return BackupTags.parts(arn, "report-plan").map(p -> {
            String name = p[2].split("-", 2)[0];
            ReportPlan plan = plans.get(tx, key(account, p[0], name)).filter(found -> found.arn().equals(arn))
                    .orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new BackupTags.Tagged(plan.tags(), (t, tags) -> plans.put(t, key(account, plan.region(), name),
                    plan.withTags(tags)));
        });
    }

    public ReportPlan describe(Tx tx, String account, String region, String name) {
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("ReportPlanName");
        }
        return plans.get(tx, key(account, region, name))
                .orElseThrow(() -> BackupErrors.notFound("Report plan " + name + " does not exist."));
    }

    public Page<ReportPlan> list(Tx tx, String account, String region, Integer maxResults, String token) {
        return Page.of(plans.list(tx, account + "/" + region + "/"), ReportPlan::name, maxResults, token);
    }

    public ReportPlan update(Tx tx, String account, String region, String name, PlanInput in) {
        ReportPlan plan = describe(tx, account, region, name);
        PlanInput merged = new PlanInput(in.description() != null ? in.description() : plan.description(),
                in.template() != null ? in.template() : plan.template(),
                in.frameworkArns() != null ? in.frameworkArns() : plan.frameworkArns(),
                in.accounts() != null ? in.accounts() : plan.accounts(),
                in.organizationUnits() != null ? in.organizationUnits() : plan.organizationUnits(),
                in.regions() != null ? in.regions() : plan.regions(),
                in.bucket() != null ? in.bucket() : plan.bucket(),
                in.bucket() != null ? in.keyPrefix() : plan.keyPrefix(),
                in.formats() != null ? in.formats() : plan.formats());
        check(merged);
        checkReach(tx, account, merged);
        ReportPlan updated = plan.updated(merged.description(), merged.template(), merged.frameworkArns(),
                merged.accounts(), merged.organizationUnits(), merged.regions(), merged.bucket(), merged.keyPrefix(),
                merged.formats());
        plans.put(tx, key(account, region, name), updated);
        return updated;
    }

    public void delete(Tx tx, String account, String region, String name) {
        ReportPlan plan = describe(tx, account, region, name);
        plans.delete(tx, key(account, region, name));
        tx.timers().cancel(timerKey(plan, nextDaily(plan, Instant.now(clock))));
    }

    /** StartReportJob: runs at once over the 24 hours before now. */
    public ReportJob start(Tx tx, String account, String region, String planName) {
        ReportPlan plan = describe(tx, account, region, planName);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        return run(tx, plan, now.minus(Duration.ofDays(1)), now);
    }

    public ReportJob describeJob(Tx tx, String account, String region, String jobId) {
        if (jobId == null || jobId.isEmpty()) {
            throw BackupErrors.missingParameter("ReportJobId");
        }
        return jobs.get(tx, key(account, region, jobId))
                .orElseThrow(() -> BackupErrors.notFound("Report job " + jobId + " does not exist."));
    }

    public Page<ReportJob> listJobs(Tx tx, String account, String region, String planName, Instant createdBefore,
                                    Instant createdAfter, String status, Integer maxResults, String token) {
        if (planName != null) {
            describe(tx, account, region, planName);
        }
        List<ReportJob> all = jobs.list(tx, account + "/" + region + "/").stream()
                .filter(j -> planName == null || planName.equals(j.planName()))
                .filter(j -> createdBefore == null || j.creationTime().isBefore(createdBefore))
                .filter(j -> createdAfter == null || j.creationTime().isAfter(createdAfter))
                .filter(j -> status == null || status.equals(j.status())).toList();
        return Page.of(all, j -> j.creationTime() + "/" + j.jobId(), maxResults, token);
    }

    /** The daily run: the previous calendar day, then the next day's run is scheduled. */
    public void onTimer(Tx tx, Timer timer) {
        String[] key = new String(timer.payload(), StandardCharsets.UTF_8).split("/", 3);
        Optional<ReportPlan> plan = plans.get(tx, key(key[0], key[1], key[2]));
        if (plan.isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        Instant end = now.truncatedTo(ChronoUnit.DAYS);
        run(tx, plan.get(), end.minus(Duration.ofDays(1)), end);
        scheduleDaily(tx, plan.get(), now);
    }

    private ReportJob run(Tx tx, ReportPlan plan, Instant start, Instant end) {
        Instant now = Instant.now(clock);
        String jobId = ids.uuid(tx);
        List<String> keys = new ArrayList<>();
        String status = "COMPLETED";
        String message = null;
        List<String> accounts = accounts(tx, plan);
        List<String> regions = regions(tx, plan, accounts);
        List<Map<String, Object>> items = new ArrayList<>();
        for (String account : accounts) {
            for (String region : regions) {
                items.addAll(content.items(tx, plan, account, region, start, end));
            }
        }
        String accountSegment = accounts.equals(List.of(plan.accountId())) ? plan.accountId() : "crossaccount";
        String regionSegment = regions.size() == 1 ? regions.get(0) : "crossregion";
        try {
            Principal writer = reportsRole.session(tx, plan.accountId());
            for (String format : plan.formats()) {
                boolean json = "JSON".equals(format);
                String name = plan.template() + "_" + plan.name() + "_" + ReportContent.time(start) + "_"
                        + ReportContent.time(end) + (json ? ".json" : ".csv");
                String objectKey = (plan.keyPrefix() == null || plan.keyPrefix().isEmpty() ? "Backup"
                        : plan.keyPrefix()) + "/" + accountSegment + "/" + regionSegment + "/" + DAY.format(now)
                        + "/" + plan.name() + "/" + name;
                byte[] body = json ? ReportFormats.json(items) : ReportFormats.csv(items);
                delivery.put(tx, writer, plan.region(), new ReportDelivery.ReportFile(plan.bucket(), objectKey, body,
                        json ? "application/json" : "text/csv"));
                keys.add(objectKey);
            }
        } catch (ReportDelivery.Refused e) {
            status = "FAILED";
            message = "The report could not be delivered to the S3 bucket " + plan.bucket() + ": " + e.getMessage();
            keys.clear();
        }
        ReportJob job = new ReportJob(jobId, plan.accountId(), plan.region(), plan.arn(), plan.name(),
                plan.template(), now, now, status, message, plan.bucket(), keys, start, end);
        jobs.put(tx, key(plan.accountId(), plan.region(), jobId), job, Tx.ABSENT);
        plans.put(tx, key(plan.accountId(), plan.region(), plan.name()), plan.attempted(now,
                "COMPLETED".equals(status)));
        return job;
    }

    /** The plan's own account, or the organization's accounts it names ("ROOT": all) and those under its OUs. */
    private List<String> accounts(Tx tx, ReportPlan plan) {
        if (plan.accounts().isEmpty() && plan.organizationUnits().isEmpty()) {
            return List.of(plan.accountId());
        }
        Map<String, String> org = organization.administeredBy(tx, plan.accountId()).orElse(Map.of());
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (Map.Entry<String, String> a : org.entrySet()) {
            boolean named = plan.accounts().contains("ROOT") || plan.accounts().contains(a.getKey());
            boolean underOu = plan.organizationUnits().stream().anyMatch(ou -> a.getValue().contains("/" + ou + "/"));
            if (named || underOu) {
                out.add(a.getKey());
            }
        }
        return out.isEmpty() ? List.of(plan.accountId()) : List.copyOf(out);
    }

    /** The plan's own Region, those it lists, or for "*" every Region where the accounts have backup jobs. */
    private List<String> regions(Tx tx, ReportPlan plan, List<String> accounts) {
        if (plan.regions().isEmpty()) {
            return List.of(plan.region());
        }
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        out.add(plan.region());
        if (plan.regions().contains("*")) {
            content.regionsWithJobs(tx, accounts).forEach(out::add);
        } else {
            out.addAll(plan.regions());
        }
        return List.copyOf(out);
    }

    /** Only the management account or a delegated administrator of AWS Backup reports on other accounts. */
    private void checkReach(Tx tx, String account, PlanInput in) {
        boolean others = (in.accounts() != null && in.accounts().stream().anyMatch(a -> !a.equals(account)))
                || (in.organizationUnits() != null && !in.organizationUnits().isEmpty());
        if (others && organization.administeredBy(tx, account).isEmpty()) {
            throw BackupErrors.invalidRequest("Only the management account of an organization or a delegated "
                    + "administrator of AWS Backup can create a report plan across accounts.");
        }
    }

    /** The plan's next daily run after {@code after}: a fixed minute between 01:00 and 05:00 UTC. */
    private static Instant nextDaily(ReportPlan plan, Instant after) {
        int minute = Math.floorMod(plan.arn().hashCode(), 240);
        Instant today = LocalDate.ofInstant(after, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plus(Duration.ofMinutes(60 + minute));
        return today.isAfter(after) ? today : today.plus(Duration.ofDays(1));
    }

    private void scheduleDaily(Tx tx, ReportPlan plan, Instant after) {
        Instant due = nextDaily(plan, after);
        tx.timers().schedule(timerKey(plan, due), TIMER, due, key(plan.accountId(), plan.region(), plan.name())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** One key per run: the running timer is retired after its handler schedules the next one. */
    private static String timerKey(ReportPlan plan, Instant due) {
        return TIMER + "/" + plan.arn() + "/" + due;
    }

    private static void check(PlanInput in) {
        if (in.template() == null || in.template().isEmpty()) {
            throw BackupErrors.missingParameter("ReportSetting.ReportTemplate");
        }
        if (!TEMPLATES.contains(in.template())) {
            throw BackupErrors.invalidParameter("Invalid ReportTemplate " + in.template() + ".");
        }
        if (in.bucket() == null || in.bucket().isEmpty()) {
            throw BackupErrors.missingParameter("ReportDeliveryChannel.S3BucketName");
        }
        if (in.description() != null && in.description().length() > 1024) {
            throw BackupErrors.invalidParameter("ReportPlanDescription is at most 1024 characters.");
        }
        for (String f : in.formats() == null ? List.<String>of() : in.formats()) {
            if (!f.equals("CSV") && !f.equals("JSON")) {
                throw BackupErrors.invalidParameter("Invalid report format " + f + ": CSV or JSON.");
            }
        }
        boolean wide = (in.accounts() != null && !in.accounts().isEmpty())
                || (in.organizationUnits() != null && !in.organizationUnits().isEmpty())
                || (in.regions() != null && !in.regions().isEmpty());
        if (wide && in.formats() != null && in.formats().contains("JSON")) {
            throw BackupErrors.invalidParameter("Reports over several accounts or Regions are delivered as CSV only.");
        }
    }
}
