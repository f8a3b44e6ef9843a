package io.strongroom.storage.jdbc;

import io.strongroom.storage.Store;
import io.strongroom.storage.Tx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WalCheckpointerTest {

    @TempDir
    Path dir;

    /**
     * About 500 pages of commits: below the writer's own checkpoint threshold (and SQLite's default of 1,000), so
     * only the background checkpointer can have copied them into the database file.
     */
    @Test
    void committedPagesReachTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
        Path file = dir.resolve("store.db");
        try (Store store = StoreFactory.open(file.toString())) {
            long before = Files.size(file);
            for (int i = 0; i < 20; i++) {
                byte[] value = new byte[100_000];
                ThreadLocalRandom.current().nextBytes(value);
                String key = "k" + i;
                store.write(tx -> tx.put("blobs", key, value, Tx.ANY));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.size(file) < before + 1_500_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.size(file)).isGreaterThan(before + 1_500_000);
            assertThat(store.read(tx -> tx.get("blobs", "k19")).orElseThrow().value()).hasSize(100_000);
        }
    }
}
