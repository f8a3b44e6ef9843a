package io.strongroom.engine.iam;

import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.ids.SecretSource;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IamDirectory.verifyMfa against a temp SQLite store and a clock the test moves: skew, replay, ownership. */
class IamMfaTest {
    static final String ACCOUNT = "222222222222";

    /** A clock only this test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2027-02-01T00:00:10Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;
    Store store;
    TestClock clock = new TestClock();
    IamService iam;
    Principal root = Principal.root(ACCOUNT, null);
    String seed;
    String serial;
    String aliceArn;
    long enabledStep;

    @BeforeEach
    void setUp() {
        store = StoreFactory.open(dir.resolve("s.db").toString());
        Random random = new Random(7);
        SecretSource secrets = (alphabet, length) -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < length; i++) {
                out.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return out.toString();
        };
        IdGenerator ids = new IdGenerator("test");
        iam = new IamService(new IamRoles(ids, clock), new IdentityService(clock, secrets), ids, secrets, clock,
                text -> new byte[]{1});
        store.write(tx -> {
            aliceArn = iam.users().createUser(tx, root, "alice", null, null, null).arn();
            VirtualMfaDevice device = iam.mfa().createVirtualMfaDevice(tx, root, null, "alice-phone", null).device();
            seed = device.seed();
            serial = device.serialNumber();
            enabledStep = Totp.step(clock.now.getEpochSecond());
            // Code 1 read in the previous step, code 2 in this one: the device's clock agrees with ours.
            iam.mfa().enableMfaDevice(tx, root, "alice", serial, Totp.code(seed, enabledStep - 1),
                    Totp.code(seed, enabledStep));
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    MfaVerification verify(String arn, String serialNumber, String code) {
        return store.write(tx -> iam.verifyMfa(tx, arn, serialNumber, code, clock.instant()));
    }

    @Test
    void acceptsOneStepEitherSideAndNeverTheSameOrAnEarlierStepTwice() {
        clock.now = clock.now.plus(Duration.ofSeconds(30 * 5));
        long now = enabledStep + 5;
        assertThat(verify(aliceArn, serial, Totp.code(seed, now - 1))).isEqualTo(MfaVerification.VALID);
        assertThat(verify(aliceArn, serial, Totp.code(seed, now - 1))).isEqualTo(MfaVerification.INVALID_CODE);
        assertThat(verify(aliceArn, serial, Totp.code(seed, now))).isEqualTo(MfaVerification.VALID);
        assertThat(verify(aliceArn, serial, Totp.code(seed, now))).isEqualTo(MfaVerification.INVALID_CODE);
        assertThat(verify(aliceArn, serial, Totp.code(seed, now + 2))).isEqualTo(MfaVerification.INVALID_CODE);
        assertThat(verify(aliceArn, serial, Totp.code(seed, now + 1))).isEqualTo(MfaVerification.VALID);
        assertThat(verify(aliceArn, serial, "12345")).isEqualTo(MfaVerification.INVALID_CODE);
    }

    @Test
    void theCodesThatEnabledTheDeviceAreSpent() {
        assertThat(verify(aliceArn, serial, Totp.code(seed, enabledStep))).isEqualTo(MfaVerification.INVALID_CODE);
        assertThat(verify(aliceArn, serial, Totp.code(seed, enabledStep - 1))).isEqualTo(MfaVerification.INVALID_CODE);
        assertThat(verify(aliceArn, serial, Totp.code(seed, enabledStep + 1))).isEqualTo(MfaVerification.VALID);
    }

    @Test
    void aDeviceCountsOnlyForTheUserItIsAssignedTo() {
        String bobArn = store.write(tx -> iam.users().createUser(tx, root, "bob", null, null, null).arn());
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        String code = Totp.code(seed, Totp.step(clock.now.getEpochSecond()));
        assertThat(verify(bobArn, serial, code)).isEqualTo(MfaVerification.UNKNOWN_DEVICE);
        assertThat(verify(aliceArn, serial + "x", code)).isEqualTo(MfaVerification.UNKNOWN_DEVICE);
        assertThat(verify(aliceArn, serial, code)).isEqualTo(MfaVerification.VALID);
        store.write(tx -> {
            iam.mfa().deactivateMfaDevice(tx, root, "alice", serial);
            return null;
        });
        assertThat(verify(aliceArn, serial, code)).isEqualTo(MfaVerification.UNKNOWN_DEVICE);
    }

    @Test
    void enableLearnsTheDeviceClockOffset() {
        store.write(tx -> {
            VirtualMfaDevice device = iam.mfa().createVirtualMfaDevice(tx, root, "/", "skewed", null).device();
            long step = Totp.step(clock.now.getEpochSecond()) + 7;
            iam.mfa().enableMfaDevice(tx, root, "alice", device.serialNumber(),
                    Totp.code(device.seed(), step), Totp.code(device.seed(), step + 1));
            assertThat(iam.verifyMfa(tx, aliceArn, device.serialNumber(), Totp.code(device.seed(), step + 2),
                    clock.instant())).isEqualTo(MfaVerification.VALID);
            assertThatThrownBy(() -> iam.mfa().enableMfaDevice(tx, root, "alice", device.serialNumber(), "000000",
                    "000001")).isInstanceOf(ServiceException.class).hasMessage("MFA Device is already in use.");
            return null;
        });
    }
}
