package io.strongroom.engine.kms;

import io.strongroom.engine.access.AuthorizationRequest;
import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.iampolicy.PolicyDocument;
import io.strongroom.iampolicy.PolicyKind;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * KMS keys and aliases: creation, the key identifiers KMS accepts, states and scheduled deletion, key policies,
 * AWS managed keys (created on first use), tags. The cryptographic operations are {@link KmsCrypto}'s, grants
 * {@link KmsGrants}'s; both find keys here.
 */
public final class KmsService {
    public static final String DELETION_TIMER = "kms.key-deletion";
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):key/(.+)");
    private static final Pattern ALIAS_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):(alias/.+)");
    private static final Pattern ALIAS_NAME = Pattern.compile("[a-zA-Z0-9:/_-]+");
    static final String RESERVED_PREFIX = "alias/aws/";

    final KmsStore store = new KmsStore();
    private final Clock clock;
    private final IdGenerator ids;
    private final RandomBytes random;
    private final MasterKey master;
    private final Authorizer authorizer;

    public KmsService(Clock clock, IdGenerator ids, RandomBytes random, MasterKey master, Authorizer authorizer) {
        this.clock = clock;
        this.ids = ids;
        this.random = random;
        this.master = master;
        this.authorizer = authorizer;
    }

    /** What CreateKey takes; nulls are AWS's defaults. */
    public record CreateKeyInput(String policy, String description, String keyUsage, String keySpec, String origin,
                                 Boolean multiRegion, boolean bypassPolicyLockoutSafetyCheck,
                                 Map<String, String> tags) {
    }

    public record Page<T>(List<T> items, String nextMarker) {
    }

    // ---- keys

    public KmsKey createKey(Tx tx, Principal caller, String region, CreateKeyInput in) {
        check("KeyUsage", in.keyUsage(), "ENCRYPT_DECRYPT");
        check("KeySpec", in.keySpec(), "SYMMETRIC_DEFAULT");
        check("Origin", in.origin(), "AWS_KMS");
        if (Boolean.TRUE.equals(in.multiRegion())) {
            throw KmsErrors.unsupported("Strongroom does not serve multi-Region keys.");
        }
        String description = in.description() == null ? "" : in.description();
        if (description.length() > 8192) {
            throw KmsErrors.constraint("…", "description", "Member must have length less than or equal to 8192");
        }
        Map<String, String> tags = in.tags() == null ? Map.of() : in.tags();
        validateTags(tags);
        String account = caller.accountId();
        String policy = in.policy() == null ? KeyPolicies.defaultPolicy(account) : validPolicy(in.policy());
        KmsKey key = newKey(tx, account, region, description, policy, tags, null);
        store.putKey(tx, key, true);
        if (in.policy() != null && !in.bypassPolicyLockoutSafetyCheck()) {
            requireCallerMayPutKeyPolicy(tx, caller, key);
        }
        return key;
    }

    private KmsKey newKey(Tx tx, String account, String region, String description, String policy,
                          Map<String, String> tags, String managedFor) {
        String keyId = ids.uuid(tx);
        byte[] material = random.next(AesGcm.KEY_BYTES);
        return new KmsKey(account, region, keyId, description, KeyState.Enabled, Instant.now(clock), null, null,
                policy, new TreeMap<>(tags), managedFor, master.wrap(KmsKey.arn(region, account, keyId), material),
                null);
    }

    /** The key's material in the clear, for the cryptographic operations only; never leaves the engine. */
    byte[] material(KmsKey key) {
        return master.unwrap(key.arn(), key.wrappedMaterial());
    }

    private static void check(String member, String value, String only) {
        if (value != null && !value.equals(only)) {
            throw KmsErrors.unsupported("Strongroom serves " + only + " only for " + member + ", not " + value + ".");
        }
    }

    /**
     * The key an identifier names, as KMS accepts them: key id or alias name (in the caller's account and Region),
     * key ARN or alias ARN (in any account). A predefined {@code alias/aws/<service>} of the caller's account that
     * names no key yet gets its AWS managed key now, when the transaction may write.
     */
    public KmsKey key(Tx tx, String account, String region, String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw KmsErrors.constraint("null", "keyId", "Member must not be null");
        }
        var keyArn = KEY_ARN.matcher(identifier);
        if (keyArn.matches()) {
            return store.key(tx, keyArn.group(2), keyArn.group(1), keyArn.group(3))
                    .orElseThrow(() -> KmsErrors.keyNotFound(identifier));
        }
        var aliasArn = ALIAS_ARN.matcher(identifier);
        if (aliasArn.matches()) {
            return byAlias(tx, aliasArn.group(2), aliasArn.group(1), aliasArn.group(3), account);
        }
        if (identifier.startsWith("arn:")) {
            throw KmsErrors.invalidArn(identifier);
        }
        if (identifier.startsWith("alias/")) {
            return byAlias(tx, account, region, identifier, account);
        }
        if (!KEY_ID.matcher(identifier).matches()) {
            throw KmsErrors.invalidKeyId(identifier);
        }
        return store.key(tx, account, region, identifier)
                .orElseThrow(() -> KmsErrors.keyNotFound(KmsKey.arn(region, account, identifier)));
    }

    /** A key named by key id or key ARN only (operations that refuse aliases: policies, tags, grants). */
    public KmsKey keyByIdOrArn(Tx tx, String account, String region, String identifier) {
        if (identifier != null && (identifier.startsWith("alias/") || ALIAS_ARN.matcher(identifier).matches())) {
            throw KmsErrors.invalidArn(identifier);
        }
        return key(tx, account, region, identifier);
    }

    /**
     * A key of the caller's own account: managing a key (states, policy, tags, description) is not a cross-account
     * operation in KMS, whatever the other account's key policy says.
     */
    KmsKey ownKey(Tx tx, String account, String region, String identifier) {
        KmsKey key = keyByIdOrArn(tx, account, region, identifier);
        if (!key.accountId().equals(account)) {
            throw KmsErrors.keyNotFound(key.arn());
        }
        return key;
    }

    private KmsKey byAlias(Tx tx, String account, String region, String aliasName, String callerAccount) {
        Optional<KmsAlias> alias = store.alias(tx, account, region, aliasName);
        if (alias.isPresent() && alias.get().targetKeyId() != null) {
            return store.key(tx, account, region, alias.get().targetKeyId()).orElseThrow(
                    () -> KmsErrors.aliasNotFound(alias.get().arn()));
        }
        String service = aliasName.startsWith(RESERVED_PREFIX) ? aliasName.substring(RESERVED_PREFIX.length()) : null;
        if (service != null && KeyPolicies.MANAGED.containsKey(service) && account.equals(callerAccount)
                && !tx.readOnly()) {
            return createManagedKey(tx, account, region, service);
        }
        throw KmsErrors.aliasNotFound("arn:aws:kms:" + region + ":" + account + ":" + aliasName);
    }

    private KmsKey createManagedKey(Tx tx, String account, String region, String service) {
        KmsKey key = newKey(tx, account, region, KeyPolicies.MANAGED.get(service)[1],
                KeyPolicies.managedPolicy(service, account, region), Map.of(), service);
        store.putKey(tx, key, true);
        Instant now = Instant.now(clock);
        store.putAlias(tx, new KmsAlias(account, region, RESERVED_PREFIX + service, key.keyId(), now, now), true);
        return key;
    }

    public Page<KmsKey> listKeys(Tx tx, String account, String region, Integer limit, String marker) {
        return page(store.keys(tx, account, region), KmsKey::keyId, limit, 1000, 100, marker);
    }

    public KmsKey enableKey(Tx tx, String account, String region, String keyId) {
        KmsKey key = ownKey(tx, account, region, keyId);
        if (key.state() == KeyState.PendingDeletion) {
            throw KmsErrors.pendingDeletion(key.arn());
        }
        return save(tx, key.withState(KeyState.Enabled, null, null));
    }

    public KmsKey disableKey(Tx tx, String account, String region, String keyId) {
        KmsKey key = ownKey(tx, account, region, keyId);
        if (key.state() == KeyState.PendingDeletion) {
            throw KmsErrors.pendingDeletion(key.arn());
        }
        return save(tx, key.withState(KeyState.Disabled, null, null));
    }

    /** The window is 7 to 30 days (default 30) on the clock; at its end the timer deletes the key. */
    public KmsKey scheduleKeyDeletion(Tx tx, String account, String region, String keyId, Integer window) {
        int days = window == null ? 30 : window;
        if (days < 7 || days > 30) {
            throw KmsErrors.constraint(days, "pendingWindowInDays", days < 7
                    ? "Member must have value greater than or equal to 7"
                    : "Member must have value less than or equal to 30");
        }
        KmsKey key = ownKey(tx, account, region, keyId);
        if (key.state() == KeyState.PendingDeletion) {
            throw KmsErrors.pendingDeletion(key.arn());
        }
        Instant deletion = Instant.now(clock).plus(Duration.ofDays(days));
        KmsKey pending = save(tx, key.withState(KeyState.PendingDeletion, deletion, days));
        tx.timers().schedule(timerKey(key), DELETION_TIMER, deletion, key.arn().getBytes(StandardCharsets.UTF_8));
        return pending;
    }

    /** Cancelling leaves the key Disabled, as AWS does: the owner enables it deliberately. */
    public KmsKey cancelKeyDeletion(Tx tx, String account, String region, String keyId) {
        KmsKey key = ownKey(tx, account, region, keyId);
        if (key.state() != KeyState.PendingDeletion) {
            throw KmsErrors.notPendingDeletion(key.arn());
        }
        tx.timers().cancel(timerKey(key));
        return save(tx, key.withState(KeyState.Disabled, null, null));
    }

    private static String timerKey(KmsKey key) {
        return DELETION_TIMER + "/" + key.arn();
    }

    /** The deletion timer: a key still pending deletion at its date goes, with its aliases and grants. */
    public void onDeletionTimer(Tx tx, byte[] payload) {
        var arn = KEY_ARN.matcher(new String(payload, StandardCharsets.UTF_8));
        if (!arn.matches()) {
            return;
        }
        store.key(tx, arn.group(2), arn.group(1), arn.group(3))
                .filter(k -> k.state() == KeyState.PendingDeletion && !k.deletionDate().isAfter(Instant.now(clock)))
                .ifPresent(key -> {
                    store.aliasesOf(tx, key).forEach(a -> store.deleteAlias(tx, a));
                    store.grants(tx, key.keyId()).forEach(g -> store.deleteGrant(tx, key.keyId(), g.grantId()));
                    store.deleteKey(tx, key);
                });
    }

    public KmsKey updateKeyDescription(Tx tx, String account, String region, String keyId, String description) {
        KmsKey key = ownKey(tx, account, region, keyId);
        return save(tx, key.withDescription(description == null ? "" : description));
    }

    KmsKey save(Tx tx, KmsKey key) {
        store.putKey(tx, key, false);
        return key;
    }

    /** Fails with AWS's error for a key that cannot be used now (Disabled, PendingDeletion). */
    public static void requireUsable(KmsKey key) {
        if (key.state() == KeyState.Disabled) {
            throw KmsErrors.disabled(key.arn());
        }
        if (key.state() == KeyState.PendingDeletion) {
            throw KmsErrors.pendingDeletion(key.arn());
        }
    }

    static void requireNotPendingDeletion(KmsKey key) {
        if (key.state() == KeyState.PendingDeletion) {
            throw KmsErrors.pendingDeletion(key.arn());
        }
    }

    // ---- key policies

    public String keyPolicy(Tx tx, String account, String region, String keyId, String policyName) {
        checkPolicyName(policyName);
        return ownKey(tx, account, region, keyId).policy();
    }

    public KmsKey putKeyPolicy(Tx tx, Principal caller, String region, String keyId, String policyName, String policy,
                               boolean bypassPolicyLockoutSafetyCheck) {
        checkPolicyName(policyName);
        if (policy == null) {
            throw KmsErrors.constraint("null", "policy", "Member must not be null");
        }
        KmsKey key = save(tx, ownKey(tx, caller.accountId(), region, keyId).withPolicy(validPolicy(policy)));
        if (!bypassPolicyLockoutSafetyCheck) {
            requireCallerMayPutKeyPolicy(tx, caller, key);
        }
        return key;
    }

    private static void checkPolicyName(String policyName) {
        if (policyName != null && !policyName.equals("default")) {
            throw KmsErrors.constraint(policyName, "policyName", "Member must satisfy regular expression pattern: "
                    + "default");
        }
    }

    private static String validPolicy(String policy) {
        try {
            PolicyDocument.parse(policy, PolicyKind.RESOURCE);
            return policy;
        } catch (ServiceException e) {
            throw KmsErrors.malformedPolicy(e.getMessage());
        } catch (RuntimeException e) {
            throw KmsErrors.malformedPolicy("Policy contains invalid syntax.");
        }
    }

    /**
     * The policy lockout safety check: the new policy (already written in this transaction, which rolls back on
     * failure) must let the caller put the key policy again, itself or through its account (a policy that hands the
     * key to the account's IAM policies passes, whatever they say today).
     */
    private void requireCallerMayPutKeyPolicy(Tx tx, Principal caller, KmsKey key) {
        for (Principal who : List.of(caller, Principal.root(caller.accountId(), null))) {
            if (authorizer.authorize(tx, new AuthorizationRequest(who, List.of("kms:PutKeyPolicy"),
                    List.of(key.arn()), KmsConditionKeys.forKey(caller.accountId(), key, List.of()))).allowed()) {
                return;
            }
        }
        throw KmsErrors.lockout();
    }

    // ---- aliases

    public KmsAlias createAlias(Tx tx, String account, String region, String aliasName, String targetKeyId) {
        checkAliasName(aliasName);
        KmsKey key = aliasTarget(tx, account, region, targetKeyId);
        if (store.alias(tx, account, region, aliasName).isPresent()) {
            throw KmsErrors.aliasExists("arn:aws:kms:" + region + ":" + account + ":" + aliasName);
        }
        Instant now = Instant.now(clock);
        KmsAlias alias = new KmsAlias(account, region, aliasName, key.keyId(), now, now);
        store.putAlias(tx, alias, true);
        return alias;
    }

    public KmsAlias updateAlias(Tx tx, String account, String region, String aliasName, String targetKeyId) {
        checkAliasName(aliasName);
        KmsAlias alias = alias(tx, account, region, aliasName);
        KmsKey key = aliasTarget(tx, account, region, targetKeyId);
        KmsAlias updated = new KmsAlias(account, region, aliasName, key.keyId(), alias.created(), Instant.now(clock));
        store.putAlias(tx, updated, false);
        return updated;
    }

    public void deleteAlias(Tx tx, String account, String region, String aliasName) {
        checkAliasName(aliasName);
        store.deleteAlias(tx, alias(tx, account, region, aliasName));
    }

    /** An existing alias of the account (the reserved names are refused before it is looked up). */
    public KmsAlias alias(Tx tx, String account, String region, String aliasName) {
        return store.alias(tx, account, region, aliasName).filter(a -> a.targetKeyId() != null).orElseThrow(
                () -> KmsErrors.aliasNotFound("arn:aws:kms:" + region + ":" + account + ":" + aliasName));
    }

    /** An alias names a customer managed key of its own account and Region, by key id or key ARN. */
    private KmsKey aliasTarget(Tx tx, String account, String region, String targetKeyId) {
        if (targetKeyId != null && (targetKeyId.startsWith("alias/") || ALIAS_ARN.matcher(targetKeyId).matches())) {
            throw KmsErrors.aliasTargetIsAlias(targetKeyId);
        }
        KmsKey key = ownKey(tx, account, region, targetKeyId);
        requireNotPendingDeletion(key);
        return key;
    }

    public static void checkAliasName(String aliasName) {
        if (aliasName == null) {
            throw KmsErrors.constraint("null", "aliasName", "Member must not be null");
        }
        if (aliasName.length() > 256 || !ALIAS_NAME.matcher(aliasName).matches()) {
            throw KmsErrors.constraint(aliasName, "aliasName", aliasName.length() > 256
                    ? "Member must have length less than or equal to 256"
                    : "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        }
        if (!aliasName.startsWith("alias/") || aliasName.length() == "alias/".length()) {
            throw KmsErrors.aliasPrefix();
        }
        if (aliasName.startsWith(RESERVED_PREFIX)) {
            throw KmsErrors.reservedAlias();
        }
    }

    /**
     * The account's aliases in name order, with the predefined {@code alias/aws/<service>} names not yet bound to
     * a key (no TargetKeyId); with a key, only that key's aliases.
     */
    public Page<KmsAlias> listAliases(Tx tx, String account, String region, String keyId, Integer limit,
                                      String marker) {
        List<KmsAlias> all;
        if (keyId != null) {
            all = store.aliasesOf(tx, ownKey(tx, account, region, keyId));
        } else {
            Map<String, KmsAlias> byName = new TreeMap<>();
            KeyPolicies.MANAGED.keySet().forEach(s -> byName.put(RESERVED_PREFIX + s,
                    new KmsAlias(account, region, RESERVED_PREFIX + s, null, null, null)));
            store.aliases(tx, account, region).forEach(a -> byName.put(a.aliasName(), a));
            all = new ArrayList<>(byName.values());
        }
        all = all.stream().sorted(Comparator.comparing(KmsAlias::aliasName)).toList();
        return page(all, KmsAlias::aliasName, limit, 100, 50, marker);
    }

    public List<KmsAlias> aliasesOf(Tx tx, KmsKey key) {
        return store.aliasesOf(tx, key);
    }

    // ---- tags

    public KmsKey tagResource(Tx tx, String account, String region, String keyId, Map<String, String> tags) {
        KmsKey key = ownKey(tx, account, region, keyId);
        requireNotPendingDeletion(key);
        validateTags(tags);
        Map<String, String> merged = new TreeMap<>(key.tags());
        merged.putAll(tags);
        if (merged.size() > 50) {
            throw KmsErrors.limitExceeded("Tag limit exceeded: a key can have at most 50 tags.");
        }
        return save(tx, key.withTags(merged));
    }

    public KmsKey untagResource(Tx tx, String account, String region, String keyId, List<String> keys) {
        KmsKey key = ownKey(tx, account, region, keyId);
        requireNotPendingDeletion(key);
        Map<String, String> remaining = new TreeMap<>(key.tags());
        (keys == null ? List.<String>of() : keys).forEach(remaining::remove);
        return save(tx, key.withTags(remaining));
    }

    public Page<Map.Entry<String, String>> listResourceTags(Tx tx, String account, String region, String keyId,
                                                             Integer limit, String marker) {
        KmsKey key = ownKey(tx, account, region, keyId);
        return page(List.copyOf(new TreeMap<>(key.tags()).entrySet()), Map.Entry::getKey, limit, 50, 50, marker);
    }

    private static void validateTags(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey() == null || tag.getKey().isEmpty() || tag.getKey().length() > 128) {
                throw KmsErrors.tag("Tag keys must be 1 to 128 characters long.");
            }
            if (tag.getValue() == null || tag.getValue().length() > 256) {
                throw KmsErrors.tag("Tag values must be 0 to 256 characters long.");
            }
            if (tag.getKey().startsWith("aws:")) {
                throw KmsErrors.tag("Tags beginning with aws: are reserved.");
            }
        }
        if (tags.size() > 50) {
            throw KmsErrors.limitExceeded("Tag limit exceeded: a key can have at most 50 tags.");
        }
    }

    // ---- paging

    /** One page of {@code all} (in order) after {@code marker}, the key of the last item already returned. */
    static <T> Page<T> page(List<T> all, java.util.function.Function<T, String> keyOf, Integer limit, int max,
                            int defaultLimit, String marker) {
        int size = limit == null ? defaultLimit : limit;
        if (size < 1 || size > max) {
            throw KmsErrors.constraint(size, "limit", size < 1 ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to " + max);
        }
        int start = 0;
        if (marker != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (keyOf.apply(all.get(i)).equals(marker)) {
                    start = i + 1;
                }
            }
            if (start < 0) {
                throw KmsErrors.invalidMarker();
            }
        }
        int end = Math.min(all.size(), start + size);
        List<T> items = all.subList(start, end);
        return new Page<>(items, end < all.size() ? keyOf.apply(items.get(items.size() - 1)) : null);
    }
}
