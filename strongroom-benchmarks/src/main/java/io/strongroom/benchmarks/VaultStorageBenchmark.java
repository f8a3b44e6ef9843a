package io.strongroom.benchmarks;

import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.kms.LocalKeyManagement;
import io.strongroom.vaultstorage.local.LocalVaultStorage;
import io.strongroom.vaultstorage.local.LocalVaultStorageOptions;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The vault storage engine against restic on the same data set, side by side in one run: a file of half random
 * bytes and half log-like text; a first backup; a second backup after 5% of the bytes changed (regions of
 * 800 KiB, changed text stays text); a restore of the second backup to a file; the bytes on disk.
 *
 * <pre>java -cp strongroom-benchmarks/target/benchmarks.jar io.strongroom.benchmarks.VaultStorageBenchmark
 *     [--size 1g] [--work /tmp/vault-bench] [--tools strongroom,restic] [--repeats 1] [--zstd-level 1]
 *     [--threads 2]</pre>
 *
 * Both tools read the source file from the page cache (it was just written) and write their repository to the
 * same disk; Strongroom fsyncs every pack and manifest, restic its pack files. Restores write a file without
 * fsync, for both. Restic runs as {@code restic -r REPO init --repository-version 2}, {@code backup
 * --compression auto}, {@code restore latest}; its cache lives in the work directory.
 */
public final class VaultStorageBenchmark {
    private record Result(String tool, double firstSeconds, long firstBytes, double secondSeconds, long totalBytes,
            double restoreSeconds, boolean restoredIdentical) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long size = parseSize(options.getOrDefault("size", "1g"));
        Path work = Path.of(options.getOrDefault("work", "/tmp/vault-bench"));
        List<String> tools = List.of(options.getOrDefault("tools", "strongroom,restic").split(","));
        int repeats = Integer.parseInt(options.getOrDefault("repeats", "1"));
        LocalVaultStorageOptions storageOptions = LocalVaultStorageOptions.DEFAULT
                .withZstdLevel(Integer.parseInt(options.getOrDefault("zstd-level", "1")))
                .withThreads(Integer.parseInt(options.getOrDefault("threads", "2")));

        Files.createDirectories(work);
        Path original = work.resolve("original.bin");
        Path changed = work.resolve("changed.bin");
        generate(original, size, () -> SyntheticData.mixed(size, 1));
        generate(changed, size, () -> SyntheticData.mixedChanged(size, 1));
        String expected = sha256(changed);

        List<Result> results = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (String tool : tools) {
                Result result = tool.equals("restic") ? restic(work, original, changed, expected)
                        : strongroom(work, original, changed, expected, storageOptions);
                results.add(result);
                System.out.println(line(result, size));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "data set: %d MiB (half random, half text), second backup after 5%% changed%n",
                size >> 20);
        System.out.println("| tool | first backup MB/s | second backup s | restore MB/s | bytes on disk (x of data) "
                + "| restore identical |");
        System.out.println("|---|---|---|---|---|---|");
        results.forEach(result -> System.out.println(line(result, size)));
    }

    private static Result strongroom(Path work, Path original, Path changed, String expected,
            LocalVaultStorageOptions options) throws IOException {
        Path root = work.resolve("strongroom-repo");
        deleteTree(root);
        LocalKeyManagement kms = new LocalKeyManagement();
        String key = kms.createKey();
        try (LocalVaultStorage storage = LocalVaultStorage.open(root, kms, Clock.systemUTC(), options)) {
            storage.createVault("bench", key, Map.of("aws:backup:backup-vault", "bench"));
            long t0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(original)) {
                storage.write("bench", "first", Retention.forever(), in);
            }
            double first = seconds(t0);
            long firstBytes = treeBytes(root);
            t0 = System.nanoTime();
            RecoveryPointStat second;
            try (InputStream in = Files.newInputStream(changed)) {
                second = storage.write("bench", "second", Retention.forever(), in);
            }
            double secondSeconds = seconds(t0);
            long total = treeBytes(root);
            Path restored = work.resolve("strongroom-restore.bin");
            t0 = System.nanoTime();
            try (InputStream in = storage.read("bench", "second"); OutputStream out = Files.newOutputStream(restored)) {
                copy(in, out);
            }
            double restore = seconds(t0);
            boolean identical = sha256(restored).equals(expected) && second.logicalSize() == Files.size(changed);
            Files.delete(restored);
            return new Result("strongroom", first, firstBytes, secondSeconds, total, restore, identical);
        }
    }

    private static Result restic(Path work, Path original, Path changed, String expected) throws Exception {
        Path repo = work.resolve("restic-repo");
        Path source = work.resolve("restic-source");
        Path target = work.resolve("restic-restore");
        deleteTree(repo);
        deleteTree(source);
        deleteTree(target);
        Files.createDirectories(source);
        Path file = source.resolve("data.bin");
        Files.copy(original, file);
        restic(work, "-r", repo.toString(), "init", "--repository-version", "2");
        long t0 = System.nanoTime();
        restic(work, "-r", repo.toString(), "backup", "--compression", "auto", source.toString());
        double first = seconds(t0);
        long firstBytes = treeBytes(repo);
        Files.copy(changed, file, StandardCopyOption.REPLACE_EXISTING);
        t0 = System.nanoTime();
        restic(work, "-r", repo.toString(), "backup", "--compression", "auto", source.toString());
        double second = seconds(t0);
        long total = treeBytes(repo);
        t0 = System.nanoTime();
        restic(work, "-r", repo.toString(), "restore", "latest", "--target", target.toString());
        double restore = seconds(t0);
        Path restored = target.resolve(source.toString().substring(1)).resolve("data.bin");
        boolean identical = sha256(restored).equals(expected);
        deleteTree(target);
        return new Result("restic " + resticVersion(), first, firstBytes, second, total, restore, identical);
    }

    private static void restic(Path work, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("restic", "--cache-dir", work.resolve("restic-cache").toString(),
                "--quiet"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("RESTIC_PASSWORD", "benchmark");
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("restic " + String.join(" ", args) + " exited " + exit);
        }
    }

    private static String resticVersion() throws Exception {
        Process p = new ProcessBuilder("restic", "version").start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        String[] words = out.split(" ");
        return words.length > 1 ? words[1] : out;
    }

    private static String line(Result r, long size) {
        double mb = size / 1e6;
        return String.format(Locale.ROOT, "| %s | %.0f (%.2f s) | %.2f | %.0f (%.2f s) | %d (%.3fx) | %s |", r.tool,
                mb / r.firstSeconds, r.firstSeconds, r.secondSeconds, mb / r.restoreSeconds, r.restoreSeconds,
                r.totalBytes, (double) r.totalBytes / size, r.restoredIdentical ? "yes" : "NO");
    }

    private static void generate(Path file, long size, java.util.function.Supplier<InputStream> data)
            throws IOException {
        if (Files.exists(file) && Files.size(file) == size) {
            return;
        }
        try (InputStream in = data.get(); OutputStream out = Files.newOutputStream(file)) {
            copy(in, out);
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 20];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long treeBytes(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long parseSize(String size) {
        String s = size.toLowerCase(Locale.ROOT);
        long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
