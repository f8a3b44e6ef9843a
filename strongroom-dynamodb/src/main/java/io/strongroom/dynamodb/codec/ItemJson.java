package io.strongroom.dynamodb.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.dynamodb.AttributeValue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Items in DynamoDB's own JSON form ({@code {"S":"x"}}, {@code {"M":{...}}}), for storage and snapshots. */
public final class ItemJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ItemJson() {
    }

    public static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode out = NODES.objectNode();
        item.forEach((k, v) -> out.set(k, value(v)));
        return out;
    }

    public static Map<String, AttributeValue> item(JsonNode node) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            out.put(f.getKey(), value(f.getValue()));
        }
        return out;
    }

    public static ObjectNode value(AttributeValue v) {
        ObjectNode out = NODES.objectNode();
        if (v instanceof AttributeValue.S s) {
            out.put("S", s.value());
        } else if (v instanceof AttributeValue.N n) {
            out.put("N", n.value());
        } else if (v instanceof AttributeValue.B b) {
            out.put("B", Base64.getEncoder().encodeToString(b.value()));
        } else if (v instanceof AttributeValue.SS ss) {
            out.set("SS", strings(ss.values()));
        } else if (v instanceof AttributeValue.NS ns) {
            out.set("NS", strings(ns.values()));
        } else if (v instanceof AttributeValue.BS bs) {
            out.set("BS", strings(bs.base64Values()));
        } else if (v instanceof AttributeValue.M m) {
            out.set("M", item(m.values()));
        } else if (v instanceof AttributeValue.L l) {
            ArrayNode list = out.putArray("L");
            l.values().forEach(e -> list.add(value(e)));
        } else if (v instanceof AttributeValue.Null) {
            out.put("NULL", true);
        } else if (v instanceof AttributeValue.Bool b) {
            out.put("BOOL", b.value());
        }
        return out;
    }

    public static AttributeValue value(JsonNode node) {
        Map.Entry<String, JsonNode> only = node.fields().next();
        JsonNode v = only.getValue();
        return switch (only.getKey()) {
            case "S" -> new AttributeValue.S(v.asText());
            case "N" -> new AttributeValue.N(v.asText());
            case "B" -> new AttributeValue.B(Base64.getDecoder().decode(v.asText()));
            case "SS" -> new AttributeValue.SS(stringSet(v));
            case "NS" -> new AttributeValue.NS(stringSet(v));
            case "BS" -> new AttributeValue.BS(stringSet(v));
            case "M" -> new AttributeValue.M(item(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(e -> list.add(value(e)));
                yield new AttributeValue.L(list);
            }
            case "NULL" -> new AttributeValue.Null();
            case "BOOL" -> new AttributeValue.Bool(v.asBoolean());
            default -> throw new IllegalStateException("unknown attribute type " + only.getKey());
        };
    }

    private static ArrayNode strings(Set<String> values) {
        ArrayNode out = NODES.arrayNode();
        values.forEach(out::add);
        return out;
    }

    private static Set<String> stringSet(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}
