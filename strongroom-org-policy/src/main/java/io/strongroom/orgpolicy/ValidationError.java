package io.strongroom.orgpolicy;

import java.util.List;

/**
 * One reason an effective policy is not valid, shaped like {@code EffectivePolicyValidationError}.
 *
 * @param pathToError          slash-separated, lower case, no leading slash: {@code plans/daily/rules}
 * @param contributingPolicies ids of the policies that created or changed the offending element, each once,
 *                             root level first
 */
public record ValidationError(String errorCode, String errorMessage, String pathToError,
                              List<String> contributingPolicies) {
    public static final String KEY_REQUIRED = "KEY_REQUIRED";
    public static final String ELEMENTS_TOO_FEW = "ELEMENTS_TOO_FEW";
    public static final String ELEMENTS_TOO_MANY = "ELEMENTS_TOO_MANY";
    /** Only with {@link EffectivePolicyOptions#reportIgnoredOperations()}; AWS is not known to report these. */
    public static final String OPERATION_NOT_ALLOWED = "OPERATION_NOT_ALLOWED";

    public ValidationError {
        contributingPolicies = List.copyOf(contributingPolicies);
    }
}
