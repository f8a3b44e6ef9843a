package io.strongroom.iampolicy;

import java.nio.charset.StandardCharsets;

/** Where a document is used; decides which elements it must and must not carry (spec 1.1) and how it is measured. */
public enum PolicyKind {
    IDENTITY,
    RESOURCE,
    /** A role trust policy: the resource policy of {@code sts:AssumeRole*} on the role. */
    TRUST,
    SERVICE_CONTROL,
    RESOURCE_CONTROL,
    PERMISSIONS_BOUNDARY,
    SESSION;

    /** Principal/NotPrincipal is required here rather than forbidden. */
    public boolean namesPrincipals() {
        return this == RESOURCE || this == TRUST || this == RESOURCE_CONTROL;
    }

    /** Statement ids restricted to {@code [0-9A-Za-z]*}: the IAM family; other services' resource policies differ. */
    boolean iamSidRules(EvaluationOptions options) {
        return this != RESOURCE || options.alphanumericSidInResourcePolicies();
    }

    /**
     * The size as AWS counts it for this kind: SCPs in bytes with whitespace (as sent), session policies as
     * plaintext characters, everything else in non-whitespace characters (spec 1.7).
     */
    public int measure(String json) {
        return switch (this) {
            case SERVICE_CONTROL -> json.getBytes(StandardCharsets.UTF_8).length;
            case SESSION, RESOURCE_CONTROL -> json.length();
            default -> (int) json.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        };
    }

    /** The documented limit of one document of this kind; 0 when the owning service sets it. */
    int sizeLimit(EvaluationOptions options) {
        return switch (this) {
            case IDENTITY, PERMISSIONS_BOUNDARY -> 6_144;
            case TRUST -> options.trustPolicySizeLimit();
            case SERVICE_CONTROL, RESOURCE_CONTROL -> 5_120;
            case SESSION -> 2_048;
            case RESOURCE -> options.resourcePolicySizeLimit();
        };
    }
}
