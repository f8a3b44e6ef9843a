package io.strongroom.wire.codec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/** Free-form JSON members (Smithy documents) to and from the SDK's {@link Document}. */
final class Documents {
    private Documents() {
    }

    static Document fromJson(JsonNode n) {
        if (n.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), fromJson(e.getValue()));
            }
            return Document.fromMap(map);
        }
        if (n.isArray()) {
            List<Document> list = new ArrayList<>();
            n.forEach(e -> list.add(fromJson(e)));
            return Document.fromList(list);
        }
        if (n.isTextual()) {
            return Document.fromString(n.textValue());
        }
        if (n.isBoolean()) {
            return Document.fromBoolean(n.booleanValue());
        }
        if (n.isNumber()) {
            return Document.fromNumber(SdkNumber.fromString(n.asText()));
        }
        return Document.fromNull();
    }

    static void write(JsonGenerator g, Object value) throws IOException {
        Document d = (Document) value;
        if (d.isMap()) {
            g.writeStartObject();
            for (Map.Entry<String, Document> e : d.asMap().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (d.isList()) {
            g.writeStartArray();
            for (Document e : d.asList()) {
                write(g, e);
            }
            g.writeEndArray();
        } else if (d.isString()) {
            g.writeString(d.asString());
        } else if (d.isBoolean()) {
            g.writeBoolean(d.asBoolean());
        } else if (d.isNumber()) {
            g.writeNumber(d.asNumber().stringValue());
        } else {
            g.writeNull();
        }
    }
}
