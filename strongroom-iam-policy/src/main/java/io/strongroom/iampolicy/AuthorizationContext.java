package io.strongroom.iampolicy;

import java.util.List;
import java.util.Map;

/**
 * One authorization question: may {@code principal} perform {@code action} on {@code resource}?
 *
 * @param conditionKeys the request context (spec 3): {@code aws:CurrentTime}, {@code aws:SourceIp},
 *                      {@code aws:MultiFactorAuthPresent}, {@code aws:RequestTag/*}... as supplied by the caller, who
 *                      owns the clock; principal-derived keys are filled in when absent (see
 *                      {@link EvaluationOptions#derivePrincipalKeys()})
 */
public record AuthorizationContext(RequestPrincipal principal, String action, RequestResource resource,
                                   Map<String, List<String>> conditionKeys, PolicySet policies) {
    public AuthorizationContext {
        if (principal == null || action == null || policies == null) {
            throw new IllegalArgumentException("principal, action and policies are required");
        }
        resource = resource == null ? RequestResource.none() : resource;
        conditionKeys = conditionKeys == null ? Map.of() : Map.copyOf(conditionKeys);
    }
}
