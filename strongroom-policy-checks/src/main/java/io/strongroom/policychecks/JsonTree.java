package io.strongroom.policychecks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The policy text as a JSON tree that remembers where every value and member name is, so that findings can point at
 * them. Duplicate member names are a syntax error here, as IAM treats them.
 */
final class JsonTree {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    sealed interface Node permits Obj, Arr, Scalar {
        Span span();
    }

    record Member(String name, Span nameSpan, Node value) {
    }

    record Obj(List<Member> members, Span span) implements Node {
        Optional<Member> member(String name) {
            return members.stream().filter(m -> m.name().equals(name)).findFirst();
        }

        Optional<Node> get(String name) {
            return member(name).map(Member::value);
        }
    }

    record Arr(List<Node> items, Span span) implements Node {
    }

    enum ScalarKind { STRING, NUMBER, BOOLEAN, NULL }

    record Scalar(ScalarKind kind, String text, Span span) implements Node {
        boolean isString() {
            return kind == ScalarKind.STRING;
        }
    }

    /** Not JSON (or a duplicate member name): where, and what was expected. */
    static final class SyntaxError extends Exception {
        private final Position position;

        SyntaxError(String message, Position position) {
            super(message, null, false, false);
            this.position = position;
        }

        Position position() {
            return position;
        }
    }

    private final String text;
    private final int[] lineStarts;

    private JsonTree(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static Node parse(String text) throws SyntaxError {
        JsonTree tree = new JsonTree(text);
        try (JsonParser parser = FACTORY.createParser(text)) {
            parser.enable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
            if (parser.nextToken() == null) {
                throw new SyntaxError("the document is empty", tree.position(text.length()));
            }
            Node root = tree.node(parser);
            if (parser.nextToken() != null) {
                throw new SyntaxError("unexpected content after the policy object",
                        tree.position((int) parser.currentTokenLocation().getCharOffset()));
            }
            return root;
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? text.length() : e.getLocation().getCharOffset();
            throw new SyntaxError(e.getOriginalMessage(), tree.position((int) Math.max(0, Math.min(offset,
                    text.length()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Node node(JsonParser parser) throws IOException, SyntaxError {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                List<Member> members = new ArrayList<>();
                Set<String> names = new HashSet<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    int nameStart = (int) parser.currentTokenLocation().getCharOffset();
                    String name = parser.currentName();
                    Span nameSpan = span(nameStart, stringEnd(nameStart));
                    if (!names.add(name)) {
                        throw new SyntaxError("the member \"" + name + "\" appears twice in one object",
                                nameSpan.start());
                    }
                    parser.nextToken();
                    members.add(new Member(name, nameSpan, node(parser)));
                }
                int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                return new Obj(members, span(start, end));
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser));
                }
                int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                return new Arr(items, span(start, end));
            }
            case VALUE_STRING -> {
                String value = parser.getText();
                return new Scalar(ScalarKind.STRING, value, span(start, stringEnd(start)));
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String value = parser.getText();
                return new Scalar(ScalarKind.NUMBER, value, span(start, start + value.length()));
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                String value = parser.getText();
                return new Scalar(ScalarKind.BOOLEAN, value, span(start, start + value.length()));
            }
            case VALUE_NULL -> {
                return new Scalar(ScalarKind.NULL, "null", span(start, start + 4));
            }
            default -> throw new SyntaxError("unexpected " + token, position(start));
        }
    }

    /** Just past the closing quote of the JSON string starting at {@code start}. */
    private int stringEnd(int start) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    private Span span(int start, int end) {
        return new Span(position(start), position(end));
    }

    private Position position(int offset) {
        int line = 0;
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (lineStarts[mid] <= offset) {
                line = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return new Position(line + 1, offset - lineStarts[line], offset);
    }
}
