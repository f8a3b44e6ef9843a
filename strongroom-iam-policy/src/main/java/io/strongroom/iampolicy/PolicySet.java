package io.strongroom.iampolicy;

import java.util.List;

/**
 * The policies that bear on one request.
 *
 * @param serviceControlPolicies  levels root -> OUs -> caller's account; null when the caller's account is in no
 *                                organization or SCPs are disabled
 * @param resourceControlPolicies levels root -> OUs -> resource's account; null when not in an organization or RCPs
 *                                are disabled
 * @param identityPolicies        inline, attached managed and group policies of the caller
 * @param permissionsBoundary     null when the user/role has none
 * @param sessionPolicies         inline and managed session policies; empty when the session has none
 * @param resourcePolicy          of the target (bucket, vault, key policy), or the role trust policy when the
 *                                document is {@link PolicyKind#TRUST}; null when the resource has none
 */
public record PolicySet(List<OrganizationLevel> serviceControlPolicies,
                        List<OrganizationLevel> resourceControlPolicies,
                        List<AttachedPolicy> identityPolicies,
                        AttachedPolicy permissionsBoundary,
                        List<AttachedPolicy> sessionPolicies,
                        AttachedPolicy resourcePolicy) {
    public PolicySet {
        serviceControlPolicies = serviceControlPolicies == null ? null : List.copyOf(serviceControlPolicies);
        resourceControlPolicies = resourceControlPolicies == null ? null : List.copyOf(resourceControlPolicies);
        identityPolicies = identityPolicies == null ? List.of() : List.copyOf(identityPolicies);
        sessionPolicies = sessionPolicies == null ? List.of() : List.copyOf(sessionPolicies);
    }

    public static PolicySet identity(List<AttachedPolicy> identityPolicies) {
        return new PolicySet(null, null, identityPolicies, null, List.of(), null);
    }

    public PolicySet withServiceControlPolicies(List<OrganizationLevel> value) {
        return new PolicySet(value, resourceControlPolicies, identityPolicies, permissionsBoundary, sessionPolicies,
                resourcePolicy);
    }

    public PolicySet withResourceControlPolicies(List<OrganizationLevel> value) {
        return new PolicySet(serviceControlPolicies, value, identityPolicies, permissionsBoundary, sessionPolicies,
                resourcePolicy);
    }

    public PolicySet withPermissionsBoundary(AttachedPolicy value) {
        return new PolicySet(serviceControlPolicies, resourceControlPolicies, identityPolicies, value,
                sessionPolicies, resourcePolicy);
    }

    public PolicySet withSessionPolicies(List<AttachedPolicy> value) {
        return new PolicySet(serviceControlPolicies, resourceControlPolicies, identityPolicies, permissionsBoundary,
                value, resourcePolicy);
    }

    public PolicySet withResourcePolicy(AttachedPolicy value) {
        return new PolicySet(serviceControlPolicies, resourceControlPolicies, identityPolicies, permissionsBoundary,
                sessionPolicies, value);
    }
}
