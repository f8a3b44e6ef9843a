package io.strongroom.orgpolicy;

/**
 * Create-time checks whose exact set AWS does not document (spec 2.10, 2.3, 2.4, 4.1 — all [U]), each switchable
 * on its own through {@link PolicyValidationOptions}. The JSON well-formedness, duplicate-key, known-operator and
 * SCP statement checks are [D] and always on.
 */
public enum ValidationCheck {
    /** A backup policy's only top-level key is {@code plans}. */
    TOP_LEVEL_PLANS_ONLY(true),
    /** Every leaf setting of a management policy is an operator object, never a bare scalar or array. */
    LEAVES_ARE_VALUE_NODES(true),
    /** {@code @@append}/{@code @@remove} only on multi-valued (array) settings. */
    APPEND_REMOVE_ONLY_ON_ARRAYS(true),
    /** {@code @@operators_allowed_for_child_policies} holds {@code @@all}, {@code @@none} or a subset of the three. */
    OPERATORS_ALLOWED_VALUES(true),
    /** Fixed keys of a backup policy must be known (even though AWS's own examples misspell one). */
    UNKNOWN_BACKUP_KEYS(true),
    /** A node holds either element keys or operator keys, except the child-control operator. */
    NO_MIXED_OPERATOR_AND_ELEMENT_KEYS(true),
    /** A backup setting's value has its kind: an array for list settings, a scalar for single ones. */
    BACKUP_VALUE_TYPES(true),
    /** {@code schedule_expression_timezone} is refused (the Backup API has it; the policy syntax table does not). */
    REJECT_SCHEDULE_EXPRESSION_TIMEZONE(false),
    /** Values of {@code regions} look like Region codes. Whether AWS checks them against the partition is unknown. */
    REGION_CODES(false),
    /** Every SCP/RCP carries {@code Version}; documented examples omit it, so off by default. */
    SCP_VERSION_REQUIRED(false);

    private final boolean enabledByDefault;

    ValidationCheck(boolean enabledByDefault) {
        this.enabledByDefault = enabledByDefault;
    }

    public boolean enabledByDefault() {
        return enabledByDefault;
    }
}
