package io.strongroom.engine.access;

import io.strongroom.engine.identity.Principal;

import java.util.List;
import java.util.Map;

/**
 * One question to the authorizer: may {@code principal} perform each of {@code actions} on each of
 * {@code resources}, given the request's condition keys?
 */
public record AuthorizationRequest(Principal principal, List<String> actions, List<String> resources,
                                   Map<String, List<String>> conditionKeys) {
    public AuthorizationRequest {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditionKeys = Map.copyOf(conditionKeys);
    }
}
