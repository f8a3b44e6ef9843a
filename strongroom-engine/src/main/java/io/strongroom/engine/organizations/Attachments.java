package io.strongroom.engine.organizations;

import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.List;

/**
 * Policy attachments per target, in attachment order, with the reverse index by policy. The order is
 * what the effective-policy merge uses to decide same-level conflicts.
 */
final class Attachments {
    private static final String SEQUENCE = "org-attachment";
    private final OrganizationStore store;
    private final OrgTree tree;

    Attachments(OrganizationStore store, OrgTree tree) {
        this.store = store;
        this.tree = tree;
    }

    List<Attachment> of(Tx tx, Organization org, String targetId) {
        return store.attachments(tx, org.id(), targetId);
    }

    List<Attachment> of(Tx tx, Organization org, String targetId, String type) {
        return of(tx, org, targetId).stream().filter(a -> a.type().equals(type)).toList();
    }

    void attach(Tx tx, Organization org, OrgPolicy policy, String targetId) {
        List<Attachment> list = new ArrayList<>(of(tx, org, targetId));
        list.add(new Attachment(policy.id(), policy.type(), tx.nextSequence(SEQUENCE)));
        store.putAttachments(tx, org.id(), targetId, list);
        store.linkPolicyTarget(tx, org.id(), policy.id(), targetId);
    }

    void detach(Tx tx, Organization org, String policyId, String targetId) {
        List<Attachment> list = new ArrayList<>(of(tx, org, targetId));
        list.removeIf(a -> a.policyId().equals(policyId));
        store.putAttachments(tx, org.id(), targetId, list);
        store.unlinkPolicyTarget(tx, org.id(), policyId, targetId);
    }

    /** Attaches the AWS-managed default of every enabled authorization type to a new OU or account. */
    void attachDefaults(Tx tx, Organization org, String targetId) {
        for (String type : org.enabledTypes()) {
            OrgPolicy defaultPolicy = PolicyTypes.defaultPolicy(type);
            if (defaultPolicy != null) {
                attach(tx, org, defaultPolicy, targetId);
            }
        }
    }

    /** Enabling SCPs or RCPs attaches their AWS-managed default to every node of the tree. */
    void attachDefaultEverywhere(Tx tx, Organization org, String type) {
        OrgPolicy defaultPolicy = PolicyTypes.defaultPolicy(type);
        if (defaultPolicy == null) {
            return;
        }
        for (String target : allTargets(tx, org)) {
            attach(tx, org, defaultPolicy, target);
        }
    }

    /** Disabling a type detaches every policy of it everywhere; the policies themselves remain. */
    void detachAllOfType(Tx tx, Organization org, String type) {
        for (String target : allTargets(tx, org)) {
            for (Attachment a : of(tx, org, target, type)) {
                detach(tx, org, a.policyId(), target);
            }
        }
    }

    void dropTarget(Tx tx, Organization org, String targetId) {
        for (Attachment a : of(tx, org, targetId)) {
            store.unlinkPolicyTarget(tx, org.id(), a.policyId(), targetId);
        }
        store.putAttachments(tx, org.id(), targetId, List.of());
    }

    boolean attachedAnywhere(Tx tx, Organization org, String policyId) {
        return !store.policyTargets(tx, org.id(), policyId, null, 1).items().isEmpty();
    }

    private List<String> allTargets(Tx tx, Organization org) {
        List<String> targets = new ArrayList<>();
        targets.add(org.rootId());
        store.allOus(tx, org.id()).forEach(ou -> targets.add(ou.id()));
        targets.addAll(tree.accountsUnder(tx, org, org.rootId()));
        return targets;
    }
}
