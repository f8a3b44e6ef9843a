package io.strongroom.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Stored records mapped by hand as JSON trees, in the same versioned envelope as {@link JsonCodec}
 * ({@code {"v": version, "d": data}}) and through the same uncapped storage mapper.
 */
public final class JsonTrees {
    private JsonTrees() {
    }

    public static ObjectNode envelope(int version, JsonNode data) {
        ObjectNode root = JsonCodec.MAPPER.createObjectNode();
        root.put("v", version);
        root.set("d", data);
        return root;
    }

    /** The data of an envelope written at {@code version}; {@code what} names the record in the error. */
    public static JsonNode open(byte[] bytes, int version, String what) {
        JsonNode root = read(bytes);
        if (root.path("v").asInt() != version) {
            throw new IllegalStateException("Stored " + what + " of format " + root.path("v").asInt()
                    + ", this server reads format " + version);
        }
        return root.get("d");
    }

    public static JsonNode read(byte[] bytes) {
        try {
            return JsonCodec.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] write(JsonNode node) {
        try {
            return JsonCodec.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
