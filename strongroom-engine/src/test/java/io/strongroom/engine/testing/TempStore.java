package io.strongroom.engine.testing;

import io.strongroom.storage.Store;
import io.strongroom.storage.Tx;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real embedded (SQLite) store in a fresh directory for each test, closed and removed after it:
 * {@code @RegisterExtension final TempStore store = new TempStore();} and use it as the {@link Store}. It opens before
 * the test's own {@code @BeforeEach} methods run and closes after its {@code @AfterEach} methods.
 */
public final class TempStore implements Store, BeforeEachCallback, AfterEachCallback {
    private Path dir;
    private Store store;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("strongroom-store");
        store = StoreFactory.open(dir.resolve("s.db").toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        return store.write(work);
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        return store.read(work);
    }

    @Override
    public <T> T writeBatched(Function<Tx, T> work) {
        return store.writeBatched(work);
    }

    @Override
    public void awaitReadsDurable() {
        store.awaitReadsDurable();
    }

    @Override
    public long timersScheduled() {
        return store.timersScheduled();
    }

    @Override
    public String dialect() {
        return store.dialect();
    }

    @Override
    public int schemaVersion() {
        return store.schemaVersion();
    }

    /** The extension closes it after each test. */
    @Override
    public void close() {
        store.close();
    }
}
