package io.strongroom.json;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixed-width text written digit by digit is the formatter's, character for character. */
class InstantTextTest {
    private static final DateTimeFormatter FORMATTER = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void fixedWidthTextIsTheFormattersAcrossInstantsRange() {
        Random random = new Random(116);
        for (int i = 0; i < 100_000; i++) {
            sameAsFormatter(StoredInstantsTest.instant(random, i, true));
        }
        for (Instant edge : List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.ofEpochSecond(-1, 1))) {
            sameAsFormatter(edge);
        }
    }

    /** The same text, or the same refusal for an instant outside what the formatter can write (Instant.MIN). */
    private static void sameAsFormatter(Instant instant) {
        String expected;
        try {
            expected = FORMATTER.format(instant);
        } catch (DateTimeException refused) {
            assertThatThrownBy(() -> InstantText.fixedWidth(instant)).as(instant.toString())
                    .isInstanceOf(refused.getClass());
            return;
        }
        assertThat(InstantText.fixedWidth(instant)).as(instant.toString()).isEqualTo(expected);
    }

    @Test
    void fixedWidthTextSortsAsTimeDoes() {
        Instant earlier = Instant.parse("2027-02-01T02:00:05Z");
        Instant later = Instant.parse("2027-02-01T02:00:05.5Z");
        assertThat(earlier.toString().compareTo(later.toString())).as("ISO text does not").isPositive();
        assertThat(InstantText.fixedWidth(earlier).compareTo(InstantText.fixedWidth(later))).isNegative();
    }
}
