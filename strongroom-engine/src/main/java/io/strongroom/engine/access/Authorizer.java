package io.strongroom.engine.access;

import io.strongroom.engine.iam.IamDirectory;
import io.strongroom.resource.ResourcePolicySource;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.organizations.AccountPolicyView;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.iampolicy.AttachedPolicy;
import io.strongroom.iampolicy.AuthorizationContext;
import io.strongroom.iampolicy.Evaluator;
import io.strongroom.iampolicy.PolicyKind;
import io.strongroom.iampolicy.PolicySet;
import io.strongroom.iampolicy.RequestPrincipal;
import io.strongroom.iampolicy.RequestResource;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one place that decides whether a call is allowed. Every API call (before dispatch) and every
 * action the engine takes as a principal asks it. It gathers what applies to the caller (the SCPs and
 * RCPs of each level of its organization path, its identity policies, boundary and session policies,
 * the resource's policy) and lets the IAM policy engine decide in AWS's order.
 */
public final class Authorizer {
    private final Evaluator evaluator = new Evaluator();
    private final PolicyGathering gathering;
    private final IamDirectory iam;
    private final Clock clock;

    public Authorizer(IamDirectory iam, Organizations organizations, Clock clock) {
        this.iam = iam;
        this.gathering = new PolicyGathering(iam, organizations);
        this.clock = clock;
    }

    /** Sources of resource ownership and resource-based policies (S3 buckets...). */
    private final java.util.List<ResourcePolicySource> resourceSources = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<ResourceTagSource> tagSources = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void addResourcePolicySource(ResourcePolicySource source) {
        resourceSources.add(source);
    }

    /** Where the tags of some resources come from, for {@code aws:ResourceTag/} conditions (D104). */
    public interface ResourceTagSource {
        boolean owns(String arn);

        /** The resource's tags; null when there is no such resource. */
        Map<String, String> tags(Tx tx, String arn);
    }

    public void addResourceTagSource(ResourceTagSource source) {
        tagSources.add(source);
    }

    /** Read only if a condition asks for an aws:ResourceTag key; null where no source knows the resource. */
    private java.util.function.Supplier<Map<String, String>> tagsOf(Tx tx, String arn) {
        for (ResourceTagSource source : tagSources) {
            if (source.owns(arn)) {
                return () -> source.tags(tx, arn);
            }
        }
        return null;
    }

    private Optional<ResourcePolicySource.ResourceAccess> resourceAccess(Tx tx, String arn, String action) {
        for (ResourcePolicySource source : resourceSources) {
            if (source.owns(arn)) {
                return source.access(tx, arn, action);
            }
        }
        return Optional.empty();
    }

    /**
     * RCPs belong to the resource's account: for a resource in another account, the owner's organization
     * path decides, not the caller's.
     */
    private PolicySet forResource(Tx tx, PolicySet policies, RequestResource target, String callerAccount) {
        if (target.accountId() == null || target.accountId().equals(callerAccount)) {
            return policies;
        }
        return policies.withResourceControlPolicies(gathering.organization(tx, target.accountId())
                .map(PolicyGathering.OrganizationPolicies::rcps).orElse(null));
    }

    /** The policy simulator, seeing the same stored policies, parsed and cached the same way. */
    public PolicySimulator simulator() {
        return new PolicySimulator(iam, gathering);
    }

    public Decision authorize(Tx tx, AuthorizationRequest request) {
        Principal principal = request.principal();
        if (request.actions().isEmpty()) {
            // An operation that declares no action cannot be authorized: unknown means deny.
            return Decision.deny("(undeclared)", "*", "User: " + principal.arn()
                    + " is not authorized to perform this operation", "the operation declares no IAM action");
        }
        Optional<PolicyGathering.OrganizationPolicies> org = gathering.organization(tx, principal.accountId());
        RequestPrincipal caller = PolicyGathering.requestPrincipal(principal, org.map(PolicyGathering.OrganizationPolicies::view));
        PolicySet policies = callerPolicies(tx, principal, org);
        Map<String, List<String>> context = context(principal, request.conditionKeys());
        if (!context.containsKey("aws:RequestedRegion")) {
            // Calls Strongroom makes as a role (AWS Backup's jobs, KMS through a service) go to the Region of the
            // resource they name, which is what AWS reports (D101).
            request.resources().stream().map(Authorizer::arnRegion).filter(r -> !r.isEmpty()).findFirst()
                    .ifPresent(r -> context.put("aws:RequestedRegion", List.of(r)));
        }
        org.ifPresent(o -> context.put("aws:PrincipalOrgPaths", List.of(PolicyGathering.orgPath(o.view()))));
        Decision last = null;
        for (String action : request.actions()) {
            for (String resource : request.resources()) {
                RequestResource target = PolicyGathering.resource(resource, principal.accountId());
                PolicySet applicable = policies;
                Optional<ResourcePolicySource.ResourceAccess> access = resourceAccess(tx, resource, action);
                if (access.isPresent()) {
                    target = RequestResource.owned(resource, access.get().ownerAccount());
                    if (access.get().policyDocument() != null) {
                        Optional<io.strongroom.iampolicy.PolicyDocument> doc =
                                gathering.parse(PolicyKind.RESOURCE, access.get().policyDocument());
                        if (doc.isPresent()) {
                            applicable = applicable.withResourcePolicy(AttachedPolicy.of(null, "resource policy of "
                                    + resource, resource, doc.get()));
                        }
                    }
                }
                target = target.withTags(tagsOf(tx, resource));
                io.strongroom.iampolicy.Decision d = evaluator.evaluate(
                        new AuthorizationContext(caller, action, target, context, forResource(tx, applicable, target,
                                principal.accountId())));
                if (!d.allowed()) {
                    return Decision.deny(action, resource, d.message(), d.explanation());
                }
                last = Decision.allow(d.explanation());
            }
        }
        return last;
    }

    /**
     * May {@code caller} assume {@code role}? The role's trust policy must allow it, and, across
     * accounts, the caller's own permissions too (spec 4.6).
     */
    public Decision authorizeAssumeRole(Tx tx, Principal caller, IamRole role, Map<String, List<String>> conditionKeys) {
        return authorizeRoleAction(tx, caller, role, conditionKeys, "sts:AssumeRole");
    }

    /**
     * The trust-policy decision for one of the actions an AssumeRole call needs: sts:AssumeRole, and
     * sts:TagSession when it passes session tags, sts:SetSourceIdentity when it sets a source identity.
     */
    public Decision authorizeRoleAction(Tx tx, Principal caller, IamRole role, Map<String, List<String>> conditionKeys,
                                        String action) {
        Optional<PolicyGathering.OrganizationPolicies> org = gathering.organization(tx, caller.accountId());
        Optional<AccountPolicyView> roleOrg = gathering.organization(tx, role.accountId())
                .map(PolicyGathering.OrganizationPolicies::view);
        PolicySet policies = callerPolicies(tx, caller, org);
        Optional<io.strongroom.iampolicy.PolicyDocument> trust = gathering.parse(PolicyKind.TRUST, role.trustPolicy());
        if (trust.isEmpty()) {
            return Decision.deny(action, role.arn(), "User: " + caller.arn() + " is not authorized to perform: "
                    + action + " on resource: " + role.arn(), "the role's trust policy does not parse");
        }
        policies = policies.withResourcePolicy(AttachedPolicy.of(null, "trust policy of " + role.name(), role.arn(),
                trust.get()));
        RequestResource resource = RequestResource.owned(role.arn(), role.accountId());
        if (roleOrg.isPresent()) {
            resource = resource.withOrganization(roleOrg.get().organizationId(),
                    roleOrg.get().isManagementAccount(role.accountId()));
        }
        Map<String, List<String>> context = context(caller, conditionKeys);
        org.ifPresent(o -> context.put("aws:PrincipalOrgPaths", List.of(PolicyGathering.orgPath(o.view()))));
        io.strongroom.iampolicy.Decision d = evaluator.evaluate(new AuthorizationContext(
                PolicyGathering.requestPrincipal(caller, org.map(PolicyGathering.OrganizationPolicies::view)), action, resource, context, policies));
        return d.allowed() ? Decision.allow(d.explanation())
                : Decision.deny(action, role.arn(), d.message(), d.explanation());
    }

    /**
     * May the AWS service {@code servicePrincipal} (backup.amazonaws.com) assume {@code role}? Its trust policy alone
     * decides: AWS Backup checks this when a selection or a job names the role.
     */
    public Decision authorizeServiceAssumeRole(Tx tx, String servicePrincipal, IamRole role) {
        Optional<io.strongroom.iampolicy.PolicyDocument> trust = gathering.parse(PolicyKind.TRUST, role.trustPolicy());
        if (trust.isEmpty()) {
            return Decision.deny("sts:AssumeRole", role.arn(), servicePrincipal + " may not assume " + role.arn(),
                    "the role's trust policy does not parse");
        }
        PolicySet policies = PolicySet.identity(List.of()).withResourcePolicy(AttachedPolicy.of(null,
                "trust policy of " + role.name(), role.arn(), trust.get()));
        Map<String, List<String>> context = timeKeys();
        io.strongroom.iampolicy.Decision d = evaluator.evaluate(new AuthorizationContext(
                RequestPrincipal.service(servicePrincipal), "sts:AssumeRole",
                RequestResource.owned(role.arn(), role.accountId()), context, policies));
        return d.allowed() ? Decision.allow(d.explanation())
                : Decision.deny("sts:AssumeRole", role.arn(), d.message(), d.explanation());
    }

    /**
     * May the AWS service {@code servicePrincipal} (cloudtrail.amazonaws.com writing its log files) perform
     * {@code action} on a resource of another context (an S3 bucket or object)? The resource's policy alone decides,
     * with the request's {@code conditionKeys} (aws:SourceArn, aws:SourceAccount, s3:x-amz-acl): a service principal
     * has no identity policies, and no SCP or RCP applies to it.
     */
    public Decision authorizeService(Tx tx, String servicePrincipal, String action, String resource,
                                     Map<String, List<String>> conditionKeys) {
        Optional<ResourcePolicySource.ResourceAccess> access = resourceAccess(tx, resource, action);
        Optional<io.strongroom.iampolicy.PolicyDocument> policy = access
                .map(ResourcePolicySource.ResourceAccess::policyDocument)
                .flatMap(json -> gathering.parse(PolicyKind.RESOURCE, json));
        if (policy.isEmpty()) {
            return Decision.deny(action, resource, servicePrincipal + " is not authorized to perform " + action
                    + " on " + resource, "the resource has no policy that lets the service in");
        }
        PolicySet policies = PolicySet.identity(List.of()).withResourcePolicy(AttachedPolicy.of(null,
                "resource policy of " + resource, resource, policy.get()));
        Map<String, List<String>> context = timeKeys();
        context.putAll(conditionKeys);
        io.strongroom.iampolicy.Decision d = evaluator.evaluate(new AuthorizationContext(
                RequestPrincipal.service(servicePrincipal), action,
                RequestResource.owned(resource, access.get().ownerAccount()), context, policies));
        return d.allowed() ? Decision.allow(d.explanation())
                : Decision.deny(action, resource, d.message(), d.explanation());
    }

    /** The request context of a service's call: the time keys alone. */
    private Map<String, List<String>> timeKeys() {
        Map<String, List<String>> context = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Instant now = Instant.now(clock);
        context.put("aws:CurrentTime", List.of(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS))));
        context.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        return context;
    }

    private PolicySet callerPolicies(Tx tx, Principal principal,
                                     Optional<PolicyGathering.OrganizationPolicies> org) {
        PolicyGathering.IdentityPolicies own = gathering.identityPolicies(tx, principal);
        PolicySet set = PolicySet.identity(own.identity());
        if (own.boundary() != null) {
            set = set.withPermissionsBoundary(own.boundary());
        }
        if (principal.roleSession() != null && !principal.roleSession().sessionPolicies().isEmpty()) {
            List<AttachedPolicy> session = new ArrayList<>();
            for (String json : principal.roleSession().sessionPolicies()) {
                gathering.parse(PolicyKind.SESSION, json)
                        .ifPresent(doc -> session.add(AttachedPolicy.named("session policy", doc)));
            }
            set = set.withSessionPolicies(session);
        }
        return PolicyGathering.withOrganizationPolicies(set, org);
    }

    /** The Region field of an ARN ({@code arn:aws:dynamodb:eu-west-1:...}); empty for S3, IAM and {@code *}. */
    static String arnRegion(String resource) {
        if (resource == null || !resource.startsWith("arn:")) {
            return "";
        }
        String[] parts = resource.split(":", 5);
        return parts.length < 5 ? "" : parts[3];
    }

    /** The request context every call carries, plus what the operation supplied. */
    private Map<String, List<String>> context(Principal principal, Map<String, List<String>> supplied) {
        Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Instant now = Instant.now(clock);
        keys.put("aws:CurrentTime", List.of(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS))));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:SecureTransport", List.of("false"));
        if (principal.sessionCreated() != null && principal.roleSession() == null) {
            // GetSessionToken credentials carry the MFA of their issue; role sessions never do (spec 6.6).
            keys.put("aws:MultiFactorAuthPresent", List.of(Boolean.toString(principal.mfaAuthenticated())));
            if (principal.mfaAuthenticated()) {
                keys.put("aws:MultiFactorAuthAge",
                        List.of(Long.toString(java.time.Duration.between(principal.sessionCreated(), now).toSeconds())));
            }
        }
        keys.putAll(supplied);
        // AWS marks every request: true only where a service acts with the caller's own credentials (D103).
        keys.putIfAbsent("aws:ViaAWSService", List.of("false"));
        return keys;
    }
}
