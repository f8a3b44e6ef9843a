package io.strongroom.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An item's size as DynamoDB counts it (names and values in UTF-8, numbers by digits), approximately. */
final class ItemSize {
    private ItemSize() {
    }

    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (var e : item.entrySet()) {
            size += utf8(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    private static long of(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return utf8(s.value());
        }
        if (v instanceof AttributeValue.N n) {
            return (digits(n.value()) + 1) / 2 + 1;
        }
        if (v instanceof AttributeValue.B b) {
            return b.value().length;
        }
        if (v instanceof AttributeValue.SS ss) {
            return ss.values().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (v instanceof AttributeValue.NS ns) {
            return ns.values().stream().mapToLong(n -> of(new AttributeValue.N(n))).sum();
        }
        if (v instanceof AttributeValue.BS bs) {
            return bs.bytes().stream().mapToLong(b -> b.length).sum();
        }
        if (v instanceof AttributeValue.M m) {
            return 3 + of(m.values()) + m.values().size();
        }
        if (v instanceof AttributeValue.L l) {
            return 3 + l.values().stream().mapToLong(e -> of(e) + 1).sum();
        }
        return 1;
    }

    private static int digits(String number) {
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return digits;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
