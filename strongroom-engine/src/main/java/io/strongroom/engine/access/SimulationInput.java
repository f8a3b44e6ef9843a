package io.strongroom.engine.access;

import java.util.List;

/**
 * What a SimulateCustomPolicy or SimulatePrincipalPolicy call asks, as sent (documents are JSON text).
 *
 * @param policies          identity policies (PolicyInputList); for a principal, added to its own
 * @param boundaries        PermissionsBoundaryPolicyInputList: at most one; replaces the principal's boundary
 * @param resources         ResourceArns; empty means {@code *}
 * @param resourceOwner     account id or {@code arn:aws:iam::A:root} owning resources whose ARN names none
 * @param callerArn         the IAM user to simulate as; null for the default
 * @param resourceHandling  ResourceHandlingOption, null when not given
 */
public record SimulationInput(List<String> policies, List<String> boundaries, List<String> actions,
                              List<String> resources, String resourcePolicy, String resourceOwner, String callerArn,
                              List<ContextEntry> context, String resourceHandling, String marker, Integer maxItems) {
    public SimulationInput {
        policies = policies == null ? List.of() : List.copyOf(policies);
        boundaries = boundaries == null ? List.of() : List.copyOf(boundaries);
        actions = actions == null ? List.of() : List.copyOf(actions);
        resources = resources == null ? List.of() : List.copyOf(resources);
        context = context == null ? List.of() : List.copyOf(context);
    }

    /** One ContextEntries member: the key, its values, and the declared type ({@code string}, {@code numericList}...). */
    public record ContextEntry(String key, List<String> values, String type) {
        public ContextEntry {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }
}
