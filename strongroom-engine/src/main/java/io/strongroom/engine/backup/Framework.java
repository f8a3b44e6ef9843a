package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Backup Audit Manager framework: named controls evaluated against the account's backup state in one Region.
 * Deployment is immediate (COMPLETED, ACTIVE): Strongroom needs no AWS Config recorder behind the controls.
 */
public record Framework(String accountId, String region, String name, String arn, String description,
                        List<FrameworkControl> controls, Instant creationTime, String idempotencyToken,
                        Map<String, String> tags) {
    public Framework {
        controls = controls == null ? List.of() : List.copyOf(controls);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    Framework updated(String newDescription, List<FrameworkControl> newControls) {
        return new Framework(accountId, region, name, arn, newDescription, newControls, creationTime,
                idempotencyToken, tags);
    }

    Framework withTags(Map<String, String> value) {
        return new Framework(accountId, region, name, arn, description, controls, creationTime, idempotencyToken,
                value);
    }
}
