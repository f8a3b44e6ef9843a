package io.strongroom.api.organizations;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.organizations.MemberAccount;
import io.strongroom.engine.organizations.OrgPolicy;
import io.strongroom.engine.organizations.Organization;
import io.strongroom.engine.organizations.Page;
import io.strongroom.engine.organizations.PoliciesService;
import io.strongroom.engine.organizations.PolicyTarget;
import io.strongroom.engine.organizations.StoredEffectivePolicy;
import software.amazon.awssdk.services.organizations.model.*;

import static io.strongroom.api.organizations.OrganizationsShapes.*;

/** Organizations policy operations: policies, attachments and effective policies. */
final class PolicyOperations {
    private PolicyOperations() {
    }

    private static AccessRequirement action(String operation) {
        return AccessRequirement.of("organizations:" + operation, "*");
    }

    static void register(ServiceApi.Builder api, PoliciesService p, OrganizationsApi.Org org) {
        api.write("CreatePolicy", CreatePolicyRequest.class, "organizations:CreatePolicy",
                (ctx, q) -> action("CreatePolicy"),
                (ctx, q) -> {
                    OrgPolicy policy = p.createPolicy(ctx.tx(), ctx.caller(), q.content(), q.description(), q.name(),
                            q.typeAsString(), tags(q.tags()));
                    return CreatePolicyResponse.builder().policy(policy(org.of(ctx), policy)).build();
                });
        api.write("UpdatePolicy", UpdatePolicyRequest.class, "organizations:UpdatePolicy",
                (ctx, q) -> action("UpdatePolicy"),
                (ctx, q) -> {
                    OrgPolicy policy = p.updatePolicy(ctx.tx(), ctx.caller(), q.policyId(), q.name(), q.description(),
                            q.content());
                    return UpdatePolicyResponse.builder().policy(policy(org.of(ctx), policy)).build();
                });
        api.write("DeletePolicy", DeletePolicyRequest.class, "organizations:DeletePolicy",
                (ctx, q) -> action("DeletePolicy"),
                (ctx, q) -> {
                    p.deletePolicy(ctx.tx(), ctx.caller(), q.policyId());
                    return DeletePolicyResponse.builder().build();
                });
        api.read("DescribePolicy", DescribePolicyRequest.class, "organizations:DescribePolicy",
                (ctx, q) -> action("DescribePolicy"),
                (ctx, q) -> DescribePolicyResponse.builder()
                        .policy(policy(org.of(ctx), p.describePolicy(ctx.tx(), ctx.caller(), q.policyId()))).build());
        api.read("ListPolicies", ListPoliciesRequest.class, "organizations:ListPolicies",
                (ctx, q) -> action("ListPolicies"),
                (ctx, q) -> {
                    Page<OrgPolicy> page = p.listPolicies(ctx.tx(), ctx.caller(), q.filterAsString(), q.nextToken(),
                            q.maxResults());
                    Organization current = org.of(ctx);
                    return ListPoliciesResponse.builder()
                            .policies(page.items().stream().map(x -> summary(current, x)).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.write("AttachPolicy", AttachPolicyRequest.class, "organizations:AttachPolicy",
                (ctx, q) -> action("AttachPolicy"),
                (ctx, q) -> {
                    p.attachPolicy(ctx.tx(), ctx.caller(), q.policyId(), q.targetId());
                    return AttachPolicyResponse.builder().build();
                });
        api.write("DetachPolicy", DetachPolicyRequest.class, "organizations:DetachPolicy",
                (ctx, q) -> action("DetachPolicy"),
                (ctx, q) -> {
                    p.detachPolicy(ctx.tx(), ctx.caller(), q.policyId(), q.targetId());
                    return DetachPolicyResponse.builder().build();
                });
        api.read("ListPoliciesForTarget", ListPoliciesForTargetRequest.class, "organizations:ListPoliciesForTarget",
                (ctx, q) -> action("ListPoliciesForTarget"),
                (ctx, q) -> {
                    Page<OrgPolicy> page = p.listPoliciesForTarget(ctx.tx(), ctx.caller(), q.targetId(),
                            q.filterAsString(), q.nextToken(), q.maxResults());
                    Organization current = org.of(ctx);
                    return ListPoliciesForTargetResponse.builder()
                            .policies(page.items().stream().map(x -> summary(current, x)).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.read("ListTargetsForPolicy", ListTargetsForPolicyRequest.class, "organizations:ListTargetsForPolicy",
                (ctx, q) -> action("ListTargetsForPolicy"),
                (ctx, q) -> {
                    Page<PolicyTarget> page = p.listTargetsForPolicy(ctx.tx(), ctx.caller(), q.policyId(),
                            q.nextToken(), q.maxResults());
                    return ListTargetsForPolicyResponse.builder()
                            .targets(page.items().stream().map(OrganizationsShapes::target).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.read("DescribeEffectivePolicy", DescribeEffectivePolicyRequest.class,
                "organizations:DescribeEffectivePolicy", (ctx, q) -> action("DescribeEffectivePolicy"),
                (ctx, q) -> {
                    StoredEffectivePolicy e = p.describeEffectivePolicy(ctx.tx(), ctx.caller(),
                            q.policyTypeAsString(), q.targetId());
                    return DescribeEffectivePolicyResponse.builder().effectivePolicy(EffectivePolicy.builder()
                            .policyContent(e.content()).lastUpdatedTimestamp(e.lastUpdated())
                            .targetId(e.accountId()).policyType(e.type()).build()).build();
                });
        api.read("ListEffectivePolicyValidationErrors", ListEffectivePolicyValidationErrorsRequest.class,
                "organizations:ListEffectivePolicyValidationErrors",
                (ctx, q) -> action("ListEffectivePolicyValidationErrors"),
                (ctx, q) -> {
                    PoliciesService.ValidationReport r = p.listEffectivePolicyValidationErrors(ctx.tx(), ctx.caller(),
                            q.accountId(), q.policyTypeAsString());
                    return ListEffectivePolicyValidationErrorsResponse.builder()
                            .accountId(r.accountId()).policyType(r.type()).path(r.path())
                            .evaluationTimestamp(r.evaluated())
                            .effectivePolicyValidationErrors(r.errors().stream()
                                    .map(e -> EffectivePolicyValidationError.builder().errorCode(e.errorCode())
                                            .errorMessage(e.errorMessage()).pathToError(e.pathToError())
                                            .contributingPolicies(e.contributingPolicies()).build())
                                    .toList())
                            .build();
                });
        api.read("ListAccountsWithInvalidEffectivePolicy", ListAccountsWithInvalidEffectivePolicyRequest.class,
                "organizations:ListAccountsWithInvalidEffectivePolicy",
                (ctx, q) -> action("ListAccountsWithInvalidEffectivePolicy"),
                (ctx, q) -> {
                    Page<MemberAccount> page = p.listAccountsWithInvalidEffectivePolicy(ctx.tx(), ctx.caller(),
                            q.policyTypeAsString(), q.nextToken(), q.maxResults());
                    Organization current = org.of(ctx);
                    return ListAccountsWithInvalidEffectivePolicyResponse.builder()
                            .accounts(page.items().stream().map(x -> account(current, x)).toList())
                            .policyType(q.policyTypeAsString()).nextToken(page.nextToken()).build();
                });
    }
}
