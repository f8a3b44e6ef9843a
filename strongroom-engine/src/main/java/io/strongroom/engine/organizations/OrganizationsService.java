package io.strongroom.engine.organizations;

import io.strongroom.engine.identity.Account;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** AWS Organizations: the organization, its root, organizational units and tagging. */
public final class OrganizationsService {
    static final int MAX_OU_DEPTH = 5;
    static final int MAX_OUS = 2000;

    private final OrganizationStore store;
    private final OrgCallers callers;
    private final OrgTree tree;
    private final OrgIds ids;
    private final Attachments attachments;
    private final EffectivePolicies effective;
    private final IdentityService identity;
    private final Clock clock;

    OrganizationsService(OrganizationStore store, OrgCallers callers, OrgTree tree, OrgIds ids, Attachments attachments,
                         EffectivePolicies effective, IdentityService identity, Clock clock) {
        this.store = store;
        this.callers = callers;
        this.tree = tree;
        this.ids = ids;
        this.attachments = attachments;
        this.effective = effective;
        this.identity = identity;
        this.clock = clock;
    }

    // ---- the organization

    public Organization createOrganization(Tx tx, Principal caller, String featureSet) {
        String features = featureSet == null ? Organization.ALL : featureSet;
        if (!features.equals(Organization.ALL) && !features.equals(Organization.CONSOLIDATED_BILLING)) {
            throw OrganizationsErrors.invalidInput("INVALID_ENUM", "You specified an invalid value for featureSet.");
        }
        if (store.organizationOf(tx, caller.accountId()).isPresent()) {
            throw OrganizationsErrors.alreadyInOrganization();
        }
        Instant now = Instant.now(clock);
        String email = identity.account(tx, caller.accountId()).map(Account::email)
                .orElse(caller.accountId() + "@strongroom.local");
        String orgId = ids.organization(tx);
        Organization org = new Organization(orgId, caller.accountId(), email, features, ids.root(tx), Map.of(), Map.of(), now);
        store.putOrganization(tx, org);
        store.setMembership(tx, caller.accountId(), orgId);
        String name = identity.account(tx, caller.accountId()).map(Account::name).orElse("management");
        store.putAccount(tx, orgId, new MemberAccount(caller.accountId(), org.rootId(), name, email, "INVITED", now, "ACTIVE"));
        store.linkChild(tx, orgId, org.rootId(), "A", caller.accountId());
        store.claimEmail(tx, email, caller.accountId());
        if (org.allFeatures()) {
            org = org.withPolicyType(PolicyTypes.SCP, true);
            store.putOrganization(tx, org);
            attachments.attachDefaultEverywhere(tx, org, PolicyTypes.SCP);
        }
        return org;
    }

    public Organization describeOrganization(Tx tx, Principal caller) {
        return callers.organization(tx, caller);
    }

    public void deleteOrganization(Tx tx, Principal caller) {
        Organization org = callers.asManagement(tx, caller);
        List<MemberAccount> accounts = store.allAccounts(tx, org.id());
        if (accounts.size() > 1) {
            throw OrganizationsErrors.organizationNotEmpty();
        }
        for (OrganizationalUnit ou : store.allOus(tx, org.id())) {
            attachments.dropTarget(tx, org, ou.id());
            store.putTags(tx, org.id(), ou.id(), Map.of());
            store.deleteOu(tx, org.id(), ou);
        }
        for (MemberAccount account : accounts) {
            attachments.dropTarget(tx, org, account.id());
            effective.forget(tx, org, account.id());
            store.deleteAccount(tx, org.id(), account);
            store.removeMembership(tx, account.id());
        }
        attachments.dropTarget(tx, org, org.rootId());
        for (OrgPolicy policy : store.allPolicies(tx, org.id())) {
            store.deletePolicy(tx, org.id(), policy.id());
        }
        store.deleteOrganization(tx, org.id());
    }

