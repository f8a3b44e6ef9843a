package io.strongroom.dynamodb;

import java.math.BigDecimal;
import java.util.HexFormat;

/**
 * Store keys for items: {@code <tableId>/<partition><sort>}, each key value encoded so that the store's
 * key order (code points) is DynamoDB's order for that type, and so that no encoding is a prefix of
 * another. A partition is then one key prefix, a sort-key condition one range of it, and Scan pages
 * walk the store in key order.
 *
 * <ul>
 *   <li>S: the characters, with U+0000..U+0002 escaped as U+0002 followed by U+0003..U+0005, ended by
 *       U+0002 U+0002 (lower than any escaped or plain character, so a prefix sorts first);
 *   <li>N: class '1' negative, '2' zero, '3' positive; then the decimal exponent + 500 in three digits
 *       (nine's complement for negatives) and the significant digits (complemented for negatives),
 *       ended by '!' (positive) or '~' (negative) so that longer mantissas order correctly;
 *   <li>B: lower-case hex of the bytes (unsigned byte order), ended by '!'.
 * </ul>
 * Every encoding ends with a character whose predecessor never occurs at that position, which lets
 * {@link #before} name the key just below a value.
 */
public final class KeyEncoding {
    private KeyEncoding() {
    }

    public static String tablePrefix(String tableId) {
        return tableId + "/";
    }

    public static String itemKey(Table table, java.util.Map<String, AttributeValue> item) {
        String key = tablePrefix(table.tableId()) + encode(item.get(table.hashKey().name()));
        return table.rangeKey() == null ? key : key + encode(item.get(table.rangeKey().name()));
    }

    public static String partitionPrefix(Table table, AttributeValue partition) {
        return tablePrefix(table.tableId()) + encode(partition);
    }

    /** A key strictly below {@code encoded} and above every smaller encoding. */
    public static String before(String encoded) {
        char last = encoded.charAt(encoded.length() - 1);
        return encoded.substring(0, encoded.length() - 1) + (char) (last - 1);
    }

    /** A key strictly above {@code encoded} and below every larger encoding. */
    public static String after(String encoded) {
        return encoded + '\u0001';
    }

    public static String encode(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return escape(s.value()) + "\u0002\u0002";
        }
        if (value instanceof AttributeValue.N n) {
            return number(n.decimal());
        }
        if (value instanceof AttributeValue.B b) {
            return HexFormat.of().formatHex(b.value()) + "!";
        }
        throw new IllegalArgumentException("not a key type: " + value.type());
    }

    /** The encoding of a string or binary prefix, without its end marker (for begins_with). */
    public static String prefixOf(AttributeValue value) {
        String full = encode(value);
        return value instanceof AttributeValue.S ? full.substring(0, full.length() - 2)
                : full.substring(0, full.length() - 1);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= '\u0002') {
                out.append('\u0002').append((char) (c + 3));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String number(BigDecimal d) {
        if (d.signum() == 0) {
            return "2!";
        }
        BigDecimal s = d.stripTrailingZeros();
        String digits = s.unscaledValue().abs().toString();
        int exponent = digits.length() - s.scale() - 1 + 500;
        String exp = String.format("%03d", exponent);
        if (d.signum() > 0) {
            return "3" + exp + digits + "!";
        }
        StringBuilder out = new StringBuilder("1").append(String.format("%03d", 999 - exponent));
        for (int i = 0; i < digits.length(); i++) {
            out.append((char) ('9' - digits.charAt(i) + '0'));
        }
        return out.append('~').toString();
    }
}
