package io.strongroom.api.iam;

import io.strongroom.api.ServiceApi;
import io.strongroom.engine.access.PolicySimulator;
import io.strongroom.engine.iam.AccessKeyService;
import io.strongroom.engine.iam.GroupService;
import io.strongroom.engine.iam.IamGroup;
import io.strongroom.engine.iam.IamPage;
import io.strongroom.engine.iam.IamService;
import io.strongroom.engine.iam.IamTag;
import io.strongroom.engine.iam.IamUser;
import io.strongroom.engine.iam.MfaService;
import io.strongroom.engine.iam.VirtualMfaDevice;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.*;

import java.nio.charset.StandardCharsets;

import static io.strongroom.api.iam.IamShapes.*;

/** AWS IAM operations: SDK shapes to the engine's IAM context and back. Users, groups, keys and MFA here. */
public final class IamApi {
    private IamApi() {
    }

    public static ServiceApi create(IamService iam, PolicySimulator simulator) {
        ServiceApi.Builder api = ServiceApi.builder("iam");
        IamAccess a = new IamAccess(iam);
        users(api, iam, a);
        groups(api, iam, a);
        accessKeys(api, iam.accessKeys(), a);
        mfa(api, iam, a);
        IamRoleOperations.register(api, iam, a);
        IamPolicyOperations.register(api, iam, a);
        IamSimulatorOperations.register(api, simulator, a);
        api.note("GetAccessKeyLastUsed", "last use is not tracked yet: answers ServiceName and Region N/A");
        api.note("GetAccountAuthorizationDetails", "answers everything in one page");
        api.note("ListInstanceProfilesForRole", "instance profiles are not served: a role is in none");
        return api.build();
    }

