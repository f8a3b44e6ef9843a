package io.strongroom.engine.backup.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.json.JsonCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED looks for in a vault access policy (spec audit 1.4, control
 * 3): a Deny statement for every principal ({@code "*"}) on every resource ({@code "*"}) whose actions cover the
 * given ones (wildcards allowed).
 */
public final class VaultDeletionGuard {
    private VaultDeletionGuard() {
    }

    /** The actions of {@code required} that no such statement denies (all of them for a missing or bad policy). */
    public static List<String> undenied(String policy, List<String> required) {
        List<String> missing = new ArrayList<>(required);
        if (policy == null) {
            return missing;
        }
        JsonNode root;
        try {
            root = JsonCodec.MAPPER.readTree(policy);
        } catch (java.io.IOException e) {
            return missing;
        }
        for (JsonNode st : iterable(root.path("Statement"))) {
            if ("Deny".equals(st.path("Effect").asText()) && everyone(st.path("Principal"))
                    && strings(st.path("Resource")).contains("*")) {
                List<String> actions = strings(st.path("Action"));
                missing.removeIf(a -> actions.stream().anyMatch(pattern -> glob(pattern, a)));
            }
        }
        return missing;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node::elements : List.of(node);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        iterable(node).forEach(n -> {
            if (n.isTextual()) {
                out.add(n.asText());
            }
        });
        return out;
    }

    private static boolean everyone(JsonNode principal) {
        return "*".equals(principal.asText()) || strings(principal.path("AWS")).contains("*");
    }

    private static boolean glob(String pattern, String action) {
        String regex = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .reduce((a, b) -> a + ".*" + b).orElse("");
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(action).matches();
    }
}
