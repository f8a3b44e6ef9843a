package io.strongroom.iampolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A policy string that may hold variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'shared'}},
 * {@code ${*}}...). Parsed once; {@link #resolve} produces the text to compare, marking which characters came from
 * variables so that they are never treated as wildcards.
 */
final class Template {
    private sealed interface Part permits Text, Variable {
    }

    private record Text(String text, boolean literal) implements Part {
    }

    private record Variable(String key, String defaultValue) implements Part {
    }

    /** Text with its wildcard map: {@code literal[i]} is true when character i must match itself. */
    record Resolved(String text, boolean[] literal) {
        boolean globMatches(String value, boolean ignoreCase) {
            return Glob.matches(text, literal, 0, text.length(), value, 0, value.length(), ignoreCase);
        }
    }

    private final String raw;
    private final List<Part> parts;

    private Template(String raw, List<Part> parts) {
        this.raw = raw;
        this.parts = parts;
    }

    static Template literal(String raw) {
        return new Template(raw, List.of(new Text(raw, false)));
    }

    /**
     * Parses variables when {@code variables} is set (Version 2012-10-17 and an element that allows them).
     * {@code firstSegment} limits variables to the text after that many colons, for Resource where only the sixth
     * ARN segment may hold one (spec 1.4); an unterminated {@code ${} stays plain text.
     */
    static Template parse(String raw, boolean variables, int firstSegment) {
        if (!variables || !raw.contains("${")) {
            return literal(raw);
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int colons = 0;
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            int close = c == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '{' ? raw.indexOf('}', i + 2) : -1;
            if (close < 0 || colons < firstSegment) {
                if (c == ':') {
                    colons++;
                }
                text.append(c);
                i++;
                continue;
            }
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString(), false));
                text.setLength(0);
            }
            parts.add(variable(raw.substring(i + 2, close)));
            i = close + 1;
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString(), false));
        }
        return new Template(raw, List.copyOf(parts));
    }

    private static Part variable(String body) {
        String trimmed = body.trim();
        if (trimmed.equals("*") || trimmed.equals("?") || trimmed.equals("$")) {
            return new Text(trimmed, true);
        }
        int comma = trimmed.indexOf(',');
        if (comma > 0) {
            String fallback = trimmed.substring(comma + 1).trim();
            if (fallback.length() >= 2 && fallback.startsWith("'") && fallback.endsWith("'")) {
                return new Variable(trimmed.substring(0, comma).trim(), fallback.substring(1, fallback.length() - 1));
            }
        }
        return new Variable(trimmed, null);
    }

    String raw() {
        return raw;
    }

    /** The condition keys the variables name, as written. */
    List<String> variableKeys() {
        return parts.stream().filter(p -> p instanceof Variable).map(p -> ((Variable) p).key()).toList();
    }

    boolean hasVariables() {
        return parts.stream().anyMatch(p -> p instanceof Variable);
    }

    /** Empty when a variable has no single value in the request and no default: the entry then matches nothing. */
    Optional<Resolved> resolve(RequestContext context) {
        if (parts.size() == 1 && parts.get(0) instanceof Text t && !t.literal()) {
            return Optional.of(new Resolved(t.text(), new boolean[t.text().length()]));
        }
        StringBuilder text = new StringBuilder();
        List<Boolean> literal = new ArrayList<>();
        for (Part part : parts) {
            String piece;
            boolean isLiteral;
            if (part instanceof Text t) {
                piece = t.text();
                isLiteral = t.literal();
            } else {
                Variable v = (Variable) part;
                Optional<String> value = context.single(v.key());
                if (value.isEmpty() && v.defaultValue() == null) {
                    return Optional.empty();
                }
                piece = value.orElse(v.defaultValue());
                isLiteral = true;
            }
            text.append(piece);
            for (int k = 0; k < piece.length(); k++) {
                literal.add(isLiteral);
            }
        }
        boolean[] flags = new boolean[literal.size()];
        for (int k = 0; k < flags.length; k++) {
            flags[k] = literal.get(k);
        }
        return Optional.of(new Resolved(text.toString(), flags));
    }

    @Override
    public String toString() {
        return raw;
    }
}
