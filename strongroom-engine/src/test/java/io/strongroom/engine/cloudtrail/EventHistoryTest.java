package io.strongroom.engine.cloudtrail;

import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.testing.TempStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The failed calls among an account's newest events, as the dashboard's denied calls read them (D66). */
class EventHistoryTest {
    static final String A = "111111111111";
    static final String B = "222222222222";
    static final String R = "eu-west-1";
    static final Instant NOW = Instant.parse("2027-06-01T12:00:00Z");

    @RegisterExtension
    final TempStore store = new TempStore();
    final EventHistory history = new EventHistory(Clock.fixed(NOW, ZoneOffset.UTC), new IdGenerator("test"));

    static TrailEvent event(String id, String account, Instant at, String errorCode) {
        // A successful call whose parameters mention an error code must still count as successful.
        return new TrailEvent(id, at, "backup.amazonaws.com", "ListBackupVaults", R, account, null, null,
                "127.0.0.1", "aws-cli", errorCode, errorCode == null ? null : "denied", Map.of("errorCode", "x"),
                null, "req-" + id, true, List.of(), "AwsApiCall");
    }

    @Test
    void onlyTheFailedCallsOfTheWindowNewestFirst() {
        store.write(tx -> {
            for (int i = 0; i < 10; i++) {
                history.record(tx, event("e" + i, A, NOW.minus(Duration.ofMinutes(10 - i)),
                        i % 3 == 0 ? "AccessDeniedException" : null));
            }
            history.record(tx, event("other", B, NOW, "AccessDeniedException"));
            history.record(tx, event("old", A, NOW.minus(Duration.ofDays(91)), "AccessDeniedException"));
            return null;
        });

        List<String> all = store.read(tx -> history.newestFailed(tx, A, R, 500)).stream()
                .map(TrailEvent::eventId).toList();
        assertThat(all).as("every failure of A within 90 days").containsExactly("e9", "e6", "e3", "e0");
        List<String> newest = store.read(tx -> history.newestFailed(tx, A, R, 5)).stream()
                .map(TrailEvent::eventId).toList();
        assertThat(newest).as("e9..e5 are the five newest").containsExactly("e9", "e6");
    }
}
