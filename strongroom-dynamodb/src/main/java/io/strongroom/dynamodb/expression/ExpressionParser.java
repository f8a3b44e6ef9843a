package io.strongroom.dynamodb.expression;

import io.strongroom.dynamodb.DynamoDbErrors;
import io.strongroom.kernel.ServiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for DynamoDB's expression language. Grammar (keywords case-insensitive):
 * <pre>
 * condition  := or
 * or         := and ("OR" and)*
 * and        := not ("AND" not)*
 * not        := "NOT" not | primary
 * primary    := "(" condition ")"
 *             | function "(" operand ("," operand)* ")"          -- attribute_exists, begins_with, ...
 *             | operand ( comparator operand
 *                       | "BETWEEN" operand "AND" operand
 *                       | "IN" "(" operand ("," operand)* ")" )
 * operand    := path | ":value" | "size" "(" path ")"
 * path       := name ("." name | "[" digits "]")*                -- name is an identifier or "#name"
 * update     := ( "SET" set ("," set)* | "REMOVE" path ("," path)*
 *               | "ADD" path operand ("," ...)* | "DELETE" path operand ("," ...)* )+
 * set        := path "=" value ; value := term (("+" | "-") term)?
 * term       := operand | "if_not_exists" "(" path "," term ")" | "list_append" "(" term "," term ")"
 * projection := path ("," path)*
 * </pre>
 * Placeholders are resolved while parsing, so every error names the expression kind as AWS does
 * ("Invalid ConditionExpression: ...").
 */
