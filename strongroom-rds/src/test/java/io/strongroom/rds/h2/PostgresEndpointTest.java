package io.strongroom.rds.h2;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The session settings H2 does not know become H2 session variables; every other statement is left alone. */
class PostgresEndpointTest {
    @Test
    void rewritesTheSettingsTheJdbcDriverSends() {
        assertThat(PostgresEndpoint.rewrite("SET extra_float_digits = 3")).isEqualTo("SET @pg_extra_float_digits = 3");
        assertThat(PostgresEndpoint.rewrite("set application_name to 'PostgreSQL JDBC Driver';"))
                .isEqualTo("SET @pg_application_name = 'PostgreSQL JDBC Driver'");
        assertThat(PostgresEndpoint.rewrite("SET search_path = public")).isEqualTo("SET search_path = public");
        assertThat(PostgresEndpoint.rewrite("SELECT 'SET extra_float_digits = 3'"))
                .isEqualTo("SELECT 'SET extra_float_digits = 3'");
    }

    @Test
    void rewritesInsideAParseMessageKeepingItsOtherFields() {
        byte[] body = "stmt\0SET extra_float_digits = 2\0\0\0".getBytes(StandardCharsets.UTF_8);
        byte[] rewritten = PostgresEndpoint.rewriteSql(body, 5);
        assertThat(new String(rewritten, StandardCharsets.UTF_8))
                .isEqualTo("stmt\0SET @pg_extra_float_digits = 2\0\0\0");
    }
}
