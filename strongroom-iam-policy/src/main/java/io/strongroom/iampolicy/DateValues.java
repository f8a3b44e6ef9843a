package io.strongroom.iampolicy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/** Date operator values: W3C ISO-8601 (date, date-time with Z or offset) or epoch seconds (spec 2.2). */
final class DateValues {
    private static final Pattern EPOCH = Pattern.compile("-?\\d+(\\.\\d+)?");

    private DateValues() {
    }

    static Optional<Instant> parse(String text) {
        String value = text.trim();
        try {
            if (EPOCH.matcher(value).matches()) {
                BigDecimal seconds = new BigDecimal(value);
                long whole = seconds.toBigInteger().longValueExact();
                int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
                return Optional.of(Instant.ofEpochSecond(whole, nanos));
            }
            if (value.length() == 10) {
                return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Optional.of(OffsetDateTime.parse(value).toInstant());
            }
            // a date-time without a zone is read as UTC, as AWS treats policy times
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException | ArithmeticException e) {
            // Not a date, or one beyond what an Instant holds: not a date value.
            return Optional.empty();
        }
    }
}
