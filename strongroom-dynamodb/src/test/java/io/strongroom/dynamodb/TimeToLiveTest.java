package io.strongroom.dynamodb;

import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeToLiveTest {
    private static final Instant NOW = Instant.parse("2027-02-01T00:00:00Z");
    private static final TimeToLive ON = TimeToLive.NEVER_SET.change(true, "expires_at", NOW);

    @Test
    void enablingNamesTheAttributeAndDisablingForgetsIt() {
        assertThat(ON).isEqualTo(new TimeToLive(true, "expires_at", NOW));
        Instant later = NOW.plus(Duration.ofHours(1));
        assertThat(ON.change(false, "expires_at", later)).isEqualTo(new TimeToLive(false, null, later));
    }

    @Test
    void refusesWhatAwsRefusesTheChangeBeforeTheCooldown() {
        Instant later = NOW.plus(Duration.ofHours(2));
        assertRefused(() -> ON.change(true, "expires_at", later), "TimeToLive is already enabled");
        assertRefused(() -> ON.change(true, "other", later),
                "TimeToLive is active on a different AttributeName: current AttributeName is expires_at");
        assertRefused(() -> ON.change(false, "other", later),
                "TimeToLive is active on a different AttributeName: current AttributeName is expires_at");
        assertRefused(() -> TimeToLive.NEVER_SET.change(false, "expires_at", NOW), "TimeToLive is already disabled");
        assertRefused(() -> ON.change(true, "expires_at", NOW), "TimeToLive is already enabled");
    }

    @Test
    void aSecondChangeWithinAnHourIsRefused() {
        String cooldown = "Time to live has been modified multiple times within a fixed interval";
        assertRefused(() -> ON.change(false, "expires_at", NOW.plus(Duration.ofMinutes(59))), cooldown);
        TimeToLive off = ON.change(false, "expires_at", NOW.plus(Duration.ofHours(1)));
        assertRefused(() -> off.change(true, "expires_at", NOW.plus(Duration.ofMinutes(90))), cooldown);
        assertThat(off.change(true, "ttl", NOW.plus(Duration.ofHours(2))).attributeName()).isEqualTo("ttl");
    }

    @Test
    void onlyNumbersOfEpochSecondsInThePastFiveYearsExpire() {
        long now = NOW.getEpochSecond();
        assertThat(ON.expired(item(AttributeValue.n(String.valueOf(now - 1))), NOW)).isTrue();
        assertThat(ON.expired(item(AttributeValue.n(now - 1 + ".5")), NOW)).isTrue();
        assertThat(ON.expired(item(AttributeValue.n(String.valueOf(now))), NOW)).isFalse();
        assertThat(ON.expired(item(AttributeValue.n(String.valueOf(now + 60))), NOW)).isFalse();
        assertThat(ON.expired(item(AttributeValue.s(String.valueOf(now - 1))), NOW)).isFalse();
        assertThat(ON.expired(Map.of("pk", AttributeValue.s("a")), NOW)).isFalse();
        long fiveYears = Instant.parse("2022-02-01T00:00:00Z").getEpochSecond();
        assertThat(ON.expired(item(AttributeValue.n(String.valueOf(fiveYears))), NOW)).isTrue();
        assertThat(ON.expired(item(AttributeValue.n(String.valueOf(fiveYears - 1))), NOW)).isFalse();
        assertThat(ON.expired(item(AttributeValue.n("-1")), NOW)).isFalse();
        assertThat(TimeToLive.NEVER_SET.expired(item(AttributeValue.n(String.valueOf(now - 1))), NOW)).isFalse();
    }

    private static Map<String, AttributeValue> item(AttributeValue expiry) {
        return Map.of("pk", AttributeValue.s("a"), "expires_at", expiry);
    }

    private static void assertRefused(Runnable change, String message) {
        assertThatThrownBy(change::run).isInstanceOf(ServiceException.class).hasMessage(message)
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo("ValidationException"));
    }
}
