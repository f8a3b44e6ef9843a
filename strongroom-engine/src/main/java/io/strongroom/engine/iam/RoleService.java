package io.strongroom.engine.iam;

import io.strongroom.engine.iam.policy.IamPolicyValidation;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** IAM roles: lifecycle, trust policy, tags, inline and attached policies, and service-linked roles. */
public final class RoleService {
    static final int INLINE_LIMIT = 10240;
    static final int TRUST_POLICY_LIMIT = 2048;

    /** Service-linked roles Strongroom can create: service principal → role name and its AWS managed policy. */
    private static final Map<String, String[]> SERVICE_LINKED = Map.of(
            "backup.amazonaws.com", new String[]{"AWSServiceRoleForBackup",
                    "arn:aws:iam::aws:policy/aws-service-role/AWSBackupServiceLinkedRolePolicyForBackup"},
            "reports.backup.amazonaws.com", new String[]{"AWSServiceRoleForBackupReports",
                    "arn:aws:iam::aws:policy/aws-service-role/AWSServiceRolePolicyForBackupReports"});

    private final IamContext iam;

    RoleService(IamContext iam) {
        this.iam = iam;
    }

    public IamRole createRole(Tx tx, Principal caller, String roleName, String path, String trustPolicy,
                              String description, Integer maxSessionDuration, String permissionsBoundary,
                              List<IamTag> tags) {
        IamInput.roleName(roleName);
        String checkedPath = IamInput.path("path", path);
        IamInput.document("assumeRolePolicyDocument", trustPolicy);
        IamInput.description("description", description, 1000);
        int maxSession = IamInput.range("maxSessionDuration", maxSessionDuration, 3600, 43200, 3600);
        List<IamTag> checkedTags = IamTag.checked(tags);
        if (checkedPath.startsWith(IamRole.SERVICE_LINKED_PATH)) {
            throw IamErrors.invalidInput("Cannot create role with path " + checkedPath
                    + ": this path is reserved for service-linked roles.");
        }
        String account = caller.accountId();
        trustPolicy(trustPolicy);
        if (permissionsBoundary != null) {
            iam.attachable(tx, account, permissionsBoundary);
        }
        if (iam.roles.role(tx, account, roleName).isPresent()) {
            throw IamErrors.alreadyExists("Role", roleName);
        }
        IamRole role = new IamRole(account, roleName, checkedPath, iam.roles.newRoleId(tx), trustPolicy, Map.of(),
                maxSession, iam.now(), description, permissionsBoundary, List.of(), checkedTags);
        iam.roles.create(tx, role);
        return role;
    }

    private static void trustPolicy(String document) {
        IamPolicyValidation.validate(document, IamPolicyValidation.Kind.TRUST);
        if (IamContext.size(document) > TRUST_POLICY_LIMIT) {
            throw IamErrors.quota("ACLSizePerRole", TRUST_POLICY_LIMIT);
        }
    }

    /**
     * The service-linked role of an AWS service: created once per account at
     * {@code /aws-service-role/<service>/}, trusted by that service, with its AWS managed policy.
     */
    public IamRole createServiceLinkedRole(Tx tx, Principal caller, String serviceName, String description,
                                           String customSuffix) {
        IamInput.length("aWSServiceName", serviceName, 1, 128);
        IamInput.description("description", description, 1000);
        String[] linked = linked(serviceName);
        if (customSuffix != null) {
            throw IamErrors.invalidInput("Custom suffix is not allowed for " + serviceName);
        }
        if (iam.roles.role(tx, caller.accountId(), linked[0]).isPresent()) {
            throw IamErrors.invalidInput("Service role name " + linked[0]
                    + " has been taken in this account, please try a different suffix.");
        }
        return newServiceLinkedRole(tx, caller.accountId(), serviceName, description);
    }

    /**
     * The service-linked role of {@code serviceName} in the account, made now if the account has none yet: what an
     * AWS service does the first time a feature needs its role (Backup Audit Manager on its first framework or
     * report plan).
     */
    public IamRole serviceLinkedRole(Tx tx, String accountId, String serviceName) {
        return iam.roles.role(tx, accountId, linked(serviceName)[0])
                .orElseGet(() -> newServiceLinkedRole(tx, accountId, serviceName, null));
    }

    private static String[] linked(String serviceName) {
        String[] linked = SERVICE_LINKED.get(serviceName);
        if (linked == null) {
            throw IamErrors.invalidInput("Unknown service name: " + serviceName
                    + ". Strongroom creates service-linked roles for: " + String.join(", ",
                    new java.util.TreeSet<>(SERVICE_LINKED.keySet())));
        }
        return linked;
    }

    private IamRole newServiceLinkedRole(Tx tx, String account, String serviceName, String description) {
        String[] linked = linked(serviceName);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + serviceName + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        IamRole role = new IamRole(account, linked[0], IamRole.SERVICE_LINKED_PATH + serviceName + "/",
                iam.roles.newRoleId(tx), trust, Map.of(), 3600, iam.now(), description, null, List.of(linked[1]),
                List.of());
        iam.roles.create(tx, role);
        return role;
    }

    public IamRole getRole(Tx tx, Principal caller, String roleName) {
        return iam.role(tx, caller.accountId(), roleName);
    }

    public IamPage<IamRole> listRoles(Tx tx, Principal caller, String pathPrefix, String marker, Integer maxItems) {
        String prefix = IamInput.pathPrefix(pathPrefix);
        List<IamRole> roles = iam.roles.roles(tx, caller.accountId()).stream()
                .filter(r -> r.path().startsWith(prefix)).toList();
        return IamPage.of(roles, r -> r.name().toLowerCase(Locale.ROOT), marker, maxItems);
    }

