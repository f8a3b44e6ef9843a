package io.strongroom.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU ticks of a process's threads grouped by thread name without its trailing number (a pool's threads together), read
 * from /proc: where a server spends its CPU during a measured step, without a profiler in the process.
 */
final class ThreadCpu {
    private ThreadCpu() {
    }

    /** Ticks per thread group now; empty when the process is gone. */
    static Map<String, Long> sample(long pid) {
        Map<String, Long> groups = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-_ ]?\\d+$", "");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                    groups.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException threadGone) {
                    // a thread that ended between the listing and the read
                }
            });
        } catch (IOException gone) {
            return Map.of();
        }
        return groups;
    }

    /** The groups that used the most CPU between two samples, as "name 1.2 s" (threads that ended are not counted). */
    static String top(Map<String, Long> before, Map<String, Long> after, int count) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(count)
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), LoadHarness.Cpu.seconds(e.getValue())))
                .collect(Collectors.joining(", "));
    }
}
