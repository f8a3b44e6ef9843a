package io.strongroom.orgpolicy;

import java.util.List;
import java.util.Optional;

/**
 * The history of one key of the effective document.
 *
 * @param path       dotted, lower-case key path ({@code plans.daily.rules.r1.schedule_expression})
 * @param createdBy  the policy that first introduced the key
 * @param operations the operations that took effect, in merge order
 */
public record KeyExplanation(String path, PolicySource createdBy, List<Contribution> operations) {
    public KeyExplanation {
        operations = List.copyOf(operations);
    }

    /** The policy whose {@code @@assign} the current value starts from, if any (appends may follow it). */
    public Optional<PolicySource> setBy() {
        for (int i = operations.size() - 1; i >= 0; i--) {
            if (operations.get(i).operation() == OperationKind.ASSIGN) {
                return Optional.of(operations.get(i).source());
            }
        }
        return Optional.empty();
    }
}
