package io.strongroom.iampolicy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DateValuesTest {
    @Test
    void readsIsoDatesAndEpochSeconds() {
        assertThat(DateValues.parse("2027-02-01")).contains(Instant.parse("2027-02-01T00:00:00Z"));
        assertThat(DateValues.parse("2027-02-01T10:00:00+01:00")).contains(Instant.parse("2027-02-01T09:00:00Z"));
        assertThat(DateValues.parse("1800000000.5")).contains(Instant.ofEpochSecond(1800000000L, 500_000_000));
        assertThat(DateValues.parse("-1.5")).contains(Instant.ofEpochSecond(-2, 500_000_000));
    }

    @Test
    void aValueNoInstantHoldsIsNotADate() {
        assertThat(DateValues.parse("99999999999999999999")).isEqualTo(Optional.empty());
        assertThat(DateValues.parse("not-a-date")).isEqualTo(Optional.empty());
    }
}
