package io.strongroom.engine.organizations;

import io.strongroom.engine.identity.Principal;
import io.strongroom.orgpolicy.MalformedPolicyDocument;
import io.strongroom.orgpolicy.PolicyContentTooLarge;
import io.strongroom.orgpolicy.PolicyDocuments;
import io.strongroom.orgpolicy.PolicyType;
import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Organization policies: create, change, attach and detach them, and list what is attached where. */
public final class PoliciesService {
    static final int MAX_POLICIES_PER_TYPE = 10_000;

    private final OrganizationStore store;
    private final OrgCallers callers;
    private final OrgTree tree;
    private final OrgIds ids;
    private final Attachments attachments;
    private final EffectivePolicies effective;

    PoliciesService(OrganizationStore store, OrgCallers callers, OrgTree tree, OrgIds ids, Attachments attachments,
                    EffectivePolicies effective) {
        this.store = store;
        this.callers = callers;
        this.tree = tree;
        this.ids = ids;
        this.attachments = attachments;
        this.effective = effective;
    }

    public OrgPolicy createPolicy(Tx tx, Principal caller, String content, String description, String name, String type,
                                  List<Tag> tags) {
        OrgInput.name("name", name, 128);
        OrgInput.policyType(type);
        if (description == null) {
            throw OrganizationsErrors.invalidInput("INPUT_REQUIRED", "You must specify a value for description.");
        }
        if (description.length() > 512) {
            throw OrganizationsErrors.invalidInput("MAX_LENGTH_EXCEEDED", "The value for description exceeds 512.");
        }
        Map<String, String> tagMap = Tag.toMap(tags);
        Organization org = callers.asManagement(tx, caller);
        if (!org.allFeatures()) {
            throw OrganizationsErrors.policyTypeNotAvailable();
        }
        validate(type, content);
        List<OrgPolicy> ofType = policiesOfType(tx, org, type);
        if (ofType.stream().anyMatch(p -> p.name().equals(name))) {
            throw OrganizationsErrors.duplicatePolicy();
        }
        if (ofType.size() >= MAX_POLICIES_PER_TYPE) {
            throw OrganizationsErrors.constraint("POLICY_NUMBER_LIMIT_EXCEEDED",
                    "You have reached the maximum number of policies of this type.");
        }
        OrgPolicy policy = new OrgPolicy(ids.policy(tx), type, name, description, content, false);
        store.putPolicy(tx, org.id(), policy);
        store.putTags(tx, org.id(), policy.id(), tagMap);
        return policy;
    }

    public OrgPolicy updatePolicy(Tx tx, Principal caller, String policyId, String name, String description,
                                  String content) {
        OrgInput.policyId(policyId);
        if (name != null) {
            OrgInput.name("name", name, 128);
        }
        Organization org = callers.asManagement(tx, caller);
        if (isAwsManaged(policyId)) {
            throw OrganizationsErrors.immutablePolicy();
        }
        OrgPolicy policy = store.policy(tx, org.id(), policyId).orElseThrow(OrganizationsErrors::policyNotFound);
        if (content != null) {
            validate(policy.type(), content);
        }
        if (name != null && !name.equals(policy.name())
                && policiesOfType(tx, org, policy.type()).stream().anyMatch(p -> p.name().equals(name))) {
            throw OrganizationsErrors.duplicatePolicy();
        }
        OrgPolicy updated = policy.withChanges(name, description, content);
        store.putPolicy(tx, org.id(), updated);
        if (content != null && !content.equals(policy.content())) {
            for (String target : allTargets(tx, org, policyId)) {
                effective.refresh(tx, org, target, policy.type());
            }
        }
        return updated;
    }

    public void deletePolicy(Tx tx, Principal caller, String policyId) {
        OrgInput.policyId(policyId);
        Organization org = callers.asManagement(tx, caller);
        if (isAwsManaged(policyId)) {
            throw OrganizationsErrors.immutablePolicy();
        }
        store.policy(tx, org.id(), policyId).orElseThrow(OrganizationsErrors::policyNotFound);
        if (attachments.attachedAnywhere(tx, org, policyId)) {
            throw OrganizationsErrors.policyInUse();
        }
        store.deletePolicy(tx, org.id(), policyId);
        store.putTags(tx, org.id(), policyId, Map.of());
    }

    public OrgPolicy describePolicy(Tx tx, Principal caller, String policyId) {
        OrgInput.policyId(policyId);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        return policy(tx, org, policyId).orElseThrow(OrganizationsErrors::policyNotFound);
    }

    public Page<OrgPolicy> listPolicies(Tx tx, Principal caller, String type, String nextToken, Integer maxResults) {
        OrgInput.policyType(type);
        int size = PageTokens.size(maxResults);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        return page(policiesOfTypeWithManaged(tx, org, type), "policies:" + type, nextToken, size);
    }

