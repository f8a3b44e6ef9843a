package io.strongroom.benchmarks;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.SeedOrganization;
import io.strongroom.testkit.ServerProcess;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupJobState;
import software.amazon.awssdk.services.backup.model.CopyJobState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The organisation at work under load, against the server started as users start it ({@code ./strongroom serve},
 * simulated clock): the seed's organisation ({@link SeedOrganization}: daily-prod policy on the Production OU, copy
 * into the locked central vault of the backup account) with {@code --accounts A} production accounts of
 * {@code --resources R} tagged DynamoDB tables each ({@code --items} items per table), then the clock advanced through
 * the admin API, {@code --days D} simulated days in steps of {@code --step S} days. Each step's wall time is printed
 * with the jobs it ran, so the cost per day, per job and its growth with the days already kept are visible. At the
 * end the management account counts every account's backup and copy jobs (ListBackupJobs/ListCopyJobs ByAccountId,
 * COMPLETED) and the central vault's points of one table are checked against the policy's retention.
 *
 * <pre>java -cp strongroom-benchmarks/target/benchmarks.jar io.strongroom.benchmarks.OrgBackupHarness
 *     [--accounts 4] [--resources 50] [--items 3] [--days 1] [--step 1] [--threads 4] [--data DIR]</pre>
 * <p>One simulated day of 20 x 1,000: {@code --accounts 20 --resources 1000 --days 1}; seven years of the seed
 * organisation with 50 resources per production account: {@code --accounts 4 --resources 50 --days 2557 --step 365}.
 */
