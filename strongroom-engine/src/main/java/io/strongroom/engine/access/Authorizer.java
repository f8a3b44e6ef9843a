package io.strongroom.engine.access;

import io.strongroom.engine.identity.Principal;

/**
 * The one place that decides whether a call is allowed. Every API call (before dispatch) and every
 * action the engine takes as a principal asks it.
 *
 * <p>Until the policy engine arrives, an account's root user may act on its own account's resources
 * and everyone else is denied, in AWS's AccessDenied sentence form.
 */
public final class Authorizer {

    public Decision authorize(AuthorizationRequest request) {
        Principal principal = request.principal();
        if (request.actions().isEmpty()) {
            // An operation that declares no action cannot be authorized: unknown means deny.
            return Decision.deny("(undeclared)", "*",
                    AccessDeniedMessages.undeclared(principal), "the operation declares no IAM action");
        }
        for (String action : request.actions()) {
            for (String resource : request.resources()) {
                if (!(principal.isRoot() && ownedBy(resource, principal.accountId()))) {
                    return Decision.deny(action, resource,
                            AccessDeniedMessages.noIdentityPolicy(principal, action, resource),
                            "no identity-based policy allows " + action + " on " + resource);
                }
            }
        }
        return Decision.allow("the account's root user acts on its own account's resources");
    }

    /**
     * May {@code caller} assume {@code role}? The role's trust policy must allow it, and the caller's
     * own permissions too (spec 4.6).
     */
    public Decision authorizeAssumeRole(io.strongroom.storage.Tx tx, Principal caller, io.strongroom.engine.iam.IamRole role,
                                        java.util.Map<String, java.util.List<String>> context) {
        String action = "sts:AssumeRole";
        return Decision.deny(action, role.arn(), "User: " + caller.arn() + " is not authorized to perform: " + action
                + " on resource: " + role.arn() + " because no role trust policy allows the " + action + " action",
                "trust policies are not evaluated yet");
    }

    private static boolean ownedBy(String resource, String accountId) {
        if (resource.equals("*")) {
            return true;
        }
        String[] parts = resource.split(":", 6);
        // AWS managed policies (account "aws") are readable from every account; IAM refuses changes to them.
        return parts.length == 6 && (parts[4].isEmpty() || parts[4].equals(accountId) || parts[4].equals("aws"));
    }
}
