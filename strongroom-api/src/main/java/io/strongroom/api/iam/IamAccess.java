package io.strongroom.api.iam;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.engine.iam.IamService;

/**
 * The resources IAM actions name: entity ARNs with their stored path (IAM is global, so the region is
 * empty), and for listings the kind's ARN prefix, as AWS's AccessDenied messages show
 * ({@code arn:aws:iam::A:user/}).
 */
final class IamAccess {
    private final IamService iam;

    IamAccess(IamService iam) {
        this.iam = iam;
    }

    static String arn(CallContext ctx, String kind, String pathAndName) {
        return "arn:aws:iam::" + ctx.accountId() + ":" + kind + pathAndName;
    }

    static String path(String path) {
        return path == null ? "/" : path;
    }

    /** An existing entity of a kind ("user", "group", "role") by name, with its stored path. */
    String entity(CallContext ctx, String kind, String name) {
        return arn(ctx, kind, iam.pathOf(ctx.tx(), ctx.accountId(), kind, name) + (name == null ? "" : name));
    }

    /** The named user, or the caller itself when no user is named. */
    String userOrCaller(CallContext ctx, String name) {
        return name == null ? ctx.caller().arn() : entity(ctx, "user", name);
    }

    AccessRequirement on(String action, String resource) {
        return AccessRequirement.of("iam:" + action, resource);
    }

    /**
     * The policy ARN the call names; a value that is no ARN at all is authorized against the account's
     * policies, so the caller learns IAM's InvalidInput rather than an AccessDenied naming garbage.
     */
    static String policyArn(CallContext ctx, String arn) {
        return arn != null && arn.startsWith("arn:") && arn.split(":", 6).length == 6 ? arn : arn(ctx, "policy", "/");
    }

    static String mfa(CallContext ctx, String serialNumber) {
        return serialNumber == null || !serialNumber.startsWith("arn:") ? arn(ctx, "mfa", "/") : serialNumber;
    }
}
