package io.strongroom.engine.iam.policy;

import io.strongroom.iampolicy.ParseSettings;
import io.strongroom.iampolicy.PolicyDocument;
import io.strongroom.iampolicy.PolicyKind;

/**
 * The one place IAM checks a policy document before storing it: the IAM policy language module parses
 * and validates it for its kind and throws {@code MalformedPolicyDocument} (or {@code LimitExceeded} for
 * an oversized managed or trust policy) with AWS's messages (spec 1.8).
 */
public final class IamPolicyValidation {
    public enum Kind { IDENTITY, TRUST, PERMISSIONS_BOUNDARY }

    private IamPolicyValidation() {
    }

    /**
     * An inline (identity) or trust policy. Inline policies are limited by their owner's total, which
     * IAM checks itself, so the single-document limit does not apply to them.
     */
    public static void validate(String document, Kind kind) {
        ParseSettings settings = kind == Kind.IDENTITY ? ParseSettings.defaults().withSizeLimit(-1)
                : ParseSettings.defaults();
        PolicyDocument.parse(document, kind(kind), settings);
    }

    /** Managed policies (CreatePolicy, CreatePolicyVersion) must also say Version 2012-10-17 (spec 1.1). */
    public static void validateManaged(String document) {
        PolicyDocument.parse(document, PolicyKind.IDENTITY, ParseSettings.managed());
    }

    private static PolicyKind kind(Kind kind) {
        return switch (kind) {
            case IDENTITY -> PolicyKind.IDENTITY;
            case TRUST -> PolicyKind.TRUST;
            case PERMISSIONS_BOUNDARY -> PolicyKind.PERMISSIONS_BOUNDARY;
        };
    }
}