    public void updateRole(Tx tx, Principal caller, String roleName, String description, Integer maxSessionDuration) {
        IamInput.description("description", description, 1000);
        IamRole role = modifiable(tx, caller, roleName);
        int maxSession = IamInput.range("maxSessionDuration", maxSessionDuration, 3600, 43200,
                role.maxSessionDuration());
        iam.roles.put(tx, role.withSettings(description == null ? role.description() : description, maxSession));
    }

    public void updateAssumeRolePolicy(Tx tx, Principal caller, String roleName, String document) {
        IamInput.roleName(roleName);
        IamInput.document("policyDocument", document);
        IamRole role = modifiable(tx, caller, roleName);
        trustPolicy(document);
        iam.roles.put(tx, role.withTrustPolicy(document));
    }

    public void deleteRole(Tx tx, Principal caller, String roleName) {
        IamRole role = modifiable(tx, caller, roleName);
        if (!role.inlinePolicies().isEmpty()) {
            throw IamErrors.mustDeletePolicies();
        }
        if (!role.attachedPolicies().isEmpty()) {
            throw IamErrors.mustDetachPolicies();
        }
        iam.roles.delete(tx, role);
    }

    public void tagRole(Tx tx, Principal caller, String roleName, List<IamTag> tags) {
        IamRole role = iam.role(tx, caller.accountId(), roleName);
        iam.roles.put(tx, role.withTags(IamTag.merge(role.tags(), tags)));
    }

    public void untagRole(Tx tx, Principal caller, String roleName, List<String> tagKeys) {
        IamRole role = iam.role(tx, caller.accountId(), roleName);
        iam.roles.put(tx, role.withTags(IamTag.remove(role.tags(), tagKeys)));
    }

    public IamPage<IamTag> listRoleTags(Tx tx, Principal caller, String roleName, String marker, Integer maxItems) {
        IamRole role = iam.role(tx, caller.accountId(), roleName);
        return IamPage.of(UserService.indexed(role.tags()), IamTag::key, marker, maxItems);
    }

    private IamRole modifiable(Tx tx, Principal caller, String roleName) {
        IamRole role = iam.role(tx, caller.accountId(), roleName);
        if (role.serviceLinked()) {
            throw IamErrors.unmodifiable(role.name());
        }
        return role;
    }

    // ---- inline and managed policies

    public void putRolePolicy(Tx tx, Principal caller, String roleName, String policyName, String document) {
        IamInput.roleName(roleName);
        IamInput.policyName(policyName);
        IamInput.document("policyDocument", document);
        IamRole role = modifiable(tx, caller, roleName);
        IamPolicyValidation.validate(document, IamPolicyValidation.Kind.IDENTITY);
        iam.roles.put(tx, role.withInlinePolicies(IamContext.putInline(role.inlinePolicies(), policyName, document,
                INLINE_LIMIT, "role", role.name())));
    }

    public String getRolePolicy(Tx tx, Principal caller, String roleName, String policyName) {
        IamRole role = iam.role(tx, caller.accountId(), roleName);
        return IamContext.inline(role.inlinePolicies(), policyName, "role");
    }

    public void deleteRolePolicy(Tx tx, Principal caller, String roleName, String policyName) {
        IamInput.policyName(policyName);
        IamRole role = modifiable(tx, caller, roleName);
        iam.roles.put(tx, role.withInlinePolicies(IamContext.deleteInline(role.inlinePolicies(), policyName, "role")));
    }

    public IamPage<String> listRolePolicies(Tx tx, Principal caller, String roleName, String marker, Integer maxItems) {
        IamRole role = iam.role(tx, caller.accountId(), roleName);
        return IamPage.of(List.copyOf(role.inlinePolicies().keySet()), n -> n, marker, maxItems);
    }

    /**
     * The instance profiles a role is in: none, ever, since Strongroom serves no instance profiles (its EC2
     * instances take no role). The role must exist (NoSuchEntity), as on AWS.
     */
    public IamPage<String> listInstanceProfilesForRole(Tx tx, Principal caller, String roleName, String marker,
                                                       Integer maxItems) {
        iam.role(tx, caller.accountId(), roleName);
        return IamPage.of(List.of(), name -> name, marker, maxItems);
    }

    public void attachRolePolicy(Tx tx, Principal caller, String roleName, String policyArn) {
        IamRole role = modifiable(tx, caller, roleName);
        iam.attachable(tx, caller.accountId(), policyArn);
        iam.roles.put(tx, role.withAttachedPolicies(
                IamContext.attach(role.attachedPolicies(), policyArn, "PoliciesPerRole")));
    }

    public void detachRolePolicy(Tx tx, Principal caller, String roleName, String policyArn) {
        IamRole role = modifiable(tx, caller, roleName);
        iam.roles.put(tx, role.withAttachedPolicies(IamContext.detach(role.attachedPolicies(), policyArn)));
    }

    public IamPage<ManagedPolicy> listAttachedRolePolicies(Tx tx, Principal caller, String roleName, String pathPrefix,
                                                           String marker, Integer maxItems) {
        IamRole role = iam.role(tx, caller.accountId(), roleName);
        return PolicyService.attachedPage(iam, tx, caller.accountId(), role.attachedPolicies(), pathPrefix, marker,
                maxItems);
    }
}