    /** The root as ListRoots shows it (policy types enabled in it). */
    public Organization listRoots(Tx tx, Principal caller) {
        return callers.asManagementOrDelegatedAdministrator(tx, caller);
    }

    public Organization enablePolicyType(Tx tx, Principal caller, String rootId, String type) {
        OrgInput.rootId(rootId);
        OrgInput.policyType(type);
        Organization org = callers.asManagement(tx, caller);
        if (!org.rootId().equals(rootId)) {
            throw OrganizationsErrors.rootNotFound();
        }
        if (!org.allFeatures()) {
            throw OrganizationsErrors.policyTypeNotAvailable();
        }
        if (org.policyTypeEnabled(type)) {
            throw OrganizationsErrors.policyTypeAlreadyEnabled();
        }
        org = org.withPolicyType(type, true);
        store.putOrganization(tx, org);
        attachments.attachDefaultEverywhere(tx, org, type);
        return org;
    }

    public Organization disablePolicyType(Tx tx, Principal caller, String rootId, String type) {
        OrgInput.rootId(rootId);
        OrgInput.policyType(type);
        Organization org = callers.asManagement(tx, caller);
        if (!org.rootId().equals(rootId)) {
            throw OrganizationsErrors.rootNotFound();
        }
        if (!org.policyTypeEnabled(type)) {
            throw OrganizationsErrors.policyTypeNotEnabled(type);
        }
        org = org.withPolicyType(type, false);
        store.putOrganization(tx, org);
        attachments.detachAllOfType(tx, org, type);
        effective.refresh(tx, org, org.rootId(), type);
        return org;
    }

    // ---- organizational units

    public OrganizationalUnit createOrganizationalUnit(Tx tx, Principal caller, String parentId, String name, List<Tag> tags) {
        OrgInput.parentId(parentId);
        OrgInput.name("name", name, 128);
        Map<String, String> tagMap = Tag.toMap(tags);
        Organization org = callers.asManagement(tx, caller);
        if (!tree.parentExists(tx, org, parentId)) {
            throw OrganizationsErrors.parentNotFound();
        }
        int depth = org.rootId().equals(parentId) ? 1 : store.ou(tx, org.id(), parentId).orElseThrow().depth() + 1;
        if (depth > MAX_OU_DEPTH) {
            throw OrganizationsErrors.constraint("OU_DEPTH_LIMIT_EXCEEDED",
                    "You attempted to create an OU tree that is too many levels deep.");
        }
        if (siblingNamed(tx, org, parentId, name, null)) {
            throw OrganizationsErrors.duplicateOu();
        }
        if (store.allOus(tx, org.id()).size() >= MAX_OUS) {
            throw OrganizationsErrors.constraint("OU_NUMBER_LIMIT_EXCEEDED",
                    "You have reached the maximum number of OUs in your organization.");
        }
        OrganizationalUnit ou = new OrganizationalUnit(ids.ou(tx, org.rootId()), parentId, name, depth);
        store.putOu(tx, org.id(), ou);
        store.linkChild(tx, org.id(), parentId, "O", ou.id());
        store.putTags(tx, org.id(), ou.id(), tagMap);
        attachments.attachDefaults(tx, org, ou.id());
        return ou;
    }

    public OrganizationalUnit updateOrganizationalUnit(Tx tx, Principal caller, String ouId, String name) {
        OrgInput.ouId(ouId);
        Organization org = callers.asManagement(tx, caller);
        OrganizationalUnit ou = store.ou(tx, org.id(), ouId).orElseThrow(OrganizationsErrors::ouNotFound);
        if (name == null) {
            return ou;
        }
        OrgInput.name("name", name, 128);
        if (siblingNamed(tx, org, ou.parentId(), name, ou.id())) {
            throw OrganizationsErrors.duplicateOu();
        }
        OrganizationalUnit renamed = ou.withName(name);
        store.putOu(tx, org.id(), renamed);
        return renamed;
    }

