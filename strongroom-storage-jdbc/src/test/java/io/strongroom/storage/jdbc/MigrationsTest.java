package io.strongroom.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strongroom.storage.StoreException;
import io.strongroom.storage.Tx;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationsTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> stores() {
        return Locations.bothDialects(dir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void listNamesEveryScriptOfTheDialectInOrder(String dialect) throws URISyntaxException, Exception {
        Path folder = Path.of(getClass().getClassLoader().getResource("db/" + dialect + "/migrations.list").toURI())
                .getParent();
        List<String> onDisk;
        try (Stream<Path> files = Files.list(folder)) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        List<Migrations.Script> scripts = Migrations.scripts(dialect);
        assertThat(scripts).extracting(Migrations.Script::name).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(scripts).extracting(Migrations.Script::version).startsWith(1).isSorted();
    }

    @Test
    void scriptsSplitIntoStatementsIgnoringComments() {
        assertThat(Migrations.statements("-- a comment; with a semicolon\nCREATE TABLE a (x INT);\n\n"
                + "CREATE INDEX b ON a (x);  \nINSERT INTO a VALUES (1);"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX b ON a (x)", "INSERT INTO a VALUES (1)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void reopeningKeepsDataAndSchemaVersion(String dialect, Locations.NewLocation newLocation) throws SQLException {
        String location = newLocation.create();
        try (JdbcStore store = StoreFactory.open(location)) {
            assertThat(store.dialect()).isEqualTo(dialect);
            assertThat(store.schemaVersion()).isEqualTo(2);
            store.write(tx -> tx.put("c", "k", "v".getBytes(StandardCharsets.UTF_8), Tx.ABSENT));
        }
        try (JdbcStore store = StoreFactory.open(location)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            assertThat(store.read(tx -> tx.get("c", "k")).orElseThrow().value())
                    .isEqualTo("v".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(appliedScripts(location)).containsExactly("1 V1__init.sql", "2 V2__record_indexes.sql");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void concurrentOpensOfAFreshStoreAllSucceed(String dialect, Locations.NewLocation newLocation) throws Exception {
        String location = newLocation.create();
        int opens = 4;
        CyclicBarrier barrier = new CyclicBarrier(opens);
        ExecutorService threads = Executors.newFixedThreadPool(opens);
        try {
            List<Future<JdbcStore>> stores = new ArrayList<>();
            for (int i = 0; i < opens; i++) {
                stores.add(threads.submit(() -> {
                    barrier.await(60, TimeUnit.SECONDS);
                    return StoreFactory.open(location);
                }));
            }
            for (int i = 0; i < opens; i++) {
                try (JdbcStore store = stores.get(i).get(60, TimeUnit.SECONDS)) {
                    assertThat(store.schemaVersion()).isEqualTo(2);
                    String key = "k" + i;
                    store.write(tx -> tx.put("c", key, new byte[] {1}, Tx.ABSENT));
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(appliedScripts(location)).containsExactly("1 V1__init.sql", "2 V2__record_indexes.sql");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void storeMigratedByANewerServerIsRefused(String dialect, Locations.NewLocation newLocation) throws SQLException {
        String location = newLocation.create();
        StoreFactory.open(location).close();
        try (Connection c = rawConnection(location); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version (version, script) VALUES (3, 'V3__future.sql')");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        assertThatThrownBy(() -> StoreFactory.open(location))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 3");
    }

    private static List<String> appliedScripts(String location) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = rawConnection(location); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, script FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    private static Connection rawConnection(String location) throws SQLException {
        StoreLocation parsed = StoreLocation.parse(location);
        Properties props = new Properties();
        props.putAll(parsed.properties());
        return parsed.dialect().driver().connect(parsed.jdbcUrl(), props);
    }
}
