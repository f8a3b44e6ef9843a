package io.strongroom.benchmarks;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Closed-loop load: N threads, each with its own SDK v2 client, call one {@link Workload} as fast as answers come
 * back for a fixed duration after a warm-up; reports throughput (calls/s, and payload MiB/s for workloads that
 * move data) and latency percentiles, and the CPU time the server process, the load-generating JVM and the whole
 * machine spent during the measured window. Runs the same client code against Strongroom and against moto's
 * server, side by side.
 *
 * <pre>java -cp strongroom-benchmarks/target/benchmarks.jar io.strongroom.benchmarks.LoadHarness
 *     [--workload sts-get-caller-identity|dynamodb-put-item|dynamodb-get-item|s3-put-object|s3-get-object]
 *     [--item-size 1KiB] [--object-size 1MiB]
 *     [--targets strongroom,moto,dir:DATA_DIR] [--threads 1,16] [--seconds 20] [--warmup 10] [--repeats 3]
 *     [--http-client shared|per-thread] [--endpoint-provider fixed|rules]
 *     [--server-jar strongroom-server/target/strongroom.jar] [--csv FILE] [--quiet-guard on|off]</pre>
 *
 * <ul>
 *   <li>{@code strongroom}: the runnable jar (copied to a temp dir first, so a concurrent rebuild cannot change it
 *   under a running measurement) started as {@code java -jar strongroom.jar serve --port P --data TMP}; a fresh
 *   data directory and server per repetition.</li>
 *   <li>{@code moto}: {@code python3 -m moto.server -p P}, fresh per repetition.</li>
 *   <li>{@code dir:DATA_DIR}: a server someone else started; its pid is found by scanning /proc for a process whose
 *   command line names DATA_DIR (CPU columns are empty if none is found).</li>
 * </ul>
 * Client options (identical for every target): {@code --http-client shared} (default) gives all threads one
 * Apache {@link SdkHttpClient} with enough connections, {@code per-thread} gives each client its own;
 * {@code --endpoint-provider fixed} (default) resolves the endpoint to the target URL without evaluating the STS
 * endpoint rule set on every call, {@code rules} uses the SDK's default provider with the endpoint override
 * (see {@link SdkClients}). Either way each call is a full SigV4-signed SDK v2 call over HTTP/1.1 keep-alive, with
 * no retries.
 */
public final class LoadHarness {

    /** One measured window. CPU figures are seconds of user+system CPU during the window; -1 when unknown. */
    record Result(String target, int repeat, int threads, long calls, long errors, double seconds, long p50Nanos,
                  long p99Nanos, double serverCpu, double clientCpu, double machineBusy, double machineCapacity,
                  long bytes) {
        /** False if other processes used a noticeable share of the CPUs during the window. */
        boolean quiet() {
            return !(otherCpu() > MAX_OTHER_CPU_SHARE * machineCapacity);
        }

        double throughput() {
            return calls / seconds;
        }

        /** Payload (object or item bytes) moved per second, in MiB. */
        double mibPerSecond() {
            return bytes / seconds / (1024 * 1024);
        }

        double serverCpuPerCallMicros() {
            return serverCpu < 0 || calls == 0 ? Double.NaN : serverCpu / calls * 1e6;
        }

        double clientCpuPerCallMicros() {
            return calls == 0 ? Double.NaN : clientCpu / calls * 1e6;
        }

        /** Share of the machine's CPU capacity (all cores) busy during the window, any process. */
        double machineBusyPercent() {
            return 100.0 * machineBusy / machineCapacity;
        }

        /** CPU seconds used during the window by processes other than the server and this JVM. */
        double otherCpu() {
            return serverCpu < 0 ? Double.NaN : machineBusy - serverCpu - clientCpu;
        }
    }

    record Options(Workload workload, List<String> targets, List<Integer> threadCounts, int seconds, int warmup,
                   int repeats, boolean sharedHttpClient, boolean fixedEndpoint, Path serverJar, Path csv,
                   boolean guard) {
    }

