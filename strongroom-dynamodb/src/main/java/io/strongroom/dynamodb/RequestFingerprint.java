package io.strongroom.dynamodb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A digest of TransactWriteItems' actions: equal for two requests exactly when they ask the same, however their
 * maps and sets are ordered. It tells a retried ClientRequestToken from a reused one (D105). Every text is written
 * with its length, so no two different requests write the same text.
 */
final class RequestFingerprint {
    private RequestFingerprint() {
    }

    static String of(List<Inputs.TransactWriteItem> items) {
        StringBuilder out = new StringBuilder();
        for (Inputs.TransactWriteItem i : items) {
            text(out, i.action().name());
            text(out, i.tableName());
            item(out, i.itemOrKey());
            text(out, i.updateExpression());
            text(out, i.condition().conditionExpression());
            names(out, i.condition().attributes().names());
            item(out, i.condition().attributes().values());
            String returnValues = i.returnValuesOnConditionCheckFailure();
            text(out, returnValues == null ? "NONE" : returnValues);
        }
        return digest(out.toString());
    }

    /** SHA-256 of the text's UTF-8, in hex. */
    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void text(StringBuilder out, String s) {
        if (s == null) {
            out.append('~');
        } else {
            out.append(s.length()).append(':').append(s);
        }
    }

    private static void names(StringBuilder out, Map<String, String> names) {
        out.append('{').append(names.size());
        new TreeMap<>(names).forEach((k, v) -> {
            text(out, k);
            text(out, v);
        });
        out.append('}');
    }

    private static void item(StringBuilder out, Map<String, AttributeValue> item) {
        if (item == null) {
            out.append('~');
            return;
        }
        out.append('{').append(item.size());
        new TreeMap<>(item).forEach((k, v) -> {
            text(out, k);
            value(out, v);
        });
        out.append('}');
    }

    private static void value(StringBuilder out, AttributeValue v) {
        text(out, v.type());
        if (v instanceof AttributeValue.S s) {
            text(out, s.value());
        } else if (v instanceof AttributeValue.N n) {
            text(out, n.value());
        } else if (v instanceof AttributeValue.B b) {
            text(out, java.util.Base64.getEncoder().encodeToString(b.value()));
        } else if (v instanceof AttributeValue.SS ss) {
            members(out, ss.values());
        } else if (v instanceof AttributeValue.NS ns) {
            members(out, ns.values());
        } else if (v instanceof AttributeValue.BS bs) {
            members(out, bs.base64Values());
        } else if (v instanceof AttributeValue.M m) {
            item(out, m.values());
        } else if (v instanceof AttributeValue.L l) {
            out.append('[').append(l.values().size());
            l.values().forEach(e -> value(out, e));
            out.append(']');
        } else if (v instanceof AttributeValue.Bool bool) {
            text(out, String.valueOf(bool.value()));
        }
    }

    private static void members(StringBuilder out, java.util.Set<String> members) {
        out.append('(').append(members.size());
        new TreeSet<>(members).forEach(m -> text(out, m));
        out.append(')');
    }
}