public final class OrgBackupHarness {
    /** The most days one admin call advances. */
    private static final int ADVANCE_DAYS = 15;
    private OrgBackupHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessArgs options = HarnessArgs.parse(args, HarnessArgs.defaults("accounts", "4", "resources",
                "50", "items", "3", "days", "1", "step", "1", "threads", "4", "data", null));
        int accounts = options.integer("accounts");
        int resources = options.integer("resources");
        int items = options.integer("items");
        int days = options.integer("days");
        int step = options.integer("step");
        int threads = options.integer("threads");
        Path data = options.path("data");
        Path dir = data != null ? data : Files.createTempDirectory("strongroom-org-bench");
        try (ServerProcess server = ServerProcess.start(dir)) {
            Endpoint endpoint = server.endpoint();
            System.out.printf(Locale.ROOT, "commit %s, %d cores, %d production accounts x %d tagged tables "
                    + "(%d items each), %d days in steps of %d%n", commit(), Runtime.getRuntime().availableProcessors(),
                    accounts, resources, items, days, step);
            long t0 = System.nanoTime();
            SeedOrganization seed = SeedOrganization.build(endpoint, accounts);
            Map<String, List<String>> tables = tables(seed, resources, items, threads);
            System.out.printf(Locale.ROOT, "setup (organisation, %d tables through the API): %.1f s%n",
                    accounts * resources, seconds(t0));
            run(endpoint, server.pid(), seed, tables, days, step);
            System.out.printf(Locale.ROOT, "data directory: %s (%.1f MB)%n", dir, size(dir) / 1e6);
        }
    }

    /** R tagged tables of {@code items} items in each production account, from {@code threads} clients. */
    static Map<String, List<String>> tables(SeedOrganization seed, int resources, int items, int threads)
            throws Exception {
        Map<String, List<String>> tables = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (String account : seed.production) {
            done.add(pool.submit(() -> tables.put(account, seed.tables(account, "table", resources,
                    SeedOrganization.DAILY_PROD, items))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return tables;
    }

    private static void run(Endpoint endpoint, long serverPid, SeedOrganization seed, Map<String, List<String>> tables, int days,
                            int step) {
        int resources = tables.values().stream().mapToInt(List::size).sum();
        double total = 0;
        System.out.println("   days  wall s  server CPU s  backup+copy jobs   jobs/s   ms per simulated day");
        for (int day = 0; day < days; day += step) {
            int span = Math.min(step, days - day);
            long t0 = System.nanoTime();
            long cpu0 = LoadHarness.Cpu.processTicks(serverPid);
            Map<String, ThreadCpu.Ticks> threads0 = ThreadCpu.sample(serverPid);
            long[] written0 = written(serverPid);
            for (int moved = 0; moved < span; moved += ADVANCE_DAYS) { // each call within the admin client's timeout
                endpoint.admin().advance(Duration.ofDays(Math.min(ADVANCE_DAYS, span - moved)));
            }
            double wall = seconds(t0);
            double cpu = LoadHarness.Cpu.seconds(LoadHarness.Cpu.processTicks(serverPid) - cpu0);
            total += wall;
            long jobs = 2L * resources * span;
            System.out.printf(Locale.ROOT, "%7d  %6.1f  %12.1f  %16d  %7.0f  %8.0f%n", day + span, wall, cpu, jobs, jobs / wall,
                    wall * 1000 / span);
            System.out.println("         server CPU by thread: " + ThreadCpu.top(threads0, ThreadCpu.sample(serverPid), 6));
            long[] written = written(serverPid);
            // what the server handed to write calls: unlike time, the same on a busy machine as on a quiet one
            System.out.printf(Locale.ROOT,
                    "         server wrote %.1f MB in %d write calls (%.1f KB and %.1f calls a job)%n",
                    (written[0] - written0[0]) / 1e6, written[1] - written0[1],
                    (written[0] - written0[0]) / 1e3 / jobs, (double) (written[1] - written0[1]) / jobs);
        }
        System.out.printf(Locale.ROOT, "advance total: %.1f s for %d simulated days%n", total, days);
        verify(endpoint, seed, tables, days);
    }

    /** Bytes a process passed to write calls (files, log, sockets) and how many calls: {@code /proc/<pid>/io}. */
    private static long[] written(long pid) {
        try {
            long chars = 0;
            long calls = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("wchar:")) {
                    chars = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("syscw:")) {
                    calls = Long.parseLong(line.substring(6).trim());
                }
            }
            return new long[] {chars, calls};
        } catch (IOException | RuntimeException unreadable) {
            return new long[] {0, 0};
        }
    }

    /** Every production account's jobs of the whole run, as the management account lists them, all COMPLETED. */
    private static void verify(Endpoint endpoint, SeedOrganization seed, Map<String, List<String>> tables, int days) {
        long t0 = System.nanoTime();
        long backups = 0;
        long copies = 0;
        try (BackupClient management = endpoint.client(BackupClient.builder())) {
            for (String account : seed.production) {
                backups += management.listBackupJobsPaginator(r -> r.byAccountId(account)
                        .byState(BackupJobState.COMPLETED)).backupJobs().stream().count();
                copies += management.listCopyJobsPaginator(r -> r.byAccountId(account)
                        .byState(CopyJobState.COMPLETED)).copyJobs().stream().count();
            }
        }
        int resources = tables.values().stream().mapToInt(List::size).sum();
        long expected = (long) resources * days;
        // ListBackupJobs reaches back 30 days, as on AWS (D125); ListCopyJobs lists every copy.
        long listedBackups = (long) resources * Math.min(days, 30);
        System.out.printf(Locale.ROOT, "COMPLETED backup jobs %d (expected %d: the last 30 days), copy jobs %d "
                        + "(expected %d): %s%n", backups, listedBackups, copies, expected,
                backups == listedBackups && copies == expected ? "ok" : "MISMATCH");
        String account = seed.production.get(0);
        String table = tables.get(account).get(0);
        try (BackupClient local = seed.backup(account); BackupClient central = seed.backup(seed.central)) {
            long kept = local.listRecoveryPointsByBackupVaultPaginator(r -> r
                    .backupVaultName(SeedOrganization.LOCAL_VAULT).byResourceArn(table)).recoveryPoints().stream()
                    .count();
            long copied = central.listRecoveryPointsByBackupVaultPaginator(r -> r
                    .backupVaultName(SeedOrganization.CENTRAL_VAULT).byResourceArn(table)).recoveryPoints().stream()
                    .count();
            long keptExpected = Math.min(days, SeedOrganization.LOCAL_DAYS);
            long copiedExpected = Math.min(days, SeedOrganization.CENTRAL_DAYS);
            System.out.printf(Locale.ROOT, "one table: %d points in its local vault (expected %d), %d in the "
                    + "central vault (expected %d): %s; listing took %.1f s%n", kept, keptExpected, copied,
                    copiedExpected, kept == keptExpected && copied == copiedExpected ? "ok" : "MISMATCH",
                    seconds(t0));
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start();
            return new String(git.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
