package io.strongroom.policychecks;

import io.strongroom.policychecks.JsonTree.Arr;
import io.strongroom.policychecks.JsonTree.Member;
import io.strongroom.policychecks.JsonTree.Node;
import io.strongroom.policychecks.JsonTree.Obj;
import io.strongroom.policychecks.JsonTree.Scalar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The document and statement checks; conditions are {@link ConditionChecks}'. */
final class DocumentChecks {
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_MEMBERS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
            "aws-iso-e", "aws-iso-f", "aws-eusc");
    private static final Pattern SID = Pattern.compile("[0-9A-Za-z]*");
    private static final Pattern VENDOR = Pattern.compile("[A-Za-z0-9.-]+");

    private final PolicyCheckType type;
    private final ActionCatalogue actions;
    private final List<Finding> findings;
    private final ConditionChecks conditions;

    DocumentChecks(PolicyCheckType type, ActionCatalogue actions, ConditionKeyCatalogue keys, List<Finding> findings) {
        this.type = type;
        this.actions = actions;
        this.findings = findings;
        this.conditions = new ConditionChecks(keys, findings);
    }

    /** A string of the document and where it is. */
    record Located(String text, List<PathElement> path, Span span) {
        Location location() {
            return new Location(path, span);
        }
    }

    static List<PathElement> path(List<PathElement> base, PathElement... more) {
        List<PathElement> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }

    void document(Node root) {
        if (!(root instanceof Obj policy)) {
            findings.add(Findings.dataType("a JSON object", new Location(List.of(), root.span())));
            return;
        }
        for (Member m : policy.members()) {
            if (!TOP_LEVEL.contains(m.name())) {
                findings.add(Findings.invalidElement(m.name(), new Location(List.of(PathElement.key(m.name())),
                        m.nameSpan())));
            }
        }
        version(policy);
        Optional<Member> statement = policy.member("Statement");
        if (statement.isEmpty()) {
            findings.add(Findings.missingStatement(new Location(List.of(), policy.span())));
            return;
        }
        List<PathElement> base = List.of(PathElement.value("Statement"));
        Node node = statement.get().value();
        List<StatementAt> statements = new ArrayList<>();
        if (node instanceof Obj single) {
            statements.add(new StatementAt(single, base));
        } else if (node instanceof Arr list) {
            if (list.items().isEmpty()) {
                findings.add(Findings.missingStatement(new Location(base, list.span())));
            }
            for (int i = 0; i < list.items().size(); i++) {
                List<PathElement> p = path(base, PathElement.index(i));
                if (list.items().get(i) instanceof Obj o) {
                    statements.add(new StatementAt(o, p));
                } else {
                    findings.add(Findings.dataType("a statement object", new Location(p, list.items().get(i).span())));
                }
            }
        } else {
            findings.add(Findings.dataType("a statement object or an array of them", new Location(base, node.span())));
        }
        sids(statements);
        statements.forEach(this::statement);
        redundantStatements(statements);
    }

    private record StatementAt(Obj node, List<PathElement> path) {
        Location location() {
            return new Location(path, node.span());
        }
    }

    private void version(Obj policy) {
        Optional<Member> version = policy.member("Version");
        if (version.isEmpty()) {
            findings.add(Findings.missingVersion(new Location(List.of(), policy.span())));
            return;
        }
        Location at = new Location(List.of(PathElement.value("Version")), version.get().value().span());
        if (!(version.get().value() instanceof Scalar s) || !s.isString()) {
            findings.add(Findings.dataType("a string", at));
        } else if (!VERSIONS.contains(s.text())) {
            findings.add(Findings.invalidVersion(s.text(), at));
        }
    }

    private void sids(List<StatementAt> statements) {
        boolean unique = type != PolicyCheckType.RESOURCE_POLICY;
        Map<String, Integer> seen = new HashMap<>();
        for (StatementAt s : statements) {
            Optional<Member> sid = s.node().member("Sid");
            if (sid.isEmpty()) {
                continue;
            }
            Location at = new Location(path(s.path(), PathElement.value("Sid")), sid.get().value().span());
            if (!(sid.get().value() instanceof Scalar value) || !value.isString()) {
                findings.add(Findings.dataType("a string", at));
                continue;
            }
            if (value.text().isEmpty()) {
                findings.add(Findings.emptySid(at));
                continue;
            }
            if (unique && !SID.matcher(value.text()).matches()) {
                findings.add(Findings.unsupportedSid(value.text(), at));
            }
            if (seen.merge(value.text(), 1, Integer::sum) == 2) {
                findings.add(Findings.duplicateSid(value.text(), unique, at));
            }
        }
    }

    private void statement(StatementAt s) {
        Obj node = s.node();
        for (Member m : node.members()) {
            if (!STATEMENT_MEMBERS.contains(m.name())) {
                findings.add(Findings.invalidElement(m.name(), new Location(path(s.path(), PathElement.key(m.name())),
                        m.nameSpan())));
            }
        }
        boolean allow = effect(s);
        pair(s, "Action", "NotAction");
        pair(s, "Resource", "NotResource");
        pair(s, "Principal", "NotPrincipal");
        boolean notAction = node.member("Action").isEmpty() && node.member("NotAction").isPresent();
        List<Located> actionList = strings(s, notAction ? "NotAction" : "Action");
        if (node.member("Action").isEmpty() && node.member("NotAction").isEmpty()) {
            findings.add(Findings.missingAction(s.location()));
        }
        boolean notResource = node.member("Resource").isEmpty() && node.member("NotResource").isPresent();
        List<Located> resources = strings(s, notResource ? "NotResource" : "Resource");
        if (node.member("Resource").isEmpty() && node.member("NotResource").isEmpty()) {
            findings.add(Findings.missingResource(s.location()));
        }
        principal(s, allow);
        List<Located> known = actionChecks(actionList);
        if (!notAction) {
            redundantActions(known);
        }
        resourceChecks(resources);
        if (!notResource) {
            redundantResources(resources);
        }
        Set<String> keysUsed = conditions.statement(node.get("Condition"), path(s.path(), PathElement.value("Condition")));
        if (allow && !notAction && type == PolicyCheckType.IDENTITY_POLICY) {
            passRole(actionList, resources, notResource, keysUsed);
        }
    }

    private boolean effect(StatementAt s) {
        Optional<Member> effect = s.node().member("Effect");
        if (effect.isEmpty()) {
            findings.add(Findings.missingEffect(s.location()));
            return false;
        }
        Location at = new Location(path(s.path(), PathElement.value("Effect")), effect.get().value().span());
        if (!(effect.get().value() instanceof Scalar value) || !value.isString()) {
            findings.add(Findings.dataType("a string", at));
            return false;
        }
        if (!value.text().equals("Allow") && !value.text().equals("Deny")) {
            findings.add(Findings.invalidEffect(value.text(), at));
        }
        return value.text().equals("Allow");
    }

    private void pair(StatementAt s, String a, String b) {
        Optional<Member> second = s.node().member(b);
        if (s.node().member(a).isPresent() && second.isPresent()) {
            findings.add(Findings.combination(a, b, new Location(path(s.path(), PathElement.key(b)),
                    second.get().nameSpan())));
        }
    }

    /** The strings of a string-or-array element; wrong types and empty arrays become findings. */
    private List<Located> strings(StatementAt s, String element) {
        Optional<Node> value = s.node().get(element);
        if (value.isEmpty()) {
            return List.of();
        }
        return strings(value.get(), path(s.path(), PathElement.value(element)), element);
    }

    private List<Located> strings(Node node, List<PathElement> at, String element) {
        List<Located> out = new ArrayList<>();
        if (node instanceof Scalar scalar && scalar.isString()) {
            out.add(new Located(scalar.text(), at, scalar.span()));
        } else if (node instanceof Arr list) {
            if (list.items().isEmpty()) {
                String name = element.replace("Not", "");
                findings.add(Findings.emptyArray(name, new Location(at, list.span())));
            }
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                List<PathElement> p = path(at, PathElement.index(i));
                if (item instanceof Scalar scalar && scalar.isString()) {
                    out.add(new Located(scalar.text(), p, scalar.span()));
                } else {
                    findings.add(Findings.dataType("a string", new Location(p, item.span())));
                }
            }
        } else {
            findings.add(Findings.dataType("a string or an array of strings", new Location(at, node.span())));
        }
        return out;
    }

    private void principal(StatementAt s, boolean allow) {
        boolean not = s.node().member("Principal").isEmpty();
        String element = not ? "NotPrincipal" : "Principal";
        Optional<Member> member = s.node().member(element);
        if (member.isEmpty()) {
            if (type.namesPrincipals()) {
                findings.add(Findings.missingPrincipal(s.location()));
            }
            return;
        }
        Location nameAt = new Location(path(s.path(), PathElement.key(element)), member.get().nameSpan());
        if (type == PolicyCheckType.SERVICE_CONTROL_POLICY) {
            findings.add(Findings.scpPrincipal(nameAt));
            return;
        }
        if (!type.namesPrincipals()) {
            findings.add(Findings.unsupportedPrincipal(nameAt));
            return;
        }
        if (not && allow) {
            findings.add(Findings.allowWithNotPrincipal(nameAt));
        }
        List<PathElement> base = path(s.path(), PathElement.value(element));
        Node value = member.get().value();
        if (value instanceof Scalar scalar) {
            if (!scalar.isString() || !scalar.text().equals("*")) {
                findings.add(Findings.invalidPrincipalFormat(new Location(base, value.span())));
            }
            return;
        }
        if (!(value instanceof Obj principals)) {
            findings.add(Findings.invalidPrincipalFormat(new Location(base, value.span())));
            return;
        }
        if (principals.members().isEmpty()) {
            findings.add(Findings.emptyObject("Principal", new Location(base, value.span())));
        }
        for (Member m : principals.members()) {
            if (!PRINCIPAL_TYPES.contains(m.name())) {
                findings.add(Findings.invalidPrincipalKey(m.name(), new Location(path(base, PathElement.key(m.name())),
                        m.nameSpan())));
                continue;
            }
            for (Located p : strings(m.value(), path(base, PathElement.value(m.name())), "Principal")) {
                if (!p.text().equals("*") && (p.text().contains("*") || p.text().contains("?"))) {
                    findings.add(Findings.wildcardInPrincipal(m.name(), p.location()));
                }
            }
        }
    }

    /** Format, service and name of each action; returns the well-formed, known ones. */
    private List<Located> actionChecks(List<Located> list) {
        List<Located> known = new ArrayList<>();
        for (Located action : list) {
            String text = action.text();
            if (text.equals("*")) {
                known.add(action);
                continue;
            }
            int colon = text.indexOf(':');
            if (colon < 0 || text.indexOf(':', colon + 1) >= 0 || !VENDOR.matcher(text.substring(0, colon)).matches()) {
                findings.add(Findings.actionFormat(text, action.location()));
                continue;
            }
            String service = text.substring(0, colon);
            String name = text.substring(colon + 1);
            if (!actions.hasService(service)) {
                findings.add(Findings.invalidServiceInAction(text, service,
                        actions.nearestService(service).map(p -> p + ":" + name).orElse(null), action.location()));
                continue;
            }
            boolean wildcard = name.contains("*") || name.contains("?");
            if (actions.matching(service, name).isEmpty()) {
                if (wildcard) {
                    findings.add(Findings.actionPatternMatchesNothing(text, action.location()));
                } else {
                    findings.add(Findings.invalidAction(text,
                            actions.nearestAction(service, name).map(n -> service + ":" + n).orElse(null),
                            action.location()));
                }
                continue;
            }
            known.add(action);
        }
        return known;
    }

    /** An action is redundant when another action of the same list grants everything it grants. */
    private void redundantActions(List<Located> known) {
        List<List<String>> granted = new ArrayList<>();
        for (Located a : known) {
            granted.add(grants(a.text()));
        }
        for (int i = 0; i < known.size(); i++) {
            for (int j = 0; j < known.size(); j++) {
                if (i == j) {
                    continue;
                }
                boolean same = known.get(i).text().equalsIgnoreCase(known.get(j).text());
                // of two identical entries, the later one is the redundant one
                if (same ? j < i : covers(known.get(j).text(), granted.get(j), granted.get(i))) {
                    findings.add(Findings.redundantAction(known.get(i).text(), known.get(j).text(),
                            known.get(i).location()));
                    break;
                }
            }
        }
    }

    private List<String> grants(String action) {
        if (action.equals("*")) {
            return List.of("*");
        }
        int colon = action.indexOf(':');
        String service = action.substring(0, colon).toLowerCase(Locale.ROOT);
        return actions.matching(service, action.substring(colon + 1)).stream()
                .map(n -> service + ":" + n.toLowerCase(Locale.ROOT)).toList();
    }

    private static boolean covers(String outerText, List<String> outer, List<String> inner) {
        if (outerText.equals("*")) {
            return true;
        }
        return !inner.contains("*") && outer.size() > inner.size() && outer.containsAll(inner);
    }

    private void resourceChecks(List<Located> resources) {
        for (Located r : resources) {
            String text = r.text();
            if (text.equals("*")) {
                continue;
            }
            if (!text.startsWith("arn:")) {
                findings.add(Findings.arnPrefix(text, r.location()));
                continue;
            }
            String[] parts = text.split(":", 6);
            if (parts.length < 6) {
                findings.add(Findings.arnFields(text, r.location()));
                continue;
            }
            if (!PARTITIONS.contains(parts[1]) && !parts[1].equals("*")) {
                findings.add(Findings.partition(parts[1], r.location()));
            } else if (parts[2].isEmpty() || parts[2].contains("*") || parts[2].contains("?")) {
                findings.add(Findings.wildcardInServiceName(r.location()));
            } else if (parts[2].equals("iam") && !parts[3].isEmpty()) {
                findings.add(Findings.iamArnRegion(r.location()));
            }
        }
    }

    /** Segment by segment (wildcards do not cross the first five colons), as resources match. */
    private void redundantResources(List<Located> resources) {
        for (int i = 0; i < resources.size(); i++) {
            for (int j = 0; j < resources.size(); j++) {
                String inner = resources.get(i).text();
                String outer = resources.get(j).text();
                if (i == j || (inner.equals(outer) && j > i)) {
                    continue;
                }
                if (inner.equals(outer) || resourceCovers(outer, inner)) {
                    findings.add(Findings.redundantResource(inner, outer, resources.get(i).location()));
                    break;
                }
            }
        }
    }

    private static boolean resourceCovers(String outer, String inner) {
        if (outer.equals("*")) {
            return true;
        }
        if (inner.equals("*")) {
            return false;
        }
        String[] o = outer.split(":", 6);
        String[] in = inner.split(":", 6);
        if (o.length != in.length) {
            return false;
        }
        for (int k = 0; k < o.length; k++) {
            if (!Text.covers(o[k], in[k])) {
                return false;
            }
        }
        return true;
    }

    private void passRole(List<Located> actionList, List<Located> resources, boolean notResource, Set<String> keys) {
        boolean starResource = !notResource && resources.stream().anyMatch(r -> r.text().equals("*"));
        if (!starResource || keys.contains("iam:passedtoservice")) {
            return;
        }
        for (Located a : actionList) {
            if (a.text().equalsIgnoreCase("iam:PassRole")) {
                findings.add(Findings.passRoleWithStarInResource(a.location()));
                return;
            }
        }
        for (Located a : actionList) {
            String text = a.text().toLowerCase(Locale.ROOT);
            if (text.equals("*") || text.startsWith("iam:") && Text.globIgnoreCase(text.substring(4), "PassRole")) {
                findings.add(Findings.passRoleWithStarInActionAndResource(a.text(), a.location()));
                return;
            }
        }
    }

    private void redundantStatements(List<StatementAt> statements) {
        for (int i = 0; i < statements.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (sameWithoutSid(statements.get(i).node(), statements.get(j).node())) {
                    findings.add(Findings.redundantStatement(j, statements.get(i).location()));
                    break;
                }
            }
        }
    }

    private static boolean sameWithoutSid(Obj a, Obj b) {
        return strip(a).equals(strip(b));
    }

    /** A span-free rendering of the statement without its Sid, for comparison. */
    private static String strip(Node node) {
        if (node instanceof Obj o) {
            StringBuilder sb = new StringBuilder("{");
            o.members().stream().filter(m -> !m.name().equals("Sid"))
                    .sorted(java.util.Comparator.comparing(Member::name))
                    .forEach(m -> sb.append(m.name()).append('=').append(strip(m.value())).append(','));
            return sb.append('}').toString();
        }
        if (node instanceof Arr a) {
            StringBuilder sb = new StringBuilder("[");
            a.items().forEach(item -> sb.append(strip(item)).append(','));
            return sb.append(']').toString();
        }
        Scalar s = (Scalar) node;
        return s.kind() + ":" + s.text();
    }
}
