package io.strongroom.benchmarks;

import io.strongroom.engine.backup.BackupHistoryReplay;
import io.strongroom.server.ServerOptions;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ReportBucketPolicy;
import io.strongroom.testkit.SeedOrganization;
import io.strongroom.testkit.ServerProcess;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.ControlInputParameter;
import software.amazon.awssdk.services.backup.model.FrameworkControl;
import software.amazon.awssdk.services.backup.model.ReportJob;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Backup Audit Manager and the dashboard at the size of an organisation's year (issue 9): {@code --accounts A}
 * production accounts of {@code --resources R} tagged (empty) DynamoDB tables under the seed's policy (daily backup into the
 * local vault kept 35 days, copy into the central vault kept 2555 days), with {@code --days D} days of history.
 *
 * <p><b>Built once</b> into {@code --data DIR} (reused by later runs): the seed's organisation, the tables, a
 * framework with every control of the catalogue in each production account are made through the SDK against
 * {@code ./strongroom serve}; the clock is advanced one day so the engine really runs the 02:00 firing (A x R backup
 * jobs, points and copies); then the management account's org-wide CONTROL_COMPLIANCE_REPORT plan is made. The server is
 * stopped and the D - 1 earlier days are written into its store by the engine's {@link BackupHistoryReplay}: each
 * real job, point, copy and copied point written again n days earlier with new ids (the local point only while it
 * would still be kept). Synthetic: those earlier records have no data in the vault storage, no lifecycle timers and
 * no CloudTrail events; everything the controls and the dashboard read is as the engine writes it.
 *
 * <p><b>Measured</b> against the server started again on that directory: StartReportJob of the org-wide
 * CONTROL_COMPLIANCE_REPORT (every control of every account's framework evaluated, the CSV written into S3), and GET
 * of each dashboard page with the admin token; median and p95 of {@code --repeat N} requests each.
 *
 * <pre>java -cp strongroom-benchmarks/target/benchmarks.jar io.strongroom.benchmarks.AuditScaleHarness
 *     --accounts 20 --resources 1000 --days 365 --data /tmp/audit-scale-20x1000x365 [--repeat 10]</pre>
 */
public final class AuditScaleHarness {
    private static final String MARKER = "audit-scale.properties";
    private static final String BUCKET = "audit-scale-reports";
    private static final String PLAN = "org_controls";
    /** The tree, one account's every resource, the controls, the charts, "why" of one table, one account's policy. */
    private static final List<String> PAGES = List.of("", "?account=", "controls", "jobs", "why?arn=",
            "policy?account=");

    private AuditScaleHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessArgs options = HarnessArgs.parse(args, HarnessArgs.defaults("accounts", "20", "resources",
                "1000", "days", "365", "repeat", "10", "threads", "4", "data", null));
        int accounts = options.integer("accounts");
        int resources = options.integer("resources");
        int days = options.integer("days");
        int repeat = options.integer("repeat");
        int threads = options.integer("threads");
        Path data = options.path("data");
        Path dir = data != null ? data : Path.of("/tmp/audit-scale-" + accounts + "x" + resources + "x" + days);
        Properties built = Files.exists(dir.resolve(MARKER)) ? load(dir.resolve(MARKER))
                : build(dir, accounts, resources, days, threads);
        System.out.printf(Locale.ROOT, "commit %s, %d cores, load average %s; state: %s%n", OrgBackupHarness.commit(),
                Runtime.getRuntime().availableProcessors(), loadAverage(), built);
        measure(dir, built, repeat);
    }

    // ---- the state, once

    private static Properties build(Path dir, int accounts, int resources, int days, int threads) throws Exception {
        long t0 = System.nanoTime();
        Properties out = new Properties();
        try (ServerProcess server = ServerProcess.start(dir)) {
            Endpoint endpoint = server.endpoint();
            SeedOrganization seed = SeedOrganization.build(endpoint, accounts);
            List<String> tables = OrgBackupHarness.tables(seed, resources, 0, threads).values().stream()
                    .flatMap(List::stream).sorted().toList();
            List<String> frameworks = new ArrayList<>();
            for (String account : seed.production) {
                try (BackupClient backup = seed.backup(account)) {
                    frameworks.add(backup.createFramework(r -> r.frameworkName("seed_controls")
                            .frameworkControls(controls())).frameworkArn());
                }
            }
            System.out.printf(Locale.ROOT, "organisation, %d tables and %d frameworks through the API: %.1f s%n",
                    tables.size(), frameworks.size(), OrgBackupHarness.seconds(t0));
            long t1 = System.nanoTime();
            advanceOneDay(endpoint);
            System.out.printf(Locale.ROOT, "one real day (the 02:00 firing: backups and copies): %.1f s%n",
                    OrgBackupHarness.seconds(t1));
            try (BackupClient management = endpoint.client(BackupClient.builder());
                 S3Client s3 = endpoint.client(S3Client.builder().forcePathStyle(true))) {
                s3.createBucket(r -> r.bucket(BUCKET).createBucketConfiguration(c -> c
                        .locationConstraint(SeedOrganization.REGION)));
                management.createReportPlan(r -> r.reportPlanName(PLAN).reportSetting(s -> s
                                .reportTemplate("CONTROL_COMPLIANCE_REPORT").frameworkArns(frameworks).accounts("ROOT"))
                        .reportDeliveryChannel(d -> d.s3BucketName(BUCKET)));
                s3.putBucketPolicy(r -> r.bucket(BUCKET).policy(ReportBucketPolicy.of(
                        ServerOptions.DEFAULT_MANAGEMENT_ACCOUNT, BUCKET)));
            }
            out.setProperty("accounts", String.valueOf(accounts));
            out.setProperty("resources", String.valueOf(resources));
            out.setProperty("days", String.valueOf(days));
            out.setProperty("why", tables.get(0));
        }
        long t2 = System.nanoTime();
        long records = replay(dir, days);
        out.setProperty("replayed-records", String.valueOf(records));
        System.out.printf(Locale.ROOT, "%d earlier days written by BackupHistoryReplay: %d records in %.1f s%n",
                days - 1, records, OrgBackupHarness.seconds(t2));
        try (var w = Files.newBufferedWriter(dir.resolve(MARKER))) {
            out.store(w, "AuditScaleHarness state");
        }
        return out;
    }

    /**
     * One simulated day through the admin API. The day's firing may take longer than the admin client waits (60 s,
     * e.g. 20,000 backups and copies on a busy machine): the server goes on, so the clock is then polled.
     */
    private static void advanceOneDay(Endpoint endpoint) throws InterruptedException {
        java.time.Instant target = endpoint.admin().now().plus(Duration.ofDays(1));
        try {
            endpoint.admin().advance(Duration.ofDays(1));
        } catch (java.io.UncheckedIOException e) {
            while (true) {
                Thread.sleep(5000);
                try {
                    if (!endpoint.admin().now().isBefore(target)) {
                        return;
                    }
                } catch (java.io.UncheckedIOException stillBusy) {
                    // the admin API answers once the instant's work is done
                }
            }
        }
    }

    static List<FrameworkControl> controls() {
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        parameters.put("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", Map.of());
        parameters.put("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", Map.of());
        parameters.put("BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", Map.of());
        parameters.put("BACKUP_RECOVERY_POINT_ENCRYPTED", Map.of());
        parameters.put("BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", Map.of("requiredRetentionDays", "35"));
        parameters.put("BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", Map.of());
        parameters.put("BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", Map.of());
        parameters.put("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", Map.of());
        parameters.put("BACKUP_LAST_RECOVERY_POINT_CREATED", Map.of("recoveryPointAgeUnit", "days",
                "recoveryPointAgeValue", "1"));
        parameters.put("RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", Map.of("maxRestoreTime", "720"));
        parameters.put("RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT", Map.of("recoveryPointAgeUnit", "days",
                "recoveryPointAgeValue", "7"));
        return parameters.entrySet().stream().map(c -> FrameworkControl.builder().controlName(c.getKey())
                .controlInputParameters(c.getValue().entrySet().stream().map(e -> ControlInputParameter.builder()
                        .parameterName(e.getKey()).parameterValue(e.getValue()).build()).toList()).build()).toList();
    }

    /** Days 1..D-1 before the real one, each account's in transactions of a few thousand records. */
    private static long replay(Path dir, int days) {
        BackupHistoryReplay history = new BackupHistoryReplay();
        long records = 0;
        try (Store store = StoreFactory.open(dir.resolve("strongroom.db").toString())) {
            List<String> accounts = store.read(tx -> history.accountsWithJobs(tx));
            for (String account : accounts) {
                List<BackupHistoryReplay.Day> real = store.read(tx -> history.days(tx, account,
                        SeedOrganization.REGION));
                for (int back = 1; back < days; back++) {
                    int n = back;
                    boolean keepLocal = back < SeedOrganization.LOCAL_DAYS;
                    for (int from = 0; from < real.size(); from += 500) {
                        List<BackupHistoryReplay.Day> chunk = real.subList(from, Math.min(real.size(), from + 500));
                        store.write(tx -> {
                            chunk.forEach(d -> history.replay(tx, d, n, keepLocal));
                            return null;
                        });
                    }
                    records += (long) real.size() * (keepLocal ? 4 : 3);
                }
                System.out.printf(Locale.ROOT, "  account %s: %d resources x %d earlier days%n", account,
                        real.size(), days - 1);
            }
        }
        return records;
    }

    // ---- the measurements

    private static void measure(Path dir, Properties built, int repeat) throws Exception {
        long t0 = System.nanoTime();
        try (ServerProcess server = ServerProcess.start(dir)) {
            System.out.printf(Locale.ROOT, "server ready on the built state: %.1f s%n", OrgBackupHarness.seconds(t0));
            Endpoint endpoint = server.endpoint();
            List<Double> report = new ArrayList<>();
            String key = null;
            // A slow evaluation must be measured, not cut by the SDK's default 30 s read timeout.
            try (BackupClient management = endpoint.client(BackupClient.builder().httpClientBuilder(
                    software.amazon.awssdk.http.apache.ApacheHttpClient.builder()
                            .socketTimeout(Duration.ofMinutes(30))))) {
                for (int i = 0; i < repeat; i++) {
                    long t = System.nanoTime();
                    String id = management.startReportJob(r -> r.reportPlanName(PLAN)).reportJobId();
                    report.add(OrgBackupHarness.seconds(t) * 1000);
                    ReportJob job = management.describeReportJob(r -> r.reportJobId(id)).reportJob();
                    if (!"COMPLETED".equals(job.status())) {
                        throw new IllegalStateException("report job " + job.status() + ": " + job.statusMessage());
                    }
                    key = job.reportDestination().s3Keys().get(0);
                }
            }
            print("StartReportJob CONTROL_COMPLIANCE_REPORT (org-wide, every control)", report);
            String finalKey = key;
            try (S3Client s3 = endpoint.client(S3Client.builder().forcePathStyle(true))) {
                String csv = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(finalKey)).asUtf8String();
                List<String> lines = csv.lines().toList();
                System.out.printf(Locale.ROOT, "  report %s: %d rows; first: %s%n", finalKey, lines.size() - 1,
                        lines.size() > 1 ? lines.get(1) : "-");
                lines.stream().skip(1).filter(l -> l.contains("RECOVERY_POINT_ENCRYPTED")).limit(1)
                        .forEach(l -> System.out.println("  " + l));
            }
            HttpClient http = HttpClient.newHttpClient();
            for (String page : PAGES) {
                // The table of "why" and its account (the first production account) fill the pages' parameters.
                String path = "/_strongroom/dashboard/" + page + (page.endsWith("arn=")
                        ? URLEncoder.encode(built.getProperty("why"), StandardCharsets.UTF_8)
                        : page.endsWith("account=") ? built.getProperty("why").split(":")[4] : "");
                List<Double> times = new ArrayList<>();
                int bytes = 0;
                for (int i = 0; i < repeat + 1; i++) {
                    long t = System.nanoTime();
                    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint.uri()
                                    + path)).timeout(Duration.ofMinutes(30))
                                    .header("Authorization", "Bearer " + endpoint.adminToken()).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    double ms = OrgBackupHarness.seconds(t) * 1000;
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(path + " answered " + answer.statusCode());
                    }
                    bytes = answer.body().length;
                    if (i > 0) { // the first request warms the page's code paths
                        times.add(ms);
                    }
                }
                String shown = path.replaceAll("arn=.*", "arn=<a table>").replaceAll("account=.*", "account=<id>");
                print("GET " + shown + " (" + bytes / 1024 + " KiB)", times);
            }
        }
    }

    private static void print(String what, List<Double> ms) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
        System.out.printf(Locale.ROOT, "%-75s n=%d median %8.1f ms  p95 %8.1f ms  min %8.1f ms%n", what,
                sorted.length, median, p95, sorted[0]);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    private static String loadAverage() {
        try {
            return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" ")).limit(3)
                    .reduce((a, b) -> a + " " + b).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
