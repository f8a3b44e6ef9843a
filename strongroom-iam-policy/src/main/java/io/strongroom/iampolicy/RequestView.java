package io.strongroom.iampolicy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The request as statements see it: caller, action, resource text and the condition keys, completed with the keys
 * that follow from the principal (spec 3.1) when the caller did not supply them.
 */
record RequestView(RequestPrincipal principal, String action, String resource, RequestContext context,
                   boolean hasBoundary) {

    static RequestView of(AuthorizationContext ctx, EvaluationOptions options) {
        Map<String, List<String>> keys = new HashMap<>();
        RequestPrincipal p = ctx.principal();
        if (options.derivePrincipalKeys()) {
            derive(keys, p, ctx.resource(), options);
        }
        ctx.conditionKeys().forEach((key, values) -> keys.put(RequestContext.normalize(key), values));
        if (p.type() == PrincipalType.ASSUMED_ROLE && !options.roleSessionsCarryMfa()) {
            // MFA is checked when a role is assumed and not carried into the session (spec 6.6)
            keys.put("aws:multifactorauthpresent", List.of("false"));
            keys.remove("aws:multifactorauthage");
        }
        return new RequestView(p, ctx.action(), ctx.resource().arn(), new RequestContext(keys, ctx.resource().tags()),
                ctx.policies().permissionsBoundary() != null);
    }

    private static void derive(Map<String, List<String>> keys, RequestPrincipal p, RequestResource resource,
                               EvaluationOptions options) {
        boolean service = p.type() == PrincipalType.SERVICE;
        if (p.principalArn() != null && (!service || options.servicePrincipalHasPrincipalArn())) {
            keys.put("aws:principalarn", List.of(p.principalArn()));
        }
        if (p.accountId() != null) {
            keys.put("aws:principalaccount", List.of(p.accountId()));
        } else if (p.type() == PrincipalType.ANONYMOUS) {
            keys.put("aws:principalaccount", List.of("anonymous"));
        }
        if (p.type().contextValue() != null) {
            keys.put("aws:principaltype", List.of(p.type().contextValue()));
        }
        if (p.userId() != null) {
            keys.put("aws:userid", List.of(p.userId()));
        }
        if (p.userName() != null) {
            keys.put("aws:username", List.of(p.userName()));
        }
        if (p.organizationId() != null) {
            keys.put("aws:principalorgid", List.of(p.organizationId()));
        }
        if (p.type() != PrincipalType.ANONYMOUS) {
            keys.put("aws:principalisawsservice", List.of(String.valueOf(service)));
        }
        if (service) {
            keys.put("aws:principalservicename", List.of(p.arn()));
        }
        p.tags().forEach((k, v) -> keys.put(RequestContext.normalize("aws:PrincipalTag/" + k), List.of(v)));
        String owner = resource.accountId() != null ? resource.accountId() : p.accountId();
        if (resource.arn() != null && owner != null) {
            keys.put("aws:resourceaccount", List.of(owner));
        }
    }
}
