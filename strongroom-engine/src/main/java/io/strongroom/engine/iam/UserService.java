package io.strongroom.engine.iam;

import io.strongroom.engine.iam.policy.IamPolicyValidation;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** IAM users: their lifecycle, tags, inline and attached policies. */
public final class UserService {
    static final int INLINE_LIMIT = 2048;

    private final IamContext iam;

    UserService(IamContext iam) {
        this.iam = iam;
    }

    public IamUser createUser(Tx tx, Principal caller, String userName, String path, String permissionsBoundary,
                              List<IamTag> tags) {
        IamInput.userName(userName);
        String checkedPath = IamInput.path("path", path);
        List<IamTag> checkedTags = IamTag.checked(tags);
        String account = caller.accountId();
        if (permissionsBoundary != null) {
            iam.attachable(tx, account, permissionsBoundary);
        }
        if (iam.store.user(tx, account, userName).isPresent()) {
            throw IamErrors.alreadyExists("User", userName);
        }
        IamUser user = new IamUser(account, userName, checkedPath, iam.ids.iamId(tx, "AIDA", 21), iam.now(),
                permissionsBoundary, checkedTags, null, null, null);
        iam.store.createUser(tx, user);
        return user;
    }

    /** The named user, or the calling user when no name is given. */
    public IamUser getUser(Tx tx, Principal caller, String userName) {
        return iam.userOrCaller(tx, caller, userName);
    }

    public IamPage<IamUser> listUsers(Tx tx, Principal caller, String pathPrefix, String marker, Integer maxItems) {
        String prefix = IamInput.pathPrefix(pathPrefix);
        List<IamUser> users = iam.store.users(tx, caller.accountId()).stream()
                .filter(u -> u.path().startsWith(prefix)).toList();
        return IamPage.of(users, u -> u.name().toLowerCase(Locale.ROOT), marker, maxItems);
    }

    public void updateUser(Tx tx, Principal caller, String userName, String newPath, String newUserName) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        String path = newPath == null ? user.path() : IamInput.path("newPath", newPath);
        String name = user.name();
        if (newUserName != null) {
            IamInput.name("newUserName", newUserName, 64);
            name = newUserName;
            if (!newUserName.equalsIgnoreCase(user.name())
                    && iam.store.user(tx, caller.accountId(), newUserName).isPresent()) {
                throw IamErrors.alreadyExists("User", newUserName);
            }
        }
        IamUser updated = user.with(name, path);
        iam.store.deleteUser(tx, user);
        iam.store.putUser(tx, updated);
        if (!updated.arn().equals(user.arn())) {
            iam.identity.rebindAccessKeys(tx, IamContext.principalOf(updated));
            for (VirtualMfaDevice device : iam.store.mfaDevices(tx, caller.accountId())) {
                if (user.userId().equals(device.userId())) {
                    iam.store.putMfaDevice(tx, device.renamedUser(name));
                }
            }
        }
    }

    /** Deletes a user that has nothing left: keys, policies, groups and MFA devices block it (DeleteConflict). */
    public void deleteUser(Tx tx, Principal caller, String userName) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        if (!iam.identity.accessKeys(tx, user.userId()).isEmpty()) {
            throw IamErrors.mustDeleteAccessKeys();
        }
        if (!user.inlinePolicies().isEmpty()) {
            throw IamErrors.mustDeletePolicies();
        }
        if (!user.attachedPolicies().isEmpty()) {
            throw IamErrors.mustDetachPolicies();
        }
        if (!user.groups().isEmpty()) {
            throw IamErrors.mustRemoveFromGroups();
        }
        if (iam.store.mfaDevices(tx, caller.accountId()).stream().anyMatch(d -> user.userId().equals(d.userId()))) {
            throw IamErrors.mustDeleteMfaDevices();
        }
        iam.store.deleteUser(tx, user);
    }

    public void tagUser(Tx tx, Principal caller, String userName, List<IamTag> tags) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        IamUser updated = user.withTags(IamTag.merge(user.tags(), tags));
        iam.store.putUser(tx, updated);
        iam.identity.rebindAccessKeys(tx, IamContext.principalOf(updated));
    }

    public void untagUser(Tx tx, Principal caller, String userName, List<String> tagKeys) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        IamUser updated = user.withTags(IamTag.remove(user.tags(), tagKeys));
        iam.store.putUser(tx, updated);
        iam.identity.rebindAccessKeys(tx, IamContext.principalOf(updated));
    }

    public IamPage<IamTag> listUserTags(Tx tx, Principal caller, String userName, String marker, Integer maxItems) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        return IamPage.of(indexed(user.tags()), IamTag::key, marker, maxItems);
    }

    /** Tags keep their order; paging needs a sortable key, so the list is ordered by key for listing. */
    static List<IamTag> indexed(List<IamTag> tags) {
        List<IamTag> out = new ArrayList<>(tags);
        out.sort(Comparator.comparing(IamTag::key));
        return out;
    }

    // ---- inline and managed policies

    public void putUserPolicy(Tx tx, Principal caller, String userName, String policyName, String document) {
        IamInput.userName(userName);
        IamInput.policyName(policyName);
        IamInput.document("policyDocument", document);
        IamUser user = iam.user(tx, caller.accountId(), userName);
        IamPolicyValidation.validate(document, IamPolicyValidation.Kind.IDENTITY);
        iam.store.putUser(tx, user.withInlinePolicies(IamContext.putInline(user.inlinePolicies(), policyName, document,
                INLINE_LIMIT, "user", user.name())));
    }

    public String getUserPolicy(Tx tx, Principal caller, String userName, String policyName) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        return IamContext.inline(user.inlinePolicies(), policyName, "user");
    }

    public void deleteUserPolicy(Tx tx, Principal caller, String userName, String policyName) {
        IamInput.policyName(policyName);
        IamUser user = iam.user(tx, caller.accountId(), userName);
        iam.store.putUser(tx, user.withInlinePolicies(IamContext.deleteInline(user.inlinePolicies(), policyName, "user")));
    }

    public IamPage<String> listUserPolicies(Tx tx, Principal caller, String userName, String marker, Integer maxItems) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        return IamPage.of(List.copyOf(user.inlinePolicies().keySet()), n -> n, marker, maxItems);
    }

    public void attachUserPolicy(Tx tx, Principal caller, String userName, String policyArn) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        iam.attachable(tx, caller.accountId(), policyArn);
        iam.store.putUser(tx, user.withAttachedPolicies(
                IamContext.attach(user.attachedPolicies(), policyArn, "PoliciesPerUser")));
    }

    public void detachUserPolicy(Tx tx, Principal caller, String userName, String policyArn) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        iam.store.putUser(tx, user.withAttachedPolicies(IamContext.detach(user.attachedPolicies(), policyArn)));
    }

    public IamPage<ManagedPolicy> listAttachedUserPolicies(Tx tx, Principal caller, String userName, String pathPrefix,
                                                           String marker, Integer maxItems) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        return PolicyService.attachedPage(iam, tx, caller.accountId(), user.attachedPolicies(), pathPrefix, marker,
                maxItems);
    }
}
