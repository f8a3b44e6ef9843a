package io.strongroom.engine.access.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.json.JsonCodec;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A resource policy as the Authorizer evaluates it, with statements a service adds to the stored document (KMS
 * grants, a vault's cross-account guard). The stored document is never changed.
 */
public final class PolicyStatements {
    private PolicyStatements() {
    }

    /**
     * {@code policy} (null: an empty 2012-10-17 document) with the statements {@code add} appends to its Statement
     * array; a document that does not parse as an object is returned unchanged (its parse error surfaces later).
     */
    public static String append(String policy, Consumer<ArrayNode> add) {
        try {
            ObjectNode document;
            if (policy == null) {
                document = JsonCodec.MAPPER.createObjectNode().put("Version", "2012-10-17");
            } else if (JsonCodec.MAPPER.readTree(policy) instanceof ObjectNode parsed) {
                document = parsed;
            } else {
                return policy;
            }
            JsonNode existing = document.get("Statement");
            ArrayNode statements = JsonCodec.MAPPER.createArrayNode();
            if (existing instanceof ArrayNode array) {
                statements.addAll(array);
            } else if (existing != null) {
                statements.add(existing);
            }
            add.accept(statements);
            document.set("Statement", statements);
            return JsonCodec.MAPPER.writeValueAsString(document);
        } catch (IOException e) {
            return policy;
        }
    }
}
