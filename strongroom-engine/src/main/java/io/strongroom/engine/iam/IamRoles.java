package io.strongroom.engine.iam;

import io.strongroom.engine.cache.Generation;
import io.strongroom.json.JsonCodec;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.storage.Collection;
import io.strongroom.storage.RememberingCodec;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The roles of every account. Names are unique per account regardless of case, as IAM requires; the
 * IAM API issue serves them, Organizations creates its access role through here.
 */
public final class IamRoles {
    /** Every backup, copy and restore job acts as its role: decoded once while its bytes stay the same. */
    private final Collection<IamRole> roles = new Collection<>("iam-roles",
            new RememberingCodec<>(JsonCodec.of(IamRole.class), 4_096));
    private final IdGenerator ids;
    private final Clock clock;

    public IamRoles(IdGenerator ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    private static String key(String accountId, String name) {
        return accountId + "/" + name.toLowerCase(Locale.ROOT);
    }

    public Optional<IamRole> role(Tx tx, String accountId, String name) {
        return roles.get(tx, key(accountId, name));
    }

    /** The role an ARN names, path included. */
    public Optional<IamRole> roleByArn(Tx tx, String arn) {
        return RoleArns.parse(arn).flatMap(p -> role(tx, p[0], p[2]).filter(r -> r.path().equals(p[1])));
    }

    public List<IamRole> roles(Tx tx, String accountId) {
        return roles.list(tx, accountId + "/");
    }

    /** A new role id ({@code AROA...}). */
    String newRoleId(Tx tx) {
        return ids.iamId(tx, "AROA", 21);
    }

    void create(Tx tx, IamRole role) {
        Generation.bump(tx, Generation.IAM);
        roles.put(tx, key(role.accountId(), role.name()), role, Tx.ABSENT);
    }

    void put(Tx tx, IamRole role) {
        Generation.bump(tx, Generation.IAM);
        roles.put(tx, key(role.accountId(), role.name()), role);
    }

    void delete(Tx tx, IamRole role) {
        Generation.bump(tx, Generation.IAM);
        roles.delete(tx, key(role.accountId(), role.name()));
    }

    /** Creates the role unless one of that name exists; returns the stored role. */
    public IamRole ensureRole(Tx tx, String accountId, String name, String path, String trustPolicy,
                              Map<String, String> inlinePolicies) {
        Optional<IamRole> existing = role(tx, accountId, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        IamRole role = new IamRole(accountId, name, path, ids.iamId(tx, "AROA", 21), trustPolicy, inlinePolicies,
                3600, Instant.now(clock));
        Generation.bump(tx, Generation.IAM);
        roles.put(tx, key(accountId, name), role, Tx.ABSENT);
        return role;
    }

    /**
     * A role with AWS managed policies attached, made in an account that lacks it (what a CloudFormation StackSet with
     * automatic deployment does for a new account); the role already there otherwise.
     */
    public IamRole ensureRoleWithManagedPolicies(Tx tx, String accountId, String name, String path,
                                                 String trustPolicy, List<String> managedPolicyArns) {
        Optional<IamRole> existing = role(tx, accountId, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        IamRole role = new IamRole(accountId, name, path, ids.iamId(tx, "AROA", 21), trustPolicy, Map.of(), 3600,
                Instant.now(clock), null, null, managedPolicyArns, List.of());
        Generation.bump(tx, Generation.IAM);
        roles.put(tx, key(accountId, name), role, Tx.ABSENT);
        return role;
    }
}
