package io.strongroom.orgpolicy;

import com.fasterxml.jackson.databind.JsonNode;

/** Create-time checks for {@code CreatePolicy} / {@code UpdatePolicy} content. */
public final class PolicyDocuments {
    private PolicyDocuments() {
    }

    /** {@link #validate(PolicyType, String, PolicyValidationOptions)} with the default options. */
    public static void validate(PolicyType type, String content) {
        validate(type, content, PolicyValidationOptions.defaults());
    }

    /**
     * Accepts {@code content} or throws. The size is checked first and on the exact text submitted, because AWS
     * counts every character (whitespace included) and answers it with a different exception.
     *
     * @throws PolicyContentTooLarge   over the type's size limit
     * @throws MalformedPolicyDocument not valid for the type
     */
    public static void validate(PolicyType type, String content, PolicyValidationOptions options) {
        if (content == null) {
            throw new MalformedPolicyDocument("the content is missing", "", options.detailInMessage());
        }
        int length = content.codePointCount(0, content.length());
        int limit = options.contentLimit(type);
        if (length > limit) {
            throw new PolicyContentTooLarge(type, length, limit);
        }
        JsonNode document = PolicyJson.parseObject(content, options.detailInMessage());
        if (type.isAuthorization()) {
            new AuthorizationPolicyValidator(options).validate(type, document);
        } else {
            new ManagementPolicyValidator(options).validate(type, document);
        }
    }
}
