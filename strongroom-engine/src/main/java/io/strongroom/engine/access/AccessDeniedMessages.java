package io.strongroom.engine.access;

import io.strongroom.engine.identity.Principal;

/** AWS's AccessDenied sentences, in their current forms. */
public final class AccessDeniedMessages {
    private AccessDeniedMessages() {
    }

    public static String noIdentityPolicy(Principal principal, String action, String resource) {
        return "User: " + principal.arn() + " is not authorized to perform: " + action + " on resource: "
                + resource + " because no identity-based policy allows the " + action + " action";
    }

    public static String undeclared(Principal principal) {
        return "User: " + principal.arn() + " is not authorized to perform this operation";
    }
}
