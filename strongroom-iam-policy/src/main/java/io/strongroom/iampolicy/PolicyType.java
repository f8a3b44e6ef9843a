package io.strongroom.iampolicy;

/** The policy types a {@link Decision} can name, with the phrases AWS uses for them in AccessDenied (spec 4.8). */
public enum PolicyType {
    SERVICE_CONTROL_POLICY("a service control policy", "service control policy"),
    /** Implicit RCP denies cannot happen in AWS (RCPFullAWSAccess is undetachable); the phrase follows the pattern. */
    RESOURCE_CONTROL_POLICY("a resource control policy", "resource control policy"),
    IDENTITY_BASED("an identity-based policy", "identity-based policy"),
    RESOURCE_BASED("a resource-based policy", "resource-based policy"),
    ROLE_TRUST("the role trust policy", "role trust policy"),
    PERMISSIONS_BOUNDARY("a permissions boundary", "permissions boundary"),
    /** "sessions policy" in the explicit form is AWS's own spelling. */
    SESSION_POLICY("a sessions policy", "session policy");

    private final String explicitPhrase;
    private final String implicitPhrase;

    PolicyType(String explicitPhrase, String implicitPhrase) {
        this.explicitPhrase = explicitPhrase;
        this.implicitPhrase = implicitPhrase;
    }

    /** As in "with an explicit deny in {@code <phrase>}". */
    public String explicitPhrase() {
        return explicitPhrase;
    }

    /** As in "because no {@code <phrase>} allows the X action". */
    public String implicitPhrase() {
        return implicitPhrase;
    }
}
