package io.strongroom.vaultstorage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strongroom.vaultstorage.LockMode;
import io.strongroom.vaultstorage.RecoveryPointNotFoundException;
import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.RetentionLockedException;
import io.strongroom.vaultstorage.VaultStorage;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetentionLockTest {
    private static final Instant IN_30_DAYS = StorageFixture.START.plus(Duration.ofDays(30));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"GOVERNANCE", "COMPLIANCE"})
    void aLockedPointCannotBeDeletedBeforeRetainUntilThroughTheInterface(LockMode mode) {
        try (StorageFixture f = new StorageFixture(dir)) {
            VaultStorage storage = f.storage;
            f.createVault("v");
            storage.write("v", "rp", Retention.until(IN_30_DAYS, mode), SyntheticData.text(10_000, 1));

            assertThatThrownBy(() -> storage.delete("v", "rp")).isInstanceOf(RetentionLockedException.class)
                    .hasMessage("recovery point rp in vault v is under a " + mode + " retention lock until "
                            + IN_30_DAYS + " and cannot be deleted before then");
            f.clock.advance(Duration.ofDays(30).minusSeconds(1));
            assertThatThrownBy(() -> storage.delete("v", "rp")).isInstanceOf(RetentionLockedException.class);
            assertThat(storage.stat("v", "rp").logicalSize()).isEqualTo(10_000);

            f.clock.advance(Duration.ofSeconds(1));
            storage.delete("v", "rp");
            assertThatThrownBy(() -> storage.stat("v", "rp")).isInstanceOf(RecoveryPointNotFoundException.class);
        }
    }

    @Test
    void aPointLockedForeverIsNeverDeletableAndNeverExpires() {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", new Retention(null, LockMode.COMPLIANCE), SyntheticData.text(100, 1));
            f.clock.advance(Duration.ofDays(36500));
            assertThat(f.storage.expire()).isEmpty();
            assertThatThrownBy(() -> f.storage.delete("v", "rp")).isInstanceOf(RetentionLockedException.class)
                    .hasMessageContaining("until forever");
        }
    }

    @Test
    void anUnlockedPointIsDeletableAtOnce() {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", Retention.until(IN_30_DAYS, LockMode.NONE), SyntheticData.text(100, 1));
            f.storage.delete("v", "rp");
            assertThat(f.storage.list("v")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"GOVERNANCE", "COMPLIANCE"})
    void aLockedPointsRetentionCanBeExtendedButNotShortened(LockMode mode) {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", Retention.until(IN_30_DAYS, mode), SyntheticData.text(100, 1));

            assertThatThrownBy(() -> f.storage.updateRetention("v", "rp",
                    Retention.until(IN_30_DAYS.minusSeconds(1), mode)))
                    .isInstanceOf(RetentionLockedException.class)
                    .hasMessage("recovery point rp in vault v: retention of a locked recovery point cannot be "
                            + "shortened from " + IN_30_DAYS + " to " + IN_30_DAYS.minusSeconds(1));
            Instant later = IN_30_DAYS.plus(Duration.ofDays(60));
            f.storage.updateRetention("v", "rp", Retention.until(later, mode));
            assertThat(f.storage.stat("v", "rp").retention()).isEqualTo(Retention.until(later, mode));
            f.storage.updateRetention("v", "rp", new Retention(null, mode));
            assertThatThrownBy(() -> f.storage.updateRetention("v", "rp", Retention.until(later, mode)))
                    .isInstanceOf(RetentionLockedException.class).hasMessageContaining("from forever");
            f.reopen();
            assertThat(f.storage.stat("v", "rp").retention()).isEqualTo(new Retention(null, mode));
            assertThat(StorageFixture.sha256(f.storage.read("v", "rp")))
                    .isEqualTo(StorageFixture.sha256(SyntheticData.text(100, 1)));
        }
    }

    @Test
    void aComplianceLockIsNeverLoweredAGovernanceLockMayBeLifted() {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "c", Retention.until(IN_30_DAYS, LockMode.COMPLIANCE), SyntheticData.text(100, 1));
            f.storage.write("v", "g", Retention.until(IN_30_DAYS, LockMode.GOVERNANCE), SyntheticData.text(100, 1));

            for (LockMode lower : new LockMode[] {LockMode.GOVERNANCE, LockMode.NONE}) {
                assertThatThrownBy(() -> f.storage.updateRetention("v", "c", Retention.until(IN_30_DAYS, lower)))
                        .isInstanceOf(RetentionLockedException.class)
                        .hasMessageContaining("a compliance lock cannot be lowered to " + lower);
            }
            f.storage.updateRetention("v", "g", Retention.until(IN_30_DAYS, LockMode.NONE));
            assertThatCode(() -> f.storage.delete("v", "g")).doesNotThrowAnyException();
            assertThat(f.storage.list("v")).extracting(RecoveryPointStat::recoveryPointId).containsExactly("c");
        }
    }

    @Test
    void anUnlockedPointMayBeLockedAndItsRetentionShortened() {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("v");
            f.storage.write("v", "rp", Retention.forever(), SyntheticData.text(100, 1));
            f.storage.updateRetention("v", "rp", Retention.until(IN_30_DAYS, LockMode.NONE));
            f.storage.updateRetention("v", "rp", Retention.until(IN_30_DAYS, LockMode.COMPLIANCE));
            assertThatThrownBy(() -> f.storage.delete("v", "rp")).isInstanceOf(RetentionLockedException.class);
        }
    }

    @Test
    void expiryRemovesPointsWhoseRetainUntilHasComeOnTheInjectedClockLockedOrNot() {
        try (StorageFixture f = new StorageFixture(dir)) {
            f.createVault("a");
            f.createVault("b");
            f.storage.write("a", "day-10", Retention.until(f.clock.instant().plus(Duration.ofDays(10)),
                    LockMode.COMPLIANCE), SyntheticData.text(1000, 1));
            f.storage.write("a", "day-20", Retention.until(f.clock.instant().plus(Duration.ofDays(20)),
                    LockMode.NONE), SyntheticData.text(1000, 2));
            f.storage.write("b", "day-10", Retention.until(f.clock.instant().plus(Duration.ofDays(10)),
                    LockMode.GOVERNANCE), SyntheticData.text(1000, 3));
            f.storage.write("b", "forever", Retention.forever(), SyntheticData.text(1000, 4));

            f.clock.advance(Duration.ofDays(10).minusNanos(1));
            assertThat(f.storage.expire()).isEmpty();
            f.clock.advance(Duration.ofNanos(1));
            assertThat(f.storage.expire()).extracting(s -> s.vault() + "/" + s.recoveryPointId())
                    .containsExactlyInAnyOrder("a/day-10", "b/day-10");
            f.clock.advance(Duration.ofDays(365));
            assertThat(f.storage.expire()).extracting(s -> s.vault() + "/" + s.recoveryPointId())
                    .containsExactly("a/day-20");
            assertThat(f.storage.list("a")).isEmpty();
            assertThat(f.storage.list("b")).extracting(RecoveryPointStat::recoveryPointId).containsExactly("forever");
        }
    }
}
