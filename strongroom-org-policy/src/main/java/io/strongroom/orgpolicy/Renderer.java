package io.strongroom.orgpolicy;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes the merged tree as {@code PolicyContent}: compact JSON, no operators, unvalued keys left out (spec 3.4). */
final class Renderer {
    private final EffectivePolicyOptions options;

    Renderer(EffectivePolicyOptions options) {
        this.options = options;
    }

    /** Whether the entry shows in the output: it holds a value or, transitively, a child that does. */
    boolean present(Entry entry) {
        if (!options.omitUnvaluedKeys() || entry.value != null) {
            return true;
        }
        if (entry.children != null) {
            for (Entry child : entry.children.values()) {
                if (present(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The key as emitted: always lower case, except scanner names when they are configured to keep their case. */
    String outputKey(String key, Entry entry, SchemaNode parentSchema) {
        if (parentSchema != null && parentSchema.scannerKeys && !options.lowercaseScannerKeys()) {
            return entry.displayKey;
        }
        return key;
    }

    String render(Entry root, SchemaNode schema) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = PolicyJson.MAPPER.createGenerator(out)) {
            writeContainer(json, root, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void writeContainer(JsonGenerator json, Entry entry, SchemaNode schema) throws IOException {
        json.writeStartObject();
        if (entry.children != null) {
            for (Map.Entry<String, Entry> child : entry.children.entrySet()) {
                Entry value = child.getValue();
                if (!present(value)) {
                    continue;
                }
                json.writeFieldName(outputKey(child.getKey(), value, schema));
                if (value.value != null) {
                    json.writeTree(value.value);
                } else if (value.children != null && !value.children.isEmpty()) {
                    writeContainer(json, value, schema == null ? null : schema.child(child.getKey()));
                } else {
                    json.writeNull();
                }
            }
        }
        json.writeEndObject();
    }
}
