package io.strongroom.iampolicy;

import java.util.Optional;

/** Whether a statement applies to a request (spec 4.1): action, resource, principal and conditions. */
final class StatementMatcher {
    private final EvaluationOptions options;
    private final ConditionEvaluator conditions;

    StatementMatcher(EvaluationOptions options) {
        this.options = options;
        this.conditions = new ConditionEvaluator(options);
    }

    /**
     * How the statement names the caller when it applies; {@link PrincipalMatch#NONE} when it does not apply.
     * Documents without principals (identity, boundary, session, SCP) name the caller implicitly:
     * {@link PrincipalMatch#ANYONE}.
     */
    PrincipalMatch match(Statement statement, PolicyKind kind, RequestView request) {
        if (!actionMatches(statement, request.action()) || !resourceMatches(statement, request)) {
            return PrincipalMatch.NONE;
        }
        PrincipalMatch principal = principal(statement, kind, request);
        if (!principal.matched() || !conditions.all(statement.conditions(), request.context())) {
            return PrincipalMatch.NONE;
        }
        return principal;
    }

    /**
     * Whether the statement is about this request whatever its conditions and principal say: the action matches and
     * the resource does, or would once the statement's resource variables had values.
     */
    boolean concerns(Statement statement, RequestView request) {
        if (!actionMatches(statement, request.action())) {
            return false;
        }
        return resourceMatches(statement, request)
                || statement.resourceTemplates().stream().anyMatch(Template::hasVariables);
    }

    boolean applies(Statement statement, PolicyKind kind, RequestView request) {
        return match(statement, kind, request).matched();
    }

    private PrincipalMatch principal(Statement statement, PolicyKind kind, RequestView request) {
        PrincipalElement element = statement.principal();
        if (!kind.namesPrincipals() || element == null) {
            return PrincipalMatch.ANYONE;
        }
        if (!statement.notPrincipal()) {
            return PrincipalMatcher.match(element, request.principal());
        }
        if (statement.effect() == Statement.Effect.ALLOW && !options.notPrincipalAllowApplies()) {
            return PrincipalMatch.NONE;
        }
        return PrincipalMatcher.exempted(element, request.principal(), request.hasBoundary(), options)
                ? PrincipalMatch.NONE : PrincipalMatch.ANYONE;
    }

    static boolean actionMatches(Statement statement, String action) {
        boolean any = statement.actions().stream().anyMatch(pattern -> Glob.matches(pattern, action, true));
        return any != statement.notAction();
    }

    private static boolean resourceMatches(Statement statement, RequestView request) {
        if (statement.resources() == null) {
            return true;
        }
        boolean any = false;
        for (Template template : statement.resourceTemplates()) {
            if (resourceMatches(template, request)) {
                any = true;
                break;
            }
        }
        return any != statement.notResource();
    }

    private static boolean resourceMatches(Template template, RequestView request) {
        if (template.raw().equals("*")) {
            return true;
        }
        String resource = request.resource();
        if (resource == null) {
            return false;
        }
        // an entry whose variable has no value matches nothing (spec 1.6)
        Optional<Template.Resolved> resolved = template.resolve(request.context());
        return resolved.isPresent() && Arns.matches(resolved.get(), resource);
    }
}
