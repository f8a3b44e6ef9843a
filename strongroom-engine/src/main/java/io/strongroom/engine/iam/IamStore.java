package io.strongroom.engine.iam;

import io.strongroom.engine.cache.Generation;
import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Persistence of IAM users, groups, customer managed policies and virtual MFA devices, each keyed by
 * account and lower-cased name, so that names are unique per account regardless of case. Roles live in
 * {@link IamRoles}, which Organizations shares.
 */
final class IamStore {
    private final Collection<IamUser> users = new Collection<>("iam-users", JsonCodec.of(IamUser.class));
    private final Collection<IamGroup> groups = new Collection<>("iam-groups", JsonCodec.of(IamGroup.class));
    private final Collection<ManagedPolicy> policies =
            new Collection<>("iam-policies", JsonCodec.of(ManagedPolicy.class));
    private final Collection<VirtualMfaDevice> mfaDevices =
            new Collection<>("iam-mfa-devices", JsonCodec.of(VirtualMfaDevice.class));

    static String key(String accountId, String name) {
        return accountId + "/" + name.toLowerCase(Locale.ROOT);
    }

    Optional<IamUser> user(Tx tx, String accountId, String name) {
        return users.get(tx, key(accountId, name));
    }

    List<IamUser> users(Tx tx, String accountId) {
        return users.list(tx, accountId + "/");
    }

    void putUser(Tx tx, IamUser user) {
        Generation.bump(tx, Generation.IAM);
        users.put(tx, key(user.accountId(), user.name()), user);
    }

    void createUser(Tx tx, IamUser user) {
        Generation.bump(tx, Generation.IAM);
        users.put(tx, key(user.accountId(), user.name()), user, Tx.ABSENT);
    }

    void deleteUser(Tx tx, IamUser user) {
        Generation.bump(tx, Generation.IAM);
        users.delete(tx, key(user.accountId(), user.name()));
    }

    Optional<IamGroup> group(Tx tx, String accountId, String name) {
        return groups.get(tx, key(accountId, name));
    }

    List<IamGroup> groups(Tx tx, String accountId) {
        return groups.list(tx, accountId + "/");
    }

    void putGroup(Tx tx, IamGroup group) {
        Generation.bump(tx, Generation.IAM);
        groups.put(tx, key(group.accountId(), group.name()), group);
    }

    void deleteGroup(Tx tx, IamGroup group) {
        Generation.bump(tx, Generation.IAM);
        groups.delete(tx, key(group.accountId(), group.name()));
    }

    Optional<ManagedPolicy> policy(Tx tx, String accountId, String name) {
        return policies.get(tx, key(accountId, name));
    }

    List<ManagedPolicy> policies(Tx tx, String accountId) {
        return policies.list(tx, accountId + "/");
    }

    void putPolicy(Tx tx, ManagedPolicy policy) {
        Generation.bump(tx, Generation.IAM);
        policies.put(tx, key(policy.accountId(), policy.name()), policy);
    }

    void deletePolicy(Tx tx, ManagedPolicy policy) {
        Generation.bump(tx, Generation.IAM);
        policies.delete(tx, key(policy.accountId(), policy.name()));
    }

    private static String deviceKey(String accountId, String path, String name) {
        return key(accountId, path + name);
    }

    Optional<VirtualMfaDevice> mfaDevice(Tx tx, String accountId, String pathAndName) {
        return mfaDevices.get(tx, key(accountId, pathAndName));
    }

    List<VirtualMfaDevice> mfaDevices(Tx tx, String accountId) {
        return mfaDevices.list(tx, accountId + "/");
    }

    void putMfaDevice(Tx tx, VirtualMfaDevice device) {
        Generation.bump(tx, Generation.IAM);
        mfaDevices.put(tx, deviceKey(device.accountId(), device.path(), device.name()), device);
    }

    void deleteMfaDevice(Tx tx, VirtualMfaDevice device) {
        Generation.bump(tx, Generation.IAM);
        mfaDevices.delete(tx, deviceKey(device.accountId(), device.path(), device.name()));
    }
}
