package io.strongroom.benchmarks;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Closed-loop load: N threads, each with its own SDK v2 client, call sts:GetCallerIdentity as fast as
 * answers come back for a fixed duration after a warm-up; reports throughput and latency percentiles.
 * Runs the same client against Strongroom (launched as the README says) and against moto's server.
 *
 * <pre>java -cp strongroom-benchmarks/target/benchmarks.jar io.strongroom.benchmarks.LoadHarness
 *     [--targets strongroom,moto,dir:DATA_DIR] [--threads 1,16] [--seconds 20] [--warmup 5]</pre>
 */
public final class LoadHarness {

    record Result(String target, int threads, long calls, long errors, double seconds, long p50Nanos, long p99Nanos) {
        double throughput() {
            return calls / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> targets = List.of("strongroom", "moto");
        List<Integer> threadCounts = List.of(1, 16);
        int seconds = 20;
        int warmup = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--targets" -> targets = List.of(args[i + 1].split(","));
                case "--threads" -> threadCounts = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Result> results = new ArrayList<>();
        for (String target : targets) {
            try (Target server = start(target)) {
                for (int threads : threadCounts) {
                    results.add(run(target, server.endpoint(), threads, Duration.ofSeconds(warmup),
                            Duration.ofSeconds(seconds)));
                }
            }
        }
        System.out.println("| target | client threads | calls/s | p50 ms | p99 ms | errors |");
        System.out.println("|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %d |%n", r.target(), r.threads(),
                    r.throughput(), r.p50Nanos() / 1e6, r.p99Nanos() / 1e6, r.errors());
        }
    }

    interface Target extends AutoCloseable {
        Endpoint endpoint();

        @Override
        void close();
    }

    private static Target start(String name) throws Exception {
        if (name.startsWith("dir:")) {
            // A server someone else started (e.g. under a profiler): its data directory says where it is.
            Endpoint endpoint = Endpoint.fromDataDir(Path.of(name.substring(4)));
            return new Target() {
                public Endpoint endpoint() {
                    return endpoint;
                }

                public void close() {
                }
            };
        }
        Path data = Files.createTempDirectory("strongroom-bench");
        if (name.equals("strongroom")) {
            ServerProcess process = ServerProcess.start(data);
            return new Target() {
                public Endpoint endpoint() {
                    return process.endpoint();
                }

                public void close() {
                    process.close();
                }
            };
        }
        if (name.equals("moto")) {
            int port = ServerProcess.freePort();
            Process moto = new ProcessBuilder("python3", "-m", "moto.server", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(data.resolve("moto.log").toFile()).start();
            awaitPort(port, moto);
            Endpoint endpoint = new Endpoint(URI.create("http://127.0.0.1:" + port), data, "AKIAIOSFODNN7EXAMPLE",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
            return new Target() {
                public Endpoint endpoint() {
                    return endpoint;
                }

                public void close() {
                    moto.destroy();
                }
            };
        }
        throw new IllegalArgumentException("unknown target " + name);
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

    private static Result run(String target, Endpoint endpoint, int threads, Duration warmup, Duration measure)
            throws InterruptedException {
        AwsBasicCredentials credentials = AwsBasicCredentials.create(endpoint.accessKeyId(), endpoint.secretAccessKey());
        long[][] latencies = new long[threads][];
        long[] counts = new long[threads];
        long[] errors = new long[threads];
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                try (StsClient sts = endpoint.client(StsClient.builder(), credentials)) {
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        boolean ok = true;
                        try {
                            sts.getCallerIdentity();
                        } catch (RuntimeException e) {
                            ok = false;
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
                        }
                    }
                } finally {
                    latencies[index] = Arrays.copyOf(samples, n);
                    counts[index] = n;
                    done.countDown();
                }
            }, "load-" + t);
            worker.start();
        }
        done.await();
        long total = Arrays.stream(counts).sum();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long p50 = all.length == 0 ? 0 : all[(int) (all.length * 0.50)];
        long p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))];
        return new Result(target, threads, total, Arrays.stream(errors).sum(), measure.toNanos() / 1e9, p50, p99);
    }
}
