package io.strongroom.engine.identity;

/** The kinds of caller CloudTrail's userIdentity.type distinguishes. */
public enum PrincipalType {
    ROOT("Root"),
    IAM_USER("IAMUser"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser"),
    AWS_SERVICE("AWSService");

    private final String trailName;

    PrincipalType(String trailName) {
        this.trailName = trailName;
    }

    /** The name CloudTrail writes in userIdentity.type. */
    public String trailName() {
        return trailName;
    }
}
