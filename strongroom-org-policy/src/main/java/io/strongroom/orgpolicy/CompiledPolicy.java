package io.strongroom.orgpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A policy document pre-digested for merging: keys lower-cased, operators pulled out, operand JSON rendered once.
 * One compiled form serves every account the policy reaches, so parsing is paid once per content, not per account.
 */
final class CompiledPolicy {
    static final class Node {
        final String key;
        final String displayKey;
        /** Allowed-operator bits declared here for lower levels, or -1 when the node declares none. */
        final int restriction;
        final JsonNode assign;
        final ArrayNode append;
        final ArrayNode remove;
        final String assignJson;
        final String appendJson;
        final String removeJson;
        final Node[] children;

        Node(String displayKey, int restriction, JsonNode assign, ArrayNode append, ArrayNode remove, Node[] children) {
            this.key = displayKey.toLowerCase(Locale.ROOT);
            this.displayKey = displayKey;
            this.restriction = restriction;
            this.assign = assign;
            this.append = append;
            this.remove = remove;
            this.assignJson = assign == null ? null : PolicyJson.compact(assign);
            this.appendJson = append == null ? null : PolicyJson.compact(append);
            this.removeJson = remove == null ? null : PolicyJson.compact(remove);
            this.children = children;
        }

        boolean isValueNode() {
            return assign != null || append != null || remove != null;
        }
    }

    private static final Node[] NO_CHILDREN = new Node[0];

    final Node root;

    private CompiledPolicy(Node root) {
        this.root = root;
    }

    /** Stored content was validated at create time, so parsing problems here are reported the same way. */
    static CompiledPolicy compile(String content) {
        JsonNode document = PolicyJson.parseObject(content, false);
        // Operators at the document root have no meaning (nothing is above it), so only elements are kept.
        return new CompiledPolicy(new Node("", -1, null, null, null, children(document)));
    }

    private static Node[] children(JsonNode object) {
        List<Node> nodes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!Operators.isOperatorKey(field.getKey())) {
                nodes.add(node(field.getKey(), field.getValue()));
            }
        }
        return nodes.isEmpty() ? NO_CHILDREN : nodes.toArray(NO_CHILDREN);
    }

    private static Node node(String key, JsonNode value) {
        if (!value.isObject()) {
            // A bare value only gets here when the leaf check is switched off; it then means "@@assign".
            return new Node(key, -1, value, null, null, NO_CHILDREN);
        }
        int restriction = -1;
        JsonNode control = value.get(Operators.CHILD_CONTROL);
        if (control != null && control.isArray()) {
            restriction = 0;
            boolean any = false;
            for (JsonNode name : control) {
                int bit = Operators.bitOf(name.asText());
                if (bit >= 0) {
                    restriction |= bit;
                    any = true;
                }
            }
            if (!any) {
                restriction = -1;
            }
        }
        JsonNode assign = value.get(Operators.ASSIGN);
        ArrayNode append = asArray(value.get(Operators.APPEND));
        ArrayNode remove = asArray(value.get(Operators.REMOVE));
        boolean valueNode = assign != null || append != null || remove != null;
        return new Node(key, restriction, assign, append, remove, valueNode ? NO_CHILDREN : children(value));
    }

    private static ArrayNode asArray(JsonNode operand) {
        if (operand == null) {
            return null;
        }
        if (operand.isArray()) {
            return (ArrayNode) operand;
        }
        return PolicyJson.MAPPER.createArrayNode().add(operand);
    }
}
