package io.strongroom.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLocationTest {

    @Test
    void plainPathIsAnAbsoluteSqliteFile() {
        StoreLocation l = StoreLocation.parse("data/store.db");
        assertThat(l.dialect().name()).isEqualTo("sqlite");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:sqlite:" + Path.of("data/store.db").toAbsolutePath());
    }

    @Test
    void jdbcUrlsKeepTheirDialect() {
        assertThat(StoreLocation.parse("jdbc:sqlite:/tmp/x.db").jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/x.db");
        StoreLocation pg = StoreLocation.parse("jdbc:postgresql://db:5433/app?user=u&password=secret");
        assertThat(pg.dialect().name()).isEqualTo("postgresql");
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/app?user=u&password=secret");
        assertThat(pg.toString()).doesNotContain("secret");
    }

    @Test
    void libpqUriBecomesJdbcUrlWithCredentialsAsProperties() {
        StoreLocation l = StoreLocation.parse("postgresql://alice:p%40ss%3Aw0rd@db.example:6543/strong%20room"
                + "?sslmode=require&application_name=strongroom&connect_timeout=5");
        assertThat(l.dialect().name()).isEqualTo("postgresql");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/strong%20room");
        assertThat(l.properties()).containsEntry("user", "alice").containsEntry("password", "p@ss:w0rd")
                .containsEntry("sslmode", "require").containsEntry("ApplicationName", "strongroom")
                .containsEntry("connectTimeout", "5");
        assertThat(l.toString()).doesNotContain("p%40ss").contains("alice");
    }

    @Test
    void libpqUriDefaults() {
        StoreLocation l = StoreLocation.parse("postgres://bob@/");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/bob");
        StoreLocation multi = StoreLocation.parse("postgresql://h1:5432,h2:5433/app");
        assertThat(multi.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/app");
        assertThat(multi.properties()).isEmpty();
        assertThat(StoreLocation.parse("postgresql://[::1]:5432/app").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/app");
    }

    @Test
    void malformedLocationsAreRefused() {
        assertThatThrownBy(() -> StoreLocation.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreLocation.parse("jdbc:sqlite::memory:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://u:%zz@h/db")).isInstanceOf(IllegalArgumentException.class);
    }
}