    public void attachPolicy(Tx tx, Principal caller, String policyId, String targetId) {
        OrgInput.policyId(policyId);
        OrgInput.targetId(targetId);
        Organization org = callers.asManagement(tx, caller);
        OrgPolicy policy = policy(tx, org, policyId).orElseThrow(OrganizationsErrors::policyNotFound);
        if (tree.typeOf(tx, org, targetId).isEmpty()) {
            throw OrganizationsErrors.targetNotFound();
        }
        if (!org.policyTypeEnabled(policy.type())) {
            throw OrganizationsErrors.policyTypeNotEnabled(policy.type());
        }
        List<Attachment> current = attachments.of(tx, org, targetId, policy.type());
        if (current.stream().anyMatch(a -> a.policyId().equals(policyId))) {
            throw OrganizationsErrors.duplicatePolicyAttachment();
        }
        if (current.size() >= PolicyTypes.maxAttachments(policy.type())) {
            throw OrganizationsErrors.constraint("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
                    "You have attached the maximum number of policies of this type to the specified target.");
        }
        attachments.attach(tx, org, policy, targetId);
        effective.refresh(tx, org, targetId, policy.type());
    }

    public void detachPolicy(Tx tx, Principal caller, String policyId, String targetId) {
        OrgInput.policyId(policyId);
        OrgInput.targetId(targetId);
        Organization org = callers.asManagement(tx, caller);
        OrgPolicy policy = policy(tx, org, policyId).orElseThrow(OrganizationsErrors::policyNotFound);
        if (tree.typeOf(tx, org, targetId).isEmpty()) {
            throw OrganizationsErrors.targetNotFound();
        }
        List<Attachment> current = attachments.of(tx, org, targetId, policy.type());
        if (current.stream().noneMatch(a -> a.policyId().equals(policyId))) {
            throw OrganizationsErrors.policyNotAttached();
        }
        if (PolicyTypes.RCP_FULL_AWS_ACCESS_ID.equals(policyId)) {
            throw OrganizationsErrors.invalidInput("NON_DETACHABLE_POLICY", "You can't detach this AWS managed policy.");
        }
        if (PolicyTypes.authorization(policy.type()) && current.size() == 1) {
            throw OrganizationsErrors.constraint("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
                    "You can't detach the last policy of this type from an entity.");
        }
        attachments.detach(tx, org, policyId, targetId);
        effective.refresh(tx, org, targetId, policy.type());
    }

    public Page<OrgPolicy> listPoliciesForTarget(Tx tx, Principal caller, String targetId, String type,
                                                 String nextToken, Integer maxResults) {
        OrgInput.targetId(targetId);
        OrgInput.policyType(type);
        int size = PageTokens.size(maxResults);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        if (tree.typeOf(tx, org, targetId).isEmpty()) {
            throw OrganizationsErrors.targetNotFound();
        }
        List<OrgPolicy> attached = new ArrayList<>();
        for (Attachment a : attachments.of(tx, org, targetId, type)) {
            policy(tx, org, a.policyId()).ifPresent(attached::add);
        }
        attached.sort(Comparator.comparing(OrgPolicy::id));
        return page(attached, "for-target:" + targetId + ":" + type, nextToken, size);
    }

    public Page<PolicyTarget> listTargetsForPolicy(Tx tx, Principal caller, String policyId, String nextToken,
                                                   Integer maxResults) {
        OrgInput.policyId(policyId);
        int size = PageTokens.size(maxResults);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        policy(tx, org, policyId).orElseThrow(OrganizationsErrors::policyNotFound);
        String listing = "targets:" + policyId;
        Page<String> ids = store.policyTargets(tx, org.id(), policyId, PageTokens.decode(listing, nextToken), size);
        List<PolicyTarget> targets = new ArrayList<>();
        for (String id : ids.items()) {
            targets.add(target(tx, org, id));
        }
        return new Page<>(targets, PageTokens.encode(listing, ids.nextToken()));
    }

    // ---- effective policies

    /**
     * The effective policy of an account (the caller's own when {@code targetId} is null). Members may
     * ask about themselves only.
     */
    public StoredEffectivePolicy describeEffectivePolicy(Tx tx, Principal caller, String type, String targetId) {
        managementType(type);
        if (targetId != null && (OrgInput.isRoot(targetId) || OrgInput.isOu(targetId))) {
            throw OrganizationsErrors.invalidInput("TARGET_NOT_SUPPORTED",
                    "You can't specify a root or an organizational unit as the target.");
        }
        if (targetId != null) {
            OrgInput.targetId(targetId);
        }
        Organization org = callers.organization(tx, caller);
        String accountId = targetId == null ? caller.accountId() : targetId;
        if (!accountId.equals(caller.accountId()) && !org.managementAccountId().equals(caller.accountId())
                && !callers.isDelegatedAdministrator(tx, org, caller.accountId())) {
            throw OrganizationsErrors.accessDenied();
        }
        if (store.account(tx, org.id(), accountId).isEmpty()) {
            throw OrganizationsErrors.targetNotFound();
        }
        return effective.get(tx, org, type, accountId).filter(e -> e.content() != null)
                .orElseThrow(OrganizationsErrors::effectivePolicyNotFound);
    }

