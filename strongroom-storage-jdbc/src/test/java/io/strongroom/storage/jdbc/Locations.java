package io.strongroom.storage.jdbc;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Fresh store locations on each dialect, for tests that run against both. */
final class Locations {

    private Locations() {
    }

    /** Arguments of (dialect name, supplier of a new empty location); PostgreSQL ones start the server lazily. */
    static Stream<Arguments> bothDialects(Path dir) {
        return Stream.of(
                Arguments.of("sqlite", (NewLocation) () -> dir.resolve("s" + System.nanoTime() + ".db").toString()),
                Arguments.of("postgresql", (NewLocation) () -> PostgresTestServer.shared().newDatabase()));
    }

    @FunctionalInterface
    interface NewLocation {
        String create();
    }
}
