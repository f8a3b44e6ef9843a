package io.strongroom.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strongroom.storage.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Database failures reach callers as StoreException, never as SQLException. */
class StoreFailureTest {

    @TempDir
    Path dir;

    @Test
    void unreachablePostgresIsAStoreException() {
        assertThatThrownBy(() -> StoreFactory.open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"))
                .isInstanceOf(StoreException.class)
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void sqliteFileThatCannotBeCreatedIsAStoreException() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> StoreFactory.open(notADirectory.resolve("store.db").toString()))
                .isInstanceOf(StoreException.class)
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void closedStoreRefusesWork() {
        JdbcStore store = StoreFactory.open(dir.resolve("s.db").toString());
        store.close();
        assertThatThrownBy(() -> store.read(tx -> 1)).isInstanceOf(IllegalStateException.class);
        assertThat(store.dialect()).isEqualTo("sqlite");
    }

    @Test
    void sqliteStoreRunsInWalMode() throws Exception {
        Path file = dir.resolve("wal.db");
        StoreFactory.open(file.toString()).close();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                var s = c.createStatement();
                var rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }
}
