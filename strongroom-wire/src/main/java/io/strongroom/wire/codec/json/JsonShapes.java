package io.strongroom.wire.codec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.strongroom.wire.codec.Scalars;
import io.strongroom.wire.codec.WireErrors;
import io.strongroom.wire.sdk.Kind;
import io.strongroom.wire.sdk.Location;
import io.strongroom.wire.sdk.Member;
import io.strongroom.wire.sdk.Shape;
import io.strongroom.wire.sdk.TimeFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Walks a {@link Shape} to read and write JSON bodies (awsJson and restJson share this).
 * A value of the wrong JSON type is a SerializationException, as AWS answers; nulls mean "absent".
 */
public final class JsonShapes {
    private JsonShapes() {
    }

    /** Reads the body members of {@code shape} from {@code node} into {@code builder}. */
    public static void readInto(Shape shape, JsonNode node, Shape.Builder builder) {
        if (!node.isObject()) {
            throw WireErrors.serialization("Expected an object for " + shape.name());
        }
        for (Member m : shape.members()) {
            if (m.location() != Location.BODY) {
                continue;
            }
            JsonNode v = node.get(m.wireName());
            if (v != null && !v.isNull()) {
                builder.set(m, read(m, v));
            }
        }
    }

    public static Object readStructure(Shape shape, JsonNode node) {
        Shape.Builder b = shape.newBuilder();
        readInto(shape, node, b);
        return b.build();
    }