public final class ExpressionParser {
    private static final Set<String> CONDITION_FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists",
            "attribute_type", "begins_with", "contains");
    /** DynamoDB's limit on any expression string (4 KB). */
    private static final int MAX_SIZE = 4096;
    private static final int MAX_NESTING = 100;
    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");

    private final String text;
    private final String kind;
    private final ExpressionAttributes attributes;
    private final List<Token> tokens;
    private int position;
    private int depth;

    private ExpressionParser(String text, String kind, ExpressionAttributes attributes) {
        this.text = text;
        this.kind = kind;
        this.attributes = attributes;
        int size = text == null ? 0 : text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > MAX_SIZE) {
            throw invalid("Expression size has exceeded the maximum allowed size; expression size: " + size);
        }
        this.tokens = tokenize(text);
    }

    /** Parentheses, NOT and functions inside each other: a bound, so that parsing and evaluating cannot recurse deep. */
    private <T> T nested(java.util.function.Supplier<T> inner) {
        if (++depth > MAX_NESTING) {
            throw invalid("The expression has more than " + MAX_NESTING + " levels of nesting;");
        }
        try {
            return inner.get();
        } finally {
            depth--;
        }
    }

    public static Condition condition(String text, String kind, ExpressionAttributes attributes) {
        ExpressionParser p = new ExpressionParser(text, kind, attributes);
        p.requireNotEmpty();
        Condition c = p.or();
        p.expectEnd();
        return c;
    }

    public static Update update(String text, ExpressionAttributes attributes) {
        ExpressionParser p = new ExpressionParser(text, "UpdateExpression", attributes);
        p.requireNotEmpty();
        Update u = p.update();
        p.expectEnd();
        return u;
    }

    public static List<Path> projection(String text, ExpressionAttributes attributes) {
        ExpressionParser p = new ExpressionParser(text, "ProjectionExpression", attributes);
        p.requireNotEmpty();
        List<Path> paths = new ArrayList<>();
        paths.add(p.path());
        while (p.accept(",")) {
            paths.add(p.path());
        }
        p.expectEnd();
        return paths;
    }

    // ---- conditions

    private Condition or() {
        Condition left = and();
        while (acceptKeyword("OR")) {
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (acceptKeyword("AND")) {
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (acceptKeyword("NOT")) {
            return new Condition.Not(nested(this::not));
        }
        return primary();
    }

    private Condition primary() {
        if (accept("(")) {
            Condition inner = nested(this::or);
            expect(")");
            return inner;
        }
        Token t = peek();
        if (t.kind == Kind.IDENTIFIER && peekAt(1).is("(")) {
            String function = t.text.toLowerCase(Locale.ROOT);
            if (CONDITION_FUNCTIONS.contains(t.text)) {
                position++;
                expect("(");
                List<Operand> args = new ArrayList<>();
                args.add(operand());
                while (accept(",")) {
                    args.add(operand());
                }
                expect(")");
                checkFunction(t, args);
                return new Condition.Function(function, args);
            }
            if (!t.text.equals("size")) {
                throw invalid("Invalid function name; function: " + t.text);
            }
        }
        Operand left = operand();
        Token op = peek();
        if (op.kind == Kind.SYMBOL && COMPARATORS.contains(op.text)) {
            position++;
            return new Condition.Compare(left, op.text, operand());
        }
        if (acceptKeyword("BETWEEN")) {
            Operand low = operand();
            expectKeyword("AND");
            return new Condition.Between(left, low, operand());
        }
        if (acceptKeyword("IN")) {
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            candidates.add(operand());
            while (accept(",")) {
                candidates.add(operand());
            }
            expect(")");
            return new Condition.In(left, candidates);
        }
        throw syntax(op);
    }

    private void checkFunction(Token name, List<Operand> args) {
        int expected = switch (name.text) {
            case "attribute_exists", "attribute_not_exists" -> 1;
            default -> 2;
        };
        if (args.size() != expected) {
            throw invalid("Incorrect number of operands for operator or function; operator or function: " + name.text
                    + ", number of operands: " + args.size());
        }
        if (!(args.get(0) instanceof Operand.PathOperand)) {
            throw invalid("Operator or function requires a document path; operator or function: " + name.text);
        }
    }

    private Operand operand() {
        Token t = peek();
        if (t.kind == Kind.VALUE) {
            position++;
            return new Operand.Value(t.text, attributes.value(t.text, kind));
        }
        if (t.kind == Kind.IDENTIFIER && t.text.equals("size") && peekAt(1).is("(")) {
            position += 2;
            Path path = path();
            expect(")");
            return new Operand.Size(path);
        }
        if (t.kind == Kind.IDENTIFIER && peekAt(1).is("(")) {
            throw invalid("Invalid function name; function: " + t.text);
        }
        return new Operand.PathOperand(path());
    }

    private Path path() {
        List<Object> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            if (accept(".")) {
                elements.add(name());
            } else if (accept("[")) {
                Token index = next();
                if (index.kind != Kind.NUMBER) {
                    throw syntax(index);
                }
                try {
                    elements.add(Integer.parseInt(index.text));
                } catch (NumberFormatException e) {
                    throw syntax(index);
                }
                expect("]");
            } else {
                return new Path(elements);
            }
        }
    }

    private String name() {
        Token t = next();
        if (t.kind == Kind.NAME) {
            return attributes.name(t.text, kind);
        }
        if (t.kind == Kind.IDENTIFIER) {
            return t.text;
        }
        throw syntax(t);
    }

    // ---- updates

    private Update update() {
        List<Update.Action> actions = new ArrayList<>();
        java.util.Set<String> clauses = new java.util.HashSet<>();
        do {
            Token t = next();
            String clause = t.kind == Kind.IDENTIFIER ? t.text.toUpperCase(Locale.ROOT) : "";
            if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(clause)) {
                throw syntax(t);
            }
            if (!clauses.add(clause)) {
                throw invalid("The \"" + clause + "\" section can only be used once in an update expression;");
            }
            do {
                Path path = path();
                switch (clause) {
                    case "SET" -> {
                        expect("=");
                        actions.add(new Update.Set(path, setValue()));
                    }
                    case "REMOVE" -> actions.add(new Update.Remove(path));
                    case "ADD" -> actions.add(new Update.Add(path, operand()));
                    default -> actions.add(new Update.Delete(path, operand()));
                }
            } while (accept(","));
        } while (peek().kind != Kind.END);
        for (int i = 0; i < actions.size(); i++) {
            for (int j = i + 1; j < actions.size(); j++) {
                Path a = actions.get(i).path();
                Path b = actions.get(j).path();
                if (a.overlaps(b)) {
                    throw invalid("Two document paths overlap with each other; must remove or rewrite one of these "
                            + "paths; path one: [" + a + "], path two: [" + b + "]");
                }
            }
        }
        return new Update(actions);
    }

    private Operand setValue() {
        Operand left = term();
        if (accept("+")) {
            return new Operand.Arithmetic(left, '+', term());
        }
        if (accept("-")) {
            return new Operand.Arithmetic(left, '-', term());
        }
        return left;
    }

    private Operand term() {
        Token t = peek();
        if (t.kind == Kind.IDENTIFIER && peekAt(1).is("(")) {
            if (t.text.equals("if_not_exists")) {
                position += 2;
                Path path = path();
                expect(",");
                Operand fallback = nested(this::term);
                expect(")");
                return new Operand.IfNotExists(path, fallback);
            }
            if (t.text.equals("list_append")) {
                position += 2;
                Operand first = nested(this::term);
                expect(",");
                Operand second = nested(this::term);
                expect(")");
                return new Operand.ListAppend(first, second);
            }
            throw invalid("Invalid function name; function: " + t.text);
        }
        return operand();
    }

    // ---- tokens

    private enum Kind { IDENTIFIER, NAME, VALUE, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text, int start, int end) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    private List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '#' || c == ':') {
                i++;
                while (i < s.length() && isWordChar(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(c == '#' ? Kind.NAME : Kind.VALUE, s.substring(start, i), start, i));
            } else if (Character.isDigit(c)) {
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i), start, i));
            } else if (isWordChar(c)) {
                while (i < s.length() && isWordChar(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.IDENTIFIER, s.substring(start, i), start, i));
            } else if (s.startsWith("<>", i) || s.startsWith("<=", i) || s.startsWith(">=", i)) {
                i += 2;
                out.add(new Token(Kind.SYMBOL, s.substring(start, i), start, i));
            } else if ("=<>()[],.+-".indexOf(c) >= 0) {
                i++;
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), start, i));
            } else {
                throw invalid("Invalid character encountered; character: \"" + c + "\"");
            }
        }
        out.add(new Token(Kind.END, "<EOF>", s.length(), s.length()));
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(position);
        if (t.kind != Kind.END) {
            position++;
        }
        return t;
    }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        Token t = peek();
        if (t.kind == Kind.IDENTIFIER && t.text.equalsIgnoreCase(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        Token t = peek();
        if (!accept(symbol)) {
            throw syntax(t);
        }
    }

    private void expectKeyword(String keyword) {
        Token t = peek();
        if (!acceptKeyword(keyword)) {
            throw syntax(t);
        }
    }

    private void expectEnd() {
        if (peek().kind != Kind.END) {
            throw syntax(peek());
        }
    }

    private void requireNotEmpty() {
        if (peek().kind == Kind.END) {
            throw DynamoDbErrors.validation("Invalid " + kind + ": The expression can not be empty;");
        }
    }

    private ServiceException invalid(String detail) {
        return DynamoDbErrors.validation("Invalid " + kind + ": " + detail);
    }

    /** AWS's form: the offending token and the text from the token before it to the token after it. */
    private ServiceException syntax(Token t) {
        int index = tokens.indexOf(t);
        int from = tokens.get(Math.max(0, index - 1)).start;
        int to = tokens.get(Math.min(tokens.size() - 1, index + 1)).end;
        return invalid("Syntax error; token: \"" + t.text + "\", near: \"" + text.substring(from, to) + "\"");
    }
}
