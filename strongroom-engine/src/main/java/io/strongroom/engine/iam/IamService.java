package io.strongroom.engine.iam;

import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.identity.PrincipalType;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.ids.SecretSource;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IAM context: builds its services and answers the Authorizer's and STS's questions
 * ({@link IamDirectory}) from the same state the IAM API changes.
 */
public final class IamService implements IamDirectory {
    private final IamContext iam;
    private final UserService users;
    private final GroupService groups;
    private final RoleService roles;
    private final PolicyService policies;
    private final AccessKeyService accessKeys;
    private final MfaService mfa;

    public IamService(IamRoles roles, IdentityService identity, IdGenerator ids, SecretSource secrets, Clock clock,
                      QrCodeRenderer qrCodes) {
        this.iam = new IamContext(new IamStore(), roles, identity, ids, secrets, clock, qrCodes);
        this.users = new UserService(iam);
        this.groups = new GroupService(iam);
        this.roles = new RoleService(iam);
        this.policies = new PolicyService(iam);
        this.accessKeys = new AccessKeyService(iam);
        this.mfa = new MfaService(iam);
    }

    public UserService users() {
        return users;
    }

    public GroupService groups() {
        return groups;
    }

    public RoleService roles() {
        return roles;
    }

    public PolicyService policies() {
        return policies;
    }

    public AccessKeyService accessKeys() {
        return accessKeys;
    }

    public MfaService mfa() {
        return mfa;
    }

    /** The path of an existing user, role or group for an access declaration's ARN; "/" when there is none. */
    public String pathOf(Tx tx, String accountId, String kind, String name) {
        if (name == null) {
            return "/";
        }
        Optional<String> path = switch (kind) {
            case "user" -> iam.store.user(tx, accountId, name).map(IamUser::path);
            case "group" -> iam.store.group(tx, accountId, name).map(IamGroup::path);
            case "role" -> iam.roles.role(tx, accountId, name).map(IamRole::path);
            default -> Optional.empty();
        };
        return path.orElse("/");
    }

    // ---- GetAccountAuthorizationDetails

    /** Everything IAM holds for an account, filtered by entity kind, for GetAccountAuthorizationDetails. */
    public record AuthorizationDetails(List<IamUser> users, List<IamGroup> groups, List<IamRole> roles,
                                       List<PolicyService.PolicyUsage> policies) {
    }

    public AuthorizationDetails accountAuthorizationDetails(Tx tx, Principal caller, List<String> filter) {
        List<String> kinds = filter == null || filter.isEmpty()
                ? List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy") : filter;
        for (String kind : kinds) {
            if (!List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy").contains(kind)) {
                throw IamErrors.validation("filter", kind, "Member must satisfy enum value set: "
                        + "[User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]");
            }
        }
        String account = caller.accountId();
        List<ManagedPolicy> candidates = new ArrayList<>();
        if (kinds.contains("AWSManagedPolicy")) {
            candidates.addAll(AwsManagedPolicies.all());
        }
        if (kinds.contains("LocalManagedPolicy")) {
            candidates.addAll(iam.store.policies(tx, account));
        }
        // AWS lists the AWS managed policies that are in use in the account, and every local one.
        List<PolicyService.PolicyUsage> listed = policies.usage(tx, account, candidates).stream()
                .filter(p -> !p.policy().awsManaged() || p.attachmentCount() > 0 || p.permissionsBoundaryUsageCount() > 0)
                .toList();
        return new AuthorizationDetails(
                kinds.contains("User") ? iam.store.users(tx, account) : List.of(),
                kinds.contains("Group") ? iam.store.groups(tx, account) : List.of(),
                kinds.contains("Role") ? iam.roles.roles(tx, account) : List.of(),
                listed);
    }

    /** The groups of a user, in name order (for GetAccountAuthorizationDetails' GroupList). */
    public List<IamGroup> groupsOf(Tx tx, IamUser user) {
        return groups.groupsOf(tx, user);
    }

    // ---- IamDirectory

    @Override
    public Optional<IamRole> roleByArn(Tx tx, String roleArn) {
        return iam.roles.roleByArn(tx, roleArn);
    }

    @Override
    public List<NamedPolicy> identityPolicies(Tx tx, Principal principal) {
        List<NamedPolicy> out = new ArrayList<>();
        if (principal.type() == PrincipalType.IAM_USER) {
            userOf(tx, principal).ifPresent(user -> {
                user.inlinePolicies().forEach((name, doc) -> out.add(new NamedPolicy(user.arn(), name, doc, true)));
                managed(tx, user.accountId(), user.attachedPolicies(), out);
                for (IamGroup group : groups.groupsOf(tx, user)) {
                    group.inlinePolicies().forEach((name, doc) -> out.add(new NamedPolicy(group.arn(), name, doc, true)));
                    managed(tx, group.accountId(), group.attachedPolicies(), out);
                }
            });
        } else if (principal.type() == PrincipalType.ASSUMED_ROLE) {
            roleOf(tx, principal).ifPresent(role -> {
                role.inlinePolicies().forEach((name, doc) -> out.add(new NamedPolicy(role.arn(), name, doc, true)));
                managed(tx, role.accountId(), role.attachedPolicies(), out);
            });
        }
        return out;
    }

