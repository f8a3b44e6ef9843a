package io.strongroom.dynamodb.expression;

import io.strongroom.dynamodb.AttributeValue;
import io.strongroom.dynamodb.DynamoDbErrors;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Evaluates conditions against an item and applies update actions to it. */
public final class Evaluator {
    private Evaluator() {
    }

    // ---- conditions

    public static boolean matches(Condition condition, Map<String, AttributeValue> item) {
        if (condition instanceof Condition.And and) {
            return matches(and.left(), item) && matches(and.right(), item);
        }
        if (condition instanceof Condition.Or or) {
            return matches(or.left(), item) || matches(or.right(), item);
        }
        if (condition instanceof Condition.Not not) {
            return !matches(not.condition(), item);
        }
        if (condition instanceof Condition.Compare c) {
            Optional<AttributeValue> left = operand(c.left(), item);
            Optional<AttributeValue> right = operand(c.right(), item);
            if (c.operator().equals("<>")) {
                return !(left.isPresent() && right.isPresent() && equal(left.get(), right.get()));
            }
            if (left.isEmpty() || right.isEmpty()) {
                return false;
            }
            if (c.operator().equals("=")) {
                return equal(left.get(), right.get());
            }
            Integer order = compare(left.get(), right.get());
            if (order == null) {
                return false;
            }
            return switch (c.operator()) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
        if (condition instanceof Condition.Between b) {
            Optional<AttributeValue> v = operand(b.value(), item);
            Optional<AttributeValue> low = operand(b.low(), item);
            Optional<AttributeValue> high = operand(b.high(), item);
            if (v.isEmpty() || low.isEmpty() || high.isEmpty()) {
                return false;
            }
            Integer lo = compare(v.get(), low.get());
            Integer hi = compare(v.get(), high.get());
            return lo != null && hi != null && lo >= 0 && hi <= 0;
        }
        if (condition instanceof Condition.In in) {
            Optional<AttributeValue> v = operand(in.value(), item);
            return v.isPresent() && in.candidates().stream()
                    .map(c -> operand(c, item)).anyMatch(c -> c.isPresent() && equal(v.get(), c.get()));
        }
        Condition.Function f = (Condition.Function) condition;
        Path path = ((Operand.PathOperand) f.arguments().get(0)).path();
        Optional<AttributeValue> value = get(item, path);
        switch (f.name()) {
            case "attribute_exists":
                return value.isPresent();
            case "attribute_not_exists":
                return value.isEmpty();
            case "attribute_type": {
                Optional<AttributeValue> type = operand(f.arguments().get(1), item);
                return value.isPresent() && type.isPresent() && type.get() instanceof AttributeValue.S s
                        && s.value().equals(value.get().type());
            }
            case "begins_with": {
                Optional<AttributeValue> prefix = operand(f.arguments().get(1), item);
                if (value.isEmpty() || prefix.isEmpty()) {
                    return false;
                }
                if (value.get() instanceof AttributeValue.S s && prefix.get() instanceof AttributeValue.S p) {
                    return s.value().startsWith(p.value());
                }
                if (value.get() instanceof AttributeValue.B b && prefix.get() instanceof AttributeValue.B p) {
                    byte[] bytes = b.value();
                    byte[] start = p.value();
                    return bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
                }
                return false;
            }
            default: {
                Optional<AttributeValue> needle = operand(f.arguments().get(1), item);
                return value.isPresent() && needle.isPresent() && contains(value.get(), needle.get());
            }
        }
    }

    private static boolean contains(AttributeValue haystack, AttributeValue needle) {
        if (haystack instanceof AttributeValue.S s && needle instanceof AttributeValue.S n) {
            return s.value().contains(n.value());
        }
        if (haystack instanceof AttributeValue.SS ss && needle instanceof AttributeValue.S n) {
            return ss.values().contains(n.value());
        }
        if (haystack instanceof AttributeValue.NS ns && needle instanceof AttributeValue.N n) {
            return ns.values().contains(n.value());
        }
        if (haystack instanceof AttributeValue.BS bs && needle instanceof AttributeValue.B n) {
            return bs.base64Values().contains(java.util.Base64.getEncoder().encodeToString(n.value()));
        }
        if (haystack instanceof AttributeValue.L l) {
            return l.values().stream().anyMatch(e -> equal(e, needle));
        }
        return false;
    }

    /** Values of the same scalar type in DynamoDB's order; null when they cannot be ordered. */
    public static Integer compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return x.decimal().compareTo(y.decimal());
        }
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return Arrays.compareUnsigned(x.value().getBytes(StandardCharsets.UTF_8),
                    y.value().getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return Arrays.compareUnsigned(x.value(), y.value());
        }
        return null;
    }

    public static boolean equal(AttributeValue a, AttributeValue b) {
        return a.equals(b);
    }

    /** An operand's value in the item; empty when it names a missing attribute. */
    public static Optional<AttributeValue> operand(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.Value v) {
            return Optional.of(v.value());
        }
        if (operand instanceof Operand.PathOperand p) {
            return get(item, p.path());
        }
        if (operand instanceof Operand.Size s) {
            return get(item, s.path()).flatMap(Evaluator::size).map(n -> new AttributeValue.N(Long.toString(n)));
        }
        if (operand instanceof Operand.IfNotExists i) {
            Optional<AttributeValue> existing = get(item, i.path());
            return existing.isPresent() ? existing : operand(i.fallback(), item);
        }
        if (operand instanceof Operand.ListAppend la) {
            AttributeValue first = required(la.first(), item);
            AttributeValue second = required(la.second(), item);
            if (!(first instanceof AttributeValue.L a) || !(second instanceof AttributeValue.L b)) {
                throw DynamoDbErrors.validation("Invalid UpdateExpression: Incorrect operand type for operator or "
                        + "function; operator or function: list_append, operand type: "
                        + (first instanceof AttributeValue.L ? second.type() : first.type()));
            }
            List<AttributeValue> joined = new ArrayList<>(a.values());
            joined.addAll(b.values());
            return Optional.of(new AttributeValue.L(joined));
        }
        Operand.Arithmetic ar = (Operand.Arithmetic) operand;
        AttributeValue left = required(ar.left(), item);
        AttributeValue right = required(ar.right(), item);
        if (!(left instanceof AttributeValue.N l) || !(right instanceof AttributeValue.N r)) {
            throw DynamoDbErrors.validation("An operand in the update expression has an incorrect data type");
        }
        BigDecimal result = ar.operator() == '+' ? l.decimal().add(r.decimal()) : l.decimal().subtract(r.decimal());
        return Optional.of(new AttributeValue.N(result.toPlainString()));
    }

    private static AttributeValue required(Operand operand, Map<String, AttributeValue> item) {
        return operand(operand, item).orElseThrow(() -> DynamoDbErrors.validation(
                "The provided expression refers to an attribute that does not exist in the item"));
    }

    private static Optional<Long> size(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return Optional.of((long) s.value().codePointCount(0, s.value().length()));
        }
        if (v instanceof AttributeValue.B b) {
            return Optional.of((long) b.value().length);
        }
        if (v instanceof AttributeValue.SS s) {
            return Optional.of((long) s.values().size());
        }
        if (v instanceof AttributeValue.NS s) {
            return Optional.of((long) s.values().size());
        }
        if (v instanceof AttributeValue.BS s) {
            return Optional.of((long) s.base64Values().size());
        }
        if (v instanceof AttributeValue.M m) {
            return Optional.of((long) m.values().size());
        }
        if (v instanceof AttributeValue.L l) {
            return Optional.of((long) l.values().size());
        }
        return Optional.empty();
    }

    // ---- document paths

    public static Optional<AttributeValue> get(Map<String, AttributeValue> item, Path path) {
        AttributeValue current = item.get(path.topLevel());
        for (Object e : path.elements().subList(1, path.elements().size())) {
            if (current == null) {
                return Optional.empty();
            }
            if (e instanceof Integer i) {
                current = current instanceof AttributeValue.L l && i < l.values().size() ? l.values().get(i) : null;
            } else {
                current = current instanceof AttributeValue.M m ? m.values().get((String) e) : null;
            }
        }
        return Optional.ofNullable(current);
    }

    /** The item projected onto paths (ProjectionExpression); nested paths keep their enclosing maps and lists. */
    public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<Path> paths) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Path path : paths) {
            Optional<AttributeValue> value = get(item, path);
            if (value.isEmpty()) {
                continue;
            }
            if (path.isTopLevel()) {
                out.put(path.topLevel(), value.get());
            } else {
                out = set(out, new Path(path.elements()), value.get(), true);
            }
        }
        return out;
    }

    // ---- updates

    /** The item after the update's actions, in order; the input is not changed. */
    public static Map<String, AttributeValue> apply(Update update, Map<String, AttributeValue> original) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(original);
        for (Update.Action action : update.actions()) {
            if (action instanceof Update.Set s) {
                AttributeValue value = operand(s.value(), original).orElseThrow(() -> DynamoDbErrors.validation(
                        "The provided expression refers to an attribute that does not exist in the item"));
                item = set(item, s.path(), value, false);
            } else if (action instanceof Update.Remove r) {
                item = remove(item, r.path());
            } else if (action instanceof Update.Add a) {
                AttributeValue value = operand(a.value(), original).orElseThrow();
                Optional<AttributeValue> current = get(item, a.path());
                item = set(item, a.path(), current.isEmpty() ? addable(value) : add(current.get(), value), false);
            } else if (action instanceof Update.Delete d) {
                AttributeValue value = operand(d.value(), original).orElseThrow();
                Optional<AttributeValue> current = get(item, d.path());
                if (current.isPresent()) {
                    Optional<AttributeValue> rest = subtract(current.get(), value);
                    item = rest.isPresent() ? set(item, d.path(), rest.get(), false) : remove(item, d.path());
                } else if (!isSet(value)) {
                    throw incorrectOperand("DELETE", value);
                }
            }
        }
        return item;
    }

    private static io.strongroom.kernel.ServiceException incorrectOperand(String operator, AttributeValue value) {
        return DynamoDbErrors.validation("Invalid UpdateExpression: Incorrect operand type for operator or function; "
                + "operator: " + operator + ", operand type: " + typeName(value));
    }

    private static String typeName(AttributeValue v) {
        return switch (v.type()) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "SS" -> "STRING SET";
            case "NS" -> "NUMBER SET";
            case "BS" -> "BINARY SET";
            case "M" -> "MAP";
            case "L" -> "LIST";
            case "BOOL" -> "BOOLEAN";
            default -> "NULL";
        };
    }

    private static boolean isSet(AttributeValue v) {
        return v instanceof AttributeValue.SS || v instanceof AttributeValue.NS || v instanceof AttributeValue.BS;
    }

    private static AttributeValue addable(AttributeValue value) {
        if (value instanceof AttributeValue.N || isSet(value)) {
            return value;
        }
        throw incorrectOperand("ADD", value);
    }

    private static AttributeValue add(AttributeValue current, AttributeValue value) {
        addable(value);
        if (current instanceof AttributeValue.N a && value instanceof AttributeValue.N b) {
            return new AttributeValue.N(a.decimal().add(b.decimal()).toPlainString());
        }
        if (current instanceof AttributeValue.SS a && value instanceof AttributeValue.SS b) {
            return new AttributeValue.SS(union(a.values(), b.values()));
        }
        if (current instanceof AttributeValue.NS a && value instanceof AttributeValue.NS b) {
            return new AttributeValue.NS(union(a.values(), b.values()));
        }
        if (current instanceof AttributeValue.BS a && value instanceof AttributeValue.BS b) {
            return new AttributeValue.BS(union(a.base64Values(), b.base64Values()));
        }
        throw DynamoDbErrors.validation("An operand in the update expression has an incorrect data type");
    }

    private static Optional<AttributeValue> subtract(AttributeValue current, AttributeValue value) {
        if (!isSet(value)) {
            throw incorrectOperand("DELETE", value);
        }
        Set<String> rest;
        if (current instanceof AttributeValue.SS a && value instanceof AttributeValue.SS b) {
            rest = minus(a.values(), b.values());
            return rest.isEmpty() ? Optional.empty() : Optional.of(new AttributeValue.SS(rest));
        }
        if (current instanceof AttributeValue.NS a && value instanceof AttributeValue.NS b) {
            rest = minus(a.values(), b.values());
            return rest.isEmpty() ? Optional.empty() : Optional.of(new AttributeValue.NS(rest));
        }
        if (current instanceof AttributeValue.BS a && value instanceof AttributeValue.BS b) {
            rest = minus(a.base64Values(), b.base64Values());
            return rest.isEmpty() ? Optional.empty() : Optional.of(new AttributeValue.BS(rest));
        }
        throw DynamoDbErrors.validation("An operand in the update expression has an incorrect data type");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static Map<String, AttributeValue> set(Map<String, AttributeValue> item, Path path, AttributeValue value,
                                                   boolean createParents) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(item);
        List<Object> elements = path.elements();
        if (elements.size() == 1) {
            out.put(path.topLevel(), value);
            return out;
        }
        AttributeValue top = out.get(path.topLevel());
        out.put(path.topLevel(), setIn(top, elements.subList(1, elements.size()), value, createParents));
        return out;
    }

    private static AttributeValue setIn(AttributeValue container, List<Object> rest, AttributeValue value,
                                        boolean createParents) {
        Object e = rest.get(0);
        if (e instanceof Integer index) {
            if (container == null && createParents) {
                container = new AttributeValue.L(List.of());
            }
            if (!(container instanceof AttributeValue.L l)) {
                throw invalidPath();
            }
            List<AttributeValue> list = new ArrayList<>(l.values());
            AttributeValue child = index < list.size() ? list.get(index) : null;
            AttributeValue updated = rest.size() == 1 ? value : setIn(child, rest.subList(1, rest.size()), value,
                    createParents);
            if (index < list.size()) {
                list.set(index, updated);
            } else {
                list.add(updated);
            }
            return new AttributeValue.L(list);
        }
        if (container == null && createParents) {
            container = new AttributeValue.M(Map.of());
        }
        if (!(container instanceof AttributeValue.M m)) {
            throw invalidPath();
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>(m.values());
        AttributeValue child = map.get((String) e);
        map.put((String) e, rest.size() == 1 ? value : setIn(child, rest.subList(1, rest.size()), value,
                createParents));
        return new AttributeValue.M(map);
    }

    private static Map<String, AttributeValue> remove(Map<String, AttributeValue> item, Path path) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(item);
        if (path.isTopLevel()) {
            out.remove(path.topLevel());
            return out;
        }
        AttributeValue top = out.get(path.topLevel());
        if (top != null) {
            out.put(path.topLevel(), removeIn(top, path.elements().subList(1, path.elements().size())));
        }
        return out;
    }

    private static AttributeValue removeIn(AttributeValue container, List<Object> rest) {
        Object e = rest.get(0);
        if (e instanceof Integer index && container instanceof AttributeValue.L l) {
            List<AttributeValue> list = new ArrayList<>(l.values());
            if (index < list.size()) {
                if (rest.size() == 1) {
                    list.remove((int) index);
                } else {
                    list.set(index, removeIn(list.get(index), rest.subList(1, rest.size())));
                }
            }
            return new AttributeValue.L(list);
        }
        if (e instanceof String key && container instanceof AttributeValue.M m) {
            Map<String, AttributeValue> map = new LinkedHashMap<>(m.values());
            if (rest.size() == 1) {
                map.remove(key);
            } else if (map.containsKey(key)) {
                map.put(key, removeIn(map.get(key), rest.subList(1, rest.size())));
            }
            return new AttributeValue.M(map);
        }
        return container;
    }

    private static io.strongroom.kernel.ServiceException invalidPath() {
        return DynamoDbErrors.validation("The document path provided in the update expression is invalid for update");
    }
}
