package io.strongroom.engine.access;

import io.strongroom.engine.access.SimulationResult.MatchedStatement;
import io.strongroom.engine.access.SimulationResult.ResourceResult;
import io.strongroom.engine.iam.IamDirectory;
import io.strongroom.engine.iam.IamErrors;
import io.strongroom.engine.iam.NamedPolicy;
import io.strongroom.engine.iam.PolicySource;
import io.strongroom.engine.identity.Principal;
import io.strongroom.iampolicy.AttachedPolicy;
import io.strongroom.iampolicy.AuthorizationContext;
import io.strongroom.iampolicy.Decision.Outcome;
import io.strongroom.iampolicy.EvaluationOptions;
import io.strongroom.iampolicy.Evaluator;
import io.strongroom.iampolicy.ParseSettings;
import io.strongroom.iampolicy.PolicyDocument;
import io.strongroom.iampolicy.PolicyKind;
import io.strongroom.iampolicy.PolicyRef;
import io.strongroom.iampolicy.PolicySet;
import io.strongroom.iampolicy.RequestPrincipal;
import io.strongroom.iampolicy.RequestResource;
import io.strongroom.iampolicy.Simulation;
import io.strongroom.iampolicy.Statement;
import io.strongroom.iampolicy.StatementMatch;
import io.strongroom.storage.Tx;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IAM policy simulator (SimulateCustomPolicy, SimulatePrincipalPolicy, GetContextKeysFor*Policy). A principal's
 * policies are gathered as the {@link Authorizer} gathers them, SCPs of the principal's organization path included
 * (AWS's simulator leaves them out; decision D25), and the pure engine decides and explains. Nothing is authorized
 * here: the answer is a report, never a permission.
 */
public final class PolicySimulator {
    private static final ParseSettings INPUT = ParseSettings.defaults().withSizeLimit(-1);
    private static final Set<String> RESOURCE_HANDLING = Set.of("EC2-VPC-InstanceStore",
            "EC2-VPC-InstanceStore-Subnet", "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet");
    private static final Set<String> CONTEXT_TYPES = Set.of("string", "stringList", "numeric", "numericList",
            "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9_-]+");
    private static final Pattern USER_ARN = Pattern.compile("arn:aws:iam::\\d{12}:user/(.*/)?[^/]+");
    private static final Pattern ENTITY_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):(user|group|role)(/.*)?/([^/]+)");
    private static final String ALL_ALLOWED = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final int DEFAULT_MAX_ITEMS = 100;

    /** A policy taking part in a simulation and how results name it. */
    private record Source(String id, String type) {
    }

    /** Who the simulation acts as; {@code derived} says whether keys follow from it (a real IAM user or role). */
    private record Subject(RequestPrincipal principal, boolean derived) {
    }

    private final Evaluator evaluator = new Evaluator();
    private final Evaluator withoutPrincipalKeys = new Evaluator(EvaluationOptions.defaults().toBuilder()
            .derivePrincipalKeys(false).build());
    private final AttachedPolicy allowAll = AttachedPolicy.named("all", PolicyDocument.parse(ALL_ALLOWED,
            PolicyKind.IDENTITY));
    private final IamDirectory iam;
    private final PolicyGathering gathering;

    PolicySimulator(IamDirectory iam, PolicyGathering gathering) {
        this.iam = iam;
        this.gathering = gathering;
    }

    // ---- SimulateCustomPolicy / SimulatePrincipalPolicy

    public SimulationResult.Page simulateCustomPolicy(Tx tx, Principal caller, SimulationInput input) {
        if (input.policies().isEmpty()) {
            throw IamErrors.validation("policyInputList", null, "Member must not be null");
        }
        validate(input);
        if (input.resourcePolicy() != null && input.callerArn() == null) {
            throw IamErrors.invalidInput("CallerArn is required when a ResourcePolicy is simulated: the policy's "
                    + "Principal element needs a caller to match.");
        }
        Map<PolicyRef, Source> sources = new HashMap<>();
        PolicySet set = PolicySet.identity(inputs(input.policies(), "PolicyInputList", PolicyKind.IDENTITY, sources));
        set = withInputs(set, input, sources);
        Subject subject = input.callerArn() != null ? caller(tx, input.callerArn())
                : new Subject(RequestPrincipal.user("arn:aws:iam::" + caller.accountId() + ":user/PolicySimulator",
                null), false);
        return run(subject, set, sources, input);
    }

    public SimulationResult.Page simulatePrincipalPolicy(Tx tx, Principal caller, String policySourceArn,
                                                         SimulationInput input) {
        validate(input);
        PolicySource source = source(tx, caller, policySourceArn);
        Map<PolicyRef, Source> sources = new HashMap<>();
        List<AttachedPolicy> identity = new ArrayList<>(stored(source.identityPolicies(), sources));
        identity.addAll(inputs(input.policies(), "PolicyInputList", PolicyKind.IDENTITY, sources));
        PolicySet set = PolicySet.identity(identity);
        Optional<AttachedPolicy> boundary = gathering.permissionsBoundary(source.permissionsBoundary());
        if (boundary.isPresent() && input.boundaries().isEmpty()) {
            NamedPolicy named = source.permissionsBoundary();
            sources.put(boundary.get().ref(), new Source(named.name(), sourceType(named)));
            set = set.withPermissionsBoundary(boundary.get());
        }
        set = withInputs(set, input, sources);
        Optional<PolicyGathering.OrganizationPolicies> org = gathering.organization(tx, source.accountId());
        set = PolicyGathering.withOrganizationPolicies(set, org);
        Subject subject = input.callerArn() != null ? caller(tx, input.callerArn()) : switch (source.kind()) {
            case USER -> new Subject(RequestPrincipal.user(source.arn(), source.uniqueId()).withTags(source.tags()),
                    true);
            case ROLE -> new Subject(RequestPrincipal.roleSession(source.arn(), source.name(), source.uniqueId())
                    .withTags(source.tags()), true);
            case GROUP -> new Subject(RequestPrincipal.user("arn:aws:iam::" + source.accountId()
                    + ":user/PolicySimulator", null), false);
        };
        subject = new Subject(PolicyGathering.inOrganization(subject.principal(),
                org.map(PolicyGathering.OrganizationPolicies::view)), subject.derived());
        if (subject.derived() && org.isPresent() && input.context().stream()
                .noneMatch(e -> "aws:PrincipalOrgPaths".equalsIgnoreCase(e.key()))) {
            // as the Authorizer supplies it for every call of a principal in an organization
            List<SimulationInput.ContextEntry> context = new ArrayList<>(input.context());
            context.add(new SimulationInput.ContextEntry("aws:PrincipalOrgPaths",
                    List.of(PolicyGathering.orgPath(org.get().view())), "stringList"));
            input = new SimulationInput(input.policies(), input.boundaries(), input.actions(), input.resources(),
                    input.resourcePolicy(), input.resourceOwner(), input.callerArn(), context,
                    input.resourceHandling(), input.marker(), input.maxItems());
        }
        return run(subject, set, sources, input);
    }

    // ---- GetContextKeysForCustomPolicy / GetContextKeysForPrincipalPolicy

    public List<String> contextKeysForCustomPolicy(List<String> policies) {
        if (policies == null || policies.isEmpty()) {
            throw IamErrors.validation("policyInputList", null, "Member must not be null");
        }
        return contextKeys(inputs(policies, "PolicyInputList", PolicyKind.IDENTITY, new HashMap<>()));
    }

    public List<String> contextKeysForPrincipalPolicy(Tx tx, Principal caller, String policySourceArn,
                                                      List<String> policies) {
        PolicySource source = source(tx, caller, policySourceArn);
        List<AttachedPolicy> all = new ArrayList<>(stored(source.identityPolicies(), new HashMap<>()));
        all.addAll(inputs(policies == null ? List.of() : policies, "PolicyInputList", PolicyKind.IDENTITY,
                new HashMap<>()));
        return contextKeys(all);
    }

    private static List<String> contextKeys(List<AttachedPolicy> policies) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (AttachedPolicy policy : policies) {
            for (Statement statement : policy.document().statements()) {
                statement.contextKeys().forEach(k -> keys.putIfAbsent(k.toLowerCase(Locale.ROOT), k));
            }
        }
        return List.copyOf(keys.values());
    }

    // ---- the simulation

    private SimulationResult.Page run(Subject subject, PolicySet set, Map<PolicyRef, Source> sources,
                                      SimulationInput input) {
        RequestPrincipal principal = subject.principal();
        Evaluator engine = subject.derived() ? evaluator : withoutPrincipalKeys;
        Map<String, List<String>> context = context(input.context());
        String owner = input.resourceOwner() != null ? ownerAccount(input.resourceOwner()) : principal.accountId();
        List<String> resources = input.resources().isEmpty() ? List.of("*") : input.resources();
        List<SimulationResult> results = new ArrayList<>();
        for (String action : input.actions()) {
            for (String resource : resources) {
                RequestResource target = PolicyGathering.resource(resource, owner);
                Simulation s = engine.simulate(new AuthorizationContext(principal, action, target, context, set));
                String decision = decision(s.decision().outcome());
                List<MatchedStatement> matched = s.matchedStatements().stream().map(m -> matched(m, sources)).toList();
                if (resource.equals("*")) {
                    results.add(new SimulationResult(action, resource, decision, matched, s.missingContextKeys(),
                            s.allowedByOrganizations(), s.allowedByPermissionsBoundary(), null, List.of()));
                    continue;
                }
                Map<String, String> details = Map.of();
                if (!target.accountId().equals(principal.accountId())) {
                    details = crossAccount(engine, principal, action, target, context, set);
                }
                results.add(new SimulationResult(action, resource, decision, matched, List.of(),
                        s.allowedByOrganizations(), s.allowedByPermissionsBoundary(), details,
                        List.of(new ResourceResult(resource, decision, matched, s.missingContextKeys(), details,
                                s.allowedByPermissionsBoundary()))));
            }
        }
        return page(results, input.marker(), input.maxItems());
    }

    /** How each side of a cross-account request decides: the caller's account, and the resource's policy. */
    private Map<String, String> crossAccount(Evaluator engine, RequestPrincipal principal, String action,
                                             RequestResource target, Map<String, List<String>> context, PolicySet set) {
        Outcome identity = engine.evaluate(new AuthorizationContext(principal, action,
                RequestResource.owned(target.arn(), principal.accountId()), context, set.withResourcePolicy(null)))
                .outcome();
        Outcome resource = set.resourcePolicy() == null ? Outcome.IMPLICIT_DENY
                : engine.evaluate(new AuthorizationContext(principal, action, target, context,
                PolicySet.identity(List.of(allowAll)).withResourcePolicy(set.resourcePolicy()))).outcome();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("IAM Policy", decision(identity));
        details.put("Resource Policy", decision(resource));
        return details;
    }

    private static MatchedStatement matched(StatementMatch m, Map<PolicyRef, Source> sources) {
        Source source = sources.get(m.policy().ref());
        if (source == null) {
            // SCPs and RCPs: not an input, named by their Organizations policy id
            PolicyRef ref = m.policy().ref();
            source = new Source(ref.id() != null ? ref.id() : ref.label(), "none");
        }
        return new MatchedStatement(source.id(), source.type(), position(m.statement().start()),
                position(m.statement().end()));
    }

    private static SimulationResult.Position position(io.strongroom.iampolicy.TextPosition p) {
        return p == null ? null : new SimulationResult.Position(p.line(), p.column());
    }

    private static String decision(Outcome outcome) {
        return switch (outcome) {
            case ALLOW -> "allowed";
            case EXPLICIT_DENY -> "explicitDeny";
            case IMPLICIT_DENY -> "implicitDeny";
        };
    }

    // ---- inputs

    /** Parses documents sent in the call; a bad one is the caller's MalformedPolicyDocument. */
    private static List<AttachedPolicy> inputs(List<String> documents, String member, PolicyKind kind,
                                               Map<PolicyRef, Source> sources) {
        List<AttachedPolicy> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String id = member + "." + (i + 1);
            AttachedPolicy policy = AttachedPolicy.named(id, PolicyDocument.parse(documents.get(i), kind, INPUT));
            sources.put(policy.ref(), new Source(id, kind == PolicyKind.RESOURCE ? "resource" : "none"));
            out.add(policy);
        }
        return out;
    }

    private PolicySet withInputs(PolicySet set, SimulationInput input, Map<PolicyRef, Source> sources) {
        if (!input.boundaries().isEmpty()) {
            set = set.withPermissionsBoundary(inputs(input.boundaries(), "PermissionsBoundaryPolicyInputList",
                    PolicyKind.PERMISSIONS_BOUNDARY, sources).get(0));
        }
        if (input.resourcePolicy() != null) {
            AttachedPolicy resource = AttachedPolicy.named("ResourcePolicy",
                    PolicyDocument.parse(input.resourcePolicy(), PolicyKind.RESOURCE, INPUT));
            sources.put(resource.ref(), new Source("ResourcePolicy", "resource"));
            set = set.withResourcePolicy(resource);
        }
        return set;
    }

    /** Stored policies of a principal, parsed as the Authorizer parses them, named by policy name and owner kind. */
    private List<AttachedPolicy> stored(List<NamedPolicy> policies, Map<PolicyRef, Source> sources) {
        Map<PolicyRef, NamedPolicy> byRef = new HashMap<>();
        policies.forEach(p -> byRef.put(new PolicyRef(null, p.name(), p.arn()), p));
        List<AttachedPolicy> parsed = gathering.identityPolicies(policies);
        for (AttachedPolicy policy : parsed) {
            NamedPolicy named = byRef.get(policy.ref());
            sources.put(policy.ref(), new Source(named.name(), sourceType(named)));
        }
        return parsed;
    }

    /** AWS's PolicySourceType: the owner's kind for inline policies, who manages it for managed ones. */
    private static String sourceType(NamedPolicy policy) {
        if (!policy.inline()) {
            return policy.arn().startsWith("arn:aws:iam::aws:") ? "aws-managed" : "user-managed";
        }
        String resource = policy.arn().split(":", 6)[5];
        return resource.substring(0, resource.indexOf('/'));
    }

    private PolicySource source(Tx tx, Principal caller, String arn) {
        var m = arn == null ? null : ENTITY_ARN.matcher(arn);
        if (m == null || !m.matches()) {
            throw IamErrors.invalidInput("Invalid Entity Arn: " + arn + " does not clearly define entity type and "
                    + "name.");
        }
        String name = m.group(4);
        Optional<PolicySource> found = m.group(1).equals(caller.accountId()) ? iam.policySource(tx, arn)
                : Optional.empty();
        return found.orElseThrow(() -> switch (m.group(2)) {
            case "user" -> IamErrors.noSuchUser(name);
            case "group" -> IamErrors.noSuchGroup(name);
            default -> IamErrors.noSuchRole(name);
        });
    }

    /** The IAM user CallerArn names; it need not exist (AWS simulates users that do not). */
    private Subject caller(Tx tx, String callerArn) {
        Optional<PolicySource> user = iam.policySource(tx, callerArn);
        return new Subject(user.map(u -> RequestPrincipal.user(u.arn(), u.uniqueId()).withTags(u.tags()))
                .orElse(RequestPrincipal.user(callerArn, null)), true);
    }

    private static void validate(SimulationInput input) {
        if (input.actions().isEmpty()) {
            throw IamErrors.validation("actionNames", null, "Member must not be null");
        }
        for (String action : input.actions()) {
            if (!ACTION.matcher(action).matches()) {
                throw IamErrors.invalidInput("Invalid action name " + action + ": name an action as service:Action, "
                        + "without wildcards.");
            }
        }
        for (String resource : input.resources()) {
            if (!resource.equals("*") && !(resource.startsWith("arn:") && resource.split(":", 6).length == 6)) {
                throw IamErrors.invalidInput("Resource " + resource + " must be in ARN format or \"*\".");
            }
        }
        if (input.boundaries().size() > 1) {
            throw IamErrors.invalidInput("Only one permissions boundary policy can be simulated.");
        }
        if (input.callerArn() != null && !USER_ARN.matcher(input.callerArn()).matches()) {
            throw IamErrors.invalidInput("CallerArn must be the ARN of an IAM user: " + input.callerArn());
        }
        if (input.resourceOwner() != null) {
            ownerAccount(input.resourceOwner());
        }
        if (input.resourceHandling() != null && !RESOURCE_HANDLING.contains(input.resourceHandling())) {
            throw IamErrors.invalidInput("Invalid ResourceHandlingOption " + input.resourceHandling() + ": expected "
                    + "one of EC2-VPC-InstanceStore, EC2-VPC-InstanceStore-Subnet, EC2-VPC-EBS, EC2-VPC-EBS-Subnet.");
        }
        context(input.context());
    }

    private static String ownerAccount(String owner) {
        if (owner.matches("\\d{12}")) {
            return owner;
        }
        var m = Pattern.compile("arn:aws:iam::(\\d{12}):root").matcher(owner);
        if (!m.matches()) {
            throw IamErrors.invalidInput("ResourceOwner must be an account id or arn:aws:iam::<account>:root: "
                    + owner);
        }
        return m.group(1);
    }

    /** ContextEntries as condition keys, each value checked against its declared type. */
    private static Map<String, List<String>> context(List<SimulationInput.ContextEntry> entries) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (SimulationInput.ContextEntry entry : entries) {
            if (entry.key() == null || entry.key().isEmpty()) {
                throw IamErrors.invalidInput("Every context entry needs a ContextKeyName.");
            }
            String type = entry.type() == null ? "string" : entry.type();
            if (!CONTEXT_TYPES.contains(type)) {
                throw IamErrors.invalidInput("Invalid ContextKeyType " + type + " for context key " + entry.key()
                        + ".");
            }
            if (!type.endsWith("List") && entry.values().size() > 1) {
                throw IamErrors.invalidInput("Context key " + entry.key() + " of type " + type + " takes one value.");
            }
            for (String value : entry.values()) {
                if (!typed(type.replace("List", ""), value)) {
                    throw IamErrors.invalidInput("Invalid value " + value + " for context key " + entry.key()
                            + " of type " + type + ".");
                }
            }
            keys.put(entry.key(), entry.values());
        }
        return keys;
    }

    private static boolean typed(String type, String value) {
        return switch (type) {
            case "numeric" -> {
                try {
                    new BigDecimal(value);
                    yield true;
                } catch (NumberFormatException e) {
                    yield false;
                }
            }
            case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
            default -> true;
        };
    }

    // ---- paging

    private static SimulationResult.Page page(List<SimulationResult> all, String marker, Integer maxItems) {
        int size = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        if (size < 1 || size > 1000) {
            throw IamErrors.validation("maxItems", size, size < 1 ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 1000");
        }
        int from = marker == null ? 0 : offset(marker, all.size());
        int to = Math.min(all.size(), from + size);
        boolean truncated = to < all.size();
        return new SimulationResult.Page(all.subList(from, to), truncated, truncated ? Base64.getUrlEncoder()
                .withoutPadding().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)) : null);
    }

    private static int offset(String marker, int total) {
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8));
            if (offset > 0 && offset <= total) {
                return offset;
            }
        } catch (IllegalArgumentException e) {
            // not one of ours
        }
        throw IamErrors.invalidMarker();
    }
}
