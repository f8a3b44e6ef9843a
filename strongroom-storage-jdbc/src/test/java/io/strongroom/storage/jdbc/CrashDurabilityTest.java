package io.strongroom.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.storage.Store;
import io.strongroom.storage.StoredRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An acknowledged write survives the process being killed mid-stream (SIGKILL, no shutdown hooks,
 * nothing flushed by the JVM): every key the child reported as written is in the store afterwards.
 */
class CrashDurabilityTest {

    private static final int ACKS_BEFORE_KILL = 400;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} with {1} thread(s)")
    @CsvSource({"write, 1", "write, 4", "batched, 8", "later, 1"})
    void acknowledgedWritesSurviveAKill(String mode, int threads) throws Exception {
        String location = dir.resolve("crash.db").toString();
        Path stderr = dir.resolve("child.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), location, mode, String.valueOf(threads))
                .redirectError(stderr.toFile())
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
            }
            // Killed while still writing: it never stops on its own.
            assertThat(child.isAlive()).as("child still writing; stderr: %s", read(stderr)).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);

        try (Store store = StoreFactory.open(location)) {
            for (String key : acknowledged) {
                Optional<StoredRecord> r = store.read(tx -> tx.get("crash", key));
                assertThat(r).as(key).isPresent();
                assertThat(r.get().value()).as(key).isEqualTo(CrashWriter.value(key));
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
