package io.strongroom.engine.organizations;

import io.strongroom.engine.cache.Generation;
import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Persistence of organizations: records keyed under their organization id, plus the indexes the API
 * needs (membership by account, children by parent, targets by policy, accounts by email).
 */
final class OrganizationStore {
    private static final byte[] MARK = new byte[0];

    record AttachmentList(List<Attachment> attachments) {
        AttachmentList {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    record TagSet(Map<String, String> tags) {
        TagSet {
            tags = new TreeMap<>(tags == null ? Map.of() : tags);
        }
    }

    record DelegatedAdministrator(String accountId, String servicePrincipal, java.time.Instant since) {
    }

    private final Collection<Organization> organizations = new Collection<>("org-organizations", JsonCodec.of(Organization.class));
    private final Collection<OrganizationalUnit> ous = new Collection<>("org-ous", JsonCodec.of(OrganizationalUnit.class));
    private final Collection<MemberAccount> accounts = new Collection<>("org-accounts", JsonCodec.of(MemberAccount.class));
    private final Collection<OrgPolicy> policies = new Collection<>("org-policies", JsonCodec.of(OrgPolicy.class));
    private final Collection<AttachmentList> attachments = new Collection<>("org-attachments", JsonCodec.of(AttachmentList.class));
    private final Collection<CreateAccountStatus> createStatuses =
            new Collection<>("org-create-status", JsonCodec.of(CreateAccountStatus.class));
    private final Collection<TagSet> tags = new Collection<>("org-tags", JsonCodec.of(TagSet.class));
    private final Collection<DelegatedAdministrator> delegated =
            new Collection<>("org-delegated", JsonCodec.of(DelegatedAdministrator.class));

    // ---- membership

    Optional<String> organizationOf(Tx tx, String accountId) {
        return tx.get("org-membership", accountId).map(r -> new String(r.value(), StandardCharsets.UTF_8));
    }

    void setMembership(Tx tx, String accountId, String orgId) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        tx.put("org-membership", accountId, orgId.getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }

    void removeMembership(Tx tx, String accountId) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        tx.delete("org-membership", accountId, Tx.ANY);
    }

    Optional<String> accountByEmail(Tx tx, String email) {
        return tx.get("org-emails", email.toLowerCase(Locale.ROOT)).map(r -> new String(r.value(), StandardCharsets.UTF_8));
    }

    void claimEmail(Tx tx, String email, String accountId) {
        tx.put("org-emails", email.toLowerCase(Locale.ROOT), accountId.getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }

    // ---- organization

    Optional<Organization> organization(Tx tx, String orgId) {
        return organizations.get(tx, orgId);
    }

    void putOrganization(Tx tx, Organization org) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        organizations.put(tx, org.id(), org);
    }

    void deleteOrganization(Tx tx, String orgId) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        organizations.delete(tx, orgId);
    }

    // ---- tree

    Optional<OrganizationalUnit> ou(Tx tx, String orgId, String ouId) {
        return ous.get(tx, orgId + "/" + ouId);
    }

