package io.strongroom.engine.backup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock's retention check every backup and copy job into a locked vault will pass through (spec 2.4). */
class VaultLockTest {
    static final Instant NOW = Instant.parse("2027-02-01T00:00:00Z");

    @ParameterizedTest(name = "min={0} max={1} retention={2}: allowed={3}")
    @CsvSource(nullValues = "-", value = {
            "30, 2555, 35,   true",
            "30, 2555, 30,   true",
            "30, 2555, 2555, true",
            "30, 2555, 29,   false",
            "30, 2555, 2556, false",
            "30, 2555, -,    false",
            "30, -,    -,    true",
            "30, -,    29,   false",
            "-,  100,  1,    true",
            "-,  100,  -,    false",
            "-,  -,    -,    true"})
    void retentionAgainstTheLockRange(Integer min, Integer max, Integer retention, boolean allowed) {
        VaultLock lock = new VaultLock(min, max, null, NOW);
        assertThat(lock.retentionViolation(retention).isEmpty()).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "lock date {0}, now {1}: immutable={2}")
    @CsvSource(nullValues = "-", value = {
            "2027-02-04T00:00:00Z, 2027-02-03T23:59:59Z, false",
            "2027-02-04T00:00:00Z, 2027-02-04T00:00:00Z, true",
            "-,                    2099-01-01T00:00:00Z, false"})
    void complianceLocksFreezeAtTheirLockDate(Instant lockDate, Instant now, boolean immutable) {
        VaultLock lock = new VaultLock(7, 30, lockDate, NOW);
        assertThat(lock.immutableAt(now)).isEqualTo(immutable);
        assertThat(lock.compliance()).isEqualTo(lockDate != null);
    }

    @ParameterizedTest
    @CsvSource({"29, shorter than the minimum retention period of the locked backup vault (30 days)",
            "3000, longer than the maximum retention period of the locked backup vault (2555 days)"})
    void theViolationSaysWhy(int retention, String why) {
        assertThat(new VaultLock(30, 2555, null, NOW).retentionViolation(retention)).get().asString().contains(why);
    }
}