    @Override
    public Optional<NamedPolicy> permissionsBoundary(Tx tx, Principal principal) {
        Optional<String> boundary = switch (principal.type()) {
            case IAM_USER -> userOf(tx, principal).map(IamUser::permissionsBoundary);
            case ASSUMED_ROLE -> roleOf(tx, principal).map(IamRole::permissionsBoundary);
            default -> Optional.empty();
        };
        return boundary.flatMap(arn -> iam.policy(tx, principal.accountId(), arn))
                .map(p -> new NamedPolicy(p.arn(), p.name(), p.defaultVersion().document(), false));
    }

    @Override
    public Optional<PolicySource> policySource(Tx tx, String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("iam") || parts[5].indexOf('/') < 0) {
            return Optional.empty();
        }
        String account = parts[4];
        String kind = parts[5].substring(0, parts[5].indexOf('/'));
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        switch (kind) {
            case "user" -> {
                return iam.store.user(tx, account, name).filter(u -> u.arn().equals(arn)).map(u -> {
                    Principal principal = Principal.user(account, u.arn(), u.userId(), u.name(), null, tagMap(u.tags()));
                    return new PolicySource(PolicySource.Kind.USER, account, u.arn(), u.name(), u.userId(),
                            principal.tags(), identityPolicies(tx, principal),
                            permissionsBoundary(tx, principal).orElse(null));
                });
            }
            case "group" -> {
                return iam.store.group(tx, account, name).filter(g -> g.arn().equals(arn)).map(g -> {
                    List<NamedPolicy> out = new ArrayList<>();
                    g.inlinePolicies().forEach((policy, doc) -> out.add(new NamedPolicy(g.arn(), policy, doc, true)));
                    managed(tx, account, g.attachedPolicies(), out);
                    return new PolicySource(PolicySource.Kind.GROUP, account, g.arn(), g.name(), g.groupId(), null,
                            out, null);
                });
            }
            case "role" -> {
                return iam.roles.role(tx, account, name).filter(r -> r.arn().equals(arn)).map(r -> {
                    List<NamedPolicy> out = new ArrayList<>();
                    r.inlinePolicies().forEach((policy, doc) -> out.add(new NamedPolicy(r.arn(), policy, doc, true)));
                    managed(tx, account, r.attachedPolicies(), out);
                    NamedPolicy boundary = r.permissionsBoundary() == null ? null
                            : iam.policy(tx, account, r.permissionsBoundary())
                            .map(p -> new NamedPolicy(p.arn(), p.name(), p.defaultVersion().document(), false))
                            .orElse(null);
                    return new PolicySource(PolicySource.Kind.ROLE, account, r.arn(), r.name(), r.roleId(),
                            tagMap(r.tags()), out, boundary);
                });
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static java.util.Map<String, String> tagMap(List<IamTag> tags) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    @Override
    public MfaVerification verifyMfa(Tx tx, String userArn, String serialNumber, String tokenCode, Instant now) {
        Optional<VirtualMfaDevice> device = mfa.deviceBySerial(tx, serialNumber)
                .filter(VirtualMfaDevice::assigned)
                .filter(d -> iam.store.user(tx, d.accountId(), d.userName())
                        .map(u -> u.userId().equals(d.userId()) && u.arn().equals(userArn)).orElse(false));
        if (device.isEmpty()) {
            return MfaVerification.UNKNOWN_DEVICE;
        }
        if (tokenCode == null || !tokenCode.matches("[0-9]{6}")) {
            return MfaVerification.INVALID_CODE;
        }
        return mfa.verify(tx, device.get(), tokenCode, now) ? MfaVerification.VALID : MfaVerification.INVALID_CODE;
    }

    private Optional<IamUser> userOf(Tx tx, Principal principal) {
        return principal.userName() == null ? Optional.empty()
                : iam.store.user(tx, principal.accountId(), principal.userName())
                .filter(u -> u.userId().equals(principal.principalId()));
    }

    /** The role behind a role session: its issuer ARN, or the role named in the assumed-role ARN. */
    private Optional<IamRole> roleOf(Tx tx, Principal principal) {
        if (principal.roleSession() != null) {
            return iam.roles.roleByArn(tx, principal.roleSession().roleArn());
        }
        if (principal.sessionIssuer() != null) {
            Optional<IamRole> role = iam.roles.roleByArn(tx, principal.sessionIssuer());
            if (role.isPresent()) {
                return role;
            }
        }
        String arn = principal.arn();
        int start = arn.indexOf(":assumed-role/");
        if (start < 0) {
            return Optional.empty();
        }
        String rest = arn.substring(start + ":assumed-role/".length());
        int slash = rest.indexOf('/');
        return iam.roles.role(tx, principal.accountId(), slash < 0 ? rest : rest.substring(0, slash));
    }

    private void managed(Tx tx, String accountId, List<String> arns, List<NamedPolicy> out) {
        for (String arn : arns) {
            iam.policy(tx, accountId, arn).ifPresent(p ->
                    out.add(new NamedPolicy(p.arn(), p.name(), p.defaultVersion().document(), false)));
        }
    }
}
