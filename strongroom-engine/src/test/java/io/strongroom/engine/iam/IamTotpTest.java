package io.strongroom.engine.iam;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6238 appendix B (SHA-1) and RFC 4226 vectors, as spec section 8 lists them with six digits. */
class IamTotpTest {
    static final String SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void rfc6238Vectors() {
        assertThat(Totp.code(SEED, Totp.step(59))).isEqualTo("287082");
        assertThat(Totp.code(SEED, Totp.step(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(SEED, Totp.step(1111111111))).isEqualTo("050471");
        assertThat(Totp.code(SEED, Totp.step(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(SEED, Totp.step(2000000000))).isEqualTo("279037");
        assertThat(Totp.code(SEED, Totp.step(20000000000L))).isEqualTo("353130");
    }

    @Test
    void rfc4226CountersZeroToNine() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
                "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.code(SEED, counter)).as("counter " + counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void base32RoundTrip() {
        assertThat(new String(Totp.base32Decode(SEED))).isEqualTo("12345678901234567890");
        assertThat(Totp.base32Encode("12345678901234567890".getBytes())).isEqualTo(SEED);
    }
}
