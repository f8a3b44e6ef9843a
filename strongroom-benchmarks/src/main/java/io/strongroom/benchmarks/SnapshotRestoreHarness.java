package io.strongroom.benchmarks;

import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Snapshot and restore throughput of each {@link ResourceProvider}, in-process on a real SQLite store in a temp
 * directory (as the providers' own tests run them): one resource is filled with {@code --mib} MiB of random data
 * through the provider's engine, then each round times {@code provider.snapshot} in a read transaction and
 * {@code provider.restore} of that snapshot into a new resource in a write transaction (its commit, with fsync,
 * included), as a backup and a restore job call them. MiB/s is the resource's data (items, objects, files, volume
 * bytes) over the wall time of the call; the snapshot's own size shows its encoding overhead.
 *
 * <pre>java -Xmx6g -XX:+UseParallelGC -cp strongroom-benchmarks/target/benchmarks.jar
 *     io.strongroom.benchmarks.SnapshotRestoreHarness [--providers DynamoDB,S3,EFS,EBS,EC2] [--mib 64]
 *     [--warmup 2] [--repeats 5] [--quiet-guard on|off] [--csv FILE]</pre>
 *
 * The same quiet-machine guard as {@link LoadHarness}: before each round the machine must be idle, and a round
 * during which other processes used more than {@link LoadHarness#MAX_OTHER_CPU_SHARE} of the CPUs is measured
 * again.
 */
public final class SnapshotRestoreHarness {

    /** Every provider measured, by AWS Backup resource type. Adding a provider: one line here. */
    static final Map<String, Supplier<ProviderFixture>> FIXTURES = new LinkedHashMap<>();

    static {
        FIXTURES.put("DynamoDB", DynamoDbFixture::new);
        FIXTURES.put("S3", S3Fixture::new);
        FIXTURES.put("EFS", EfsFixture::new);
        FIXTURES.put("EBS", EbsFixture::new);
        FIXTURES.put("EC2", Ec2InstanceFixture::new);
    }

    /** One timed call: seconds of wall time, CPU seconds of this JVM, and of the whole machine. */
    record Timing(double seconds, double ownCpu, double machineBusy, double machineCapacity) {
        double otherCpu() {
            return machineBusy - ownCpu;
        }

        boolean quiet() {
            return otherCpu() <= LoadHarness.MAX_OTHER_CPU_SHARE * machineCapacity;
        }
    }

    /** One measured round of a provider. */
    /** Writes a snapshot's stream into {@code file}; the snapshot returned reads that file. */
    private static Snapshot spool(Snapshot snapshot, Path file) {
        try (java.io.InputStream in = snapshot.data().open()) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Snapshot(() -> Files.newInputStream(file), snapshot.restoreMetadata(), snapshot.tags());
    }

    record Round(String provider, String unit, int round, long dataBytes, long snapshotBytes, Timing snapshot,
                 Timing restore) {
        double snapshotMibPerSecond() {
            return dataBytes / snapshot.seconds() / (1024 * 1024);
        }

        double restoreMibPerSecond() {
            return dataBytes / restore.seconds() / (1024 * 1024);
        }

        boolean quiet() {
            return snapshot.quiet() && restore.quiet();
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> providers = new ArrayList<>(FIXTURES.keySet());
        long mib = 64;
        int warmup = 2;
        int repeats = 5;
        boolean guard = true;
        Path csv = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--providers" -> providers = List.of(args[i + 1].split(","));
                case "--mib" -> mib = Long.parseLong(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                case "--quiet-guard" -> guard = !args[i + 1].equals("off");
                case "--csv" -> csv = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "# %d MiB per resource, %d warm-up + %d measured rounds, %d CPUs, max heap "
                + "%d MiB%n", mib, warmup, repeats, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        List<Round> rounds = new ArrayList<>();
        for (String type : providers) {
            Supplier<ProviderFixture> fixture = FIXTURES.get(type);
            if (fixture == null) {
                throw new IllegalArgumentException("unknown provider " + type + "; known: " + FIXTURES.keySet());
            }
            rounds.addAll(measure(type, fixture.get(), mib << 20, warmup, repeats, guard));
        }
        printReport(System.out, rounds, mib);
        if (csv != null) {
            writeCsv(csv, rounds);
        }
    }

    private static List<Round> measure(String type, ProviderFixture fixture, long bytes, int warmup, int repeats,
                                       boolean guard) throws Exception {
        Path dir = Files.createTempDirectory("strongroom-snapshot-bench");
        List<Round> measured = new ArrayList<>();
        try (Store store = StoreFactory.open(dir.resolve("store.db").toString())) {
            ResourceProvider provider = fixture.provider(dir);
            long filling = System.nanoTime();
            String arn = fixture.fill(store, "bench-source", bytes);
            System.out.printf(Locale.ROOT, "# %s: filled %s with %d MiB of %s in %.1f s%n", type, arn, bytes >> 20,
                    fixture.unit(), (System.nanoTime() - filling) / 1e9);
            int restores = 0;
            for (int round = 1 - warmup; round <= repeats; round++) {
                Round r = null;
                for (int attempt = 1; attempt <= 1 + LoadHarness.MAX_RETRIES; attempt++) {
                    if (guard && round > 0) {
                        LoadHarness.waitForIdleMachine();
                    }
                    String target = "bench-restored-" + (++restores);
                    Snapshot[] snapshot = new Snapshot[1];
                    // As the engine does: the snapshot's stream is consumed inside its read transaction, here into a
                    // file standing for the vault, and the restore reads that file as a stream.
                    Path spool = dir.resolve("snapshot-" + restores);
                    Timing snap = time(() -> snapshot[0] = store.read(tx -> spool(provider.snapshot(tx, arn), spool)));
                    Timing restore = time(() -> store.write(tx -> provider.restore(tx, ProviderFixture.ACCOUNT,
                            ProviderFixture.REGION, snapshot[0], fixture.restoreMetadata(target))));
                    r = new Round(type, fixture.unit(), round, bytes, Files.size(spool), snap, restore);
                    Files.delete(spool);
                    printRow(System.out, r);
                    if (round <= 0 || r.quiet() || !guard) {
                        break;
                    }
                    System.out.println("# ^ discarded: other processes were busy during the round; retrying");
                }
                if (round > 0) {
                    measured.add(r);
                }
            }
        } finally {
            deleteTree(dir);
        }
        return measured;
    }

    private static Timing time(Runnable call) {
        System.gc();
        LoadHarness.Cpu.Sample before = LoadHarness.Cpu.sample(-1);
        long start = System.nanoTime();
        call.run();
        long end = System.nanoTime();
        LoadHarness.Cpu.Sample after = LoadHarness.Cpu.sample(-1);
        return new Timing((end - start) / 1e9, LoadHarness.Cpu.seconds(after.clientTicks() - before.clientTicks()),
                LoadHarness.Cpu.seconds(after.machineBusyTicks() - before.machineBusyTicks()),
                LoadHarness.Cpu.seconds(after.machineTotalTicks() - before.machineTotalTicks()));
    }

    private static void printRow(PrintStream out, Round r) {
        out.printf(Locale.ROOT, "# %-8s %s: snapshot %.3f s (%.1f MiB/s, CPU %.2f s, other %.2f s), restore %.3f s "
                        + "(%.1f MiB/s, CPU %.2f s, other %.2f s), snapshot %.1f MiB%n", r.provider(),
                r.round() <= 0 ? "warm-up" : "round " + r.round(), r.snapshot().seconds(), r.snapshotMibPerSecond(),
                r.snapshot().ownCpu(), r.snapshot().otherCpu(), r.restore().seconds(), r.restoreMibPerSecond(),
                r.restore().ownCpu(), r.restore().otherCpu(), r.snapshotBytes() / 1048576.0);
    }

    private static void printReport(PrintStream out, List<Round> rounds, long mib) {
        out.println();
        out.printf(Locale.ROOT, "Summary: %d MiB per resource, median [min–max] over the measured rounds%n", mib);
        out.println();
        out.println("| provider | data | snapshot size MiB | snapshot MiB/s | snapshot s | restore MiB/s | restore s "
                + "| JVM CPU s snapshot / restore | rounds not quiet |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        rounds.stream().map(Round::provider).distinct().forEach(p -> {
            List<Round> g = rounds.stream().filter(r -> r.provider().equals(p)).toList();
            out.printf(Locale.ROOT, "| %s | %d MiB of %s | %.1f | %s | %s | %s | %s | %s / %s | %d |%n", p, mib,
                    g.get(0).unit(), g.get(0).snapshotBytes() / 1048576.0, stat(g, Round::snapshotMibPerSecond, "%.1f"),
                    stat(g, r -> r.snapshot().seconds(), "%.3f"), stat(g, Round::restoreMibPerSecond, "%.1f"),
                    stat(g, r -> r.restore().seconds(), "%.3f"), stat(g, r -> r.snapshot().ownCpu(), "%.2f"),
                    stat(g, r -> r.restore().ownCpu(), "%.2f"), g.stream().filter(r -> !r.quiet()).count());
        });
    }

    private static String stat(List<Round> g, ToDoubleFunction<Round> f, String format) {
        double[] v = g.stream().mapToDouble(f).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        String med = String.format(Locale.ROOT, format, median);
        return v.length == 1 ? med : med + " [" + String.format(Locale.ROOT, format, v[0]) + "–"
                + String.format(Locale.ROOT, format, v[v.length - 1]) + "]";
    }

    private static void writeCsv(Path csv, List<Round> rounds) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("provider,round,data_bytes,snapshot_bytes,snapshot_s,snapshot_mib_per_s,snapshot_cpu_s,"
                + "snapshot_other_cpu_s,restore_s,restore_mib_per_s,restore_cpu_s,restore_other_cpu_s,quiet");
        for (Round r : rounds) {
            lines.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.4f,%.2f,%.2f,%.2f,%.4f,%.2f,%.2f,%.2f,%b", r.provider(),
                    r.round(), r.dataBytes(), r.snapshotBytes(), r.snapshot().seconds(), r.snapshotMibPerSecond(),
                    r.snapshot().ownCpu(), r.snapshot().otherCpu(), r.restore().seconds(), r.restoreMibPerSecond(),
                    r.restore().ownCpu(), r.restore().otherCpu(), r.quiet()));
        }
        Files.write(csv, lines);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private SnapshotRestoreHarness() {
    }
}