    void putOu(Tx tx, String orgId, OrganizationalUnit ou) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        ous.put(tx, orgId + "/" + ou.id(), ou);
    }

    void deleteOu(Tx tx, String orgId, OrganizationalUnit ou) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        ous.delete(tx, orgId + "/" + ou.id());
        unlinkChild(tx, orgId, ou.parentId(), "O", ou.id());
    }

    Optional<MemberAccount> account(Tx tx, String orgId, String accountId) {
        return accounts.get(tx, orgId + "/" + accountId);
    }

    void putAccount(Tx tx, String orgId, MemberAccount account) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        accounts.put(tx, orgId + "/" + account.id(), account);
    }

    void deleteAccount(Tx tx, String orgId, MemberAccount account) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        accounts.delete(tx, orgId + "/" + account.id());
        unlinkChild(tx, orgId, account.parentId(), "A", account.id());
    }

    /** All accounts of the organization, in id order, one page. */
    ScanPage accountPage(Tx tx, String orgId, String after, int limit) {
        return tx.scan(new ScanQuery("org-accounts", orgId + "/", after, limit, false));
    }

    MemberAccount decodeAccount(StoredRecord record) {
        return JsonCodec.of(MemberAccount.class).decode(record.value());
    }

    List<MemberAccount> allAccounts(Tx tx, String orgId) {
        return accounts.list(tx, orgId + "/");
    }

    List<OrganizationalUnit> allOus(Tx tx, String orgId) {
        return ous.list(tx, orgId + "/");
    }

    void linkChild(Tx tx, String orgId, String parentId, String kind, String childId) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        tx.put("org-children", orgId + "/" + parentId + "/" + kind + "/" + childId, MARK, Tx.ANY);
    }

    void unlinkChild(Tx tx, String orgId, String parentId, String kind, String childId) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        tx.delete("org-children", orgId + "/" + parentId + "/" + kind + "/" + childId, Tx.ANY);
    }

    /** Direct children of a parent of one kind ("A" accounts, "O" OUs): ids after {@code after}, one page. */
    Page<String> children(Tx tx, String orgId, String parentId, String kind, String after, int limit) {
        String prefix = orgId + "/" + parentId + "/" + kind + "/";
        ScanPage page = tx.scan(new ScanQuery("org-children", prefix, after == null ? null : prefix + after, limit, false));
        List<String> ids = new ArrayList<>();
        page.records().forEach(r -> ids.add(r.key().substring(prefix.length())));
        return new Page<>(ids, page.lastKey() == null ? null : ids.get(ids.size() - 1));
    }

    boolean hasChildren(Tx tx, String orgId, String parentId) {
        return !tx.scan(ScanQuery.prefix("org-children", orgId + "/" + parentId + "/", 1)).records().isEmpty();
    }

    // ---- policies and attachments

    Optional<OrgPolicy> policy(Tx tx, String orgId, String policyId) {
        return policies.get(tx, orgId + "/" + policyId);
    }

    void putPolicy(Tx tx, String orgId, OrgPolicy policy) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        policies.put(tx, orgId + "/" + policy.id(), policy);
    }

    void deletePolicy(Tx tx, String orgId, String policyId) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        policies.delete(tx, orgId + "/" + policyId);
    }

    List<OrgPolicy> allPolicies(Tx tx, String orgId) {
        return policies.list(tx, orgId + "/");
    }

    List<Attachment> attachments(Tx tx, String orgId, String targetId) {
        return attachments.get(tx, orgId + "/" + targetId).map(AttachmentList::attachments).orElse(List.of());
    }

    void putAttachments(Tx tx, String orgId, String targetId, List<Attachment> list) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        if (list.isEmpty()) {
            attachments.delete(tx, orgId + "/" + targetId);
        } else {
            attachments.put(tx, orgId + "/" + targetId, new AttachmentList(list));
        }
    }

    void linkPolicyTarget(Tx tx, String orgId, String policyId, String targetId) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        tx.put("org-policy-targets", orgId + "/" + policyId + "/" + targetId, MARK, Tx.ANY);
    }

    void unlinkPolicyTarget(Tx tx, String orgId, String policyId, String targetId) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        tx.delete("org-policy-targets", orgId + "/" + policyId + "/" + targetId, Tx.ANY);
    }

    Page<String> policyTargets(Tx tx, String orgId, String policyId, String after, int limit) {
        String prefix = orgId + "/" + policyId + "/";
        ScanPage page = tx.scan(new ScanQuery("org-policy-targets", prefix, after == null ? null : prefix + after,
                limit, false));
        List<String> ids = new ArrayList<>();
        page.records().forEach(r -> ids.add(r.key().substring(prefix.length())));
        return new Page<>(ids, page.lastKey() == null ? null : ids.get(ids.size() - 1));
    }

    // ---- account creation requests

    Optional<CreateAccountStatus> createStatus(Tx tx, String orgId, String requestId) {
        return createStatuses.get(tx, orgId + "/" + requestId);
    }

    void putCreateStatus(Tx tx, String orgId, CreateAccountStatus status) {
        createStatuses.put(tx, orgId + "/" + status.id(), status);
    }

    List<CreateAccountStatus> createStatuses(Tx tx, String orgId) {
        return createStatuses.list(tx, orgId + "/");
    }

    // ---- tags

    Map<String, String> tags(Tx tx, String orgId, String resourceId) {
        return tags.get(tx, orgId + "/" + resourceId).map(TagSet::tags).orElse(Map.of());
    }

    void putTags(Tx tx, String orgId, String resourceId, Map<String, String> value) {
        if (value.isEmpty()) {
            tags.delete(tx, orgId + "/" + resourceId);
        } else {
            tags.put(tx, orgId + "/" + resourceId, new TagSet(value));
        }
    }

    // ---- delegated administrators

    List<DelegatedAdministrator> delegatedAdministrators(Tx tx, String orgId) {
        return delegated.list(tx, orgId + "/");
    }

    Optional<DelegatedAdministrator> delegatedAdministrator(Tx tx, String orgId, String accountId, String principal) {
        return delegated.get(tx, orgId + "/" + accountId + "/" + principal);
    }

    void putDelegatedAdministrator(Tx tx, String orgId, DelegatedAdministrator admin) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        delegated.put(tx, orgId + "/" + admin.accountId() + "/" + admin.servicePrincipal(), admin);
    }

    void deleteDelegatedAdministrator(Tx tx, String orgId, String accountId, String principal) {
        Generation.bump(tx, Generation.ORGANIZATIONS);
        delegated.delete(tx, orgId + "/" + accountId + "/" + principal);
    }
}
