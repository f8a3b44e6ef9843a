package io.strongroom.engine.kms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The KMS condition keys a request supplies to the Authorizer, from the key it acts on and what it carries. */
public final class KmsConditionKeys {
    private KmsConditionKeys() {
    }

    /** kms:CallerAccount, kms:ResourceAliases, kms:KeyOrigin, kms:KeySpec, kms:KeyUsage and aws:ResourceTag/*. */
    public static Map<String, List<String>> forKey(String callerAccount, KmsKey key, List<KmsAlias> aliases) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("kms:CallerAccount", List.of(callerAccount));
        keys.put("kms:KeyOrigin", List.of("AWS_KMS"));
        keys.put("kms:KeySpec", List.of("SYMMETRIC_DEFAULT"));
        keys.put("kms:KeyUsage", List.of("ENCRYPT_DECRYPT"));
        if (!aliases.isEmpty()) {
            keys.put("kms:ResourceAliases", aliases.stream().map(KmsAlias::aliasName).toList());
        }
        key.tags().forEach((k, v) -> keys.put("aws:ResourceTag/" + k, List.of(v)));
        return keys;
    }

    /** kms:CallerAccount alone, for calls on no key (CreateKey, ListKeys...). */
    public static Map<String, List<String>> caller(String callerAccount) {
        return Map.of("kms:CallerAccount", List.of(callerAccount));
    }

    /** kms:EncryptionContext:<key> for each pair and kms:EncryptionContextKeys. */
    public static Map<String, List<String>> encryptionContext(Map<String, String> context) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        if (context != null && !context.isEmpty()) {
            context.forEach((k, v) -> keys.put("kms:EncryptionContext:" + k, List.of(v)));
            keys.put("kms:EncryptionContextKeys", new ArrayList<>(context.keySet()));
        }
        return keys;
    }

    /** aws:RequestTag/<key> and aws:TagKeys for calls that set tags. */
    public static Map<String, List<String>> requestTags(Map<String, String> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, List.of(v)));
        if (!tags.isEmpty()) {
            keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        return keys;
    }
}
