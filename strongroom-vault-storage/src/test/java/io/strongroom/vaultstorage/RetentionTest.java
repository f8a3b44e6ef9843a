package io.strongroom.vaultstorage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final Instant T = Instant.parse("2027-03-01T00:00:00Z");

    @Test
    void deleteIsForbiddenOnlyWhileALockHolds() {
        assertThat(Retention.until(T, LockMode.NONE).forbidsDeleteAt(T.minusSeconds(1))).isFalse();
        assertThat(Retention.until(T, LockMode.GOVERNANCE).forbidsDeleteAt(T.minusSeconds(1))).isTrue();
        assertThat(Retention.until(T, LockMode.COMPLIANCE).forbidsDeleteAt(T.minusSeconds(1))).isTrue();
        assertThat(Retention.until(T, LockMode.COMPLIANCE).forbidsDeleteAt(T)).isFalse();
        assertThat(new Retention(null, LockMode.COMPLIANCE).forbidsDeleteAt(Instant.MAX)).isTrue();
    }

    @Test
    void changesToALockedRetention() {
        Retention governance = Retention.until(T, LockMode.GOVERNANCE);
        Retention compliance = Retention.until(T, LockMode.COMPLIANCE);
        assertThat(governance.refusalToChangeTo(Retention.until(T.plusSeconds(1), LockMode.GOVERNANCE))).isNull();
        assertThat(governance.refusalToChangeTo(Retention.until(T.plusSeconds(1), LockMode.COMPLIANCE))).isNull();
        assertThat(governance.refusalToChangeTo(Retention.until(T.minusSeconds(1), LockMode.NONE))).isNull();
        assertThat(governance.refusalToChangeTo(Retention.until(T.minusSeconds(1), LockMode.GOVERNANCE)))
                .contains("cannot be shortened");
        assertThat(compliance.refusalToChangeTo(new Retention(null, LockMode.COMPLIANCE))).isNull();
        assertThat(compliance.refusalToChangeTo(Retention.until(T.plusSeconds(1), LockMode.GOVERNANCE)))
                .contains("cannot be lowered");
        assertThat(new Retention(null, LockMode.COMPLIANCE).refusalToChangeTo(compliance)).contains("from forever");
        assertThat(Retention.until(T, LockMode.NONE).refusalToChangeTo(Retention.until(T.minusSeconds(9),
                LockMode.NONE))).isNull();
    }
}
