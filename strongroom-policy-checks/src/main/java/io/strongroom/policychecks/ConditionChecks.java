package io.strongroom.policychecks;

import io.strongroom.iampolicy.ConditionOperator;
import io.strongroom.iampolicy.ConditionOperator.Family;
import io.strongroom.iampolicy.ConditionOperator.Qualifier;
import io.strongroom.policychecks.ConditionKeyCatalogue.Key;
import io.strongroom.policychecks.ConditionKeyCatalogue.KeyType;
import io.strongroom.policychecks.DocumentChecks.Located;
import io.strongroom.policychecks.JsonTree.Arr;
import io.strongroom.policychecks.JsonTree.Member;
import io.strongroom.policychecks.JsonTree.Node;
import io.strongroom.policychecks.JsonTree.Obj;
import io.strongroom.policychecks.JsonTree.Scalar;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.strongroom.policychecks.DocumentChecks.path;

/** The Condition block: operators (the engine's {@link ConditionOperator}), keys, their types and values. */
final class ConditionChecks {
    private static final List<String> OPERATORS = List.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals",
            "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
            "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool",
            "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}(/(3[0-2]|[12]?\\d))?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/(12[0-8]|1[01]\\d|[1-9]?\\d))?");
    private static final Pattern EPOCH = Pattern.compile("\\d+");

    private final ConditionKeyCatalogue keys;
    private final List<Finding> findings;

    ConditionChecks(ConditionKeyCatalogue keys, List<Finding> findings) {
        this.keys = keys;
        this.findings = findings;
    }

    /** Checks one statement's Condition (null when absent); returns the condition keys it names, lower-cased. */
    Set<String> statement(Optional<Node> condition, List<PathElement> base) {
        Set<String> used = new HashSet<>();
        if (condition.isEmpty()) {
            return used;
        }
        if (!(condition.get() instanceof Obj block)) {
            findings.add(Findings.dataType("an object of condition operators", new Location(base,
                    condition.get().span())));
            return used;
        }
        if (block.members().isEmpty()) {
            findings.add(Findings.emptyObject("Condition", new Location(base, block.span())));
        }
        for (Member entry : block.members()) {
            operator(entry, base, used);
        }
        return used;
    }

    private void operator(Member entry, List<PathElement> base, Set<String> used) {
        String name = entry.name();
        Location nameAt = new Location(path(base, PathElement.key(name)), entry.nameSpan());
        Optional<ConditionOperator> parsed = ConditionOperator.parse(name);
        if (parsed.isEmpty()) {
            String bare = name.replaceFirst("^(ForAllValues|ForAnyValue):", "").replaceFirst("IfExists$", "");
            if (bare.equals("Null") && name.endsWith("IfExists")) {
                findings.add(Findings.nullWithIfExists(nameAt));
            } else if (bare.equals("Null")) {
                findings.add(Findings.nullWithQualifier(nameAt));
            } else {
                findings.add(Findings.invalidOperator(name, Text.nearest(bare, OPERATORS).orElse(null), nameAt));
            }
            return;
        }
        ConditionOperator operator = parsed.get();
        List<PathElement> operatorPath = path(base, PathElement.value(name));
        if (!(entry.value() instanceof Obj keyBlock)) {
            findings.add(Findings.dataType("an object of condition keys", new Location(operatorPath,
                    entry.value().span())));
            return;
        }
        Map<String, String> seen = new HashMap<>();
        for (Member key : keyBlock.members()) {
            String lower = key.name().toLowerCase(Locale.ROOT);
            used.add(lower);
            Location keyAt = new Location(path(operatorPath, PathElement.key(key.name())), key.nameSpan());
            String earlier = seen.putIfAbsent(lower, key.name());
            if (earlier != null) {
                findings.add(Findings.duplicateKeyCase(key.name(), keyAt));
            }
            List<Located> values = values(key.value(), path(operatorPath, PathElement.value(key.name())));
            if (values == null) {
                continue;
            }
            if (values.isEmpty()) {
                String qualifier = operator.qualifier() == Qualifier.FOR_ALL_VALUES ? "ForAllValues"
                        : operator.qualifier() == Qualifier.FOR_ANY_VALUE ? "ForAnyValue"
                        : operator.ifExists() ? "IfExists" : "";
                findings.add(Findings.emptyConditionValues(key.name(), qualifier,
                        new Location(path(operatorPath, PathElement.value(key.name())), key.value().span())));
            }
            key(operator, key.name(), keyAt);
            values(operator, values);
        }
    }

    /** The scalar values under a key (null after a type finding). */
    private List<Located> values(Node node, List<PathElement> at) {
        List<Located> out = new ArrayList<>();
        if (node instanceof Scalar s && s.kind() != JsonTree.ScalarKind.NULL) {
            out.add(new Located(s.text(), at, s.span()));
            return out;
        }
        if (node instanceof Arr list) {
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                List<PathElement> p = path(at, PathElement.index(i));
                if (item instanceof Scalar s && s.kind() != JsonTree.ScalarKind.NULL) {
                    out.add(new Located(s.text(), p, s.span()));
                } else {
                    findings.add(Findings.dataType("a string, number or Boolean", new Location(p, item.span())));
                    return null;
                }
            }
            return out;
        }
        findings.add(Findings.dataType("a value or an array of values", new Location(at, node.span())));
        return null;
    }

    private void key(ConditionOperator operator, String key, Location at) {
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            findings.add(Findings.conditionKeyFormat(key, at));
            return;
        }
        String service = key.substring(0, colon);
        if (key.equalsIgnoreCase("aws:ARN")) {
            findings.add(Findings.unsupportedGlobalKey(key, at));
            return;
        }
        Optional<Key> known = keys.find(key);
        if (known.isEmpty()) {
            if (!keys.knowsService(service)) {
                return;
            }
            Key suggestion = Text.nearest(key, keys.keysOf(service)).flatMap(keys::find).orElse(null);
            findings.add(service.equalsIgnoreCase("aws")
                    ? Findings.unknownGlobalKey(key, suggestion, at)
                    : Findings.unknownServiceKey(key, service, suggestion, at));
            return;
        }
        KeyType type = known.get().type();
        Family family = operator.base().family();
        if (family == Family.NULL) {
            return;
        }
        if (!fits(family, type, key)) {
            findings.add(Findings.typeMismatch(operator.name(), key, type, at));
        }
        if (type.multivalued() && operator.qualifier() == Qualifier.NONE) {
            findings.add(Findings.missingQualifier(key, at));
        } else if (!type.multivalued() && operator.qualifier() == Qualifier.FOR_ALL_VALUES) {
            findings.add(Findings.forAllValuesWithSingleValuedKey(key, at));
        } else if (!type.multivalued() && operator.qualifier() == Qualifier.FOR_ANY_VALUE) {
            findings.add(Findings.forAnyValueWithSingleValuedKey(key, at));
        }
    }

    /** String operators also compare ARNs; aws:EpochTime takes Date and Numeric operators. */
    private static boolean fits(Family family, KeyType type, String key) {
        if (family == type.family()) {
            return true;
        }
        if (family == Family.STRING && type.family() == Family.ARN) {
            return true;
        }
        return key.equalsIgnoreCase("aws:EpochTime") && family == Family.NUMERIC;
    }

    private void values(ConditionOperator operator, List<Located> values) {
        Family family = operator.base().family();
        for (Located v : values) {
            String text = v.text();
            boolean variable = text.contains("${");
            if (variable && family != Family.STRING && family != Family.ARN && family != Family.BOOL) {
                findings.add(Findings.variableForOperator(operator.name(), v.location()));
                continue;
            }
            switch (family) {
                case DATE -> {
                    if (!isDate(text)) {
                        findings.add(Findings.invalidDate(text, v.location()));
                    }
                }
                case NUMERIC -> {
                    if (!isNumber(text)) {
                        findings.add(Findings.invalidNumber(text, operator.name(), v.location()));
                    }
                }
                case BOOL -> {
                    if (!variable && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        findings.add(Findings.invalidBoolean(text, v.location()));
                    }
                }
                case IP -> {
                    if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
                        findings.add(Findings.invalidIpRange(text, operator.name(), v.location()));
                    }
                }
                case STRING -> {
                    boolean like = operator.base() == ConditionOperator.Base.STRING_LIKE;
                    if (!like && !variable && (text.contains("*") || text.contains("?"))) {
                        findings.add(Findings.wildcardWithoutLike(operator.name(), v.location()));
                    }
                }
                default -> {
                }
            }
        }
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDate(String text) {
        if (EPOCH.matcher(text).matches()) {
            return true;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            // not a plain date
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
