package io.strongroom.it;

import io.strongroom.server.ServerOptions;
import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API's clock: simulated, forward only, persisted, and guarded by the admin token. */
class ClockIT {
    @TempDir
    Path data;

    @Test
    void startsAtTheConfiguredInstantAndMovesOnlyForward() {
        try (TestServer server = TestServer.start(ServerOptions.defaults(data).withPort(0))) {
            AdminClient admin = server.endpoint().admin();
            assertThat(admin.now()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));

            assertThat(admin.advance(Duration.ofHours(26))).isEqualTo(Instant.parse("2027-02-02T02:00:00Z"));
            assertThat(admin.post("clock/advance", "{\"duration\":\"P1Y\"}").body().get("now").asText())
                    .isEqualTo("2028-02-02T02:00:00Z");
            assertThat(admin.post("clock/set", "{\"time\":\"2028-03-01T00:00:00Z\"}").status()).isEqualTo(200);

            AdminClient.Answer backwards = admin.post("clock/set", "{\"time\":\"2027-01-01T00:00:00Z\"}");
            assertThat(backwards.status()).isEqualTo(400);
            assertThat(admin.now()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));

            assertThat(admin.post("clock/advance", "{\"duration\":\"soon\"}").status()).isEqualTo(400);
            assertThat(admin.post("clock/advance", "not json").status()).isEqualTo(400);
        }
        try (TestServer restarted = TestServer.start(ServerOptions.defaults(data).withPort(0))) {
            assertThat(restarted.endpoint().admin().now()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        }
    }

    @Test
    void adminApiNeedsTheToken() {
        try (TestServer server = TestServer.start(ServerOptions.defaults(data).withPort(0))) {
            AdminClient admin = server.endpoint().admin();
            assertThat(admin.get("health").status()).isEqualTo(200);
            assertThat(admin.getWithToken("health", null).status()).isEqualTo(401);
            assertThat(admin.getWithToken("clock", "wrong").status()).isEqualTo(401);
            assertThat(admin.post("clock/advance", "{\"duration\":\"P1D\"}").status()).isEqualTo(200);
        }
    }
}
