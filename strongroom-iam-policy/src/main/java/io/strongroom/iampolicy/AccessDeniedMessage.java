package io.strongroom.iampolicy;

/** AWS's AccessDenied sentences in their current forms (spec 4.8). */
public final class AccessDeniedMessage {
    public static final String ROOT_CANNOT_ASSUME_ROLE = "Roles may not be assumed by root accounts.";

    private AccessDeniedMessage() {
    }

    /** {@code ... with an explicit deny in <type>[, with policy ARN: <arn>]}. */
    public static String explicitDeny(String callerArn, String action, String resource, PolicyType type,
                                      String policyArn) {
        String suffix = policyArn == null ? "" : ", with policy ARN: " + policyArn;
        return prefix(callerArn, action, resource) + " with an explicit deny in " + type.explicitPhrase() + suffix;
    }

    /** {@code ... because no <type> allows the <action> action}. */
    public static String implicitDeny(String callerArn, String action, String resource, PolicyType type) {
        return prefix(callerArn, action, resource) + " because no " + type.implicitPhrase() + " allows the " + action
                + " action";
    }

    private static String prefix(String callerArn, String action, String resource) {
        return "User: " + callerArn + " is not authorized to perform: " + action
                + (resource == null ? "" : " on resource: " + resource);
    }
}
