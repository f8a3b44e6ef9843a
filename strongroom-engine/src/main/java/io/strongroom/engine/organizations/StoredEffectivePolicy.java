package io.strongroom.engine.organizations;

import java.time.Instant;
import java.util.List;

/**
 * An account's effective policy of one type as last computed. When a merge turns invalid the account
 * keeps {@code content} from its last valid merge and {@code errors} says what is wrong now.
 */
public record StoredEffectivePolicy(String accountId, String type, String content, Instant lastUpdated,
                                    List<EffectivePolicyError> errors, Instant evaluated) {
    public StoredEffectivePolicy {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** One validation error of the current merge. */
    public record EffectivePolicyError(String errorCode, String errorMessage, String pathToError,
                                       List<String> contributingPolicies) {
    }
}