    public void deleteOrganizationalUnit(Tx tx, Principal caller, String ouId) {
        OrgInput.ouId(ouId);
        Organization org = callers.asManagement(tx, caller);
        OrganizationalUnit ou = store.ou(tx, org.id(), ouId).orElseThrow(OrganizationsErrors::ouNotFound);
        if (store.hasChildren(tx, org.id(), ouId)) {
            throw OrganizationsErrors.ouNotEmpty();
        }
        attachments.dropTarget(tx, org, ouId);
        store.putTags(tx, org.id(), ouId, Map.of());
        store.deleteOu(tx, org.id(), ou);
    }

    public OrganizationalUnit describeOrganizationalUnit(Tx tx, Principal caller, String ouId) {
        OrgInput.ouId(ouId);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        return store.ou(tx, org.id(), ouId).orElseThrow(OrganizationsErrors::ouNotFound);
    }

    public Page<OrganizationalUnit> listOrganizationalUnitsForParent(Tx tx, Principal caller, String parentId,
                                                                    String nextToken, Integer maxResults) {
        OrgInput.parentId(parentId);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        Page<String> ids = tree.childPage(tx, org, parentId, "O", "ous:" + parentId, nextToken, maxResults);
        List<OrganizationalUnit> out = new ArrayList<>();
        ids.items().forEach(id -> store.ou(tx, org.id(), id).ifPresent(out::add));
        return new Page<>(out, ids.nextToken());
    }

    /** The OU's path string (o-.../r-.../ou-.../). */
    public String path(Tx tx, Principal caller, String targetId) {
        Organization org = callers.organization(tx, caller);
        return tree.pathString(tx, org, targetId);
    }

    private boolean siblingNamed(Tx tx, Organization org, String parentId, String name, String exceptId) {
        for (String id : tree.allChildren(tx, org, parentId, "O")) {
            if (!id.equals(exceptId) && store.ou(tx, org.id(), id).map(o -> o.name().equals(name)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    // ---- tagging

    public void tagResource(Tx tx, Principal caller, String resourceId, List<Tag> tags) {
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        String key = taggable(tx, org, resourceId);
        Map<String, String> merged = new TreeMap<>(store.tags(tx, org.id(), key));
        merged.putAll(Tag.toMap(tags));
        OrgInput.tags(merged);
        store.putTags(tx, org.id(), key, merged);
    }

    public void untagResource(Tx tx, Principal caller, String resourceId, List<String> keys) {
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        String key = taggable(tx, org, resourceId);
        Map<String, String> remaining = new TreeMap<>(store.tags(tx, org.id(), key));
        keys.forEach(remaining::remove);
        store.putTags(tx, org.id(), key, remaining);
    }

    public Map<String, String> listTagsForResource(Tx tx, Principal caller, String resourceId) {
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        return store.tags(tx, org.id(), taggable(tx, org, resourceId));
    }

    private String taggable(Tx tx, Organization org, String resourceId) {
        if (resourceId == null) {
            throw OrganizationsErrors.invalidInput("INPUT_REQUIRED", "You must specify a value for resourceId.");
        }
        if (OrgInput.isPolicy(resourceId)) {
            if (PolicyTypes.AWS_MANAGED.stream().anyMatch(p -> p.id().equals(resourceId))
                    || store.policy(tx, org.id(), resourceId).isPresent()) {
                return resourceId;
            }
            throw OrganizationsErrors.targetNotFound();
        }
        Optional<TargetType> type = OrgInput.isRoot(resourceId) || OrgInput.isOu(resourceId) || OrgInput.isAccount(resourceId)
                ? tree.typeOf(tx, org, resourceId) : Optional.empty();
        if (type.isEmpty()) {
            if (!OrgInput.isRoot(resourceId) && !OrgInput.isOu(resourceId) && !OrgInput.isAccount(resourceId)) {
                throw OrganizationsErrors.invalidInput("INVALID_PATTERN", "You specified an invalid value for resourceId.");
            }
            throw OrganizationsErrors.targetNotFound();
        }
        return resourceId;
    }
}
