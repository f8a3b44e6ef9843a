package io.strongroom.api.iam;

import io.strongroom.engine.iam.IamGroup;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.iam.IamTag;
import io.strongroom.engine.iam.IamUser;
import io.strongroom.engine.iam.ManagedPolicy;
import io.strongroom.engine.iam.PolicyService;
import io.strongroom.engine.iam.PolicyVersion;
import io.strongroom.engine.identity.AccessKey;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Domain records to IAM SDK shapes and back. */
final class IamShapes {
    private IamShapes() {
    }

    /**
     * IAM returns policy documents percent-encoded (RFC 3986); AWS's SDKs leave them so, the CLI
     * decodes them.
     */
    static String encoded(String document) {
        return document == null ? null : URLEncoder.encode(document, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static List<IamTag> tags(List<Tag> tags) {
        return tags == null ? List.of() : tags.stream().map(t -> new IamTag(t.key(), t.value())).toList();
    }

    static List<Tag> sdkTags(List<IamTag> tags) {
        return tags.stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList();
    }

    static AttachedPermissionsBoundary boundary(String arn) {
        return arn == null ? null : AttachedPermissionsBoundary.builder()
                .permissionsBoundaryType("PermissionsBoundaryPolicy").permissionsBoundaryArn(arn).build();
    }

    /** A user as GetUser and CreateUser show it (ListUsers shows it without tags and boundary). */
    static User user(IamUser u, boolean full) {
        User.Builder b = User.builder().userName(u.name()).userId(u.userId()).arn(u.arn()).path(u.path())
                .createDate(u.created());
        if (full) {
            b.permissionsBoundary(boundary(u.permissionsBoundary()));
            if (!u.tags().isEmpty()) {
                b.tags(sdkTags(u.tags()));
            }
        }
        return b.build();
    }

    static Group group(IamGroup g) {
        return Group.builder().groupName(g.name()).groupId(g.groupId()).arn(g.arn()).path(g.path())
                .createDate(g.created()).build();
    }

    /** A role as GetRole and CreateRole show it; ListRoles leaves out tags and the boundary. */
    static Role role(IamRole r, boolean full) {
        Role.Builder b = Role.builder().roleName(r.name()).roleId(r.roleId()).arn(r.arn()).path(r.path())
                .createDate(r.created()).assumeRolePolicyDocument(encoded(r.trustPolicy()))
                .description(r.description()).maxSessionDuration(r.maxSessionDuration());
        if (full) {
            b.permissionsBoundary(boundary(r.permissionsBoundary()));
            if (!r.tags().isEmpty()) {
                b.tags(sdkTags(r.tags()));
            }
        }
        return b.build();
    }

    static Policy policy(PolicyService.PolicyUsage usage, boolean withTags) {
        ManagedPolicy p = usage.policy();
        Policy.Builder b = Policy.builder().policyName(p.name()).policyId(p.policyId()).arn(p.arn()).path(p.path())
                .defaultVersionId(p.defaultVersionId()).attachmentCount(usage.attachmentCount())
                .permissionsBoundaryUsageCount(usage.permissionsBoundaryUsageCount()).isAttachable(true)
                .description(withTags ? p.description() : null).createDate(p.created()).updateDate(p.updated());
        if (withTags && !p.tags().isEmpty()) {
            b.tags(sdkTags(p.tags()));
        }
        return b.build();
    }

    static software.amazon.awssdk.services.iam.model.PolicyVersion version(ManagedPolicy policy, PolicyVersion v,
                                                                           boolean withDocument) {
        return software.amazon.awssdk.services.iam.model.PolicyVersion.builder().versionId(v.versionId())
                .document(withDocument ? encoded(v.document()) : null)
                .isDefaultVersion(v.versionId().equals(policy.defaultVersionId())).createDate(v.created()).build();
    }

    static AttachedPolicy attached(ManagedPolicy p) {
        return AttachedPolicy.builder().policyName(p.name()).policyArn(p.arn()).build();
    }

    static software.amazon.awssdk.services.iam.model.AccessKeyMetadata keyMetadata(AccessKey k, String userName) {
        return software.amazon.awssdk.services.iam.model.AccessKeyMetadata.builder().userName(userName)
                .accessKeyId(k.accessKeyId()).status(k.active() ? "Active" : "Inactive").createDate(k.created())
                .build();
    }
}