    /** A run is repeated if processes other than the server and this JVM used more than this share of all CPUs. */
    static final double MAX_OTHER_CPU_SHARE = 0.06;
    static final int MAX_RETRIES = 6;

    /**
     * Waits (up to 15 minutes) until the whole machine is below 10% busy over 3 s, i.e. nobody else is building or
     * testing; the target server is idle at this point, so its own background work counts against the threshold.
     */
    static void waitForIdleMachine() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        boolean reported = false;
        while (true) {
            long[] a = Cpu.machine();
            Thread.sleep(3000);
            long[] b = Cpu.machine();
            double busy = (double) (b[0] - a[0]) / Math.max(1, b[1] - a[1]);
            if (busy < 0.10) {
                return;
            }
            if (System.nanoTime() > deadline) {
                System.out.printf(Locale.ROOT, "# machine still %.0f%% busy after 15 min; measuring anyway%n",
                        busy * 100);
                return;
            }
            if (!reported) {
                System.out.printf(Locale.ROOT, "# machine %.0f%% busy before the run; waiting for it to be idle%n",
                        busy * 100);
                reported = true;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> targets = List.of("strongroom", "moto");
        List<Integer> threadCounts = List.of(1, 16);
        int seconds = 20;
        int warmup = 10;
        int repeats = 1;
        boolean shared = true;
        boolean fixed = true;
        Path serverJar = null;
        Path csv = null;
        String workload = "sts-get-caller-identity";
        int itemSize = 1024;
        int objectSize = 1024 * 1024;
        boolean guard = true;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--workload" -> workload = args[i + 1];
                case "--item-size" -> itemSize = Workload.parseSize(args[i + 1]);
                case "--object-size" -> objectSize = Workload.parseSize(args[i + 1]);
                case "--targets" -> targets = List.of(args[i + 1].split(","));
                case "--threads" -> threadCounts = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                case "--http-client" -> shared = switch (args[i + 1]) {
                    case "shared" -> true;
                    case "per-thread" -> false;
                    default -> throw new IllegalArgumentException("--http-client shared|per-thread");
                };
                case "--endpoint-provider" -> fixed = switch (args[i + 1]) {
                    case "fixed" -> true;
                    case "rules" -> false;
                    default -> throw new IllegalArgumentException("--endpoint-provider fixed|rules");
                };
                case "--server-jar" -> serverJar = Path.of(args[i + 1]);
                case "--csv" -> csv = Path.of(args[i + 1]);
                // off: for profiling or smoke runs on a busy machine; rows still say NOT QUIET
                case "--quiet-guard" -> guard = !args[i + 1].equals("off");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (serverJar == null) {
            serverJar = ServerProcess.repositoryRoot().resolve("strongroom-server/target/strongroom.jar");
        }
        Options options = new Options(Workload.parse(workload, itemSize, objectSize), targets, threadCounts, seconds,
                warmup, repeats, shared, fixed, serverJar, csv, guard);
        System.out.printf(Locale.ROOT, "# workload: %s%n", options.workload().name());
        System.out.printf(Locale.ROOT, "# client: http-client=%s endpoint-provider=%s, %d s warm-up + %d s measured, "
                        + "%d repetition(s), %d CPUs, clock tick %d Hz%n", shared ? "shared" : "per-thread",
                fixed ? "fixed" : "rules", warmup, seconds, repeats, Runtime.getRuntime().availableProcessors(),
                Cpu.TICKS_PER_SECOND);

        Path frozenJar = null;
        if (targets.contains("strongroom")) {
            // A private copy: another build replacing target/strongroom.jar mid-run must not affect the server.
            frozenJar = Files.createTempDirectory("strongroom-bench-jar").resolve("strongroom.jar");
            Files.copy(serverJar, frozenJar, StandardCopyOption.COPY_ATTRIBUTES);
            System.out.printf(Locale.ROOT, "# server jar: %s (%d bytes, modified %s)%n", serverJar,
                    Files.size(serverJar), Files.getLastModifiedTime(serverJar));
        }

        List<Result> results = new ArrayList<>();
        int discarded = 0;
        for (int repeat = 1; repeat <= repeats; repeat++) {
            // Alternate which target goes first so slow drift on the machine does not favour one of them.
            List<String> order = new ArrayList<>(targets);
            if (repeat % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String target : order) {
                try (Target server = start(target, frozenJar)) {
                    options.workload().prepare(new SdkClients(server.endpoint(), null, fixed),
                            threadCounts.stream().mapToInt(Integer::intValue).max().orElse(1));
                    for (int threads : threadCounts) {
                        Result r = null;
                        for (int attempt = 1; attempt <= 1 + MAX_RETRIES; attempt++) {
                            if (guard) {
                                waitForIdleMachine();
                            }
                            r = run(target, repeat, server, threads, options);
                            printRow(System.out, r);
                            if (r.quiet() || !guard) {
                                break;
                            }
                            discarded++;
                            System.out.printf(Locale.ROOT, "# ^ discarded: other processes used %.1f CPU s during "
                                    + "the window (limit %.1f); retrying%n", r.otherCpu(),
                                    MAX_OTHER_CPU_SHARE * r.machineCapacity());
                        }
                        results.add(r);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "# %d run(s) discarded because other processes were busy during the window%n",
                discarded);
        printReport(System.out, results, options);
        if (csv != null) {
            writeCsv(csv, options.workload().name(), results);
        }
        if (frozenJar != null) {
            Files.deleteIfExists(frozenJar);
            Files.deleteIfExists(frozenJar.getParent());
        }
    }

    // ---------------------------------------------------------------------------------------------- targets

    interface Target extends AutoCloseable {
        Endpoint endpoint();

        /** The server's pid, or -1 when unknown. */
        long pid();

        @Override
        void close();
    }

    private static Target start(String name, Path serverJar) throws Exception {
        if (name.startsWith("dir:")) {
            // A server someone else started (e.g. under a profiler): its data directory says where it is.
            Path dir = Path.of(name.substring(4)).toAbsolutePath();
            Endpoint endpoint = Endpoint.fromDataDir(dir);
            long pid = Cpu.findPidByCommandLine(dir.toString());
            return new Target() {
                public Endpoint endpoint() {
                    return endpoint;
                }

                public long pid() {
                    return pid;
                }

                public void close() {
                }
            };
        }
        Path data = Files.createTempDirectory("strongroom-bench");
        if (name.equals("strongroom")) {
            int port = ServerProcess.freePort();
            Path log = data.getParent().resolve(data.getFileName() + "-server.log");
            Process server = new ProcessBuilder("java", "-jar", serverJar.toString(), "serve", "--port",
                    Integer.toString(port), "--data", data.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            URI uri = URI.create("http://127.0.0.1:" + port);
            awaitStrongroom(server, data, uri, log);
            Endpoint endpoint = Endpoint.fromDataDir(data, uri);
            return processTarget(endpoint, server);
        }
        if (name.equals("moto")) {
            int port = ServerProcess.freePort();
            Process moto = new ProcessBuilder("python3", "-m", "moto.server", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(data.resolve("moto.log").toFile()).start();
            awaitPort(port, moto);
            Endpoint endpoint = new Endpoint(URI.create("http://127.0.0.1:" + port), data, "AKIAIOSFODNN7EXAMPLE",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
            return processTarget(endpoint, moto);
        }
        throw new IllegalArgumentException("unknown target " + name);
    }

    private static Target processTarget(Endpoint endpoint, Process process) {
        return new Target() {
            public Endpoint endpoint() {
                return endpoint;
            }

            public long pid() {
                return process.pid();
            }

            public void close() {
                process.destroy();
                try {
                    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        };
    }

    private static void awaitStrongroom(Process server, Path data, URI uri, Path log) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (!server.isAlive()) {
                throw new IllegalStateException("strongroom exited with " + server.exitValue() + ", see " + log);
            }
            try {
                if (Files.exists(data.resolve("admin-token")) && Files.exists(data.resolve("credentials"))
                        && Endpoint.fromDataDir(data, uri).admin().healthy()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // files half-written or port not open yet
            }
            Thread.sleep(100);
        }
        server.destroyForcibly();
        throw new IllegalStateException("strongroom was not healthy within 120 s, see " + log);
    }

    private static void awaitPort(int port, Process process) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("moto did not listen on " + port);
    }

    // ---------------------------------------------------------------------------------------------- load

    private static Result run(String target, int repeat, Target server, int threads, Options options)
            throws InterruptedException {
        SdkHttpClient shared = options.sharedHttpClient()
                ? ApacheHttpClient.builder().maxConnections(Math.max(threads * 2, 50)).build()
                : null;
        SdkClients clients = new SdkClients(server.endpoint(), shared, options.fixedEndpoint());
        long[][] latencies = new long[threads][];
        long[] counts = new long[threads];
        long[] bytes = new long[threads];
        long[] errors = new long[threads];
        RuntimeException[] firstError = new RuntimeException[1];
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(options.warmup()).toNanos();
        long end = measureFrom + Duration.ofSeconds(options.seconds()).toNanos();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                try (Workload.Caller caller = options.workload().caller(clients, index)) {
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        boolean ok = true;
                        long moved = 0;
                        try {
                            moved = caller.call();
                        } catch (RuntimeException e) {
                            ok = false;
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = e;
                                }
                            }
                        }
                        long after = System.nanoTime();
                        if (before >= measureFrom && after <= end) {
                            if (!ok) {
                                errors[index]++;
                                continue;
                            }
                            if (n == samples.length) {
                                samples = Arrays.copyOf(samples, n * 2);
                            }
                            samples[n++] = after - before;
                            bytes[index] += moved;
                        }
                    }
                } finally {
                    latencies[index] = Arrays.copyOf(samples, n);
                    counts[index] = n;
                    done.countDown();
                }
            }, "load-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        // CPU counters at the edges of the measured window (calls straddling an edge are not counted; at
        // thousands of calls per second that is well under the 10 ms resolution of the counters anyway).
        sleepUntil(measureFrom);
        Cpu.Sample before = Cpu.sample(server.pid());
        sleepUntil(end);
        Cpu.Sample after = Cpu.sample(server.pid());
        done.await();
        if (shared != null) {
            shared.close();
        }
        if (firstError[0] != null) {
            System.err.println("# " + target + " first error: " + firstError[0]);
        }
        long total = Arrays.stream(counts).sum();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long p50 = all.length == 0 ? 0 : all[(int) (all.length * 0.50)];
        long p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))];
        double serverCpu = before.serverTicks() < 0 || after.serverTicks() < 0 ? -1
                : Cpu.seconds(after.serverTicks() - before.serverTicks());
        return new Result(target, repeat, threads, total, Arrays.stream(errors).sum(), options.seconds(), p50, p99,
                serverCpu, Cpu.seconds(after.clientTicks() - before.clientTicks()),
                Cpu.seconds(after.machineBusyTicks() - before.machineBusyTicks()),
                Cpu.seconds(after.machineTotalTicks() - before.machineTotalTicks()), Arrays.stream(bytes).sum());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    // ---------------------------------------------------------------------------------------------- CPU

    /** User+system CPU from /proc, in clock ticks. */
    static final class Cpu {
        static final long TICKS_PER_SECOND = ticksPerSecond();

        record Sample(long serverTicks, long clientTicks, long machineBusyTicks, long machineTotalTicks) {
        }

        static Sample sample(long serverPid) {
            long[] machine = machine();
            return new Sample(serverPid < 0 ? -1 : processTreeTicks(serverPid), processTicks(ProcessHandle.current().pid()),
                    machine[0], machine[1]);
        }

        static double seconds(long ticks) {
            return (double) ticks / TICKS_PER_SECOND;
        }

        /** utime+stime of a process (all its threads), -1 if it is gone. */
        static long processTicks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // fields after the command name, which is in parentheses and may contain spaces
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                // f[0] is field 3 (state); utime is field 14, stime field 15
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException gone) {
                return -1;
            }
        }