    private static void users(ServiceApi.Builder api, IamService iam, IamAccess a) {
        var u = iam.users();
        api.write("CreateUser", CreateUserRequest.class, "iam:CreateUser",
                (ctx, q) -> a.on("CreateUser", IamAccess.arn(ctx, "user", IamAccess.path(q.path()) + q.userName())),
                (ctx, q) -> CreateUserResponse.builder().user(user(u.createUser(ctx.tx(), ctx.caller(), q.userName(),
                        q.path(), q.permissionsBoundary(), tags(q.tags())), true)).build());
        api.read("GetUser", GetUserRequest.class, "iam:GetUser",
                (ctx, q) -> a.on("GetUser", a.userOrCaller(ctx, q.userName())),
                (ctx, q) -> {
                    if (q.userName() == null && ctx.caller().isRoot()) {
                        // The root user describes itself with its account id and root ARN.
                        return GetUserResponse.builder().user(User.builder().userId(ctx.accountId())
                                .arn(ctx.caller().arn()).build()).build();
                    }
                    return GetUserResponse.builder().user(user(u.getUser(ctx.tx(), ctx.caller(), q.userName()), true))
                            .build();
                });
        api.read("ListUsers", ListUsersRequest.class, "iam:ListUsers",
                (ctx, q) -> a.on("ListUsers", IamAccess.arn(ctx, "user", IamAccess.path(q.pathPrefix()))),
                (ctx, q) -> {
                    IamPage<IamUser> page = u.listUsers(ctx.tx(), ctx.caller(), q.pathPrefix(), q.marker(), q.maxItems());
                    return ListUsersResponse.builder().users(page.items().stream().map(x -> user(x, false)).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.write("UpdateUser", UpdateUserRequest.class, "iam:UpdateUser",
                (ctx, q) -> a.on("UpdateUser", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    u.updateUser(ctx.tx(), ctx.caller(), q.userName(), q.newPath(), q.newUserName());
                    return UpdateUserResponse.builder().build();
                });
        api.write("DeleteUser", DeleteUserRequest.class, "iam:DeleteUser",
                (ctx, q) -> a.on("DeleteUser", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    u.deleteUser(ctx.tx(), ctx.caller(), q.userName());
                    return DeleteUserResponse.builder().build();
                });
        api.write("TagUser", TagUserRequest.class, "iam:TagUser",
                (ctx, q) -> a.on("TagUser", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    u.tagUser(ctx.tx(), ctx.caller(), q.userName(), tags(q.tags()));
                    return TagUserResponse.builder().build();
                });
        api.write("UntagUser", UntagUserRequest.class, "iam:UntagUser",
                (ctx, q) -> a.on("UntagUser", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    u.untagUser(ctx.tx(), ctx.caller(), q.userName(), q.tagKeys());
                    return UntagUserResponse.builder().build();
                });
        api.read("ListUserTags", ListUserTagsRequest.class, "iam:ListUserTags",
                (ctx, q) -> a.on("ListUserTags", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    IamPage<IamTag> page = u.listUserTags(ctx.tx(), ctx.caller(), q.userName(), q.marker(), q.maxItems());
                    return ListUserTagsResponse.builder().tags(sdkTags(page.items())).isTruncated(page.truncated())
                            .marker(page.marker()).build();
                });
        api.write("PutUserPolicy", PutUserPolicyRequest.class, "iam:PutUserPolicy",
                (ctx, q) -> a.on("PutUserPolicy", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    u.putUserPolicy(ctx.tx(), ctx.caller(), q.userName(), q.policyName(), q.policyDocument());
                    return PutUserPolicyResponse.builder().build();
                });
        api.read("GetUserPolicy", GetUserPolicyRequest.class, "iam:GetUserPolicy",
                (ctx, q) -> a.on("GetUserPolicy", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    String document = u.getUserPolicy(ctx.tx(), ctx.caller(), q.userName(), q.policyName());
                    return GetUserPolicyResponse.builder().userName(iam.users().getUser(ctx.tx(), ctx.caller(),
                            q.userName()).name()).policyName(q.policyName()).policyDocument(encoded(document)).build();
                });
        api.write("DeleteUserPolicy", DeleteUserPolicyRequest.class, "iam:DeleteUserPolicy",
                (ctx, q) -> a.on("DeleteUserPolicy", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    u.deleteUserPolicy(ctx.tx(), ctx.caller(), q.userName(), q.policyName());
                    return DeleteUserPolicyResponse.builder().build();
                });
        api.read("ListUserPolicies", ListUserPoliciesRequest.class, "iam:ListUserPolicies",
                (ctx, q) -> a.on("ListUserPolicies", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    IamPage<String> page = u.listUserPolicies(ctx.tx(), ctx.caller(), q.userName(), q.marker(),
                            q.maxItems());
                    return ListUserPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
                            .marker(page.marker()).build();
                });
        api.write("AttachUserPolicy", AttachUserPolicyRequest.class, "iam:AttachUserPolicy",
                (ctx, q) -> a.on("AttachUserPolicy", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    u.attachUserPolicy(ctx.tx(), ctx.caller(), q.userName(), q.policyArn());
                    return AttachUserPolicyResponse.builder().build();
                });
        api.write("DetachUserPolicy", DetachUserPolicyRequest.class, "iam:DetachUserPolicy",
                (ctx, q) -> a.on("DetachUserPolicy", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    u.detachUserPolicy(ctx.tx(), ctx.caller(), q.userName(), q.policyArn());
                    return DetachUserPolicyResponse.builder().build();
                });
        api.read("ListAttachedUserPolicies", ListAttachedUserPoliciesRequest.class, "iam:ListAttachedUserPolicies",
                (ctx, q) -> a.on("ListAttachedUserPolicies", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    var page = u.listAttachedUserPolicies(ctx.tx(), ctx.caller(), q.userName(), q.pathPrefix(),
                            q.marker(), q.maxItems());
                    return ListAttachedUserPoliciesResponse.builder()
                            .attachedPolicies(page.items().stream().map(IamShapes::attached).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
    }

    private static void groups(ServiceApi.Builder api, IamService iam, IamAccess a) {
        var g = iam.groups();
        api.write("CreateGroup", CreateGroupRequest.class, "iam:CreateGroup",
                (ctx, q) -> a.on("CreateGroup", IamAccess.arn(ctx, "group", IamAccess.path(q.path()) + q.groupName())),
                (ctx, q) -> CreateGroupResponse.builder()
                        .group(group(g.createGroup(ctx.tx(), ctx.caller(), q.groupName(), q.path()))).build());
        api.read("GetGroup", GetGroupRequest.class, "iam:GetGroup",
                (ctx, q) -> a.on("GetGroup", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    GroupService.GroupMembers found = g.getGroup(ctx.tx(), ctx.caller(), q.groupName(), q.marker(),
                            q.maxItems());
                    return GetGroupResponse.builder().group(group(found.group()))
                            .users(found.users().items().stream().map(x -> user(x, false)).toList())
                            .isTruncated(found.users().truncated()).marker(found.users().marker()).build();
                });
        api.read("ListGroups", ListGroupsRequest.class, "iam:ListGroups",
                (ctx, q) -> a.on("ListGroups", IamAccess.arn(ctx, "group", IamAccess.path(q.pathPrefix()))),
                (ctx, q) -> {
                    IamPage<IamGroup> page = g.listGroups(ctx.tx(), ctx.caller(), q.pathPrefix(), q.marker(),
                            q.maxItems());
                    return ListGroupsResponse.builder().groups(page.items().stream().map(IamShapes::group).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.write("DeleteGroup", DeleteGroupRequest.class, "iam:DeleteGroup",
                (ctx, q) -> a.on("DeleteGroup", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    g.deleteGroup(ctx.tx(), ctx.caller(), q.groupName());
                    return DeleteGroupResponse.builder().build();
                });
        api.write("AddUserToGroup", AddUserToGroupRequest.class, "iam:AddUserToGroup",
                (ctx, q) -> a.on("AddUserToGroup", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    g.addUserToGroup(ctx.tx(), ctx.caller(), q.groupName(), q.userName());
                    return AddUserToGroupResponse.builder().build();
                });
        api.write("RemoveUserFromGroup", RemoveUserFromGroupRequest.class, "iam:RemoveUserFromGroup",
                (ctx, q) -> a.on("RemoveUserFromGroup", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    g.removeUserFromGroup(ctx.tx(), ctx.caller(), q.groupName(), q.userName());
                    return RemoveUserFromGroupResponse.builder().build();
                });
        api.read("ListGroupsForUser", ListGroupsForUserRequest.class, "iam:ListGroupsForUser",
                (ctx, q) -> a.on("ListGroupsForUser", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    IamPage<IamGroup> page = g.listGroupsForUser(ctx.tx(), ctx.caller(), q.userName(), q.marker(),
                            q.maxItems());
                    return ListGroupsForUserResponse.builder().groups(page.items().stream().map(IamShapes::group)
                            .toList()).isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.write("PutGroupPolicy", PutGroupPolicyRequest.class, "iam:PutGroupPolicy",
                (ctx, q) -> a.on("PutGroupPolicy", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    g.putGroupPolicy(ctx.tx(), ctx.caller(), q.groupName(), q.policyName(), q.policyDocument());
                    return PutGroupPolicyResponse.builder().build();
                });
        api.read("GetGroupPolicy", GetGroupPolicyRequest.class, "iam:GetGroupPolicy",
                (ctx, q) -> a.on("GetGroupPolicy", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    String document = g.getGroupPolicy(ctx.tx(), ctx.caller(), q.groupName(), q.policyName());
                    String name = g.getGroup(ctx.tx(), ctx.caller(), q.groupName(), null, null).group().name();
                    return GetGroupPolicyResponse.builder().groupName(name).policyName(q.policyName())
                            .policyDocument(encoded(document)).build();
                });
        api.write("DeleteGroupPolicy", DeleteGroupPolicyRequest.class, "iam:DeleteGroupPolicy",
                (ctx, q) -> a.on("DeleteGroupPolicy", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    g.deleteGroupPolicy(ctx.tx(), ctx.caller(), q.groupName(), q.policyName());
                    return DeleteGroupPolicyResponse.builder().build();
                });
        api.read("ListGroupPolicies", ListGroupPoliciesRequest.class, "iam:ListGroupPolicies",
                (ctx, q) -> a.on("ListGroupPolicies", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    IamPage<String> page = g.listGroupPolicies(ctx.tx(), ctx.caller(), q.groupName(), q.marker(),
                            q.maxItems());
                    return ListGroupPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
                            .marker(page.marker()).build();
                });
        api.write("AttachGroupPolicy", AttachGroupPolicyRequest.class, "iam:AttachGroupPolicy",
                (ctx, q) -> a.on("AttachGroupPolicy", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    g.attachGroupPolicy(ctx.tx(), ctx.caller(), q.groupName(), q.policyArn());
                    return AttachGroupPolicyResponse.builder().build();
                });
        api.write("DetachGroupPolicy", DetachGroupPolicyRequest.class, "iam:DetachGroupPolicy",
                (ctx, q) -> a.on("DetachGroupPolicy", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    g.detachGroupPolicy(ctx.tx(), ctx.caller(), q.groupName(), q.policyArn());
                    return DetachGroupPolicyResponse.builder().build();
                });
        api.read("ListAttachedGroupPolicies", ListAttachedGroupPoliciesRequest.class, "iam:ListAttachedGroupPolicies",
                (ctx, q) -> a.on("ListAttachedGroupPolicies", a.entity(ctx, "group", q.groupName())),
                (ctx, q) -> {
                    var page = g.listAttachedGroupPolicies(ctx.tx(), ctx.caller(), q.groupName(), q.pathPrefix(),
                            q.marker(), q.maxItems());
                    return ListAttachedGroupPoliciesResponse.builder()
                            .attachedPolicies(page.items().stream().map(IamShapes::attached).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
    }

    private static void accessKeys(ServiceApi.Builder api, AccessKeyService k, IamAccess a) {
        api.write("CreateAccessKey", CreateAccessKeyRequest.class, "iam:CreateAccessKey",
                (ctx, q) -> a.on("CreateAccessKey", a.userOrCaller(ctx, q.userName())),
                (ctx, q) -> {
                    AccessKeyService.NewAccessKey created = k.createAccessKey(ctx.tx(), ctx.caller(), q.userName());
                    return CreateAccessKeyResponse.builder().accessKey(AccessKey.builder()
                            .userName(created.userName()).accessKeyId(created.credential().accessKeyId())
                            .secretAccessKey(created.credential().secretAccessKey()).status("Active")
                            .createDate(created.key().created()).build()).build();
                });
        api.read("ListAccessKeys", ListAccessKeysRequest.class, "iam:ListAccessKeys",
                (ctx, q) -> a.on("ListAccessKeys", a.userOrCaller(ctx, q.userName())),
                (ctx, q) -> {
                    var page = k.listAccessKeys(ctx.tx(), ctx.caller(), q.userName(), q.marker(), q.maxItems());
                    return ListAccessKeysResponse.builder().accessKeyMetadata(page.items().stream()
                                    .map(o -> keyMetadata(o.key(), o.userName())).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.write("UpdateAccessKey", UpdateAccessKeyRequest.class, "iam:UpdateAccessKey",
                (ctx, q) -> a.on("UpdateAccessKey", a.userOrCaller(ctx, q.userName())),
                (ctx, q) -> {
                    k.updateAccessKey(ctx.tx(), ctx.caller(), q.userName(), q.accessKeyId(), q.statusAsString());
                    return UpdateAccessKeyResponse.builder().build();
                });
        api.write("DeleteAccessKey", DeleteAccessKeyRequest.class, "iam:DeleteAccessKey",
                (ctx, q) -> a.on("DeleteAccessKey", a.userOrCaller(ctx, q.userName())),
                (ctx, q) -> {
                    k.deleteAccessKey(ctx.tx(), ctx.caller(), q.userName(), q.accessKeyId());
                    return DeleteAccessKeyResponse.builder().build();
                });
        api.read("GetAccessKeyLastUsed", GetAccessKeyLastUsedRequest.class, "iam:GetAccessKeyLastUsed",
                (ctx, q) -> a.on("GetAccessKeyLastUsed", IamAccess.arn(ctx, "user", "/")),
                (ctx, q) -> {
                    AccessKeyService.OwnedKey key = k.getAccessKeyLastUsed(ctx.tx(), ctx.caller(), q.accessKeyId());
                    return GetAccessKeyLastUsedResponse.builder().userName(key.userName())
                            .accessKeyLastUsed(AccessKeyLastUsed.builder().serviceName("N/A").region("N/A").build())
                            .build();
                });
    }

    private static void mfa(ServiceApi.Builder api, IamService iam, IamAccess a) {
        MfaService m = iam.mfa();
        api.write("CreateVirtualMFADevice", CreateVirtualMfaDeviceRequest.class, "iam:CreateVirtualMFADevice",
                (ctx, q) -> a.on("CreateVirtualMFADevice",
                        IamAccess.arn(ctx, "mfa", IamAccess.path(q.path()) + q.virtualMFADeviceName())),
                (ctx, q) -> {
                    MfaService.NewDevice created = m.createVirtualMfaDevice(ctx.tx(), ctx.caller(), q.path(),
                            q.virtualMFADeviceName(), tags(q.tags()));
                    VirtualMfaDevice d = created.device();
                    return CreateVirtualMfaDeviceResponse.builder().virtualMFADevice(VirtualMFADevice.builder()
                            .serialNumber(d.serialNumber())
                            .base32StringSeed(SdkBytes.fromString(d.seed(), StandardCharsets.US_ASCII))
                            .qrCodePNG(SdkBytes.fromByteArray(created.qrCodePng()))
                            .tags(d.tags().isEmpty() ? null : sdkTags(d.tags())).build()).build();
                });
        api.write("EnableMFADevice", EnableMfaDeviceRequest.class, "iam:EnableMFADevice",
                (ctx, q) -> a.on("EnableMFADevice", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    m.enableMfaDevice(ctx.tx(), ctx.caller(), q.userName(), q.serialNumber(), q.authenticationCode1(),
                            q.authenticationCode2());
                    return EnableMfaDeviceResponse.builder().build();
                });
        api.write("ResyncMFADevice", ResyncMfaDeviceRequest.class, "iam:ResyncMFADevice",
                (ctx, q) -> a.on("ResyncMFADevice", a.entity(ctx, "user", q.userName())),
                (ctx, q) -> {
                    m.resyncMfaDevice(ctx.tx(), ctx.caller(), q.userName(), q.serialNumber(), q.authenticationCode1(),
                            q.authenticationCode2());
                    return ResyncMfaDeviceResponse.builder().build();
                });
        api.write("DeactivateMFADevice", DeactivateMfaDeviceRequest.class, "iam:DeactivateMFADevice",
                (ctx, q) -> a.on("DeactivateMFADevice", a.userOrCaller(ctx, q.userName())),
                (ctx, q) -> {
                    m.deactivateMfaDevice(ctx.tx(), ctx.caller(), q.userName(), q.serialNumber());
                    return DeactivateMfaDeviceResponse.builder().build();
                });
        api.write("DeleteVirtualMFADevice", DeleteVirtualMfaDeviceRequest.class, "iam:DeleteVirtualMFADevice",
                (ctx, q) -> a.on("DeleteVirtualMFADevice", IamAccess.mfa(ctx, q.serialNumber())),
                (ctx, q) -> {
                    m.deleteVirtualMfaDevice(ctx.tx(), ctx.caller(), q.serialNumber());
                    return DeleteVirtualMfaDeviceResponse.builder().build();
                });
        api.read("ListMFADevices", ListMfaDevicesRequest.class, "iam:ListMFADevices",
                (ctx, q) -> a.on("ListMFADevices", a.userOrCaller(ctx, q.userName())),
                (ctx, q) -> {
                    var page = m.listMfaDevices(ctx.tx(), ctx.caller(), q.userName(), q.marker(), q.maxItems());
                    return ListMfaDevicesResponse.builder().mfaDevices(page.items().stream()
                                    .map(d -> MFADevice.builder().userName(d.userName()).serialNumber(d.serialNumber())
                                            .enableDate(d.enabled()).build()).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
        api.read("ListVirtualMFADevices", ListVirtualMfaDevicesRequest.class, "iam:ListVirtualMFADevices",
                (ctx, q) -> a.on("ListVirtualMFADevices", IamAccess.arn(ctx, "mfa", "/")),
                (ctx, q) -> {
                    var page = m.listVirtualMfaDevices(ctx.tx(), ctx.caller(), q.assignmentStatusAsString(),
                            q.marker(), q.maxItems());
                    return ListVirtualMfaDevicesResponse.builder().virtualMFADevices(page.items().stream()
                                    .map(d -> VirtualMFADevice.builder().serialNumber(d.serialNumber())
                                            .enableDate(d.enabled())
                                            .user(m.userOf(ctx.tx(), d).map(x -> user(x, false)).orElse(null))
                                            .tags(d.tags().isEmpty() ? null : sdkTags(d.tags())).build()).toList())
                            .isTruncated(page.truncated()).marker(page.marker()).build();
                });
    }
}
