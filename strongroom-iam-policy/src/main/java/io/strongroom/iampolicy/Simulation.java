package io.strongroom.iampolicy;

import java.util.List;

/**
 * The decision with what the IAM policy simulator reports about it ({@link Evaluator#simulate}).
 *
 * @param matchedStatements            for an explicit deny every Deny statement that applied; for an allow the
 *                                     Allow statements of identity, resource and session policies that applied;
 *                                     empty for an implicit deny
 * @param allowedByOrganizations       null when no SCPs were given; true when they do not restrict the caller or
 *                                     no level denies and every level allows
 * @param allowedByPermissionsBoundary null without a boundary; true when it allows and does not deny
 * @param missingContextKeys           condition keys (and policy variables) of statements whose action matches the
 *                                     request that the request context did not supply, as first written
 */
public record Simulation(Decision decision, List<StatementMatch> matchedStatements, Boolean allowedByOrganizations,
                         Boolean allowedByPermissionsBoundary, List<String> missingContextKeys) {
    public Simulation {
        matchedStatements = List.copyOf(matchedStatements);
        missingContextKeys = List.copyOf(missingContextKeys);
    }
}
