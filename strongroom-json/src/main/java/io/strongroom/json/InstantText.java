package io.strongroom.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as text without a {@code DateTimeFormatter}, whose formatting cost more than the rest of a stored job's
 * keys and record (D111, D116): the same characters, digit by digit, for years 0 to 9999; other years go to the formatter.
 */
public final class InstantText {
    private static final long MIN_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private InstantText() {
    }

    /** {@link Instant#toString()}'s text for years 0 to 9999, or null for other years. */
    static char[] iso(Instant instant) {
        int nanos = instant.getNano();
        // the fraction in groups of three digits, as ISO_INSTANT prints it
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        return text(instant, fraction);
    }

    /**
     * {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'} in UTC: every instant of years 0 to 9999 as text of one width, so
     * that text order is time order (ISO text is not: its fraction varies).
     */
    public static String fixedWidth(Instant instant) {
        char[] text = text(instant, 9);
        return text == null ? FIXED.format(instant) : new String(text);
    }

    /** The date, time and {@code fraction} digits of the nanoseconds (none: no point either), then Z; null off range. */
    private static char[] text(Instant instant, int fraction) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        if (days < MIN_DAY || days > MAX_DAY) {
            return null;
        }
        LocalDate date = LocalDate.ofEpochDay(days);
        int nanos = instant.getNano();
        char[] out = new char[20 + (fraction == 0 ? 0 : fraction + 1)];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        if (fraction > 0) {
            out[19] = '.';
            put(out, 20, fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos, fraction);
        }
        out[out.length - 1] = 'Z';
        return out;
    }

    /** {@code value} as {@code width} decimal digits at {@code at}, zero-padded. */
    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
