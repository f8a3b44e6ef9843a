package io.strongroom.iampolicy;

/** Who is calling; decides which principal forms of a policy can name the caller and which keys describe it. */
public enum PrincipalType {
    /** The account root user ({@code aws:PrincipalType = Account}). */
    ROOT("Account"),
    IAM_USER("User"),
    /** A role session (AssumeRole, SAML, web identity, service role). */
    ASSUMED_ROLE("AssumedRole"),
    /** A GetFederationToken session ({@code arn:aws:sts::A:federated-user/name}). */
    FEDERATED_USER("FederatedUser"),
    /** An AWS service principal acting itself ({@code backup.amazonaws.com}). */
    SERVICE(null),
    /** A SAML or OIDC identity calling AssumeRoleWithSAML/WebIdentity, named by {@code "Federated"} principals. */
    IDENTITY_PROVIDER(null),
    ANONYMOUS("Anonymous");

    private final String contextValue;

    PrincipalType(String contextValue) {
        this.contextValue = contextValue;
    }

    /** The {@code aws:PrincipalType} value, or null where AWS documents none. */
    public String contextValue() {
        return contextValue;
    }

    /** Principals of an AWS account: subject to its identity policies and (for members) its SCPs. */
    public boolean accountPrincipal() {
        return this == ROOT || this == IAM_USER || this == ASSUMED_ROLE || this == FEDERATED_USER;
    }
}
