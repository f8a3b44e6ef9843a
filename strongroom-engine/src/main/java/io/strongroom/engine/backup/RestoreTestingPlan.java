package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A restore testing plan (spec 10.2): when its cron fires, each of its selections restores a recovery point of each
 * resource it picks, chosen among the points its {@link PointSelection} allows.
 */
public record RestoreTestingPlan(String accountId, String region, String name, String arn, Instant creationTime,
                                 String creatorRequestId, Instant lastExecutionTime, Instant lastUpdateTime,
                                 String scheduleExpression, String scheduleExpressionTimezone, int startWindowHours,
                                 PointSelection pointSelection, Map<String, String> tags) {
    public static final String LATEST = "LATEST_WITHIN_WINDOW";
    public static final String RANDOM = "RANDOM_WITHIN_WINDOW";

    public RestoreTestingPlan {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Which recovery points a run may restore: by vault, by type, and made within the last selectionWindowDays. */
    public record PointSelection(String algorithm, List<String> includeVaults, List<String> excludeVaults,
                                 List<String> recoveryPointTypes, int selectionWindowDays) {
        public PointSelection {
            includeVaults = includeVaults == null ? List.of() : List.copyOf(includeVaults);
            excludeVaults = excludeVaults == null ? List.of() : List.copyOf(excludeVaults);
            recoveryPointTypes = recoveryPointTypes == null ? List.of() : List.copyOf(recoveryPointTypes);
        }

        boolean allowsVault(RecoveryPoint p) {
            return includeVaults.stream().anyMatch(v -> matches(v, p)) && excludeVaults.stream()
                    .noneMatch(v -> matches(v, p));
        }

        /** "*", a vault's name or ARN, or a pattern of either with "*" wildcards. */
        private static boolean matches(String pattern, RecoveryPoint p) {
            return glob(pattern, p.vaultName()) || glob(pattern, p.vaultArn());
        }

        private static boolean glob(String pattern, String value) {
            StringBuilder regex = new StringBuilder();
            for (String part : pattern.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(java.util.regex.Pattern.quote(part));
            }
            return value.matches(regex.toString());
        }
    }

    RestoreTestingPlan updated(String schedule, String timezone, int startWindow, PointSelection selection,
                               Instant at) {
        return new RestoreTestingPlan(accountId, region, name, arn, creationTime, creatorRequestId, lastExecutionTime,
                at, schedule, timezone, startWindow, selection, tags);
    }

    RestoreTestingPlan withTags(Map<String, String> value) {
        return new RestoreTestingPlan(accountId, region, name, arn, creationTime, creatorRequestId, lastExecutionTime,
                lastUpdateTime, scheduleExpression, scheduleExpressionTimezone, startWindowHours, pointSelection,
                value);
    }

    RestoreTestingPlan executedAt(Instant at) {
        return new RestoreTestingPlan(accountId, region, name, arn, creationTime, creatorRequestId, at,
                lastUpdateTime, scheduleExpression, scheduleExpressionTimezone, startWindowHours, pointSelection, tags);
    }
}