    public static Object read(Member m, JsonNode v) {
        Kind kind = m.kind();
        switch (kind) {
            case STRUCTURE:
                return readStructure(m.shape(), v);
            case LIST: {
                expect(v, JsonNodeType.ARRAY, m);
                List<Object> out = new ArrayList<>();
                for (JsonNode e : v) {
                    out.add(read(m.element(), notNull(m, e)));
                }
                return out;
            }
            case MAP: {
                expect(v, JsonNodeType.OBJECT, m);
                Map<String, Object> out = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.put(e.getKey(), read(m.element(), notNull(m, e.getValue())));
                }
                return out;
            }
            case DOCUMENT:
                return Documents.fromJson(v);
            case STRING:
                expect(v, JsonNodeType.STRING, m);
                return v.textValue();
            case BOOLEAN:
                expect(v, JsonNodeType.BOOLEAN, m);
                return v.booleanValue();
            case BLOB:
                expect(v, JsonNodeType.STRING, m);
                try {
                    return SdkBytes.fromByteArray(Base64.getDecoder().decode(v.textValue()));
                } catch (IllegalArgumentException e) {
                    throw WireErrors.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: "
                            + v.textValue().length());
                }
            case TIMESTAMP:
                return readInstant(m, v);
            default:
                return readNumber(m, v);
        }
    }

    private static Object readNumber(Member m, JsonNode v) {
        if (v.isTextual() && (m.kind() == Kind.DOUBLE || m.kind() == Kind.FLOAT)) {
            // NaN and infinities travel as strings.
            String t = v.textValue();
            if (t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity")) {
                double d = Double.parseDouble(t);
                return m.kind() == Kind.FLOAT ? (Object) (float) d : (Object) d;
            }
        }
        if (!v.isNumber()) {
            throw mismatch(m, v);
        }
        return switch (m.kind()) {
            case INTEGER -> v.canConvertToInt() && v.isIntegralNumber() ? v.intValue() : throwMismatch(m, v);
            case LONG -> v.canConvertToLong() && v.isIntegralNumber() ? v.longValue() : throwMismatch(m, v);
            case SHORT -> (short) v.intValue();
            case BYTE -> (byte) v.intValue();
            case FLOAT -> v.floatValue();
            case DOUBLE -> v.doubleValue();
            case BIG_DECIMAL -> v.decimalValue();
            default -> throwMismatch(m, v);
        };
    }

    private static Instant readInstant(Member m, JsonNode v) {
        try {
            if (v.isNumber()) {
                if (m.timeFormat().orElse(TimeFormat.EPOCH_SECONDS) == TimeFormat.EPOCH_MILLIS) {
                    return Instant.ofEpochMilli(v.longValue());
                }
                BigDecimal ms = v.decimalValue().movePointRight(3);
                return Instant.ofEpochMilli(ms.setScale(0, java.math.RoundingMode.HALF_UP).longValue());
            }
            if (v.isTextual()) {
                return Scalars.parseInstant(v.textValue(), m.timeFormat().orElse(TimeFormat.ISO_8601));
            }
        } catch (RuntimeException e) {
            // falls through to the mismatch below
        }
        throw mismatch(m, v);
    }

    private static void expect(JsonNode v, JsonNodeType type, Member m) {
        if (v.getNodeType() != type) {
            throw mismatch(m, v);
        }
    }

    private static Object throwMismatch(Member m, JsonNode v) {
        throw mismatch(m, v);
    }

    /** AWS's lists and maps hold no nulls (D95): a null among them is the caller's malformed input. */
    private static JsonNode notNull(Member m, JsonNode e) {
        if (e.isNull()) {
            throw WireErrors.serialization("Null value in a list or map is not allowed for " + m.name());
        }
        return e;
    }

    private static RuntimeException mismatch(Member m, JsonNode v) {
        return WireErrors.serialization("Unexpected value type in payload for " + m.name() + ": "
                + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Writes the body members of {@code pojo} as one JSON object. */
    public static void writeStructure(JsonGenerator g, Shape shape, Object pojo) throws IOException {
        g.writeStartObject();
        writeMembers(g, shape, pojo);
        g.writeEndObject();
    }

    /** Writes the body members of {@code pojo} as fields of the object {@code g} is inside. */
    public static void writeMembers(JsonGenerator g, Shape shape, Object pojo) throws IOException {
        for (Member m : shape.members()) {
            if (m.location() != Location.BODY) {
                continue;
            }
            Object v = m.get(pojo);
            if (v != null) {
                g.writeFieldName(m.wireName());
                write(g, m, v);
            }
        }
    }

    public static void write(JsonGenerator g, Member m, Object v) throws IOException {
        switch (m.kind()) {
            case STRUCTURE -> writeStructure(g, Shape.ofValue(v), v);
            case LIST -> {
                g.writeStartArray();
                for (Object e : (List<?>) v) {
                    if (e == null) {
                        g.writeNull();
                    } else {
                        write(g, m.element(), e);
                    }
                }
                g.writeEndArray();
            }
            case MAP -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    if (e.getValue() == null) {
                        g.writeNull();
                    } else {
                        write(g, m.element(), e.getValue());
                    }
                }
                g.writeEndObject();
            }
            case DOCUMENT -> Documents.write(g, v);
            case STRING -> g.writeString((String) v);
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case BLOB -> g.writeString(Base64.getEncoder().encodeToString(((SdkBytes) v).asByteArrayUnsafe()));
            case TIMESTAMP -> {
                TimeFormat f = m.timeFormat().orElse(TimeFormat.EPOCH_SECONDS);
                if (f == TimeFormat.EPOCH_SECONDS || f == TimeFormat.EPOCH_MILLIS) {
                    g.writeNumber(Scalars.formatInstant((Instant) v, f));
                } else {
                    g.writeString(Scalars.formatInstant((Instant) v, f));
                }
            }
            case FLOAT, DOUBLE -> {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    g.writeString(Scalars.format(m.kind(), v, null));
                } else if (m.kind() == Kind.FLOAT) {
                    g.writeNumber((Float) v);
                } else {
                    g.writeNumber(d);
                }
            }
            case BIG_DECIMAL -> g.writeNumber((BigDecimal) v);
            case INTEGER, SHORT, BYTE -> g.writeNumber(((Number) v).intValue());
            case LONG -> g.writeNumber(((Number) v).longValue());
        }
    }
}
