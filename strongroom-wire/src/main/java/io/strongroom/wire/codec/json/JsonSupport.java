package io.strongroom.wire.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.codec.ModeledError;
import io.strongroom.wire.codec.WireErrors;
import io.strongroom.wire.sdk.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Parsing and writing JSON documents, shared by the JSON protocols. */
public final class JsonSupport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonSupport() {
    }

    /** An empty body reads as {}. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            return n == null ? JsonNodeFactory.instance.objectNode() : n;
        } catch (IOException e) {
            throw WireErrors.serialization("Start of structure or map found where not expected");
        }
    }

    public interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    public static byte[] write(Writer w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The error body: {@code message} plus the error's detail members and, for a {@link ModeledError}, its shape's
     * members; {@code __type} when asked.
     */
    public static byte[] errorBody(ServiceException error, String typeOrNull) {
        return write(g -> {
            g.writeStartObject();
            if (typeOrNull != null) {
                g.writeStringField("__type", typeOrNull);
            }
            g.writeStringField("message", error.getMessage());
            for (Map.Entry<String, String> d : error.details().entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            if (error instanceof ModeledError modeled) {
                JsonShapes.writeMembers(g, Shape.ofValue(modeled.members()), modeled.members());
            }
            g.writeEndObject();
        });
    }
}
