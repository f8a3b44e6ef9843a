package io.strongroom.engine.iam;

import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.identity.PrincipalType;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.ids.SecretSource;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What IAM's services share: storage, ids, the clock, and lookups that answer NoSuchEntity. */
final class IamContext {
    static final int MAX_ATTACHED_POLICIES = 10;

    final IamStore store;
    final IamRoles roles;
    final IdentityService identity;
    final IdGenerator ids;
    final SecretSource secrets;
    final Clock clock;
    final QrCodeRenderer qrCodes;

    IamContext(IamStore store, IamRoles roles, IdentityService identity, IdGenerator ids, SecretSource secrets,
               Clock clock, QrCodeRenderer qrCodes) {
        this.store = store;
        this.roles = roles;
        this.identity = identity;
        this.ids = ids;
        this.secrets = secrets;
        this.clock = clock;
        this.qrCodes = qrCodes;
    }

    Instant now() {
        return Instant.now(clock);
    }

    IamUser user(Tx tx, String accountId, String name) {
        IamInput.userName(name);
        return store.user(tx, accountId, name).orElseThrow(() -> IamErrors.noSuchUser(name));
    }

    IamGroup group(Tx tx, String accountId, String name) {
        IamInput.groupName(name);
        return store.group(tx, accountId, name).orElseThrow(() -> IamErrors.noSuchGroup(name));
    }

    IamRole role(Tx tx, String accountId, String name) {
        IamInput.roleName(name);
        return roles.role(tx, accountId, name).orElseThrow(() -> IamErrors.noSuchRole(name));
    }

    /** The IAM user a call is about: the named one, or the calling user when no name is given. */
    IamUser userOrCaller(Tx tx, Principal caller, String userName) {
        if (userName != null) {
            return user(tx, caller.accountId(), userName);
        }
        return callingUser(tx, caller).orElseThrow(() ->
                IamErrors.validationError("Must specify userName when calling with non-User credentials"));
    }

    /** The IAM user behind the caller's credentials, if the caller is one. */
    Optional<IamUser> callingUser(Tx tx, Principal caller) {
        if (caller.type() != PrincipalType.IAM_USER || caller.userName() == null) {
            return Optional.empty();
        }
        return store.user(tx, caller.accountId(), caller.userName())
                .filter(u -> u.userId().equals(caller.principalId()));
    }

    /** How a user's long-term keys present it to policies and the audit trail. */
    static Principal principalOf(IamUser user) {
        Map<String, String> tags = new LinkedHashMap<>();
        user.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new Principal(PrincipalType.IAM_USER, user.accountId(), user.arn(), user.userId(), user.name(), null,
                null, null, false, tags);
    }

    /** A managed policy by ARN: an AWS managed one, or a customer managed one of {@code accountId}. */
    Optional<ManagedPolicy> policy(Tx tx, String accountId, String arn) {
        if (AwsManagedPolicies.isAwsManagedArn(arn)) {
            return AwsManagedPolicies.byArn(arn);
        }
        String prefix = "arn:aws:iam::" + accountId + ":policy/";
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return name.isEmpty() ? Optional.empty() : store.policy(tx, accountId, name).filter(p -> p.arn().equals(arn));
    }

    /** A policy that may be attached (or set as a boundary) in {@code accountId}. */
    ManagedPolicy attachable(Tx tx, String accountId, String arn) {
        IamInput.arn("policyArn", arn);
        return policy(tx, accountId, arn).orElseThrow(() -> IamErrors.policyNotAttachable(arn));
    }

    /** The list with {@code arn} attached, refusing more than the quota; unchanged when already attached. */
    static List<String> attach(List<String> attached, String arn, String quota) {
        if (attached.contains(arn)) {
            return attached;
        }
        if (attached.size() >= MAX_ATTACHED_POLICIES) {
            throw IamErrors.quota(quota, MAX_ATTACHED_POLICIES);
        }
        List<String> out = new java.util.ArrayList<>(attached);
        out.add(arn);
        return out;
    }

    static List<String> detach(List<String> attached, String arn) {
        IamInput.arn("policyArn", arn);
        if (!attached.contains(arn)) {
            throw IamErrors.noSuchPolicy(arn);
        }
        return attached.stream().filter(a -> !a.equals(arn)).toList();
    }

    /** Non-whitespace characters: how IAM measures policy sizes (spec 1.7). */
    static int size(String document) {
        int n = 0;
        for (int i = 0; i < document.length(); i++) {
            if (!Character.isWhitespace(document.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Inline policies with {@code name} set to {@code document}, refusing a total above {@code limit}. */
    static Map<String, String> putInline(Map<String, String> current, String name, String document, int limit,
                                         String kind, String owner) {
        Map<String, String> out = new java.util.TreeMap<>(current);
        out.put(name, document);
        int total = out.values().stream().mapToInt(IamContext::size).sum();
        if (total > limit) {
            throw IamErrors.policySize(kind, owner, limit);
        }
        return out;
    }

    static Map<String, String> deleteInline(Map<String, String> current, String name, String kind) {
        if (!current.containsKey(name)) {
            throw IamErrors.noSuchInlinePolicy(kind, name);
        }
        Map<String, String> out = new java.util.TreeMap<>(current);
        out.remove(name);
        return out;
    }

    static String inline(Map<String, String> current, String name, String kind) {
        IamInput.policyName(name);
        String document = current.get(name);
        if (document == null) {
            throw IamErrors.noSuchInlinePolicy(kind, name);
        }
        return document;
    }
}
