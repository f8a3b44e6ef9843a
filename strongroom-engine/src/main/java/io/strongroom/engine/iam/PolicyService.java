package io.strongroom.engine.iam;

import io.strongroom.engine.iam.policy.IamPolicyValidation;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Managed policies: customer managed ones and their versions, AWS managed ones, and who they are attached to. */
public final class PolicyService {
    static final int MAX_VERSIONS = 5;
    static final int MAX_DOCUMENT = 6144;

    private final IamContext iam;

    PolicyService(IamContext iam) {
        this.iam = iam;
    }

    /** A managed policy with how often it is attached and used as a boundary in the caller's account. */
    public record PolicyUsage(ManagedPolicy policy, int attachmentCount, int permissionsBoundaryUsageCount) {
    }

    /** The users, groups and roles a policy is attached to (names with their ids). */
    public record PolicyEntities(List<IamUser> users, List<IamGroup> groups, List<IamRole> roles) {
    }

    public PolicyUsage createPolicy(Tx tx, Principal caller, String policyName, String path, String document,
                                    String description, List<IamTag> tags) {
        IamInput.policyName(policyName);
        String checkedPath = IamInput.path("path", path);
        IamInput.document("policyDocument", document);
        IamInput.description("description", description, 1000);
        List<IamTag> checkedTags = IamTag.checked(tags);
        managedDocument(document);
        String account = caller.accountId();
        if (iam.store.policy(tx, account, policyName).isPresent()) {
            throw IamErrors.policyAlreadyExists(policyName);
        }
        ManagedPolicy policy = new ManagedPolicy(account, policyName, checkedPath, iam.ids.iamId(tx, "ANPA", 21),
                description, iam.now(), iam.now(), "v1", List.of(new PolicyVersion("v1", document, iam.now())), 2,
                checkedTags);
        iam.store.putPolicy(tx, policy);
        return new PolicyUsage(policy, 0, 0);
    }

    private static void managedDocument(String document) {
        IamPolicyValidation.validateManaged(document);
        if (IamContext.size(document) > MAX_DOCUMENT) {
            throw IamErrors.quota("PolicySize", MAX_DOCUMENT);
        }
    }

    public PolicyUsage getPolicy(Tx tx, Principal caller, String policyArn) {
        ManagedPolicy policy = existing(tx, caller, policyArn);
        return usage(tx, caller.accountId(), List.of(policy)).get(0);
    }

    /** Policies of the caller's account and AWS's, by scope ("All", "AWS", "Local"), optionally only attached ones. */
    public IamPage<PolicyUsage> listPolicies(Tx tx, Principal caller, String scope, Boolean onlyAttached,
                                             String pathPrefix, String marker, Integer maxItems) {
        String prefix = IamInput.pathPrefix(pathPrefix);
        String checkedScope = scope == null ? "All" : scope;
        if (!List.of("All", "AWS", "Local").contains(checkedScope)) {
            throw IamErrors.validation("scope", scope, "Member must satisfy enum value set: [All, AWS, Local]");
        }
        List<ManagedPolicy> candidates = new ArrayList<>();
        if (!checkedScope.equals("Local")) {
            candidates.addAll(AwsManagedPolicies.all());
        }
        if (!checkedScope.equals("AWS")) {
            candidates.addAll(iam.store.policies(tx, caller.accountId()));
        }
        List<PolicyUsage> listed = usage(tx, caller.accountId(), candidates).stream()
                .filter(p -> p.policy().path().startsWith(prefix))
                .filter(p -> !Boolean.TRUE.equals(onlyAttached) || p.attachmentCount() > 0)
                .sorted(Comparator.comparing(PolicyService::sortKey))
                .toList();
        return IamPage.of(listed, PolicyService::sortKey, marker, maxItems);
    }

    private static String sortKey(PolicyUsage p) {
        return p.policy().name().toLowerCase(Locale.ROOT) + "|" + p.policy().arn();
    }

