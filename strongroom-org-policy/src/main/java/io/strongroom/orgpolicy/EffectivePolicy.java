package io.strongroom.orgpolicy;

import java.util.List;

/**
 * The merged policy of one account and one type.
 *
 * @param content     compact JSON ({@code PolicyContent}); null when no policy of the type is attached on the path
 * @param errors      why the document is not valid (spec 3.5); empty when valid. The caller keeps the last valid one
 * @param explanation which policy at which level produced each key, and which operations were dropped and why
 */
public record EffectivePolicy(String content, List<ValidationError> errors, Explanation explanation) {
    public EffectivePolicy {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
