package io.strongroom.dynamodb;

import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointInTimeRecoveryTest {
    private static final Instant NOW = Instant.parse("2027-02-01T00:00:00Z");

    @Test
    void theWindowOpensWhenEnabledAndSlidesOnceThePeriodHasPassed() {
        PointInTimeRecovery pitr = PointInTimeRecovery.DISABLED.change(true, 7, NOW);
        assertThat(pitr).isEqualTo(new PointInTimeRecovery(true, 7, NOW));
        Instant dayLater = NOW.plus(Duration.ofDays(1));
        assertThat(pitr.earliestRestorable(dayLater)).isEqualTo(NOW);
        assertThat(pitr.latestRestorable(dayLater)).isEqualTo(dayLater.minus(Duration.ofMinutes(5)));
        Instant tenDaysLater = NOW.plus(Duration.ofDays(10));
        assertThat(pitr.earliestRestorable(tenDaysLater)).isEqualTo(NOW.plus(Duration.ofDays(3)));
    }

    @Test
    void thePeriodDefaultsTo35DaysAndReEnablingKeepsTheHistory() {
        PointInTimeRecovery pitr = PointInTimeRecovery.DISABLED.change(true, null, NOW);
        assertThat(pitr.recoveryPeriodInDays()).isEqualTo(35);
        PointInTimeRecovery shorter = pitr.change(true, 1, NOW.plus(Duration.ofDays(3)));
        assertThat(shorter).isEqualTo(new PointInTimeRecovery(true, 1, NOW));
        assertThat(shorter.change(false, null, NOW)).isEqualTo(PointInTimeRecovery.DISABLED);
        assertThat(PointInTimeRecovery.DISABLED.change(true, null, NOW.plus(Duration.ofDays(9))).enabledAt())
                .isEqualTo(NOW.plus(Duration.ofDays(9)));
    }

    @Test
    void thePeriodIsOneTo35Days() {
        assertThatThrownBy(() -> PointInTimeRecovery.DISABLED.change(true, 0, NOW)).isInstanceOf(ServiceException.class)
                .hasMessage("1 validation error detected: Value '0' at 'pointInTimeRecoverySpecification."
                        + "recoveryPeriodInDays' failed to satisfy constraint: Member must have value greater than "
                        + "or equal to 1");
        assertThatThrownBy(() -> PointInTimeRecovery.DISABLED.change(true, 36, NOW))
                .hasMessageEndingWith("Member must have value less than or equal to 35");
    }
}
