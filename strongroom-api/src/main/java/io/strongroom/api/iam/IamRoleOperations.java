package io.strongroom.api.iam;

import io.strongroom.api.ServiceApi;
import io.strongroom.engine.iam.IamPage;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.iam.IamService;
import io.strongroom.engine.iam.IamTag;
import software.amazon.awssdk.services.iam.model.*;

import static io.strongroom.api.iam.IamShapes.*;

/** IAM role operations: roles, their trust, tags, inline and attached policies, service-linked roles. */
final class IamRoleOperations {
    private IamRoleOperations() {
    }

    static void register(ServiceApi.Builder api, IamService iam, IamAccess a) {
        var r = iam.roles();
        api.write("CreateRole", CreateRoleRequest.class, "iam:CreateRole",
                (ctx, q) -> a.on("CreateRole", IamAccess.arn(ctx, "role", IamAccess.path(q.path()) + q.roleName())),
                (ctx, q) -> CreateRoleResponse.builder().role(role(r.createRole(ctx.tx(), ctx.caller(), q.roleName(),
                        q.path(), q.assumeRolePolicyDocument(), q.description(), q.maxSessionDuration(),
                        q.permissionsBoundary(), tags(q.tags())), true)).build());
        api.write("CreateServiceLinkedRole", CreateServiceLinkedRoleRequest.class, "iam:CreateServiceLinkedRole",
                (ctx, q) -> a.on("CreateServiceLinkedRole", IamAccess.arn(ctx, "role",
                        "/aws-service-role/" + q.awsServiceName() + "/*")),
                (ctx, q) -> CreateServiceLinkedRoleResponse.builder().role(role(r.createServiceLinkedRole(ctx.tx(),
                        ctx.caller(), q.awsServiceName(), q.description(), q.customSuffix()), true)).build());
        api.read("GetRole", GetRoleRequest.class, "iam:GetRole",
                (ctx, q) -> a.on("GetRole", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> GetRoleResponse.builder().role(role(r.getRole(ctx.tx(), ctx.caller(), q.roleName()), true))
                        .build());
        api.read("ListRoles", ListRolesRequest.class, "iam:ListRoles",
                (ctx, q) -> a.on("ListRoles", IamAccess.arn(ctx, "role", IamAccess.path(q.pathPrefix()))),
                (ctx, q) -> {
                    IamPage<IamRole> page = r.listRoles(ctx.tx(), ctx.caller(), q.pathPrefix(), q.marker(), q.maxItems());
                    return ListRolesResponse.builder().roles(page.items().stream().map(x -> role(x, false)).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.write("UpdateRole", UpdateRoleRequest.class, "iam:UpdateRole",
                (ctx, q) -> a.on("UpdateRole", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    r.updateRole(ctx.tx(), ctx.caller(), q.roleName(), q.description(), q.maxSessionDuration());
                    return UpdateRoleResponse.builder().build();
                });
        api.write("UpdateAssumeRolePolicy", UpdateAssumeRolePolicyRequest.class, "iam:UpdateAssumeRolePolicy",
                (ctx, q) -> a.on("UpdateAssumeRolePolicy", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    r.updateAssumeRolePolicy(ctx.tx(), ctx.caller(), q.roleName(), q.policyDocument());
                    return UpdateAssumeRolePolicyResponse.builder().build();
                });
        api.write("DeleteRole", DeleteRoleRequest.class, "iam:DeleteRole",
                (ctx, q) -> a.on("DeleteRole", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    r.deleteRole(ctx.tx(), ctx.caller(), q.roleName());
                    return DeleteRoleResponse.builder().build();
                });
        api.write("TagRole", TagRoleRequest.class, "iam:TagRole",
                (ctx, q) -> a.on("TagRole", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    r.tagRole(ctx.tx(), ctx.caller(), q.roleName(), tags(q.tags()));
                    return TagRoleResponse.builder().build();
                });
        api.write("UntagRole", UntagRoleRequest.class, "iam:UntagRole",
                (ctx, q) -> a.on("UntagRole", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    r.untagRole(ctx.tx(), ctx.caller(), q.roleName(), q.tagKeys());
                    return UntagRoleResponse.builder().build();
                });
        api.read("ListRoleTags", ListRoleTagsRequest.class, "iam:ListRoleTags",
                (ctx, q) -> a.on("ListRoleTags", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    IamPage<IamTag> page = r.listRoleTags(ctx.tx(), ctx.caller(), q.roleName(), q.marker(), q.maxItems());
                    return ListRoleTagsResponse.builder().tags(sdkTags(page.items())).isTruncated(page.truncated())
                            .marker(page.marker()).build();
                });
        api.write("PutRolePolicy", PutRolePolicyRequest.class, "iam:PutRolePolicy",
                (ctx, q) -> a.on("PutRolePolicy", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    r.putRolePolicy(ctx.tx(), ctx.caller(), q.roleName(), q.policyName(), q.policyDocument());
                    return PutRolePolicyResponse.builder().build();
                });
        api.read("GetRolePolicy", GetRolePolicyRequest.class, "iam:GetRolePolicy",
                (ctx, q) -> a.on("GetRolePolicy", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    String document = r.getRolePolicy(ctx.tx(), ctx.caller(), q.roleName(), q.policyName());
                    return GetRolePolicyResponse.builder().roleName(r.getRole(ctx.tx(), ctx.caller(), q.roleName())
                            .name()).policyName(q.policyName()).policyDocument(encoded(document)).build();
                });
        api.write("DeleteRolePolicy", DeleteRolePolicyRequest.class, "iam:DeleteRolePolicy",
                (ctx, q) -> a.on("DeleteRolePolicy", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    r.deleteRolePolicy(ctx.tx(), ctx.caller(), q.roleName(), q.policyName());
                    return DeleteRolePolicyResponse.builder().build();
                });
        api.read("ListRolePolicies", ListRolePoliciesRequest.class, "iam:ListRolePolicies",
                (ctx, q) -> a.on("ListRolePolicies", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    IamPage<String> page = r.listRolePolicies(ctx.tx(), ctx.caller(), q.roleName(), q.marker(),
                            q.maxItems());
                    return ListRolePoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
                            .marker(page.marker()).build();
                });
        api.read("ListInstanceProfilesForRole", ListInstanceProfilesForRoleRequest.class,
                "iam:ListInstanceProfilesForRole",
                (ctx, q) -> a.on("ListInstanceProfilesForRole", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    IamPage<String> page = r.listInstanceProfilesForRole(ctx.tx(), ctx.caller(), q.roleName(),
                            q.marker(), q.maxItems());
                    return ListInstanceProfilesForRoleResponse.builder().instanceProfiles(page.items().stream()
                                    .map(name -> InstanceProfile.builder().instanceProfileName(name).build()).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.write("AttachRolePolicy", AttachRolePolicyRequest.class, "iam:AttachRolePolicy",
                (ctx, q) -> a.on("AttachRolePolicy", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    r.attachRolePolicy(ctx.tx(), ctx.caller(), q.roleName(), q.policyArn());
                    return AttachRolePolicyResponse.builder().build();
                });
        api.write("DetachRolePolicy", DetachRolePolicyRequest.class, "iam:DetachRolePolicy",
                (ctx, q) -> a.on("DetachRolePolicy", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    r.detachRolePolicy(ctx.tx(), ctx.caller(), q.roleName(), q.policyArn());
                    return DetachRolePolicyResponse.builder().build();
                });
        api.read("ListAttachedRolePolicies", ListAttachedRolePoliciesRequest.class, "iam:ListAttachedRolePolicies",
                (ctx, q) -> a.on("ListAttachedRolePolicies", a.entity(ctx, "role", q.roleName())),
                (ctx, q) -> {
                    var page = r.listAttachedRolePolicies(ctx.tx(), ctx.caller(), q.roleName(), q.pathPrefix(),
                            q.marker(), q.maxItems());
                    return ListAttachedRolePoliciesResponse.builder()
                            .attachedPolicies(page.items().stream().map(IamShapes::attached).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
    }
}
