package io.strongroom.dynamodb;

import io.strongroom.dynamodb.expression.Evaluator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's key order (UTF-8 bytes) must be DynamoDB's order of the values, and no encoding a prefix of another. */
class KeyEncodingTest {
    static final Comparator<String> STORE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    static void holdsFor(List<AttributeValue> values) {
        List<AttributeValue> byValue = new ArrayList<>(values);
        byValue.sort(Evaluator::compare);
        List<AttributeValue> byKey = new ArrayList<>(values);
        byKey.sort((a, b) -> STORE_ORDER.compare(KeyEncoding.encode(a), KeyEncoding.encode(b)));
        assertThat(byKey).isEqualTo(byValue);
        for (AttributeValue a : values) {
            for (AttributeValue b : values) {
                if (!a.equals(b)) {
                    assertThat(KeyEncoding.encode(b)).doesNotStartWith(KeyEncoding.encode(a));
                }
            }
            String k = KeyEncoding.encode(a);
            for (AttributeValue b : values) {
                String other = KeyEncoding.encode(b);
                if (STORE_ORDER.compare(other, k) < 0) {
                    assertThat(STORE_ORDER.compare(other, KeyEncoding.before(k))).isNegative();
                }
                if (STORE_ORDER.compare(other, k) > 0) {
                    assertThat(STORE_ORDER.compare(other, KeyEncoding.after(k))).isPositive();
                }
            }
        }
    }

    @Test
    void numbers() {
        holdsFor(List.of("-1E+100", "-1000", "-10", "-9.99", "-1.55", "-1.5", "-1", "-0.001", "0", "1E-130", "0.001",
                "0.5", "0.55", "1", "1.5", "9", "10", "10.01", "99999999999999999999999999999999999999", "1E+125")
                .stream().map(v -> (AttributeValue) new AttributeValue.N(v)).toList());
    }

    @Test
    void strings() {
        holdsFor(List.of("", "a", "a\u0000", "a\u0001", "a\u0002", "a\u0003", "ab", "b", "é", "\uD83D\uDE00", "z",
                "Z", "a b").stream().map(v -> (AttributeValue) new AttributeValue.S(v)).toList());
    }

    @Test
    void binaries() {
        holdsFor(List.of(new byte[0], new byte[]{0}, new byte[]{0, 0}, new byte[]{1}, new byte[]{(byte) 0x7f},
                new byte[]{(byte) 0x80}, new byte[]{(byte) 0xff}).stream()
                .map(v -> (AttributeValue) new AttributeValue.B(v)).toList());
    }
}
