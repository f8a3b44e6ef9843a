package io.strongroom.policychecks;

import io.strongroom.iampolicy.PolicyKind;

/** ValidatePolicy's {@code policyType}: which grammar the document is checked against. */
public enum PolicyCheckType {
    IDENTITY_POLICY(PolicyKind.IDENTITY),
    RESOURCE_POLICY(PolicyKind.RESOURCE),
    SERVICE_CONTROL_POLICY(PolicyKind.SERVICE_CONTROL),
    RESOURCE_CONTROL_POLICY(PolicyKind.RESOURCE_CONTROL);

    private final PolicyKind kind;

    PolicyCheckType(PolicyKind kind) {
        this.kind = kind;
    }

    public PolicyKind kind() {
        return kind;
    }

    /** Whether statements name principals (resource and resource control policies) rather than must not. */
    boolean namesPrincipals() {
        return kind.namesPrincipals();
    }
}
