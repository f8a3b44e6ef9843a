package io.strongroom.engine.iam;

import java.util.regex.Pattern;

/**
 * Parameter checks IAM answers with ValidationError, worded as AWS's model constraints are
 * ("1 validation error detected: Value 'x' at 'userName' failed to satisfy constraint: ...").
 */
final class IamInput {
    static final String NAME_PATTERN = "[\\w+=,.@-]+";
    static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");
    private static final Pattern VERSION_ID = Pattern.compile("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
    private static final Pattern ARN = Pattern.compile("arn:[^:]+:[^:]*:[^:]*:[^:]*:.+");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern DOCUMENT = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");

    private IamInput() {
    }

    static void required(String member, Object value) {
        if (value == null) {
            throw IamErrors.validation(member, null, "Member must not be null");
        }
    }

    static void length(String member, String value, int min, int max) {
        required(member, value);
        if (value.length() < min) {
            throw IamErrors.validation(member, value, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw IamErrors.validation(member, value, "Member must have length less than or equal to " + max);
        }
    }

    /** A user, group, role, policy or MFA device name: 1 to {@code max} characters of [\w+=,.@-]. */
    static void name(String member, String value, int max) {
        length(member, value, 1, max);
        if (!NAME.matcher(value).matches()) {
            throw IamErrors.validation(member, value, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
    }

    static void userName(String value) {
        name("userName", value, 64);
    }

    static void groupName(String value) {
        name("groupName", value, 128);
    }

    static void roleName(String value) {
        name("roleName", value, 64);
    }

    static void policyName(String value) {
        name("policyName", value, 128);
    }

    /** A path ('/' or '/a/b/'), defaulting to '/'. */
    static String path(String member, String value) {
        if (value == null) {
            return "/";
        }
        length(member, value, 1, 512);
        if (!PATH.matcher(value).matches()) {
            throw IamErrors.validation(member, value, "Member must satisfy regular expression pattern: " + PATH_PATTERN);
        }
        return value;
    }

    /** A path prefix for listings: like a path but need not end with '/'. */
    static String pathPrefix(String value) {
        if (value == null) {
            return "/";
        }
        length("pathPrefix", value, 1, 512);
        if (!value.startsWith("/") || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw IamErrors.validation("pathPrefix", value,
                    "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*");
        }
        return value;
    }

    static void description(String member, String value, int max) {
        if (value != null && value.length() > max) {
            throw IamErrors.validation(member, value, "Member must have length less than or equal to " + max);
        }
    }

    static void document(String member, String value) {
        length(member, value, 1, 131072);
        if (!DOCUMENT.matcher(value).matches()) {
            throw IamErrors.validation(member, value,
                    "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
        }
    }

    static void arn(String member, String value) {
        length(member, value, 20, 2048);
        if (!ARN.matcher(value).matches()) {
            throw IamErrors.invalidInput("ARN " + value + " is not valid.");
        }
    }

    static void versionId(String value) {
        required("versionId", value);
        if (!VERSION_ID.matcher(value).matches()) {
            throw IamErrors.validation("versionId", value,
                    "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
        }
    }

    static int range(String member, Integer value, int min, int max, int absent) {
        if (value == null) {
            return absent;
        }
        if (value < min) {
            throw IamErrors.validation(member, value, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw IamErrors.validation(member, value, "Member must have value less than or equal to " + max);
        }
        return value;
    }

    static void tagKey(String key) {
        length("tags.member.key", key, 1, 128);
        if (!TAG.matcher(key).matches()) {
            throw IamErrors.validation("tags.member.key", key,
                    "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
        }
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw IamErrors.invalidInput("User-defined tag keys can't start with 'aws:'.");
        }
    }

    static void tagValue(String value) {
        length("tags.member.value", value, 0, 256);
        if (!TAG.matcher(value).matches()) {
            throw IamErrors.validation("tags.member.value", value,
                    "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
        }
    }

    static String status(String value) {
        required("status", value);
        if (!value.equals("Active") && !value.equals("Inactive")) {
            throw IamErrors.validation("status", value, "Member must satisfy enum value set: [Active, Inactive]");
        }
        return value;
    }

    static void authenticationCode(String member, String value) {
        length(member, value, 6, 6);
        if (!value.chars().allMatch(Character::isDigit)) {
            throw IamErrors.validation(member, value, "Member must satisfy regular expression pattern: [\\d]+");
        }
    }
}
