package io.strongroom.iampolicy;

/**
 * How one document is being saved.
 *
 * @param managedPolicy a managed policy (CreatePolicy, CreatePolicyVersion), which must carry Version 2012-10-17;
 *                      inline and trust policies need not (spec 1.1)
 * @param sizeLimit     overrides the kind's limit (spec 1.7), e.g. a raised trust-policy quota; 0 keeps it,
 *                      negative disables the check
 * @param options       the open behaviours
 */
public record ParseSettings(boolean managedPolicy, int sizeLimit, EvaluationOptions options) {
    public ParseSettings {
        if (options == null) {
            throw new IllegalArgumentException("options are required");
        }
    }

    public static ParseSettings defaults() {
        return new ParseSettings(false, 0, EvaluationOptions.defaults());
    }

    public static ParseSettings managed() {
        return new ParseSettings(true, 0, EvaluationOptions.defaults());
    }

    public ParseSettings withSizeLimit(int value) {
        return new ParseSettings(managedPolicy, value, options);
    }

    public ParseSettings withOptions(EvaluationOptions value) {
        return new ParseSettings(managedPolicy, sizeLimit, value);
    }

    int effectiveLimit(PolicyKind kind) {
        return sizeLimit < 0 ? 0 : sizeLimit > 0 ? sizeLimit : kind.sizeLimit(options);
    }
}
