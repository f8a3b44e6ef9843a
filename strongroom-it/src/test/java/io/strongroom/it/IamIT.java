package io.strongroom.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import io.strongroom.testkit.Totp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.*;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** IAM through the SDK v2: every operation group, with AWS's error for each bad input and nothing stored on failure. */
class IamIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "111111111111";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"backup.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String READ_BACKUP = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"backup:List*\",\"backup:Describe*\"],\"Resource\":\"*\"}]}";
    static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    TestServer server;
    Endpoint endpoint;
    IamClient iam;

    @BeforeEach
    void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
        iam = endpoint.client(IamClient.builder());
    }

    @AfterEach
    void stop() {
        iam.close();
        server.close();
    }

    static AwsServiceException error(String code, int status, String message, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
        return e;
    }

    static String decoded(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    List<String> userNames() {
        return iam.listUsers().users().stream().map(User::userName).toList();
    }

    // ---- users

    @Test
    void usersAreCreatedListedRenamedTaggedAndDeleted() {
        User alice = iam.createUser(r -> r.userName("alice").path("/division/")
                .tags(Tag.builder().key("team").value("backup").build())).user();
        assertThat(alice.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/division/alice");
        assertThat(alice.userId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(alice.path()).isEqualTo("/division/");
        assertThat(alice.tags()).containsExactly(Tag.builder().key("team").value("backup").build());

        User fetched = iam.getUser(r -> r.userName("alice")).user();
        assertThat(fetched.userId()).isEqualTo(alice.userId());
        assertThat(fetched.createDate()).isEqualTo(alice.createDate());

        error("EntityAlreadyExists", 409, "User with name ALICE already exists.",
                () -> iam.createUser(r -> r.userName("ALICE")));
        error("ValidationError", 400, "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
                () -> iam.createUser(r -> r.userName("bad name")));
        error("ValidationError", 400, null, () -> iam.createUser(r -> r.userName("a".repeat(65))));
        error("ValidationError", 400, null, () -> iam.createUser(r -> r.userName("bob").path("no-slash")));
        error("NoSuchEntity", 404, "The user with name nobody cannot be found.",
                () -> iam.getUser(r -> r.userName("nobody")));
        assertThat(userNames()).containsExactly("alice");

        for (String name : List.of("bob", "carol", "dave")) {
            iam.createUser(r -> r.userName(name));
        }
        ListUsersResponse first = iam.listUsers(r -> r.maxItems(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.users()).extracting(User::userName).containsExactly("alice", "bob");
        ListUsersResponse second = iam.listUsers(r -> r.maxItems(2).marker(first.marker()));
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.marker()).isNull();
        assertThat(second.users()).extracting(User::userName).containsExactly("carol", "dave");
        List<String> paged = new ArrayList<>();
        iam.listUsersPaginator(r -> r.maxItems(1)).users().forEach(u -> paged.add(u.userName()));
        assertThat(paged).containsExactly("alice", "bob", "carol", "dave");
        assertThat(iam.listUsers(r -> r.pathPrefix("/division/")).users()).extracting(User::userName)
                .containsExactly("alice");

        iam.updateUser(r -> r.userName("alice").newUserName("alicia").newPath("/ops/"));
        error("NoSuchEntity", 404, "The user with name alice cannot be found.",
                () -> iam.getUser(r -> r.userName("alice")));
        User renamed = iam.getUser(r -> r.userName("alicia")).user();
        assertThat(renamed.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/ops/alicia");
        assertThat(renamed.userId()).isEqualTo(alice.userId());
        error("EntityAlreadyExists", 409, "User with name Bob already exists.",
                () -> iam.updateUser(r -> r.userName("carol").newUserName("Bob")));

        iam.tagUser(r -> r.userName("alicia").tags(Tag.builder().key("cost-centre").value("42").build(),
                Tag.builder().key("TEAM").value("platform").build()));
        assertThat(iam.listUserTags(r -> r.userName("alicia")).tags()).containsExactly(
                Tag.builder().key("TEAM").value("platform").build(), Tag.builder().key("cost-centre").value("42").build());
        iam.untagUser(r -> r.userName("alicia").tagKeys("cost-centre"));
        assertThat(iam.listUserTags(r -> r.userName("alicia")).tags()).extracting(Tag::key).containsExactly("TEAM");
        error("InvalidInput", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
                () -> iam.tagUser(r -> r.userName("bob").tags(Tag.builder().key("a").value("1").build(),
                        Tag.builder().key("A").value("2").build())));
        assertThat(iam.listUserTags(r -> r.userName("bob")).tags()).isEmpty();

        iam.deleteUser(r -> r.userName("bob"));
        assertThat(userNames()).containsExactly("alicia", "carol", "dave");
        error("NoSuchEntity", 404, null, () -> iam.deleteUser(r -> r.userName("bob")));
    }

    @Test
    void rootAsksGetUserAboutItself() {
        User root = iam.getUser().user();
        assertThat(root.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(root.userId()).isEqualTo(ACCOUNT);
    }

    @Test
    void deleteUserIsRefusedWhileAnythingIsLeft() {
        iam.createUser(r -> r.userName("alice"));
        iam.createGroup(r -> r.groupName("ops"));
        String key = iam.createAccessKey(r -> r.userName("alice")).accessKey().accessKeyId();
        iam.putUserPolicy(r -> r.userName("alice").policyName("read").policyDocument(READ_BACKUP));
        iam.attachUserPolicy(r -> r.userName("alice").policyArn(ADMIN));
        iam.addUserToGroup(r -> r.groupName("ops").userName("alice"));
        VirtualMFADevice device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("alice-phone"))
                .virtualMFADevice();
        String serial = device.serialNumber();
        enable("alice", serial, device.base32StringSeed().asString(StandardCharsets.US_ASCII));

        error("DeleteConflict", 409, "Cannot delete entity, must delete access keys first.",
                () -> iam.deleteUser(r -> r.userName("alice")));
        iam.deleteAccessKey(r -> r.userName("alice").accessKeyId(key));
        error("DeleteConflict", 409, "Cannot delete entity, must delete policies first.",
                () -> iam.deleteUser(r -> r.userName("alice")));
        iam.deleteUserPolicy(r -> r.userName("alice").policyName("read"));
        error("DeleteConflict", 409, "Cannot delete entity, must detach all policies first.",
                () -> iam.deleteUser(r -> r.userName("alice")));
        iam.detachUserPolicy(r -> r.userName("alice").policyArn(ADMIN));
        error("DeleteConflict", 409, "Cannot delete entity, must remove users from group first.",
                () -> iam.deleteUser(r -> r.userName("alice")));
        iam.removeUserFromGroup(r -> r.groupName("ops").userName("alice"));
        error("DeleteConflict", 409, "Cannot delete entity, must delete MFA device first.",
                () -> iam.deleteUser(r -> r.userName("alice")));
        assertThat(userNames()).containsExactly("alice");
        iam.deactivateMFADevice(r -> r.userName("alice").serialNumber(serial));
        iam.deleteUser(r -> r.userName("alice"));
        assertThat(userNames()).isEmpty();
    }

    // ---- groups

    @Test
    void groupsHoldUsersAndPolicies() {
        Group ops = iam.createGroup(r -> r.groupName("Ops").path("/teams/")).group();
        assertThat(ops.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":group/teams/Ops");
        assertThat(ops.groupId()).matches("AGPA[A-Z2-7]{17}");
        error("EntityAlreadyExists", 409, "Group with name ops already exists.",
                () -> iam.createGroup(r -> r.groupName("ops")));
        iam.createGroup(r -> r.groupName("Auditors"));
        iam.createUser(r -> r.userName("alice"));
        iam.createUser(r -> r.userName("bob"));
        iam.addUserToGroup(r -> r.groupName("ops").userName("alice"));
        iam.addUserToGroup(r -> r.groupName("Ops").userName("bob"));
        iam.addUserToGroup(r -> r.groupName("Ops").userName("bob"));
        iam.addUserToGroup(r -> r.groupName("Auditors").userName("bob"));
        error("NoSuchEntity", 404, "The group with name nope cannot be found.",
                () -> iam.addUserToGroup(r -> r.groupName("nope").userName("bob")));
        error("NoSuchEntity", 404, "The user with name carol cannot be found.",
                () -> iam.addUserToGroup(r -> r.groupName("Ops").userName("carol")));

        GetGroupResponse group = iam.getGroup(r -> r.groupName("ops"));
        assertThat(group.group().groupName()).isEqualTo("Ops");
        assertThat(group.users()).extracting(User::userName).containsExactly("alice", "bob");
        assertThat(group.isTruncated()).isFalse();
        assertThat(iam.listGroups().groups()).extracting(Group::groupName).containsExactly("Auditors", "Ops");
        assertThat(iam.listGroups(r -> r.pathPrefix("/teams/")).groups()).extracting(Group::groupName)
                .containsExactly("Ops");
        assertThat(iam.listGroupsForUser(r -> r.userName("bob")).groups()).extracting(Group::groupName)
                .containsExactly("Auditors", "Ops");

        iam.putGroupPolicy(r -> r.groupName("Ops").policyName("read").policyDocument(READ_BACKUP));
        assertThat(decoded(iam.getGroupPolicy(r -> r.groupName("Ops").policyName("read")).policyDocument()))
                .isEqualTo(READ_BACKUP);
        assertThat(iam.listGroupPolicies(r -> r.groupName("Ops")).policyNames()).containsExactly("read");
        iam.attachGroupPolicy(r -> r.groupName("Ops").policyArn(ADMIN));
        assertThat(iam.listAttachedGroupPolicies(r -> r.groupName("Ops")).attachedPolicies())
                .containsExactly(AttachedPolicy.builder().policyName("AdministratorAccess").policyArn(ADMIN).build());

        error("DeleteConflict", 409, "Cannot delete entity, must remove users from group first.",
                () -> iam.deleteGroup(r -> r.groupName("Ops")));
        iam.removeUserFromGroup(r -> r.groupName("Ops").userName("alice"));
        iam.removeUserFromGroup(r -> r.groupName("Ops").userName("bob"));
        error("NoSuchEntity", 404, null, () -> iam.removeUserFromGroup(r -> r.groupName("Ops").userName("bob")));
        error("DeleteConflict", 409, "Cannot delete entity, must delete policies first.",
                () -> iam.deleteGroup(r -> r.groupName("Ops")));
        iam.deleteGroupPolicy(r -> r.groupName("Ops").policyName("read"));
        error("DeleteConflict", 409, "Cannot delete entity, must detach all policies first.",
                () -> iam.deleteGroup(r -> r.groupName("Ops")));
        iam.detachGroupPolicy(r -> r.groupName("Ops").policyArn(ADMIN));
        iam.deleteGroup(r -> r.groupName("Ops"));
        assertThat(iam.listGroups().groups()).extracting(Group::groupName).containsExactly("Auditors");
        assertThat(iam.listGroupsForUser(r -> r.userName("bob")).groups()).extracting(Group::groupName)
                .containsExactly("Auditors");
    }

    // ---- roles

    @Test
    void rolesCarryTrustSessionDurationTagsAndBoundary() throws Exception {
        Role role = iam.createRole(r -> r.roleName("BackupAdminRole").path("/ops/").assumeRolePolicyDocument(TRUST)
                .description("backup admins").maxSessionDuration(7200).permissionsBoundary(ADMIN)
                .tags(Tag.builder().key("purpose").value("backup").build())).role();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/ops/BackupAdminRole");
        assertThat(role.roleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(JSON.readTree(decoded(role.assumeRolePolicyDocument()))).isEqualTo(JSON.readTree(TRUST));

        Role fetched = iam.getRole(r -> r.roleName("backupadminrole")).role();
        assertThat(fetched.roleName()).isEqualTo("BackupAdminRole");
        assertThat(fetched.maxSessionDuration()).isEqualTo(7200);
        assertThat(fetched.description()).isEqualTo("backup admins");
        assertThat(fetched.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(ADMIN);
        assertThat(fetched.tags()).containsExactly(Tag.builder().key("purpose").value("backup").build());

        error("EntityAlreadyExists", 409, "Role with name backupadminrole already exists.",
                () -> iam.createRole(r -> r.roleName("backupadminrole").assumeRolePolicyDocument(TRUST)));
        error("ValidationError", 400, "1 validation error detected: Value '100' at 'maxSessionDuration' failed to "
                + "satisfy constraint: Member must have value greater than or equal to 3600",
                () -> iam.createRole(r -> r.roleName("Short").assumeRolePolicyDocument(TRUST).maxSessionDuration(100)));
        error("ValidationError", 400, "1 validation error detected: Value '50000' at 'maxSessionDuration' failed to "
                + "satisfy constraint: Member must have value less than or equal to 43200",
                () -> iam.createRole(r -> r.roleName("Long").assumeRolePolicyDocument(TRUST).maxSessionDuration(50000)));
        error("MalformedPolicyDocument", 400, "Syntax errors in policy.",
                () -> iam.createRole(r -> r.roleName("Broken").assumeRolePolicyDocument("{\"Version\": ")));
        error("NoSuchEntity", 404, "Policy arn:aws:iam::" + ACCOUNT + ":policy/Nope does not exist or is not attachable.",
                () -> iam.createRole(r -> r.roleName("Bounded").assumeRolePolicyDocument(TRUST)
                        .permissionsBoundary("arn:aws:iam::" + ACCOUNT + ":policy/Nope")));
        assertThat(iam.listRoles().roles()).extracting(Role::roleName).containsExactly("BackupAdminRole");

        iam.createRole(r -> r.roleName("AppRole").assumeRolePolicyDocument(TRUST));
        assertThat(iam.listRoles().roles()).extracting(Role::roleName).containsExactly("AppRole", "BackupAdminRole");
        assertThat(iam.listRoles(r -> r.pathPrefix("/ops/")).roles()).extracting(Role::roleName)
                .containsExactly("BackupAdminRole");

        iam.updateRole(r -> r.roleName("AppRole").description("the app").maxSessionDuration(43200));
        Role updated = iam.getRole(r -> r.roleName("AppRole")).role();
        assertThat(updated.description()).isEqualTo("the app");
        assertThat(updated.maxSessionDuration()).isEqualTo(43200);
        error("ValidationError", 400, null, () -> iam.updateRole(r -> r.roleName("AppRole").maxSessionDuration(60)));

        String newTrust = TRUST.replace("backup.amazonaws.com", "ec2.amazonaws.com");
        iam.updateAssumeRolePolicy(r -> r.roleName("AppRole").policyDocument(newTrust));
        assertThat(decoded(iam.getRole(r -> r.roleName("AppRole")).role().assumeRolePolicyDocument())).isEqualTo(newTrust);
        error("MalformedPolicyDocument", 400, "Syntax errors in policy.",
                () -> iam.updateAssumeRolePolicy(r -> r.roleName("AppRole").policyDocument("[]")));
        assertThat(decoded(iam.getRole(r -> r.roleName("AppRole")).role().assumeRolePolicyDocument())).isEqualTo(newTrust);

        iam.tagRole(r -> r.roleName("AppRole").tags(Tag.builder().key("env").value("prod").build()));
        assertThat(iam.listRoleTags(r -> r.roleName("AppRole")).tags()).extracting(Tag::key).containsExactly("env");
        iam.untagRole(r -> r.roleName("AppRole").tagKeys("env"));
        assertThat(iam.listRoleTags(r -> r.roleName("AppRole")).tags()).isEmpty();

        // Instance profiles are not served, so a role is in none (what Terraform checks before deleting a role).
        var profiles = iam.listInstanceProfilesForRole(r -> r.roleName("AppRole"));
        assertThat(profiles.instanceProfiles()).isEmpty();
        assertThat(profiles.isTruncated()).isFalse();
        error("NoSuchEntity", 404, "The role with name NoRole cannot be found.",
                () -> iam.listInstanceProfilesForRole(r -> r.roleName("NoRole")));

        iam.putRolePolicy(r -> r.roleName("AppRole").policyName("read").policyDocument(READ_BACKUP));
        iam.attachRolePolicy(r -> r.roleName("AppRole").policyArn(ADMIN));
        error("DeleteConflict", 409, "Cannot delete entity, must delete policies first.",
                () -> iam.deleteRole(r -> r.roleName("AppRole")));
        iam.deleteRolePolicy(r -> r.roleName("AppRole").policyName("read"));
        error("DeleteConflict", 409, "Cannot delete entity, must detach all policies first.",
                () -> iam.deleteRole(r -> r.roleName("AppRole")));
        iam.detachRolePolicy(r -> r.roleName("AppRole").policyArn(ADMIN));
        iam.deleteRole(r -> r.roleName("AppRole"));
        error("NoSuchEntity", 404, "The role with name AppRole cannot be found.",
                () -> iam.getRole(r -> r.roleName("AppRole")));
    }

    @Test
    void serviceLinkedRoleForBackupIsAwsToChange() throws Exception {
        Role role = iam.createServiceLinkedRole(r -> r.awsServiceName("backup.amazonaws.com")).role();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT
                + ":role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup");
        assertThat(JSON.readTree(decoded(role.assumeRolePolicyDocument())).at("/Statement/0/Principal/Service").asText())
                .isEqualTo("backup.amazonaws.com");
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("AWSServiceRoleForBackup")).attachedPolicies())
                .extracting(AttachedPolicy::policyArn)
                .containsExactly("arn:aws:iam::aws:policy/aws-service-role/AWSBackupServiceLinkedRolePolicyForBackup");
        error("InvalidInput", 400, "Service role name AWSServiceRoleForBackup has been taken in this account, please "
                + "try a different suffix.", () -> iam.createServiceLinkedRole(r -> r.awsServiceName("backup.amazonaws.com")));
        String protectedRole = "Cannot perform the operation on the protected role 'AWSServiceRoleForBackup' - this "
                + "role is only modifiable by AWS";
        error("UnmodifiableEntity", 400, protectedRole, () -> iam.deleteRole(r -> r.roleName("AWSServiceRoleForBackup")));
        error("UnmodifiableEntity", 400, protectedRole, () -> iam.updateAssumeRolePolicy(r -> r
                .roleName("AWSServiceRoleForBackup").policyDocument(TRUST)));
        error("InvalidInput", 400, null, () -> iam.createServiceLinkedRole(r -> r.awsServiceName("nope.amazonaws.com")));
    }

    // ---- inline policies

    @Test
    void inlinePoliciesOfUsersAndRolesAreValidatedUpsertedAndListed() {
        iam.createUser(r -> r.userName("alice"));
        iam.createRole(r -> r.roleName("AppRole").assumeRolePolicyDocument(TRUST));
        iam.putUserPolicy(r -> r.userName("alice").policyName("read").policyDocument(READ_BACKUP));
        String pretty = "{\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kms:*\", \"Resource\": \"*\"}\n}";
        iam.putUserPolicy(r -> r.userName("alice").policyName("kms").policyDocument(pretty));
        GetUserPolicyResponse got = iam.getUserPolicy(r -> r.userName("ALICE").policyName("kms"));
        assertThat(got.userName()).isEqualTo("alice");
        assertThat(got.policyDocument()).isEqualTo(java.net.URLEncoder.encode(pretty, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A"));
        assertThat(decoded(got.policyDocument())).isEqualTo(pretty);
        assertThat(iam.listUserPolicies(r -> r.userName("alice")).policyNames()).containsExactly("kms", "read");
        iam.putUserPolicy(r -> r.userName("alice").policyName("read").policyDocument(pretty));
        assertThat(decoded(iam.getUserPolicy(r -> r.userName("alice").policyName("read")).policyDocument()))
                .isEqualTo(pretty);

        error("MalformedPolicyDocument", 400, "Syntax errors in policy.", () -> iam.putUserPolicy(r -> r
                .userName("alice").policyName("bad").policyDocument("{\"Statement\": [")));
        error("MalformedPolicyDocument", 400, "Syntax errors in policy.", () -> iam.putRolePolicy(r -> r
                .roleName("AppRole").policyName("bad").policyDocument("\"just a string\"")));
        assertThat(iam.listUserPolicies(r -> r.userName("alice")).policyNames()).containsExactly("kms", "read");
        assertThat(iam.listRolePolicies(r -> r.roleName("AppRole")).policyNames()).isEmpty();
        error("NoSuchEntity", 404, "The user policy with name nope cannot be found.",
                () -> iam.getUserPolicy(r -> r.userName("alice").policyName("nope")));
        error("NoSuchEntity", 404, "The role policy with name nope cannot be found.",
                () -> iam.deleteRolePolicy(r -> r.roleName("AppRole").policyName("nope")));
        error("NoSuchEntity", 404, "The user with name bob cannot be found.",
                () -> iam.putUserPolicy(r -> r.userName("bob").policyName("p").policyDocument(READ_BACKUP)));
        error("LimitExceeded", 409, "Maximum policy size of 2048 bytes exceeded for user alice",
                () -> iam.putUserPolicy(r -> r.userName("alice").policyName("big").policyDocument(
                        READ_BACKUP.replace("backup:List*", "backup:" + "L".repeat(2100)))));

        iam.putRolePolicy(r -> r.roleName("AppRole").policyName("read").policyDocument(READ_BACKUP));
        GetRolePolicyResponse rolePolicy = iam.getRolePolicy(r -> r.roleName("approle").policyName("read"));
        assertThat(rolePolicy.roleName()).isEqualTo("AppRole");
        assertThat(decoded(rolePolicy.policyDocument())).isEqualTo(READ_BACKUP);
        iam.deleteUserPolicy(r -> r.userName("alice").policyName("kms"));
        assertThat(iam.listUserPolicies(r -> r.userName("alice")).policyNames()).containsExactly("read");
    }

    // ---- managed policies

    @Test
    void managedPoliciesKeepFiveVersionsAndAreAttachedAndDetached() throws Exception {
        Policy policy = iam.createPolicy(r -> r.policyName("BackupReaders").path("/backup/").description("read backups")
                .policyDocument(READ_BACKUP).tags(Tag.builder().key("owner").value("platform").build())).policy();
        String arn = "arn:aws:iam::" + ACCOUNT + ":policy/backup/BackupReaders";
        assertThat(policy.arn()).isEqualTo(arn);
        assertThat(policy.policyId()).matches("ANPA[A-Z2-7]{17}");
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(policy.attachmentCount()).isZero();
        Policy fetched = iam.getPolicy(r -> r.policyArn(arn)).policy();
        assertThat(fetched.description()).isEqualTo("read backups");
        assertThat(fetched.tags()).containsExactly(Tag.builder().key("owner").value("platform").build());

        error("EntityAlreadyExists", 409, "A policy called backupreaders already exists. Duplicate names are not allowed.",
                () -> iam.createPolicy(r -> r.policyName("backupreaders").policyDocument(READ_BACKUP)));
        error("MalformedPolicyDocument", 400, "Policy document must be version 2012-10-17 or greater.",
                () -> iam.createPolicy(r -> r.policyName("Old").policyDocument(
                        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}")));
        error("MalformedPolicyDocument", 400, "Syntax errors in policy.",
                () -> iam.createPolicy(r -> r.policyName("Broken").policyDocument("{")));
        error("NoSuchEntity", 404, "Policy arn:aws:iam::" + ACCOUNT + ":policy/Nope was not found.",
                () -> iam.getPolicy(r -> r.policyArn("arn:aws:iam::" + ACCOUNT + ":policy/Nope")));
        error("InvalidInput", 400, "ARN this-is-not-an-arn-at-all is not valid.",
                () -> iam.getPolicy(r -> r.policyArn("this-is-not-an-arn-at-all")));
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies()).extracting(Policy::policyName)
                .containsExactly("BackupReaders");

        for (int i = 2; i <= 5; i++) {
            int n = i;
            PolicyVersion v = iam.createPolicyVersion(r -> r.policyArn(arn)
                    .policyDocument(READ_BACKUP.replace("backup:List*", "backup:Get" + n + "*"))
                    .setAsDefault(n == 3)).policyVersion();
            assertThat(v.versionId()).isEqualTo("v" + i);
            assertThat(v.isDefaultVersion()).isEqualTo(i == 3);
        }
        error("LimitExceeded", 409, "A managed policy can have up to 5 versions. Before you create a new version, you "
                + "must delete an existing version.", () -> iam.createPolicyVersion(r -> r.policyArn(arn)
                .policyDocument(READ_BACKUP)));
        assertThat(iam.listPolicyVersions(r -> r.policyArn(arn)).versions()).extracting(PolicyVersion::versionId)
                .containsExactly("v5", "v4", "v3", "v2", "v1");
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v3");
        PolicyVersion v3 = iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v3")).policyVersion();
        assertThat(decoded(v3.document())).contains("backup:Get3*");
        assertThat(v3.isDefaultVersion()).isTrue();
        error("DeleteConflict", 409, "Cannot delete the default version of a policy.",
                () -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v3")));
        error("NoSuchEntity", 404, "Policy " + arn + " version v9 does not exist or is not attachable.",
                () -> iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v9")));
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v5"));
        iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v1"));
        assertThat(iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(READ_BACKUP)).policyVersion()
                .versionId()).isEqualTo("v6");

        iam.createUser(r -> r.userName("alice"));
        iam.createGroup(r -> r.groupName("ops"));
        iam.createRole(r -> r.roleName("AppRole").assumeRolePolicyDocument(TRUST));
        iam.attachUserPolicy(r -> r.userName("alice").policyArn(arn));
        iam.attachGroupPolicy(r -> r.groupName("ops").policyArn(arn));
        iam.attachRolePolicy(r -> r.roleName("AppRole").policyArn(arn));
        iam.attachRolePolicy(r -> r.roleName("AppRole").policyArn(ADMIN));
        error("NoSuchEntity", 404, "Policy arn:aws:iam::" + ACCOUNT + ":policy/Nope does not exist or is not attachable.",
                () -> iam.attachUserPolicy(r -> r.userName("alice").policyArn("arn:aws:iam::" + ACCOUNT + ":policy/Nope")));
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount()).isEqualTo(3);
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("AppRole")).attachedPolicies())
                .extracting(AttachedPolicy::policyName).containsExactly("AdministratorAccess", "BackupReaders");
        assertThat(iam.listAttachedUserPolicies(r -> r.userName("alice")).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(arn);
        ListEntitiesForPolicyResponse entities = iam.listEntitiesForPolicy(r -> r.policyArn(arn));
        assertThat(entities.policyUsers()).extracting(PolicyUser::userName).containsExactly("alice");
        assertThat(entities.policyGroups()).extracting(PolicyGroup::groupName).containsExactly("ops");
        assertThat(entities.policyRoles()).extracting(PolicyRole::roleName).containsExactly("AppRole");
        assertThat(iam.listPolicies(r -> r.onlyAttached(true)).policies()).extracting(Policy::policyName)
                .containsExactly("AdministratorAccess", "BackupReaders");

        error("DeleteConflict", 409, "Cannot delete a policy attached to entities.",
                () -> iam.deletePolicy(r -> r.policyArn(arn)));
        iam.detachUserPolicy(r -> r.userName("alice").policyArn(arn));
        iam.detachGroupPolicy(r -> r.groupName("ops").policyArn(arn));
        iam.detachRolePolicy(r -> r.roleName("AppRole").policyArn(arn));
        error("NoSuchEntity", 404, "Policy " + arn + " was not found.",
                () -> iam.detachRolePolicy(r -> r.roleName("AppRole").policyArn(arn)));
        error("DeleteConflict", 409, null, () -> iam.deletePolicy(r -> r.policyArn(arn)));
        for (String v : List.of("v2", "v3", "v4", "v6")) {
            iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(v));
        }
        iam.deletePolicy(r -> r.policyArn(arn));
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies()).isEmpty();
    }

    @Test
    void awsManagedPoliciesAreListedAndReadable() throws Exception {
        List<String> aws = iam.listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies().stream()
                .map(Policy::arn).toList();
        assertThat(aws).contains(ADMIN, "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::aws:policy/AWSBackupFullAccess",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
                "arn:aws:iam::aws:policy/AWSOrganizationsFullAccess");
        Policy admin = iam.getPolicy(r -> r.policyArn(ADMIN)).policy();
        assertThat(admin.policyId()).startsWith("ANPA");
        String document = decoded(iam.getPolicyVersion(r -> r.policyArn(ADMIN).versionId(admin.defaultVersionId()))
                .policyVersion().document());
        assertThat(JSON.readTree(document).at("/Statement/0/Action").asText()).isEqualTo("*");
        error("InvalidInput", 400, null, () -> iam.createPolicyVersion(r -> r.policyArn(ADMIN).policyDocument(READ_BACKUP)));
        error("InvalidInput", 400, null, () -> iam.deletePolicy(r -> r.policyArn(ADMIN)));
    }

    // ---- access keys

    @Test
    void userAccessKeysAuthenticateUntilDeactivated() {
        iam.createUser(r -> r.userName("alice").path("/division/"));
        String userId = iam.getUser(r -> r.userName("alice")).user().userId();
        AccessKey key = iam.createAccessKey(r -> r.userName("alice")).accessKey();
        assertThat(key.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(key.secretAccessKey()).hasSize(40);
        assertThat(key.status()).isEqualTo(StatusType.ACTIVE);
        assertThat(key.userName()).isEqualTo("alice");
        String second = iam.createAccessKey(r -> r.userName("alice")).accessKey().accessKeyId();
        error("LimitExceeded", 409, "Cannot exceed quota for AccessKeysPerUser: 2",
                () -> iam.createAccessKey(r -> r.userName("alice")));
        assertThat(iam.listAccessKeys(r -> r.userName("alice")).accessKeyMetadata())
                .extracting(AccessKeyMetadata::accessKeyId).containsExactlyInAnyOrder(key.accessKeyId(), second);

        try (StsClient sts = endpoint.client(StsClient.builder(),
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/division/alice");
            assertThat(me.userId()).isEqualTo(userId).startsWith("AIDA");
            assertThat(me.account()).isEqualTo(ACCOUNT);

            iam.updateAccessKey(r -> r.userName("alice").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
            assertThat(iam.listAccessKeys(r -> r.userName("alice")).accessKeyMetadata())
                    .filteredOn(m -> m.accessKeyId().equals(key.accessKeyId()))
                    .extracting(AccessKeyMetadata::statusAsString).containsExactly("Inactive");
            error("InvalidClientTokenId", 403, "The security token included in the request is invalid.",
                    sts::getCallerIdentity);

            iam.updateAccessKey(r -> r.userName("alice").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
            assertThat(sts.getCallerIdentity().arn()).endsWith(":user/division/alice");

            iam.updateUser(r -> r.userName("alice").newUserName("alicia"));
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/division/alicia");

            iam.deleteAccessKey(r -> r.userName("alicia").accessKeyId(key.accessKeyId()));
            error("InvalidClientTokenId", 403, null, sts::getCallerIdentity);
        }
        error("NoSuchEntity", 404, "The Access Key with id " + key.accessKeyId() + " cannot be found.",
                () -> iam.deleteAccessKey(r -> r.userName("alicia").accessKeyId(key.accessKeyId())));
        error("ValidationError", 400, null, () -> iam.updateAccessKey(r -> r.userName("alicia").accessKeyId(second)
                .status("Sleeping")));
        GetAccessKeyLastUsedResponse lastUsed = iam.getAccessKeyLastUsed(r -> r.accessKeyId(second));
        assertThat(lastUsed.userName()).isEqualTo("alicia");
        assertThat(lastUsed.accessKeyLastUsed().serviceName()).isEqualTo("N/A");
    }

    @Test
    void rootCreatesAndListsItsOwnKeysWithoutAUserName() {
        AccessKey key = iam.createAccessKey().accessKey();
        assertThat(key.userName()).isNull();
        assertThat(iam.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .contains(key.accessKeyId(), endpoint.accessKeyId());
        error("LimitExceeded", 409, "Cannot exceed quota for AccessKeysPerUser: 2", () -> iam.createAccessKey());
    }

    // ---- virtual MFA

    /** Enables a device with the codes of the current and the next step on the server's clock; returns the step. */
    long enable(String user, String serial, String seed) {
        long step = Totp.step(endpoint.admin().now());
        iam.enableMFADevice(r -> r.userName(user).serialNumber(serial)
                .authenticationCode1(Totp.code(seed, step)).authenticationCode2(Totp.code(seed, step + 1)));
        return step;
    }

    @Test
    void virtualMfaDeviceIsEnabledWithTwoConsecutiveCodes() {
        iam.createUser(r -> r.userName("alice"));
        VirtualMFADevice device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("alice-phone").path("/mfa/"))
                .virtualMFADevice();
        String serial = device.serialNumber();
        assertThat(serial).isEqualTo("arn:aws:iam::" + ACCOUNT + ":mfa/mfa/alice-phone");
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
        assertThat(seed).matches("[A-Z2-7]{64}");
        byte[] png = device.qrCodePNG().asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        error("EntityAlreadyExists", 409, "MFADevice entity at the same path and name already exists.",
                () -> iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("alice-phone").path("/mfa/")));

        Instant now = endpoint.admin().now();
        long step = Totp.step(now);
        String invalid = "Authentication code for device is not valid.";
        error("InvalidAuthenticationCode", 403, invalid, () -> iam.enableMFADevice(r -> r.userName("alice")
                .serialNumber(serial).authenticationCode1(Totp.code(seed, step))
                .authenticationCode2(Totp.code(seed, step + 2))));
        error("InvalidAuthenticationCode", 403, invalid, () -> iam.enableMFADevice(r -> r.userName("alice")
                .serialNumber(serial).authenticationCode1(Totp.code(seed, step + 1))
                .authenticationCode2(Totp.code(seed, step))));
        error("InvalidAuthenticationCode", 403, invalid, () -> iam.enableMFADevice(r -> r.userName("alice")
                .serialNumber(serial).authenticationCode1(Totp.code(seed, step + 40))
                .authenticationCode2(Totp.code(seed, step + 41))));
        error("NoSuchEntity", 404, "The user with name bob cannot be found.", () -> iam.enableMFADevice(r -> r
                .userName("bob").serialNumber(serial).authenticationCode1(Totp.code(seed, step))
                .authenticationCode2(Totp.code(seed, step + 1))));
        assertThat(iam.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.UNASSIGNED))
                .virtualMFADevices()).extracting(VirtualMFADevice::serialNumber).containsExactly(serial);

        iam.enableMFADevice(r -> r.userName("alice").serialNumber(serial)
                .authenticationCode1(Totp.code(seed, step)).authenticationCode2(Totp.code(seed, step + 1)));
        List<MFADevice> devices = iam.listMFADevices(r -> r.userName("alice")).mfaDevices();
        assertThat(devices).extracting(MFADevice::serialNumber).containsExactly(serial);
        assertThat(devices.get(0).enableDate()).isEqualTo(now);
        List<VirtualMFADevice> assigned = iam.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED))
                .virtualMFADevices();
        assertThat(assigned).extracting(d -> d.user().userName()).containsExactly("alice");
        assertThat(assigned.get(0).base32StringSeed()).isNull();
        assertThat(iam.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.UNASSIGNED))
                .virtualMFADevices()).isEmpty();

        iam.createUser(r -> r.userName("bob"));
        error("EntityAlreadyExists", 409, "MFA Device is already in use.", () -> iam.enableMFADevice(r -> r
                .userName("bob").serialNumber(serial).authenticationCode1(Totp.code(seed, step + 2))
                .authenticationCode2(Totp.code(seed, step + 3))));
        error("DeleteConflict", 409, null, () -> iam.deleteVirtualMFADevice(r -> r.serialNumber(serial)));

        // Resync with two later consecutive codes moves the device's window; spent steps stay spent.
        iam.resyncMFADevice(r -> r.userName("alice").serialNumber(serial)
                .authenticationCode1(Totp.code(seed, step + 3)).authenticationCode2(Totp.code(seed, step + 4)));
        error("InvalidAuthenticationCode", 403, invalid, () -> iam.resyncMFADevice(r -> r.userName("alice")
                .serialNumber(serial).authenticationCode1(Totp.code(seed, step + 3))
                .authenticationCode2(Totp.code(seed, step + 4))));

        error("NoSuchEntity", 404, null, () -> iam.deactivateMFADevice(r -> r.userName("bob").serialNumber(serial)));
        iam.deactivateMFADevice(r -> r.userName("alice").serialNumber(serial));
        assertThat(iam.listMFADevices(r -> r.userName("alice")).mfaDevices()).isEmpty();
        iam.deleteVirtualMFADevice(r -> r.serialNumber(serial));
        assertThat(iam.listVirtualMFADevices().virtualMFADevices()).isEmpty();
        error("NoSuchEntity", 404, "VirtualMFADevice with serial number " + serial + " doesn't exist.",
                () -> iam.deleteVirtualMFADevice(r -> r.serialNumber(serial)));
    }

    @Test
    void aUsersPoliciesGovernItsCallsAndItsMfaDeviceGuardsSessions() {
        iam.createUser(r -> r.userName("operator"));
        iam.createGroup(r -> r.groupName("readers"));
        iam.addUserToGroup(r -> r.groupName("readers").userName("operator"));
        AccessKey key = iam.createAccessKey(r -> r.userName("operator")).accessKey();
        String userArn = "arn:aws:iam::" + ACCOUNT + ":user/operator";
        AwsBasicCredentials credentials = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        try (IamClient asOperator = endpoint.client(IamClient.builder(), credentials);
             StsClient sts = endpoint.client(StsClient.builder(), credentials)) {
            error("AccessDenied", 403, "User: " + userArn + " is not authorized to perform: iam:ListUsers on resource: "
                    + "arn:aws:iam::" + ACCOUNT + ":user/ because no identity-based policy allows the iam:ListUsers action",
                    asOperator::listUsers);
            iam.attachGroupPolicy(r -> r.groupName("readers").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            assertThat(asOperator.listUsers().users()).extracting(User::userName).containsExactly("operator");
            assertThat(asOperator.getUser().user().arn()).isEqualTo(userArn);
            error("AccessDenied", 403, null, () -> asOperator.createUser(r -> r.userName("mallory")));
            assertThat(userNames()).containsExactly("operator");

            VirtualMFADevice device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("operator-phone"))
                    .virtualMFADevice();
            String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
            long step = enable("operator", device.serialNumber(), seed);
            String next = Totp.code(seed, step + 2);
            assertThat(sts.getSessionToken(r -> r.serialNumber(device.serialNumber()).tokenCode(next)).credentials()
                    .accessKeyId()).startsWith("ASIA");
            error("AccessDenied", 403, "MultiFactorAuthentication failed with invalid MFA one time pass code.",
                    () -> sts.getSessionToken(r -> r.serialNumber(device.serialNumber()).tokenCode(next)));
        }
    }

    // ---- the whole account

    @Test
    void accountAuthorizationDetailsHoldEveryEntityWithItsDocuments() throws Exception {
        iam.createUser(r -> r.userName("alice"));
        iam.createGroup(r -> r.groupName("ops"));
        iam.addUserToGroup(r -> r.groupName("ops").userName("alice"));
        iam.putUserPolicy(r -> r.userName("alice").policyName("read").policyDocument(READ_BACKUP));
        iam.createRole(r -> r.roleName("AppRole").assumeRolePolicyDocument(TRUST));
        iam.attachRolePolicy(r -> r.roleName("AppRole").policyArn(ADMIN));
        String arn = iam.createPolicy(r -> r.policyName("Local").policyDocument(READ_BACKUP)).policy().arn();
        iam.attachGroupPolicy(r -> r.groupName("ops").policyArn(arn));

        GetAccountAuthorizationDetailsResponse details = iam.getAccountAuthorizationDetails();
        assertThat(details.userDetailList()).hasSize(1);
        UserDetail alice = details.userDetailList().get(0);
        assertThat(alice.groupList()).containsExactly("ops");
        assertThat(decoded(alice.userPolicyList().get(0).policyDocument())).isEqualTo(READ_BACKUP);
        assertThat(details.groupDetailList().get(0).attachedManagedPolicies()).extracting(AttachedPolicy::policyArn)
                .containsExactly(arn);
        RoleDetail role = details.roleDetailList().get(0);
        assertThat(JSON.readTree(decoded(role.assumeRolePolicyDocument()))).isEqualTo(JSON.readTree(TRUST));
        assertThat(role.attachedManagedPolicies()).extracting(AttachedPolicy::policyArn).containsExactly(ADMIN);
        assertThat(details.policies()).extracting(ManagedPolicyDetail::arn).containsExactlyInAnyOrder(ADMIN, arn);
        ManagedPolicyDetail local = details.policies().stream().filter(p -> p.arn().equals(arn)).findFirst().orElseThrow();
        assertThat(local.attachmentCount()).isEqualTo(1);
        assertThat(decoded(local.policyVersionList().get(0).document())).isEqualTo(READ_BACKUP);

        GetAccountAuthorizationDetailsResponse rolesOnly = iam.getAccountAuthorizationDetails(r -> r
                .filter(EntityType.ROLE));
        assertThat(rolesOnly.userDetailList()).isEmpty();
        assertThat(rolesOnly.roleDetailList()).extracting(RoleDetail::roleName).containsExactly("AppRole");
    }
}