    /** The validation errors of an account's current merge, with its path. */
    public ValidationReport listEffectivePolicyValidationErrors(Tx tx, Principal caller, String accountId, String type) {
        managementType(type);
        OrgInput.accountId(accountId);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        if (store.account(tx, org.id(), accountId).isEmpty()) {
            throw OrganizationsErrors.accountNotFound();
        }
        StoredEffectivePolicy stored = effective.get(tx, org, type, accountId)
                .orElseThrow(OrganizationsErrors::effectivePolicyNotFound);
        return new ValidationReport(accountId, type, tree.pathString(tx, org, accountId), stored.evaluated(),
                stored.errors());
    }

    public Page<MemberAccount> listAccountsWithInvalidEffectivePolicy(Tx tx, Principal caller, String type,
                                                                     String nextToken, Integer maxResults) {
        managementType(type);
        int size = PageTokens.size(maxResults);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        if (!org.policyTypeEnabled(type)) {
            throw OrganizationsErrors.effectivePolicyNotFound();
        }
        String listing = "invalid:" + type;
        String after = PageTokens.decode(listing, nextToken);
        List<MemberAccount> invalid = effective.all(tx, org, type).stream()
                .filter(e -> !e.valid())
                .filter(e -> after == null || e.accountId().compareTo(after) > 0)
                .map(e -> store.account(tx, org.id(), e.accountId()))
                .flatMap(Optional::stream)
                .toList();
        List<MemberAccount> page = invalid.subList(0, Math.min(size, invalid.size()));
        String last = invalid.size() > size ? page.get(page.size() - 1).id() : null;
        return new Page<>(page, PageTokens.encode(listing, last));
    }

    /** What ListEffectivePolicyValidationErrors answers. */
    public record ValidationReport(String accountId, String type, String path, java.time.Instant evaluated,
                                   List<StoredEffectivePolicy.EffectivePolicyError> errors) {
    }

    private static void managementType(String type) {
        if (!PolicyTypes.management(type)) {
            throw OrganizationsErrors.invalidInput("INVALID_ENUM_POLICY_TYPE",
                    "You specified an invalid policy type for this operation.");
        }
    }

    Optional<OrgPolicy> policy(Tx tx, Organization org, String policyId) {
        return PolicyTypes.AWS_MANAGED.stream().filter(p -> p.id().equals(policyId)).findFirst()
                .or(() -> store.policy(tx, org.id(), policyId));
    }

    private PolicyTarget target(Tx tx, Organization org, String id) {
        if (id.equals(org.rootId())) {
            return new PolicyTarget(id, org.rootArn(), Organization.ROOT_NAME, TargetType.ROOT);
        }
        if (OrgInput.isOu(id)) {
            String name = store.ou(tx, org.id(), id).map(OrganizationalUnit::name).orElse(id);
            return new PolicyTarget(id, org.ouArn(id), name, TargetType.ORGANIZATIONAL_UNIT);
        }
        String name = store.account(tx, org.id(), id).map(MemberAccount::name).orElse(id);
        return new PolicyTarget(id, org.accountArn(id), name, TargetType.ACCOUNT);
    }

    private List<String> allTargets(Tx tx, Organization org, String policyId) {
        List<String> out = new ArrayList<>();
        String after = null;
        do {
            Page<String> page = store.policyTargets(tx, org.id(), policyId, after, 500);
            out.addAll(page.items());
            after = page.nextToken();
        } while (after != null);
        return out;
    }

    private static boolean isAwsManaged(String policyId) {
        return PolicyTypes.AWS_MANAGED.stream().anyMatch(p -> p.id().equals(policyId));
    }

    private List<OrgPolicy> policiesOfType(Tx tx, Organization org, String type) {
        return store.allPolicies(tx, org.id()).stream().filter(p -> p.type().equals(type)).toList();
    }

    private List<OrgPolicy> policiesOfTypeWithManaged(Tx tx, Organization org, String type) {
        return Stream.concat(PolicyTypes.AWS_MANAGED.stream().filter(p -> p.type().equals(type)),
                        policiesOfType(tx, org, type).stream())
                .sorted(Comparator.comparing(OrgPolicy::id)).toList();
    }

    private static Page<OrgPolicy> page(List<OrgPolicy> all, String listing, String nextToken, int size) {
        String after = PageTokens.decode(listing, nextToken);
        List<OrgPolicy> rest = after == null ? all
                : all.stream().filter(p -> p.id().compareTo(after) > 0).toList();
        List<OrgPolicy> page = rest.subList(0, Math.min(size, rest.size()));
        String last = rest.size() > size ? page.get(page.size() - 1).id() : null;
        return new Page<>(page, PageTokens.encode(listing, last));
    }

    private static void validate(String type, String content) {
        if (content == null || content.isEmpty()) {
            throw OrganizationsErrors.invalidInput("INPUT_REQUIRED", "You must specify a value for content.");
        }
        try {
            PolicyDocuments.validate(PolicyType.valueOf(type), content);
        } catch (PolicyContentTooLarge e) {
            throw OrganizationsErrors.constraint("POLICY_CONTENT_LIMIT_EXCEEDED", e.getMessage());
        } catch (MalformedPolicyDocument e) {
            throw OrganizationsErrors.malformedPolicy(e.getMessage());
        }
    }
}
