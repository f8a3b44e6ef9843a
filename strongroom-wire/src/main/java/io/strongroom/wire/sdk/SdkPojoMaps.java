package io.strongroom.wire.sdk;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an SDK request or response into plain maps with lower-camel member names, the form CloudTrail
 * records {@code requestParameters} and {@code responseElements} in. Sensitive members are left out.
 */
public final class SdkPojoMaps {
    private static final Set<String> SENSITIVE = Set.of("secretAccessKey", "sessionToken", "plaintext",
            "password", "masterUserPassword", "secretString", "tokenCode", "base32StringSeed", "qrCodePNG");

    private SdkPojoMaps() {
    }

    /** Null when the object has no members set (CloudTrail writes null then). */
    public static Map<String, Object> toMap(SdkPojo pojo) {
        if (pojo == null) {
            return null;
        }
        Map<String, Object> out = structure(pojo);
        return out.isEmpty() ? null : out;
    }

    private static Map<String, Object> structure(SdkPojo pojo) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            String name = lowerCamel(field.memberName());
            if (value == null || SENSITIVE.contains(name) || isUnsetCollection(value)) {
                continue;
            }
            out.put(name, plain(value));
        }
        return out;
    }

    private static boolean isUnsetCollection(Object value) {
        // The SDK's "auto construct" collections stand for members the caller never set.
        return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
                || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
    }

    private static Object plain(Object value) {
        if (value instanceof SdkPojo nested) {
            return structure(nested);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof SdkBytes) {
            return "HIDDEN_DUE_TO_SECURITY_REASONS";
        }
        return value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
    }

    private static String lowerCamel(String memberName) {
        return memberName.isEmpty() ? memberName
                : Character.toLowerCase(memberName.charAt(0)) + memberName.substring(1);
    }
}
