package io.strongroom.api.iam;

import io.strongroom.api.ServiceApi;
import io.strongroom.engine.iam.IamGroup;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.iam.IamService;
import io.strongroom.engine.iam.IamUser;
import io.strongroom.engine.iam.ManagedPolicy;
import io.strongroom.engine.iam.PolicyService;
import software.amazon.awssdk.services.iam.model.*;

import java.util.List;
import java.util.Map;

import static io.strongroom.api.iam.IamShapes.*;

/** IAM managed policy operations, their versions and attachments, and GetAccountAuthorizationDetails. */
final class IamPolicyOperations {
    private IamPolicyOperations() {
    }

    static void register(ServiceApi.Builder api, IamService iam, IamAccess a) {
        var p = iam.policies();
        api.write("CreatePolicy", CreatePolicyRequest.class, "iam:CreatePolicy",
                (ctx, q) -> a.on("CreatePolicy", IamAccess.arn(ctx, "policy", IamAccess.path(q.path()) + q.policyName())),
                (ctx, q) -> CreatePolicyResponse.builder().policy(policy(p.createPolicy(ctx.tx(), ctx.caller(),
                        q.policyName(), q.path(), q.policyDocument(), q.description(), tags(q.tags())), true)).build());
        api.read("GetPolicy", GetPolicyRequest.class, "iam:GetPolicy",
                (ctx, q) -> a.on("GetPolicy", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> GetPolicyResponse.builder().policy(policy(p.getPolicy(ctx.tx(), ctx.caller(), q.policyArn()),
                        true)).build());
        api.read("ListPolicies", ListPoliciesRequest.class, "iam:ListPolicies",
                (ctx, q) -> a.on("ListPolicies", IamAccess.arn(ctx, "policy", IamAccess.path(q.pathPrefix()))),
                (ctx, q) -> {
                    var page = p.listPolicies(ctx.tx(), ctx.caller(), q.scopeAsString(), q.onlyAttached(),
                            q.pathPrefix(), q.marker(), q.maxItems());
                    return ListPoliciesResponse.builder().policies(page.items().stream().map(x -> policy(x, false))
                            .toList()).isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.write("DeletePolicy", DeletePolicyRequest.class, "iam:DeletePolicy",
                (ctx, q) -> a.on("DeletePolicy", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    p.deletePolicy(ctx.tx(), ctx.caller(), q.policyArn());
                    return DeletePolicyResponse.builder().build();
                });
        api.write("CreatePolicyVersion", CreatePolicyVersionRequest.class, "iam:CreatePolicyVersion",
                (ctx, q) -> a.on("CreatePolicyVersion", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    var v = p.createPolicyVersion(ctx.tx(), ctx.caller(), q.policyArn(), q.policyDocument(),
                            q.setAsDefault());
                    ManagedPolicy policy = p.listPolicyVersions(ctx.tx(), ctx.caller(), q.policyArn());
                    return CreatePolicyVersionResponse.builder().policyVersion(version(policy, v, false)).build();
                });
        api.read("GetPolicyVersion", GetPolicyVersionRequest.class, "iam:GetPolicyVersion",
                (ctx, q) -> a.on("GetPolicyVersion", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    var v = p.getPolicyVersion(ctx.tx(), ctx.caller(), q.policyArn(), q.versionId());
                    ManagedPolicy policy = p.listPolicyVersions(ctx.tx(), ctx.caller(), q.policyArn());
                    return GetPolicyVersionResponse.builder().policyVersion(version(policy, v, true)).build();
                });
        api.read("ListPolicyVersions", ListPolicyVersionsRequest.class, "iam:ListPolicyVersions",
                (ctx, q) -> a.on("ListPolicyVersions", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    ManagedPolicy policy = p.listPolicyVersions(ctx.tx(), ctx.caller(), q.policyArn());
                    // Newest first, as IAM lists them.
                    List<software.amazon.awssdk.services.iam.model.PolicyVersion> versions = new java.util.ArrayList<>(
                            policy.versions().stream().map(v -> version(policy, v, false)).toList());
                    java.util.Collections.reverse(versions);
                    return ListPolicyVersionsResponse.builder().versions(versions).isTruncated(false).build();
                });
        api.write("DeletePolicyVersion", DeletePolicyVersionRequest.class, "iam:DeletePolicyVersion",
                (ctx, q) -> a.on("DeletePolicyVersion", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    p.deletePolicyVersion(ctx.tx(), ctx.caller(), q.policyArn(), q.versionId());
                    return DeletePolicyVersionResponse.builder().build();
                });
        api.write("SetDefaultPolicyVersion", SetDefaultPolicyVersionRequest.class, "iam:SetDefaultPolicyVersion",
                (ctx, q) -> a.on("SetDefaultPolicyVersion", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    p.setDefaultPolicyVersion(ctx.tx(), ctx.caller(), q.policyArn(), q.versionId());
                    return SetDefaultPolicyVersionResponse.builder().build();
                });
        api.write("TagPolicy", TagPolicyRequest.class, "iam:TagPolicy",
                (ctx, q) -> a.on("TagPolicy", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    p.tagPolicy(ctx.tx(), ctx.caller(), q.policyArn(), tags(q.tags()));
                    return TagPolicyResponse.builder().build();
                });
        api.write("UntagPolicy", UntagPolicyRequest.class, "iam:UntagPolicy",
                (ctx, q) -> a.on("UntagPolicy", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    p.untagPolicy(ctx.tx(), ctx.caller(), q.policyArn(), q.tagKeys());
                    return UntagPolicyResponse.builder().build();
                });
        api.read("ListPolicyTags", ListPolicyTagsRequest.class, "iam:ListPolicyTags",
                (ctx, q) -> a.on("ListPolicyTags", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    var page = p.listPolicyTags(ctx.tx(), ctx.caller(), q.policyArn(), q.marker(), q.maxItems());
                    return ListPolicyTagsResponse.builder().tags(sdkTags(page.items())).isTruncated(page.truncated())
                            .marker(page.marker()).build();
                });
        api.read("ListEntitiesForPolicy", ListEntitiesForPolicyRequest.class, "iam:ListEntitiesForPolicy",
                (ctx, q) -> a.on("ListEntitiesForPolicy", IamAccess.policyArn(ctx, q.policyArn())),
                (ctx, q) -> {
                    PolicyService.PolicyEntities e = p.listEntitiesForPolicy(ctx.tx(), ctx.caller(), q.policyArn(),
                            q.entityFilterAsString(), q.pathPrefix());
                    return ListEntitiesForPolicyResponse.builder()
                            .policyUsers(e.users().stream().map(u -> PolicyUser.builder().userName(u.name())
                                    .userId(u.userId()).build()).toList())
                            .policyGroups(e.groups().stream().map(g -> PolicyGroup.builder().groupName(g.name())
                                    .groupId(g.groupId()).build()).toList())
                            .policyRoles(e.roles().stream().map(r -> PolicyRole.builder().roleName(r.name())
                                    .roleId(r.roleId()).build()).toList())
                            .isTruncated(false).build();
                });
        api.read("GetAccountAuthorizationDetails", GetAccountAuthorizationDetailsRequest.class,
                "iam:GetAccountAuthorizationDetails", (ctx, q) -> a.on("GetAccountAuthorizationDetails", "*"),
                (ctx, q) -> {
                    IamService.AuthorizationDetails d = iam.accountAuthorizationDetails(ctx.tx(), ctx.caller(),
                            q.filterAsStrings());
                    return GetAccountAuthorizationDetailsResponse.builder()
                            .userDetailList(d.users().stream().map(u -> userDetail(iam, ctx.tx(), u)).toList())
                            .groupDetailList(d.groups().stream().map(IamPolicyOperations::groupDetail).toList())
                            .roleDetailList(d.roles().stream().map(IamPolicyOperations::roleDetail).toList())
                            .policies(d.policies().stream().map(IamPolicyOperations::policyDetail).toList())
                            .isTruncated(false).build();
                });
    }

    private static List<PolicyDetail> inline(Map<String, String> policies) {
        return policies.entrySet().stream().map(e -> PolicyDetail.builder().policyName(e.getKey())
                .policyDocument(encoded(e.getValue())).build()).toList();
    }

    private static List<AttachedPolicy> attachedArns(List<String> arns) {
        return arns.stream().map(arn -> AttachedPolicy.builder().policyArn(arn)
                .policyName(arn.substring(arn.lastIndexOf('/') + 1)).build()).toList();
    }

    private static UserDetail userDetail(IamService iam, io.strongroom.storage.Tx tx, IamUser u) {
        return UserDetail.builder().path(u.path()).userName(u.name()).userId(u.userId()).arn(u.arn())
                .createDate(u.created()).userPolicyList(inline(u.inlinePolicies()))
                .groupList(iam.groupsOf(tx, u).stream().map(IamGroup::name).toList())
                .attachedManagedPolicies(attachedArns(u.attachedPolicies()))
                .permissionsBoundary(boundary(u.permissionsBoundary()))
                .tags(u.tags().isEmpty() ? null : sdkTags(u.tags())).build();
    }

    private static GroupDetail groupDetail(IamGroup g) {
        return GroupDetail.builder().path(g.path()).groupName(g.name()).groupId(g.groupId()).arn(g.arn())
                .createDate(g.created()).groupPolicyList(inline(g.inlinePolicies()))
                .attachedManagedPolicies(attachedArns(g.attachedPolicies())).build();
    }

    private static RoleDetail roleDetail(IamRole r) {
        return RoleDetail.builder().path(r.path()).roleName(r.name()).roleId(r.roleId()).arn(r.arn())
                .createDate(r.created()).assumeRolePolicyDocument(encoded(r.trustPolicy()))
                .instanceProfileList(List.of()).rolePolicyList(inline(r.inlinePolicies()))
                .attachedManagedPolicies(attachedArns(r.attachedPolicies()))
                .permissionsBoundary(boundary(r.permissionsBoundary()))
                .tags(r.tags().isEmpty() ? null : sdkTags(r.tags())).build();
    }

    private static ManagedPolicyDetail policyDetail(PolicyService.PolicyUsage usage) {
        ManagedPolicy p = usage.policy();
        return ManagedPolicyDetail.builder().policyName(p.name()).policyId(p.policyId()).arn(p.arn()).path(p.path())
                .defaultVersionId(p.defaultVersionId()).attachmentCount(usage.attachmentCount())
                .permissionsBoundaryUsageCount(usage.permissionsBoundaryUsageCount()).isAttachable(true)
                .description(p.description()).createDate(p.created()).updateDate(p.updated())
                .policyVersionList(p.versions().stream().map(v -> version(p, v, true)).toList()).build();
    }
}
