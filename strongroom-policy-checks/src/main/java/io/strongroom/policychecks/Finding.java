package io.strongroom.policychecks;

import java.util.List;

/**
 * One result of the policy checks.
 *
 * @param issueCode     Access Analyzer's issue code (its policy check reference), e.g. {@code INVALID_ACTION}
 * @param details       our sentence explaining the finding and how to fix it
 * @param learnMoreLink the reference page's section for the issue code
 */
public record Finding(FindingType type, String issueCode, String details, String learnMoreLink,
                      List<Location> locations) {
    public Finding {
        locations = List.copyOf(locations);
    }
}
