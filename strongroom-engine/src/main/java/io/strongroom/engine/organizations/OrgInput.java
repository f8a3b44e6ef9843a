package io.strongroom.engine.organizations;

import java.util.Map;
import java.util.regex.Pattern;

/** Input checks whose failures AWS reports as InvalidInputException with a reason. */
final class OrgInput {
    private static final Pattern ROOT = Pattern.compile("r-[0-9a-z]{4,32}");
    private static final Pattern OU = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern POLICY = Pattern.compile("p-[0-9a-zA-Z_]{8,128}");
    private static final Pattern CREATE_REQUEST = Pattern.compile("car-[a-z0-9]{8,32}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    private OrgInput() {
    }

    static boolean isRoot(String id) {
        return id != null && ROOT.matcher(id).matches();
    }

    static boolean isOu(String id) {
        return id != null && OU.matcher(id).matches();
    }

    static boolean isAccount(String id) {
        return id != null && ACCOUNT.matcher(id).matches();
    }

    static boolean isPolicy(String id) {
        return id != null && POLICY.matcher(id).matches();
    }

    static void parentId(String id) {
        if (!isRoot(id) && !isOu(id)) {
            throw OrganizationsErrors.invalidInput("INVALID_PATTERN", "You specified an invalid value for parentId.");
        }
    }

    static void ouId(String id) {
        if (!isOu(id)) {
            throw OrganizationsErrors.invalidInput("INVALID_PATTERN",
                    "You specified an invalid value for organizationalUnitId.");
        }
    }

    static void accountId(String id) {
        if (!isAccount(id)) {
            throw OrganizationsErrors.invalidInput("INVALID_PATTERN", "You specified an invalid value for accountId.");
        }
    }

    static void rootId(String id) {
        if (!isRoot(id)) {
            throw OrganizationsErrors.invalidInput("INVALID_PATTERN", "You specified an invalid value for rootId.");
        }
    }

    static void policyId(String id) {
        if (!isPolicy(id)) {
            throw OrganizationsErrors.invalidInput("INVALID_SYNTAX_POLICY_ID",
                    "You specified an invalid value for policyId.");
        }
    }

    static void targetId(String id) {
        if (!isRoot(id) && !isOu(id) && !isAccount(id)) {
            throw OrganizationsErrors.invalidInput("INVALID_PATTERN_TARGET_ID",
                    "You specified an invalid value for targetId.");
        }
    }

    static void createRequestId(String id) {
        if (id == null || !CREATE_REQUEST.matcher(id).matches()) {
            throw OrganizationsErrors.invalidInput("INVALID_PATTERN",
                    "You specified an invalid value for createAccountRequestId.");
        }
    }

    static void policyType(String type) {
        if (!PolicyTypes.known(type)) {
            throw OrganizationsErrors.invalidInput("INVALID_ENUM_POLICY_TYPE", "You specified an invalid policy type.");
        }
    }

    static void name(String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw OrganizationsErrors.invalidInput("INPUT_REQUIRED", "You must specify a value for " + field + ".");
        }
        if (value.length() > max) {
            throw OrganizationsErrors.invalidInput("MAX_LENGTH_EXCEEDED",
                    "The value for " + field + " exceeds the maximum length of " + max + ".");
        }
    }

    static void email(String email) {
        if (email == null || email.length() < 6 || email.length() > 64 || !EMAIL.matcher(email).matches()) {
            throw OrganizationsErrors.invalidInput("INVALID_EMAIL_ADDRESS_TARGET",
                    "You specified an invalid email address.");
        }
    }

    /** Tag rules shared by every taggable resource. */
    static void tags(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey() == null || tag.getKey().isEmpty() || tag.getKey().length() > 128) {
                throw OrganizationsErrors.invalidInput("INVALID_INPUT", "Tag keys must be 1 to 128 characters.");
            }
            if (tag.getKey().regionMatches(true, 0, "aws:", 0, 4)) {
                throw OrganizationsErrors.invalidInput("INVALID_SYSTEM_TAGS_PARAMETER",
                        "You can't use tag keys that start with 'aws:'.");
            }
            if (tag.getValue() == null || tag.getValue().length() > 256) {
                throw OrganizationsErrors.invalidInput("INVALID_INPUT", "Tag values must be 0 to 256 characters.");
            }
        }
        if (tags.size() > 50) {
            throw OrganizationsErrors.constraint("MAX_TAG_LIMIT_EXCEEDED",
                    "You have exceeded the maximum number of tags allowed on this resource.");
        }
    }
}
