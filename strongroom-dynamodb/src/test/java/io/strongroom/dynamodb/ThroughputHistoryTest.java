package io.strongroom.dynamodb;

import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** AWS's decrease quota: four a UTC day, then one each 3600 seconds after the last, counted afresh at midnight. */
class ThroughputHistoryTest {
    static final Instant NINE = Instant.parse("2027-02-01T09:00:00Z");

    static ThroughputHistory decreased(int times, Instant from) {
        ThroughputHistory h = ThroughputHistory.NONE;
        for (int i = 0; i < times; i++) {
            h = h.change(10 - i, 10, 9 - i, 10, from.plus(Duration.ofMinutes(i)));
        }
        return h;
    }

    @Test
    void fourDecreasesADayAreFreeThenOneAnHourAfterTheLast() {
        ThroughputHistory four = decreased(4, NINE);
        Instant last = NINE.plus(Duration.ofMinutes(3));
        assertThat(four).isEqualTo(new ThroughputHistory(null, last, 4));
        assertThat(decreased(3, NINE).nextDecreaseAfter(last)).isEmpty();
        assertThat(four.nextDecreaseAfter(last.plus(Duration.ofMinutes(59)))).contains(last.plus(Duration.ofHours(1)));
        assertThat(four.nextDecreaseAfter(last.plus(Duration.ofHours(1)))).isEmpty();
        ThroughputHistory five = four.change(6, 10, 5, 10, last.plus(Duration.ofHours(1)));
        assertThat(five.decreasesOn(last.plus(Duration.ofHours(1)))).isEqualTo(5);
        assertThat(five.nextDecreaseAfter(last.plus(Duration.ofHours(1)))).contains(last.plus(Duration.ofHours(2)));
    }

    @Test
    void midnightUtcStartsANewCountAndEndsTheWait() {
        ThroughputHistory late = decreased(4, Instant.parse("2027-02-01T23:30:00Z"));
        Instant last = Instant.parse("2027-02-01T23:33:00Z");
        assertThat(late.nextDecreaseAfter(last)).contains(Instant.parse("2027-02-02T00:00:00Z"));
        Instant midnight = Instant.parse("2027-02-02T00:00:00Z");
        assertThat(late.decreasesOn(midnight)).isZero();
        assertThat(late.nextDecreaseAfter(midnight)).isEmpty();
        assertThat(late.change(6, 10, 5, 10, midnight).decreasesOn(midnight)).isEqualTo(1);
    }

    @Test
    void anIncreaseMovesOnlyTheLastIncreaseAndAMixedChangeIsBoth() {
        ThroughputHistory up = ThroughputHistory.NONE.change(5, 5, 6, 5, NINE);
        assertThat(up).isEqualTo(new ThroughputHistory(NINE, null, 0));
        Instant later = NINE.plusSeconds(60);
        assertThat(up.change(6, 5, 7, 4, later)).isEqualTo(new ThroughputHistory(later, later, 1));
    }

    @Test
    void aRefusedDecreaseSaysWhenTheNextMayBeMade() {
        ThroughputHistory four = decreased(4, NINE);
        ServiceException e = catchThrowableOfType(() -> four.checkDecrease(NINE.plus(Duration.ofMinutes(10))),
                ServiceException.class);
        assertThat(e.code()).isEqualTo("LimitExceededException");
        assertThat(e.getMessage()).isEqualTo("Subscriber limit exceeded: Provisioned throughput decreases are limited "
                + "within a given UTC day. After the first 4 decreases, each subsequent decrease in the same UTC day "
                + "can be performed at most once every 3600 seconds. Number of decreases today: 4. Last decrease at "
                + "Monday, February 1, 2027 at 9:03:00 AM Coordinated Universal Time. Next decrease can be made at "
                + "Monday, February 1, 2027 at 10:03:00 AM Coordinated Universal Time");
    }
}