    public void deletePolicy(Tx tx, Principal caller, String policyArn) {
        ManagedPolicy policy = customer(tx, caller, policyArn);
        PolicyUsage usage = usage(tx, caller.accountId(), List.of(policy)).get(0);
        if (usage.attachmentCount() > 0 || usage.permissionsBoundaryUsageCount() > 0) {
            throw IamErrors.policyAttached();
        }
        if (policy.versions().size() > 1) {
            throw IamErrors.policyHasVersions();
        }
        iam.store.deletePolicy(tx, policy);
    }

    public PolicyVersion createPolicyVersion(Tx tx, Principal caller, String policyArn, String document,
                                             Boolean setAsDefault) {
        IamInput.document("policyDocument", document);
        ManagedPolicy policy = customer(tx, caller, policyArn);
        managedDocument(document);
        if (policy.versions().size() >= MAX_VERSIONS) {
            throw IamErrors.tooManyVersions();
        }
        PolicyVersion version = new PolicyVersion("v" + policy.nextVersion(), document, iam.now());
        List<PolicyVersion> versions = new ArrayList<>(policy.versions());
        versions.add(version);
        String defaultVersion = Boolean.TRUE.equals(setAsDefault) ? version.versionId() : policy.defaultVersionId();
        iam.store.putPolicy(tx, policy.withVersions(versions, defaultVersion, policy.nextVersion() + 1, iam.now()));
        return version;
    }

    public PolicyVersion getPolicyVersion(Tx tx, Principal caller, String policyArn, String versionId) {
        IamInput.versionId(versionId);
        ManagedPolicy policy = existing(tx, caller, policyArn);
        return policy.version(versionId).orElseThrow(() -> IamErrors.noSuchPolicyVersion(policyArn, versionId));
    }

    public ManagedPolicy listPolicyVersions(Tx tx, Principal caller, String policyArn) {
        return existing(tx, caller, policyArn);
    }

    public void deletePolicyVersion(Tx tx, Principal caller, String policyArn, String versionId) {
        IamInput.versionId(versionId);
        ManagedPolicy policy = customer(tx, caller, policyArn);
        policy.version(versionId).orElseThrow(() -> IamErrors.noSuchPolicyVersion(policyArn, versionId));
        if (versionId.equals(policy.defaultVersionId())) {
            throw IamErrors.defaultVersionUndeletable();
        }
        iam.store.putPolicy(tx, policy.withVersions(policy.versions().stream()
                .filter(v -> !v.versionId().equals(versionId)).toList(), policy.defaultVersionId(),
                policy.nextVersion(), iam.now()));
    }

    public void setDefaultPolicyVersion(Tx tx, Principal caller, String policyArn, String versionId) {
        IamInput.versionId(versionId);
        ManagedPolicy policy = customer(tx, caller, policyArn);
        policy.version(versionId).orElseThrow(() -> IamErrors.noSuchPolicyVersion(policyArn, versionId));
        iam.store.putPolicy(tx, policy.withVersions(policy.versions(), versionId, policy.nextVersion(), iam.now()));
    }

    public void tagPolicy(Tx tx, Principal caller, String policyArn, List<IamTag> tags) {
        ManagedPolicy policy = customer(tx, caller, policyArn);
        iam.store.putPolicy(tx, policy.withTags(IamTag.merge(policy.tags(), tags)));
    }

    public void untagPolicy(Tx tx, Principal caller, String policyArn, List<String> keys) {
        ManagedPolicy policy = customer(tx, caller, policyArn);
        iam.store.putPolicy(tx, policy.withTags(IamTag.remove(policy.tags(), keys)));
    }

    public IamPage<IamTag> listPolicyTags(Tx tx, Principal caller, String policyArn, String marker, Integer maxItems) {
        ManagedPolicy policy = existing(tx, caller, policyArn);
        return IamPage.of(UserService.indexed(policy.tags()), IamTag::key, marker, maxItems);
    }

