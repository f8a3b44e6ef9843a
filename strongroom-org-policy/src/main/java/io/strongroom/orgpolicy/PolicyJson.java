package io.strongroom.orgpolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Strict JSON reading for policy documents: AWS rejects duplicate keys, Jackson would silently keep the last. */
final class PolicyJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private PolicyJson() {
    }

    /** The document's top-level object; anything else (empty, an array, trailing text) is malformed. */
    static JsonNode parseObject(String content, boolean detailInMessage) {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.startsWith("Duplicate field")) {
                throw new MalformedPolicyDocument("duplicate key: " + why, locationOf(e), detailInMessage);
            }
            throw new MalformedPolicyDocument("not well-formed JSON: " + why, locationOf(e), detailInMessage);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new MalformedPolicyDocument("the document must be a single JSON object", "", detailInMessage);
        }
        return root;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
