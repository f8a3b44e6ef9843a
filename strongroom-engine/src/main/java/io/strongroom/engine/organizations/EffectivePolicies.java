package io.strongroom.engine.organizations;

import io.strongroom.json.JsonCodec;
import io.strongroom.orgpolicy.AttachedPolicy;
import io.strongroom.orgpolicy.EffectivePolicy;
import io.strongroom.orgpolicy.EffectivePolicyEngine;
import io.strongroom.orgpolicy.MergeState;
import io.strongroom.orgpolicy.PolicyLevel;
import io.strongroom.orgpolicy.PolicyType;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every account's effective management policies current: recomputed, for the subtree a change
 * touches only, whenever a policy, an attachment or the tree changes; merged top-down so each OU's
 * merge is shared by everything below it.
 */
public final class EffectivePolicies {
    private final Collection<StoredEffectivePolicy> stored =
            new Collection<>("org-effective", JsonCodec.of(StoredEffectivePolicy.class));
    private final OrganizationStore store;
    private final OrgTree tree;
    private final Attachments attachments;
    private final EffectivePolicyEngine engine;
    private final Clock clock;
    private final List<EffectivePolicyListener> listeners = new CopyOnWriteArrayList<>();

    EffectivePolicies(OrganizationStore store, OrgTree tree, Attachments attachments, EffectivePolicyEngine engine,
                      Clock clock) {
        this.store = store;
        this.tree = tree;
        this.attachments = attachments;
        this.engine = engine;
        this.clock = clock;
    }

    public void addListener(EffectivePolicyListener listener) {
        listeners.add(listener);
    }

    private static String key(Organization org, String type, String accountId) {
        return org.id() + "/" + type + "/" + accountId;
    }

    Optional<StoredEffectivePolicy> get(Tx tx, Organization org, String type, String accountId) {
        return stored.get(tx, key(org, type, accountId));
    }

    List<StoredEffectivePolicy> all(Tx tx, Organization org, String type) {
        return stored.list(tx, org.id() + "/" + type + "/");
    }

    /**
     * Recomputes the effective policies of every account at or below {@code targetId}, for one type or
     * (null) every management type.
     */
    void refresh(Tx tx, Organization org, String targetId, String typeOrNull) {
        List<String> types = typeOrNull != null ? List.of(typeOrNull)
                : PolicyTypes.ALL.stream().filter(PolicyTypes::management).toList();
        for (String type : types) {
            if (!PolicyTypes.management(type)) {
                continue;
            }
            PolicyType policyType = PolicyType.valueOf(type);
            List<String> path = tree.path(tx, org, targetId);
            MergeState state = null;
            for (String level : path.subList(0, path.size() - 1)) {
                state = engine.merge(policyType, state, level(tx, org, level, type));
            }
            descend(tx, org, type, policyType, state, targetId);
        }
    }

    private void descend(Tx tx, Organization org, String type, PolicyType policyType, MergeState parent, String node) {
        MergeState state = engine.merge(policyType, parent, level(tx, org, node, type));
        if (OrgInput.isAccount(node)) {
            save(tx, org, type, node, org.policyTypeEnabled(type) ? engine.finish(policyType, state) : null);
            return;
        }
        for (String account : tree.allChildren(tx, org, node, "A")) {
            descend(tx, org, type, policyType, state, account);
        }
        for (String ou : tree.allChildren(tx, org, node, "O")) {
            descend(tx, org, type, policyType, state, ou);
        }
    }

    private PolicyLevel level(Tx tx, Organization org, String targetId, String type) {
        List<AttachedPolicy> policies = new ArrayList<>();
        if (org.policyTypeEnabled(type)) {
            for (Attachment a : attachments.of(tx, org, targetId, type)) {
                store.policy(tx, org.id(), a.policyId())
                        .ifPresent(p -> policies.add(new AttachedPolicy(p.id(), p.name(), p.content())));
            }
        }
        return new PolicyLevel(targetId, policies);
    }

    private void save(Tx tx, Organization org, String type, String accountId, EffectivePolicy computed) {
        Optional<StoredEffectivePolicy> previous = get(tx, org, type, accountId);
        Instant now = Instant.now(clock);
        if (computed == null || computed.content() == null) {
            if (previous.isPresent()) {
                stored.delete(tx, key(org, type, accountId));
                listeners.forEach(l -> l.effectivePolicyChanged(tx, accountId, type, null));
            }
            return;
        }
        List<StoredEffectivePolicy.EffectivePolicyError> errors = computed.errors().stream()
                .map(e -> new StoredEffectivePolicy.EffectivePolicyError(e.errorCode(), e.errorMessage(),
                        e.pathToError(), e.contributingPolicies()))
                .toList();
        String previousContent = previous.map(StoredEffectivePolicy::content).orElse(null);
        // An invalid merge keeps the account on its last valid effective policy, as AWS does.
        String content = errors.isEmpty() ? computed.content() : previousContent;
        if (content == null) {
            stored.put(tx, key(org, type, accountId), new StoredEffectivePolicy(accountId, type, null, null, errors, now));
            return;
        }
        boolean changed = !Objects.equals(content, previousContent);
        Instant lastUpdated = changed || previous.isEmpty() ? now : previous.get().lastUpdated();
        stored.put(tx, key(org, type, accountId),
                new StoredEffectivePolicy(accountId, type, content, lastUpdated, errors, now));
        if (changed) {
            listeners.forEach(l -> l.effectivePolicyChanged(tx, accountId, type, content));
        }
    }

    void forget(Tx tx, Organization org, String accountId) {
        for (String type : PolicyTypes.ALL) {
            if (stored.delete(tx, key(org, type, accountId))) {
                listeners.forEach(l -> l.effectivePolicyChanged(tx, accountId, type, null));
            }
        }
    }

    /** The merge with its explanation, computed afresh (for the operators' "why" view). */
    EffectivePolicy explain(Tx tx, Organization org, String type, String accountId) {
        List<PolicyLevel> levels = new ArrayList<>();
        for (String target : tree.path(tx, org, accountId)) {
            levels.add(level(tx, org, target, type));
        }
        return engine.compute(PolicyType.valueOf(type), levels);
    }
}
