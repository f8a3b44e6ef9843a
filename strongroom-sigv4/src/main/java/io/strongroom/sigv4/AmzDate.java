package io.strongroom.sigv4;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/** The ISO-8601 basic timestamps SigV4 uses ({@code 20150830T123600Z}) and the HTTP {@code Date} form. */
final class AmzDate {
    private static final Pattern BASIC = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final DateTimeFormatter BASIC_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd");

    private AmzDate() {
    }

    static String format(Instant instant) {
        return BASIC_FORMAT.format(instant.atOffset(ZoneOffset.UTC));
    }

    static String date(Instant instant) {
        return DATE_FORMAT.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** S3's {@code ServerTime}/{@code Expires} form: {@code 2026-11-28T12:30:00Z}. */
    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static Optional<Instant> parseBasic(String value) {
        if (value == null || !BASIC.matcher(value).matches()) {
            return Optional.empty();
        }
        // Every request carries one: read the digits directly, far cheaper than a formatter.
        try {
            return Optional.of(LocalDateTime.of(digits(value, 0, 4), digits(value, 4, 6), digits(value, 6, 8),
                    digits(value, 9, 11), digits(value, 11, 13), digits(value, 13, 15)).toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (value.charAt(i) - '0');
        }
        return n;
    }

    static Optional<Instant> parseHttpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
