package io.strongroom.engine.backup;

import io.strongroom.resource.ProtectedResource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a selection picks a resource, exactly as spec 4.2 combines its parts:
 * <pre>
 * candidates = { r : r matches ANY pattern of Resources } ∪ { r : r matches ANY entry of ListOfTags }
 * selected   = { r ∈ candidates : r satisfies ALL Conditions } \ { r : r matches ANY pattern of NotResources }
 * </pre>
 * StringNotEquals and StringNotLike hold for a resource without the tag (IAM semantics). ARN patterns take {@code *}
 * anywhere. Opt-in: resources reached through {@code *}, a service-level pattern ({@code arn:aws:ec2:*}) or a tag
 * must be of a type the Region has opted in; a resource-type pattern ({@code arn:aws:ec2:*:*:instance/*}) backs up
 * whatever the opt-in, except Aurora, DocumentDB and Neptune, which always need it. Pure.
 */
public final class SelectionMatcher {
    private static final Set<String> ALWAYS_OPT_IN = Set.of("Aurora", "DocumentDB", "Neptune");
    private static final String RESOURCE_TAG = "aws:ResourceTag/";

    private SelectionMatcher() {
    }

    /** The answer and its reason, for "why is this resource (un)protected". */
    public record Verdict(boolean selected, String reason) {
    }

    public static Verdict evaluate(BackupSelection selection, ProtectedResource resource,
                                   Predicate<String> optedIn) {
        boolean typeOptedIn = optedIn.test(resource.resourceType());
        Optional<String> candidate = byResources(selection, resource, typeOptedIn);
        if (candidate.isEmpty()) {
            candidate = byTags(selection, resource, typeOptedIn);
        }
        if (candidate.isEmpty()) {
            String why = !typeOptedIn && matchesAnyPattern(selection, resource) ? "resource type "
                    + resource.resourceType() + " is not opted in for this Region"
                    : "matches no pattern of Resources and no entry of ListOfTags";
            return new Verdict(false, why);
        }
        Optional<String> failed = failedCondition(selection.conditions(), resource.tags());
        if (failed.isPresent()) {
            return new Verdict(false, candidate.get() + ", but condition " + failed.get() + " does not hold");
        }
        for (String pattern : selection.notResources()) {
            if (arnMatches(pattern, resource.arn())) {
                return new Verdict(false, candidate.get() + ", but NotResources excludes it (" + pattern + ")");
            }
        }
        return new Verdict(true, candidate.get() + " and satisfies every condition");
    }

    public static boolean selects(BackupSelection selection, ProtectedResource resource, Predicate<String> optedIn) {
        return evaluate(selection, resource, optedIn).selected();
    }

    private static Optional<String> byResources(BackupSelection selection, ProtectedResource resource,
                                                boolean typeOptedIn) {
        for (String pattern : selection.resources()) {
            if (arnMatches(pattern, resource.arn()) && (typeOptedIn || !needsOptIn(pattern, resource))) {
                return Optional.of("matches Resources pattern " + pattern);
            }
        }
        return Optional.empty();
    }

    private static boolean matchesAnyPattern(BackupSelection selection, ProtectedResource resource) {
        return selection.resources().stream().anyMatch(p -> arnMatches(p, resource.arn()))
                || selection.listOfTags().stream().anyMatch(t -> tagEquals(t, resource.tags()));
    }

    private static Optional<String> byTags(BackupSelection selection, ProtectedResource resource, boolean optedIn) {
        if (!optedIn) {
            return Optional.empty();
        }
        return selection.listOfTags().stream().filter(t -> tagEquals(t, resource.tags())).findFirst()
                .map(t -> "matches ListOfTags " + t.key() + "=" + t.value());
    }

    private static boolean tagEquals(TagCondition tag, Map<String, String> tags) {
        return tag.value() != null && tag.value().equals(tags.get(tag.key()));
    }

    /** A pattern that names no resource type ({@code *}, {@code arn:aws:ec2:*}) obeys the Region's opt-in. */
    static boolean needsOptIn(String pattern, ProtectedResource resource) {
        if (ALWAYS_OPT_IN.contains(resource.resourceType())) {
            return true;
        }
        String[] parts = pattern.split(":", 6);
        return parts.length < 6 || parts[5].isEmpty() || parts[5].equals("*");
    }

    private static Optional<String> failedCondition(SelectionConditions conditions, Map<String, String> tags) {
        for (ConditionParameter c : conditions.stringEquals()) {
            if (!c.value().equals(tag(c, tags))) {
                return Optional.of("StringEquals " + c.key() + "=" + c.value());
            }
        }
        for (ConditionParameter c : conditions.stringNotEquals()) {
            if (c.value().equals(tag(c, tags))) {
                return Optional.of("StringNotEquals " + c.key() + "=" + c.value());
            }
        }
        for (ConditionParameter c : conditions.stringLike()) {
            String value = tag(c, tags);
            if (value == null || !glob(c.value(), value)) {
                return Optional.of("StringLike " + c.key() + "=" + c.value());
            }
        }
        for (ConditionParameter c : conditions.stringNotLike()) {
            String value = tag(c, tags);
            if (value != null && glob(c.value(), value)) {
                return Optional.of("StringNotLike " + c.key() + "=" + c.value());
            }
        }
        return Optional.empty();
    }

    private static String tag(ConditionParameter condition, Map<String, String> tags) {
        return tags.get(condition.key().substring(RESOURCE_TAG.length()));
    }

    static boolean arnMatches(String pattern, String arn) {
        return glob(pattern, arn);
    }

    /** {@code *} matches any run of characters; everything else matches itself, case sensitively. */
    static boolean glob(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
                p++;
                v++;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