    public PolicyEntities listEntitiesForPolicy(Tx tx, Principal caller, String policyArn, String entityFilter,
                                                String pathPrefix) {
        existing(tx, caller, policyArn);
        String prefix = IamInput.pathPrefix(pathPrefix);
        String filter = entityFilter == null ? "All" : entityFilter;
        String account = caller.accountId();
        List<IamUser> users = filter.equals("All") || filter.equals("User")
                ? iam.store.users(tx, account).stream().filter(u -> u.attachedPolicies().contains(policyArn))
                .filter(u -> u.path().startsWith(prefix)).toList() : List.of();
        List<IamGroup> groups = filter.equals("All") || filter.equals("Group")
                ? iam.store.groups(tx, account).stream().filter(g -> g.attachedPolicies().contains(policyArn))
                .filter(g -> g.path().startsWith(prefix)).toList() : List.of();
        List<IamRole> roles = filter.equals("All") || filter.equals("Role")
                ? iam.roles.roles(tx, account).stream().filter(r -> r.attachedPolicies().contains(policyArn))
                .filter(r -> r.path().startsWith(prefix)).toList() : List.of();
        return new PolicyEntities(users, groups, roles);
    }

    /** The policies with their attachment and boundary counts in {@code accountId}. */
    List<PolicyUsage> usage(Tx tx, String accountId, List<ManagedPolicy> policies) {
        Map<String, Integer> attached = new HashMap<>();
        Map<String, Integer> boundaries = new HashMap<>();
        for (IamUser u : iam.store.users(tx, accountId)) {
            u.attachedPolicies().forEach(a -> attached.merge(a, 1, Integer::sum));
            Optional.ofNullable(u.permissionsBoundary()).ifPresent(b -> boundaries.merge(b, 1, Integer::sum));
        }
        for (IamGroup g : iam.store.groups(tx, accountId)) {
            g.attachedPolicies().forEach(a -> attached.merge(a, 1, Integer::sum));
        }
        for (IamRole r : iam.roles.roles(tx, accountId)) {
            r.attachedPolicies().forEach(a -> attached.merge(a, 1, Integer::sum));
            Optional.ofNullable(r.permissionsBoundary()).ifPresent(b -> boundaries.merge(b, 1, Integer::sum));
        }
        return policies.stream().map(p -> new PolicyUsage(p, attached.getOrDefault(p.arn(), 0),
                boundaries.getOrDefault(p.arn(), 0))).toList();
    }

    /** A page of the attached policies {@code arns} under {@code pathPrefix}. */
    static IamPage<ManagedPolicy> attachedPage(IamContext iam, Tx tx, String accountId, List<String> arns,
                                               String pathPrefix, String marker, Integer maxItems) {
        String prefix = IamInput.pathPrefix(pathPrefix);
        List<ManagedPolicy> policies = arns.stream().map(a -> iam.policy(tx, accountId, a)).flatMap(Optional::stream)
                .filter(p -> p.path().startsWith(prefix))
                .sorted(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT) + "|" + p.arn())).toList();
        return IamPage.of(policies, p -> p.name().toLowerCase(Locale.ROOT) + "|" + p.arn(), marker, maxItems);
    }

    /** A policy the caller may read: AWS managed, or customer managed in its account. */
    private ManagedPolicy existing(Tx tx, Principal caller, String policyArn) {
        IamInput.arn("policyArn", policyArn);
        return iam.policy(tx, caller.accountId(), policyArn).orElseThrow(() -> IamErrors.noSuchPolicy(policyArn));
    }

    /** A customer managed policy of the caller's account: AWS managed ones cannot be changed. */
    private ManagedPolicy customer(Tx tx, Principal caller, String policyArn) {
        ManagedPolicy policy = existing(tx, caller, policyArn);
        if (policy.awsManaged()) {
            throw IamErrors.invalidInput("Policy " + policyArn + " is an AWS managed policy and cannot be changed.");
        }
        return policy;
    }
}
