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

    /** One thread's group (its name without the trailing number) and CPU ticks so far. */
    record Ticks(String group, long ticks) {
    }

    /** Ticks per thread, by thread id, now; empty when the process is gone. */
    static Map<String, Ticks> sample(long pid) {
        Map<String, Ticks> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-_ ]?\\d+$", "");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                    threads.put(task.getFileName().toString(),
                            new Ticks(name, Long.parseLong(f[11]) + Long.parseLong(f[12])));
                } catch (IOException | RuntimeException threadGone) {
                    // a thread that ended between the listing and the read
                }
            });
        } catch (IOException gone) {
            return Map.of();
        }
        return threads;
    }

    /**
     * The groups that used the most CPU between two samples, as "name 1.2 s". Each thread is compared with itself, so
     * a pool thread that ended meanwhile (with the CPU of earlier steps) takes nothing from its group; what such a
     * thread used during the step is not counted.
     */
    static String top(Map<String, Ticks> before, Map<String, Ticks> after, int count) {
        Map<String, Long> groups = new HashMap<>();
        after.forEach((tid, now) -> {
            Ticks then = before.get(tid);
            long earlier = then != null && then.group().equals(now.group()) ? then.ticks() : 0;
            groups.merge(now.group(), now.ticks() - earlier, Long::sum);
        });
        return groups.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(count)
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), LoadHarness.Cpu.seconds(e.getValue())))
                .collect(Collectors.joining(", "));
    }
}
