package io.strongroom.dynamodb;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DynamoDB attribute value, as the AttributeValue union carries it. Numbers keep the caller's text
 * (DynamoDB answers with a normalised form; we compare them as decimals); binaries are raw bytes.
 */
public sealed interface AttributeValue {

    /** The union member's name: S, N, B, SS, NS, BS, M, L, NULL, BOOL. */
    String type();

    record S(String value) implements AttributeValue {
        public String type() {
            return "S";
        }
    }

    record N(String value) implements AttributeValue {
        public N {
            value = Numbers.canonical(value);
        }

        public BigDecimal decimal() {
            return new BigDecimal(value);
        }

        public String type() {
            return "N";
        }
    }

    record B(byte[] value) implements AttributeValue {
        public B {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public String type() {
            return "B";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof B b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "B[" + Base64.getEncoder().encodeToString(value) + "]";
        }
    }

    record SS(Set<String> values) implements AttributeValue {
        public SS {
            values = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        public String type() {
            return "SS";
        }
    }

    /** A number set; members kept in canonical form so that set arithmetic compares decimals. */
    record NS(Set<String> values) implements AttributeValue {
        public NS {
            LinkedHashSet<String> canonical = new LinkedHashSet<>();
            values.forEach(v -> canonical.add(Numbers.canonical(v)));
            values = java.util.Collections.unmodifiableSet(canonical);
        }

        public String type() {
            return "NS";
        }
    }

    /** A binary set, members as base64 text so that equality is by content. */
    record BS(Set<String> base64Values) implements AttributeValue {
        public BS {
            base64Values = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(base64Values));
        }

        public static BS of(List<byte[]> values) {
            LinkedHashSet<String> out = new LinkedHashSet<>();
            values.forEach(v -> out.add(Base64.getEncoder().encodeToString(v)));
            return new BS(out);
        }

        public List<byte[]> bytes() {
            return base64Values.stream().map(v -> Base64.getDecoder().decode(v)).toList();
        }

        public String type() {
            return "BS";
        }
    }

    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public String type() {
            return "M";
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        public String type() {
            return "L";
        }
    }

    record Null() implements AttributeValue {
        public String type() {
            return "NULL";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public String type() {
            return "BOOL";
        }
    }

    static S s(String v) {
        return new S(v);
    }

    static N n(String v) {
        return new N(v);
    }
}
