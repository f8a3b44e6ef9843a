package io.strongroom.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.strongroom.storage.Codec;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Stores a domain record as JSON inside a versioned envelope {@code {"v":N,"d":{...}}}. A record whose
 * shape changes bumps N and reads older envelopes through an upgrade step, never through guesswork.
 */
public final class JsonCodec<T> implements Codec<T> {
    public static final ObjectMapper MAPPER = new ObjectMapper(storageFactory())
            .registerModule(new JavaTimeModule())
            .registerModule(StoredInstants.module())
            // property access through generated lambdas instead of reflection (D111)
            .registerModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Class<T> type;
    private final int version;

    public JsonCodec(Class<T> type, int version) {
        this.type = type;
        this.version = version;
    }

    /**
     * The JSON factory for stored documents and snapshots. They carry whole objects, files and volume images as
     * base64 strings, so a string's length is not capped: Jackson's default cap (20 million characters) would let
     * a write of about 15 MB succeed and every later read of it fail.
     */
    public static JsonFactory storageFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                .build();
    }

    public static <T> JsonCodec<T> of(Class<T> type) {
        return new JsonCodec<>(type, 1);
    }

    /** The stored shape; written directly, with no intermediate tree, since every API call encodes one. */
    private record Envelope(int v, Object d) {
    }

    @Override
    public byte[] encode(T value) {
        try {
            return MAPPER.writeValueAsBytes(new Envelope(version, value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            // The envelope as written: {"v":N,"d":{...}}; the record is bound straight from the stream, no tree.
            if (parser.nextToken() == JsonToken.START_OBJECT && "v".equals(parser.nextFieldName())
                    && parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                checkVersion(parser.getIntValue());
                if ("d".equals(parser.nextFieldName())) {
                    parser.nextToken();
                    return MAPPER.readValue(parser, type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return decodeTree(bytes); // another field order
    }

    private void checkVersion(int stored) {
        if (stored != version) {
            throw new IllegalStateException(type.getSimpleName() + " stored at schema version " + stored
                    + ", this server reads version " + version);
        }
    }

    private T decodeTree(byte[] bytes) {
        try {
            JsonNode envelope = MAPPER.readTree(bytes);
            checkVersion(envelope.path("v").asInt());
            return MAPPER.treeToValue(envelope.get("d"), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document with no envelope (snapshot data that is stored as it is). */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <V> V read(byte[] bytes, Class<V> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