        /** The process and its live descendants (a launcher or worker processes, if any). */
        static long processTreeTicks(long pid) {
            long own = processTicks(pid);
            if (own < 0) {
                return -1;
            }
            long sum = own;
            for (ProcessHandle child : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of())) {
                long t = processTicks(child.pid());
                if (t > 0) {
                    sum += t;
                }
            }
            return sum;
        }

        /** {busy, total} ticks over all CPUs from the first line of /proc/stat (idle+iowait count as not busy). */
        static long[] machine() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
                String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
                long total = 0;
                // user nice system idle iowait irq softirq steal (guest columns are already in user/nice)
                for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The pid of a java/python process (not this one) whose command line contains {@code needle}, or -1. */
        static long findPidByCommandLine(String needle) {
            long self = ProcessHandle.current().pid();
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                        .filter(pid -> pid != self)
                        .filter(pid -> {
                            try {
                                String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid),
                                        "cmdline"))).replace('\0', ' ');
                                return cmd.contains(needle) && (cmd.startsWith("java") || cmd.contains("/java ")
                                        || cmd.contains("python"));
                            } catch (IOException | RuntimeException gone) {
                                return false;
                            }
                        })
                        .findFirst().orElse(-1);
            } catch (IOException e) {
                return -1;
            }
        }

        private static long ticksPerSecond() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                p.waitFor();
                return Long.parseLong(out);
            } catch (Exception e) {
                return 100;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- report

    private static void printRow(PrintStream out, Result r) {
        out.printf(Locale.ROOT, "# run %-10s rep %d threads %2d: %7.0f calls/s%s p50 %.3f ms p99 %.3f ms errors %d | "
                        + "server CPU %.2f s (%.1f us/call) client CPU %.2f s (%.1f us/call) machine busy %.0f%% "
                        + "other %.2f s%n",
                r.target(), r.repeat(), r.threads(), r.throughput(),
                r.bytes() > 0 ? String.format(Locale.ROOT, " %7.1f MiB/s", r.mibPerSecond()) : "",
                r.p50Nanos() / 1e6, r.p99Nanos() / 1e6, r.errors(), r.serverCpu(), r.serverCpuPerCallMicros(), r.clientCpu(), r.clientCpuPerCallMicros(),
                r.machineBusyPercent(), r.otherCpu());
    }

    private static void printReport(PrintStream out, List<Result> results, Options options) {
        boolean moves = results.stream().anyMatch(r -> r.bytes() > 0);
        String mib = moves ? " MiB/s |" : "";
        String mibRule = moves ? "---|" : "";
        out.println();
        out.println("Per run, " + options.workload().name() + ":");
        out.println();
        out.println("| target | rep | client threads | calls/s |" + mib + " p50 ms | p99 ms | errors | server CPU s | "
                + "server CPU µs/call | client CPU s | client CPU µs/call | machine busy % | other CPU s |");
        out.println("|---|---|---|---|" + mibRule + "---|---|---|---|---|---|---|---|---|");
        results.stream().sorted(Comparator.comparing(Result::target).thenComparingInt(Result::threads)
                .thenComparingInt(Result::repeat)).forEach(r -> out.printf(Locale.ROOT,
                "| %s | %d | %d | %.0f |%s %.3f | %.3f | %d | %.2f | %.1f | %.2f | %.1f | %.0f | %.2f%s |%n", r.target(),
                r.repeat(), r.threads(), r.throughput(),
                moves ? String.format(Locale.ROOT, " %.1f |", r.mibPerSecond()) : "", r.p50Nanos() / 1e6, r.p99Nanos() / 1e6, r.errors(),
                r.serverCpu(), r.serverCpuPerCallMicros(), r.clientCpu(), r.clientCpuPerCallMicros(),
                r.machineBusyPercent(), r.otherCpu(), r.quiet() ? "" : " (NOT QUIET)"));

        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (String target : options.targets()) {
            for (int threads : options.threadCounts()) {
                groups.put(target + "|" + threads, results.stream()
                        .filter(r -> r.target().equals(target) && r.threads() == threads).toList());
            }
        }
        out.println();
        out.printf(Locale.ROOT, "Summary, %s: median [min–max] over %d repetition(s)%n", options.workload().name(),
                options.repeats());
        out.println();
        out.println("| target | client threads | calls/s |" + mib + " p50 ms | p99 ms | server CPU µs/call | "
                + "client CPU µs/call | machine busy % | errors | runs not quiet |");
        out.println("|---|---|---|" + mibRule + "---|---|---|---|---|---|---|");
        for (var e : groups.entrySet()) {
            List<Result> g = e.getValue();
            if (g.isEmpty()) {
                continue;
            }
            out.printf(Locale.ROOT, "| %s | %d | %s |%s %s | %s | %s | %s | %s | %d | %d |%n", g.get(0).target(),
                    g.get(0).threads(), stat(g, Result::throughput, "%.0f"),
                    moves ? " " + stat(g, Result::mibPerSecond, "%.1f") + " |" : "",
                    stat(g, r -> r.p50Nanos() / 1e6, "%.3f"),
                    stat(g, r -> r.p99Nanos() / 1e6, "%.3f"), stat(g, Result::serverCpuPerCallMicros, "%.1f"),
                    stat(g, Result::clientCpuPerCallMicros, "%.1f"), stat(g, Result::machineBusyPercent, "%.0f"),
                    g.stream().mapToLong(Result::errors).sum(), g.stream().filter(r -> !r.quiet()).count());
        }
        if (options.targets().contains("strongroom") && options.targets().contains("moto")) {
            out.println();
            out.println("Ratios strongroom/moto (of medians): throughput, and server CPU efficiency "
                    + "(moto server CPU per call ÷ strongroom server CPU per call)");
            out.println();
            out.println("| client threads | throughput ratio | server CPU efficiency ratio |");
            out.println("|---|---|---|");
            for (int threads : options.threadCounts()) {
                List<Result> s = groups.get("strongroom|" + threads);
                List<Result> m = groups.get("moto|" + threads);
                if (s.isEmpty() || m.isEmpty()) {
                    continue;
                }
                out.printf(Locale.ROOT, "| %d | %.1fx | %.1fx |%n", threads,
                        median(s, Result::throughput) / median(m, Result::throughput),
                        median(m, Result::serverCpuPerCallMicros) / median(s, Result::serverCpuPerCallMicros));
            }
        }
    }

    static double median(List<Result> g, ToDoubleFunction<Result> f) {
        double[] v = g.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String stat(List<Result> g, ToDoubleFunction<Result> f, String format) {
        double[] v = g.stream().mapToDouble(f).sorted().toArray();
        String med = String.format(Locale.ROOT, format, median(g, f));
        if (v.length == 1) {
            return med;
        }
        return med + " [" + String.format(Locale.ROOT, format, v[0]) + "–"
                + String.format(Locale.ROOT, format, v[v.length - 1]) + "]";
    }

    private static void writeCsv(Path csv, String workload, List<Result> results) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("workload,target,repeat,threads,calls,errors,seconds,calls_per_s,p50_ms,p99_ms,server_cpu_s,"
                + "server_cpu_us_per_call,client_cpu_s,client_cpu_us_per_call,machine_busy_cpu_s,machine_capacity_cpu_s,other_cpu_s,quiet,"
                + "payload_bytes,mib_per_s");
        for (Result r : results) {
            lines.add(String.format(Locale.ROOT, "\"%s\",%s,%d,%d,%d,%d,%.0f,%.1f,%.4f,%.4f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%b,%d,%.2f",
                    workload, r.target(), r.repeat(), r.threads(), r.calls(), r.errors(), r.seconds(), r.throughput(),
                    r.p50Nanos() / 1e6, r.p99Nanos() / 1e6, r.serverCpu(), r.serverCpuPerCallMicros(), r.clientCpu(),
                    r.clientCpuPerCallMicros(), r.machineBusy(), r.machineCapacity(), r.otherCpu(), r.quiet(), r.bytes(),
                    r.mibPerSecond()));
        }
        Files.write(csv, lines);
    }
}
