package io.strongroom.engine.access;

import java.util.List;
import java.util.Map;

/**
 * One action on one resource, simulated: AWS's EvaluationResult.
 *
 * @param decision                     {@code allowed}, {@code explicitDeny} or {@code implicitDeny}
 * @param missingContextValues         when the resource is {@code *}; else they are in {@code resourceSpecific}
 * @param allowedByOrganizations       null unless the principal's account is in an organization with SCPs enabled
 * @param allowedByPermissionsBoundary null unless a boundary was simulated
 * @param decisionDetails              null for {@code *}; per policy type for cross-account resources; else empty
 * @param resourceSpecific             the result for the named resource; empty for {@code *}
 */
public record SimulationResult(String action, String resource, String decision, List<MatchedStatement> matched,
                               List<String> missingContextValues, Boolean allowedByOrganizations,
                               Boolean allowedByPermissionsBoundary, Map<String, String> decisionDetails,
                               List<ResourceResult> resourceSpecific) {

    /** A statement that decided: which input it came from ({@code PolicyInputList.1}, a policy name...) and where. */
    public record MatchedStatement(String sourcePolicyId, String sourcePolicyType, Position start, Position end) {
    }

    /** 1-based line and column in the policy's text. */
    public record Position(int line, int column) {
    }

    /** AWS's ResourceSpecificResult. */
    public record ResourceResult(String resource, String decision, List<MatchedStatement> matched,
                                 List<String> missingContextValues, Map<String, String> decisionDetails,
                                 Boolean allowedByPermissionsBoundary) {
    }

    /** One page of results. */
    public record Page(List<SimulationResult> results, boolean truncated, String marker) {
    }
}
