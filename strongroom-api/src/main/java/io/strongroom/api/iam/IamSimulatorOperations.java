package io.strongroom.api.iam;

import io.strongroom.api.ServiceApi;
import io.strongroom.engine.access.PolicySimulator;
import io.strongroom.engine.access.SimulationInput;
import io.strongroom.engine.access.SimulationResult;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetContextKeysForCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetContextKeysForCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetContextKeysForPrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetContextKeysForPrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.OrganizationsDecisionDetail;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryDecisionDetail;
import software.amazon.awssdk.services.iam.model.Position;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

import java.util.List;

/** The IAM policy simulator: SDK shapes to the engine's {@link PolicySimulator} and back. */
final class IamSimulatorOperations {
    private IamSimulatorOperations() {
    }

    static void register(ServiceApi.Builder api, PolicySimulator simulator, IamAccess a) {
        api.read("SimulateCustomPolicy", SimulateCustomPolicyRequest.class, "iam:SimulateCustomPolicy",
                (ctx, q) -> a.on("SimulateCustomPolicy", "*"),
                (ctx, q) -> {
                    SimulationResult.Page page = simulator.simulateCustomPolicy(ctx.tx(), ctx.caller(),
                            new SimulationInput(q.policyInputList(), q.permissionsBoundaryPolicyInputList(),
                                    q.actionNames(), q.resourceArns(), q.resourcePolicy(), q.resourceOwner(),
                                    q.callerArn(), context(q.contextEntries()), q.resourceHandlingOption(),
                                    q.marker(), q.maxItems()));
                    return SimulateCustomPolicyResponse.builder().evaluationResults(results(page))
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.read("SimulatePrincipalPolicy", SimulatePrincipalPolicyRequest.class, "iam:SimulatePrincipalPolicy",
                (ctx, q) -> a.on("SimulatePrincipalPolicy", entityArn(ctx, q.policySourceArn())),
                (ctx, q) -> {
                    SimulationResult.Page page = simulator.simulatePrincipalPolicy(ctx.tx(), ctx.caller(),
                            q.policySourceArn(), new SimulationInput(q.policyInputList(),
                                    q.permissionsBoundaryPolicyInputList(), q.actionNames(), q.resourceArns(),
                                    q.resourcePolicy(), q.resourceOwner(), q.callerArn(), context(q.contextEntries()),
                                    q.resourceHandlingOption(), q.marker(), q.maxItems()));
                    return SimulatePrincipalPolicyResponse.builder().evaluationResults(results(page))
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.read("GetContextKeysForCustomPolicy", GetContextKeysForCustomPolicyRequest.class,
                "iam:GetContextKeysForCustomPolicy", (ctx, q) -> a.on("GetContextKeysForCustomPolicy", "*"),
                (ctx, q) -> GetContextKeysForCustomPolicyResponse.builder()
                        .contextKeyNames(simulator.contextKeysForCustomPolicy(q.policyInputList())).build());
        api.read("GetContextKeysForPrincipalPolicy", GetContextKeysForPrincipalPolicyRequest.class,
                "iam:GetContextKeysForPrincipalPolicy",
                (ctx, q) -> a.on("GetContextKeysForPrincipalPolicy", entityArn(ctx, q.policySourceArn())),
                (ctx, q) -> GetContextKeysForPrincipalPolicyResponse.builder()
                        .contextKeyNames(simulator.contextKeysForPrincipalPolicy(ctx.tx(), ctx.caller(),
                                q.policySourceArn(), q.policyInputList())).build());
        api.note("SimulatePrincipalPolicy", "also applies the SCPs of the principal's organization path, which "
                + "AWS's simulator leaves out (OrganizationsDecisionDetail says whether they allow; decision D25)");
        api.note("SimulateCustomPolicy", "ResourceHandlingOption is accepted and checked but changes nothing: "
                + "Strongroom models no EC2 resources");
    }

    /**
     * The entity ARN the call names; a value that is no ARN is authorized against the account, so the caller
     * learns IAM's InvalidInput rather than an AccessDenied naming garbage.
     */
    private static String entityArn(io.strongroom.api.CallContext ctx, String arn) {
        return arn != null && arn.startsWith("arn:") && arn.split(":", 6).length == 6 ? arn
                : "arn:aws:iam::" + ctx.accountId() + ":root";
    }

    private static List<SimulationInput.ContextEntry> context(List<ContextEntry> entries) {
        return entries.stream().map(e -> new SimulationInput.ContextEntry(e.contextKeyName(), e.contextKeyValues(),
                e.contextKeyTypeAsString())).toList();
    }

    private static List<EvaluationResult> results(SimulationResult.Page page) {
        return page.results().stream().map(IamSimulatorOperations::result).toList();
    }

    private static EvaluationResult result(SimulationResult r) {
        EvaluationResult.Builder b = EvaluationResult.builder().evalActionName(r.action())
                .evalResourceName(r.resource()).evalDecision(r.decision()).matchedStatements(statements(r.matched()))
                .missingContextValues(r.missingContextValues()).evalDecisionDetailsWithStrings(r.decisionDetails());
        if (r.allowedByOrganizations() != null) {
            b.organizationsDecisionDetail(OrganizationsDecisionDetail.builder()
                    .allowedByOrganizations(r.allowedByOrganizations()).build());
        }
        if (r.allowedByPermissionsBoundary() != null) {
            b.permissionsBoundaryDecisionDetail(PermissionsBoundaryDecisionDetail.builder()
                    .allowedByPermissionsBoundary(r.allowedByPermissionsBoundary()).build());
        }
        if (!r.resourceSpecific().isEmpty()) {
            b.resourceSpecificResults(r.resourceSpecific().stream().map(IamSimulatorOperations::resource).toList());
        }
        return b.build();
    }

    private static ResourceSpecificResult resource(SimulationResult.ResourceResult r) {
        ResourceSpecificResult.Builder b = ResourceSpecificResult.builder().evalResourceName(r.resource())
                .evalResourceDecision(r.decision()).matchedStatements(statements(r.matched()))
                .missingContextValues(r.missingContextValues()).evalDecisionDetailsWithStrings(r.decisionDetails());
        if (r.allowedByPermissionsBoundary() != null) {
            b.permissionsBoundaryDecisionDetail(PermissionsBoundaryDecisionDetail.builder()
                    .allowedByPermissionsBoundary(r.allowedByPermissionsBoundary()).build());
        }
        return b.build();
    }

    private static List<Statement> statements(List<SimulationResult.MatchedStatement> matched) {
        return matched.stream().map(m -> Statement.builder().sourcePolicyId(m.sourcePolicyId())
                .sourcePolicyType(m.sourcePolicyType()).startPosition(position(m.start()))
                .endPosition(position(m.end())).build()).toList();
    }

    private static Position position(SimulationResult.Position p) {
        return p == null ? null : Position.builder().line(p.line()).column(p.column()).build();
    }
}
