package io.strongroom.engine.iam;

import io.strongroom.engine.iam.policy.IamPolicyValidation;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** IAM groups, their members, and their inline and attached policies. */
public final class GroupService {
    static final int INLINE_LIMIT = 5120;
    static final int MAX_GROUPS_PER_USER = 10;

    private final IamContext iam;

    GroupService(IamContext iam) {
        this.iam = iam;
    }

    /** A group and one page of its members. */
    public record GroupMembers(IamGroup group, IamPage<IamUser> users) {
    }

    public IamGroup createGroup(Tx tx, Principal caller, String groupName, String path) {
        IamInput.groupName(groupName);
        String checkedPath = IamInput.path("path", path);
        if (iam.store.group(tx, caller.accountId(), groupName).isPresent()) {
            throw IamErrors.alreadyExists("Group", groupName);
        }
        IamGroup group = new IamGroup(caller.accountId(), groupName, checkedPath, iam.ids.iamId(tx, "AGPA", 21),
                iam.now(), null, null);
        iam.store.putGroup(tx, group);
        return group;
    }

    public GroupMembers getGroup(Tx tx, Principal caller, String groupName, String marker, Integer maxItems) {
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        return new GroupMembers(group, IamPage.of(members(tx, group), u -> u.name().toLowerCase(Locale.ROOT), marker,
                maxItems));
    }

    public IamPage<IamGroup> listGroups(Tx tx, Principal caller, String pathPrefix, String marker, Integer maxItems) {
        String prefix = IamInput.pathPrefix(pathPrefix);
        List<IamGroup> groups = iam.store.groups(tx, caller.accountId()).stream()
                .filter(g -> g.path().startsWith(prefix)).toList();
        return IamPage.of(groups, g -> g.name().toLowerCase(Locale.ROOT), marker, maxItems);
    }

    public void deleteGroup(Tx tx, Principal caller, String groupName) {
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        if (!members(tx, group).isEmpty()) {
            throw IamErrors.mustRemoveFromGroups();
        }
        if (!group.inlinePolicies().isEmpty()) {
            throw IamErrors.mustDeletePolicies();
        }
        if (!group.attachedPolicies().isEmpty()) {
            throw IamErrors.mustDetachPolicies();
        }
        iam.store.deleteGroup(tx, group);
    }

    /** Adds the user to the group; adding a member again changes nothing, as on AWS. */
    public void addUserToGroup(Tx tx, Principal caller, String groupName, String userName) {
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        IamUser user = iam.user(tx, caller.accountId(), userName);
        if (memberOf(user, group)) {
            return;
        }
        if (user.groups().size() >= MAX_GROUPS_PER_USER) {
            throw IamErrors.quota("GroupsPerUser", MAX_GROUPS_PER_USER);
        }
        List<String> groups = new ArrayList<>(user.groups());
        groups.add(group.name());
        iam.store.putUser(tx, user.withGroups(groups));
    }

    public void removeUserFromGroup(Tx tx, Principal caller, String groupName, String userName) {
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        IamUser user = iam.user(tx, caller.accountId(), userName);
        if (!memberOf(user, group)) {
            throw IamErrors.noSuchEntity("User " + user.name() + " is not in group " + group.name() + ".");
        }
        iam.store.putUser(tx, user.withGroups(user.groups().stream()
                .filter(g -> !g.equalsIgnoreCase(group.name())).toList()));
    }

    public IamPage<IamGroup> listGroupsForUser(Tx tx, Principal caller, String userName, String marker,
                                               Integer maxItems) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        return IamPage.of(groupsOf(tx, user), g -> g.name().toLowerCase(Locale.ROOT), marker, maxItems);
    }

    /** The groups a user belongs to, in name order. */
    List<IamGroup> groupsOf(Tx tx, IamUser user) {
        List<IamGroup> out = new ArrayList<>();
        for (String name : user.groups()) {
            iam.store.group(tx, user.accountId(), name).ifPresent(out::add);
        }
        out.sort(java.util.Comparator.comparing(g -> g.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    List<IamUser> members(Tx tx, IamGroup group) {
        return iam.store.users(tx, group.accountId()).stream().filter(u -> memberOf(u, group)).toList();
    }

    private static boolean memberOf(IamUser user, IamGroup group) {
        return user.groups().stream().anyMatch(g -> g.equalsIgnoreCase(group.name()));
    }

    // ---- inline and managed policies

    public void putGroupPolicy(Tx tx, Principal caller, String groupName, String policyName, String document) {
        IamInput.groupName(groupName);
        IamInput.policyName(policyName);
        IamInput.document("policyDocument", document);
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        IamPolicyValidation.validate(document, IamPolicyValidation.Kind.IDENTITY);
        iam.store.putGroup(tx, group.withInlinePolicies(IamContext.putInline(group.inlinePolicies(), policyName,
                document, INLINE_LIMIT, "group", group.name())));
    }

    public String getGroupPolicy(Tx tx, Principal caller, String groupName, String policyName) {
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        return IamContext.inline(group.inlinePolicies(), policyName, "group");
    }

    public void deleteGroupPolicy(Tx tx, Principal caller, String groupName, String policyName) {
        IamInput.policyName(policyName);
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        iam.store.putGroup(tx, group.withInlinePolicies(
                IamContext.deleteInline(group.inlinePolicies(), policyName, "group")));
    }

    public IamPage<String> listGroupPolicies(Tx tx, Principal caller, String groupName, String marker,
                                             Integer maxItems) {
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        return IamPage.of(List.copyOf(group.inlinePolicies().keySet()), n -> n, marker, maxItems);
    }

    public void attachGroupPolicy(Tx tx, Principal caller, String groupName, String policyArn) {
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        iam.attachable(tx, caller.accountId(), policyArn);
        iam.store.putGroup(tx, group.withAttachedPolicies(
                IamContext.attach(group.attachedPolicies(), policyArn, "PoliciesPerGroup")));
    }

    public void detachGroupPolicy(Tx tx, Principal caller, String groupName, String policyArn) {
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        iam.store.putGroup(tx, group.withAttachedPolicies(IamContext.detach(group.attachedPolicies(), policyArn)));
    }

    public IamPage<ManagedPolicy> listAttachedGroupPolicies(Tx tx, Principal caller, String groupName,
                                                            String pathPrefix, String marker, Integer maxItems) {
        IamGroup group = iam.group(tx, caller.accountId(), groupName);
        return PolicyService.attachedPage(iam, tx, caller.accountId(), group.attachedPolicies(), pathPrefix, marker,
                maxItems);
    }
}
