package io.strongroom.orgpolicy;

/** The two broad kinds of Organizations policy; only management policies are merged into an effective policy. */
public enum PolicyFamily {
    /** SCPs and RCPs: IAM-style filters evaluated level by level, never merged. */
    AUTHORIZATION,
    /** Inheritance-operator documents merged root to account into one effective policy per account. */
    MANAGEMENT
}
