package io.strongroom.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stored keys keep the exact text they had when they were written with String.format. */
class KeysTest {
    @Test
    void padsAsStringFormatDid() {
        for (long n : new long[] {0, 7, 42, 1_234_567, Long.MAX_VALUE - 1, Long.MAX_VALUE}) {
            assertThat(Keys.zeroPadded(Long.toString(n), 19)).isEqualTo(String.format("%019d", n));
            assertThat(Keys.zeroPadded(Long.toHexString(n), 32)).isEqualTo(String.format("%032x", n));
        }
        for (int n : new int[] {0, 1, 99_999, 1_234_567, 12_345_678}) {
            assertThat(Keys.zeroPadded(Integer.toString(n), 7)).isEqualTo(String.format("%07d", n));
            assertThat(Keys.zeroPadded(Integer.toString(n), 5)).isEqualTo(String.format("%05d", n));
        }
    }
}
