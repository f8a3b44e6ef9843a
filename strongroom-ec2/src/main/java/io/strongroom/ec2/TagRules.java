package io.strongroom.ec2;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** EC2's rules for tags, whatever the resource: at most 50, key and value lengths, no {@code aws:} keys. */
final class TagRules {
    static final int MAX_TAGS = 50;

    private TagRules() {
    }

    /** Null values become empty strings, as EC2 stores them. */
    static Map<String, String> nonNull(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> out.put(k, v == null ? "" : v));
        }
        return out;
    }

    static ServiceException tagLimitExceeded() {
        return new ServiceException(ErrorCode.of("TagLimitExceeded"),
                "The maximum number of Tags for a resource has been reached.");
    }

    static void validate(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw tagLimitExceeded();
        }
        tags.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw Ec2Errors.invalidParameterValue("Tag key must be between 1 and 128 characters long.");
            }
            if (v != null && v.length() > 256) {
                throw Ec2Errors.invalidParameterValue("Tag value exceeds the maximum length of 256 characters");
            }
            checkNotReserved(k);
        });
    }

    /** Keys starting with {@code aws:} are AWS's: neither set nor deleted by callers. */
    static void checkNotReserved(String key) {
        if (key != null && key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw Ec2Errors.invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
        }
    }
}
