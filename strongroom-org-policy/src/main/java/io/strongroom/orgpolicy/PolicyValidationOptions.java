package io.strongroom.orgpolicy;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one place to change how strict create-time validation is.
 *
 * @param checks          the enabled [U] checks ({@link ValidationCheck#enabledByDefault()} by default)
 * @param scpContentLimit characters allowed in an SCP: 10,240 since May 2026, 5,120 before
 * @param detailInMessage append our reason to AWS's generic {@code MalformedPolicyDocumentException} message
 */
public record PolicyValidationOptions(Set<ValidationCheck> checks, int scpContentLimit, boolean detailInMessage) {
    public PolicyValidationOptions {
        checks = checks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(checks));
        if (scpContentLimit < 1) {
            throw new IllegalArgumentException("scpContentLimit must be positive");
        }
    }

    public static PolicyValidationOptions defaults() {
        EnumSet<ValidationCheck> on = EnumSet.noneOf(ValidationCheck.class);
        for (ValidationCheck check : ValidationCheck.values()) {
            if (check.enabledByDefault()) {
                on.add(check);
            }
        }
        return new PolicyValidationOptions(on, PolicyType.SERVICE_CONTROL_POLICY.defaultContentLimit(), false);
    }

    public boolean enabled(ValidationCheck check) {
        return checks.contains(check);
    }

    public PolicyValidationOptions with(ValidationCheck check, boolean enabled) {
        EnumSet<ValidationCheck> next = checks.isEmpty() ? EnumSet.noneOf(ValidationCheck.class) : EnumSet.copyOf(checks);
        if (enabled) {
            next.add(check);
        } else {
            next.remove(check);
        }
        return new PolicyValidationOptions(next, scpContentLimit, detailInMessage);
    }

    public PolicyValidationOptions withScpContentLimit(int limit) {
        return new PolicyValidationOptions(checks, limit, detailInMessage);
    }

    public PolicyValidationOptions withDetailInMessage(boolean detail) {
        return new PolicyValidationOptions(checks, scpContentLimit, detail);
    }

    public int contentLimit(PolicyType type) {
        return type == PolicyType.SERVICE_CONTROL_POLICY ? scpContentLimit : type.defaultContentLimit();
    }
}
