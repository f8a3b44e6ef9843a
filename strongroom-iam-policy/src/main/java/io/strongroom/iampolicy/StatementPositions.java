package io.strongroom.iampolicy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each statement of a document starts and ends in its text. A second, streaming pass over a document the tree
 * parser already accepted, because the tree does not keep token locations.
 */
final class StatementPositions {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** One statement's extent: its opening brace, and the column just past its closing brace. */
    record Extent(TextPosition start, TextPosition end) {
    }

    private StatementPositions() {
    }

    /** The extents in document order; empty if the text cannot be scanned (it parsed, so it can). */
    static List<Extent> of(String json) {
        List<Extent> out = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                boolean statement = parser.currentName().equals("Statement");
                JsonToken value = parser.nextToken();
                if (!statement) {
                    parser.skipChildren();
                } else if (value == JsonToken.START_OBJECT) {
                    out.add(extent(parser));
                } else if (value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        out.add(extent(parser));
                    }
                }
            }
            return token == JsonToken.END_OBJECT ? out : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** With the parser on a statement's START_OBJECT, reads to its END_OBJECT. */
    private static Extent extent(JsonParser parser) throws IOException {
        TextPosition start = position(parser.currentTokenLocation(), 0);
        parser.skipChildren();
        return new Extent(start, position(parser.currentTokenLocation(), 1));
    }

    private static TextPosition position(JsonLocation location, int after) {
        return new TextPosition(location.getLineNr(), location.getColumnNr() + after);
    }
}
