package io.strongroom.wire.codec;

import io.strongroom.wire.sdk.Kind;
import io.strongroom.wire.sdk.TimeFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;

/** Text forms of scalar values, shared by headers, query strings and XML. */
public final class Scalars {
    private static final DateTimeFormatter RFC_822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private Scalars() {
    }

    /** Parses {@code text} as a value of {@code kind}; throws IllegalArgumentException when it is not one. */
    public static Object parse(Kind kind, String text, TimeFormat format) {
        return switch (kind) {
            case STRING -> text;
            case INTEGER -> Integer.valueOf(text.trim());
            case LONG -> Long.valueOf(text.trim());
            case SHORT -> Short.valueOf(text.trim());
            case BYTE -> Byte.valueOf(text.trim());
            case FLOAT -> Float.valueOf(text.trim());
            case DOUBLE -> Double.valueOf(text.trim());
            case BIG_DECIMAL -> new BigDecimal(text.trim());
            case BOOLEAN -> parseBoolean(text.trim());
            case TIMESTAMP -> parseInstant(text.trim(), format);
            case BLOB -> SdkBytes.fromByteArray(Base64.getDecoder().decode(text.trim()));
            default -> throw new IllegalArgumentException(kind + " is not a scalar");
        };
    }

    public static String format(Kind kind, Object value, TimeFormat format) {
        return switch (kind) {
            case TIMESTAMP -> formatInstant((Instant) value, format);
            case BLOB -> Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe());
            case FLOAT, DOUBLE -> formatFloating(((Number) value).doubleValue());
            case BIG_DECIMAL -> ((BigDecimal) value).toPlainString();
            default -> String.valueOf(value);
        };
    }

    private static String formatFloating(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean: " + s);
    }

    /** Accepts any of the three forms whatever the declared one: clients are lenient and so are we. */
    public static Instant parseInstant(String s, TimeFormat preferred) {
        if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-') && !s.contains("T")
                && !s.contains(" ")) {
            BigDecimal n = new BigDecimal(s);
            if (preferred == TimeFormat.EPOCH_MILLIS) {
                return Instant.ofEpochMilli(n.longValue());
            }
            return Instant.ofEpochMilli(n.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValue());
        }
        if (s.contains(",") || s.endsWith("GMT")) {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    public static String formatInstant(Instant t, TimeFormat format) {
        return switch (format) {
            case ISO_8601 -> {
                Instant ms = t.truncatedTo(ChronoUnit.MILLIS);
                yield DateTimeFormatter.ISO_INSTANT.format(ms);
            }
            case RFC_822 -> RFC_822.format(t);
            case EPOCH_SECONDS -> epochSeconds(t).toPlainString();
            case EPOCH_MILLIS -> Long.toString(t.toEpochMilli());
        };
    }

    public static BigDecimal epochSeconds(Instant t) {
        BigDecimal s = BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
