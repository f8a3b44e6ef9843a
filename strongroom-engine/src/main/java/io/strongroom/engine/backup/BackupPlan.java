package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.Map;

/**
 * A backup plan as stored: identity, current version, deletion and tags. Its rules are those of the current version
 * ({@link PlanVersion}); the scheduler of a later step fires them and sets {@code lastExecutionDate}.
 */
public record BackupPlan(String accountId, String region, String planId, String name, String creatorRequestId,
                         Instant created, String versionId, Instant deletionDate, Instant lastExecutionDate,
                         Map<String, String> tags) {
    public static final String ORG_PREFIX = "orgs/";

    public BackupPlan {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static String arn(String region, String accountId, String planId) {
        return "arn:aws:backup:" + region + ":" + accountId + ":backup-plan:" + planId;
    }

    public String arn() {
        return arn(region, accountId, planId);
    }

    /** Plans an organization's backup policy made: id {@code orgs/<uuid>} (spec 8.1), read-only for the member. */
    public boolean orgManaged() {
        return planId.startsWith(ORG_PREFIX);
    }

    public boolean deleted() {
        return deletionDate != null;
    }

    BackupPlan withVersion(String name, String version) {
        return new BackupPlan(accountId, region, planId, name, creatorRequestId, created, version, deletionDate,
                lastExecutionDate, tags);
    }

    BackupPlan deletedAt(Instant when) {
        return new BackupPlan(accountId, region, planId, name, creatorRequestId, created, versionId, when,
                lastExecutionDate, tags);
    }

    BackupPlan executedAt(Instant when) {
        return new BackupPlan(accountId, region, planId, name, creatorRequestId, created, versionId, deletionDate,
                when, tags);
    }

    BackupPlan revived() {
        return new BackupPlan(accountId, region, planId, name, creatorRequestId, created, versionId, null,
                lastExecutionDate, tags);
    }

    BackupPlan withTags(Map<String, String> value) {
        return new BackupPlan(accountId, region, planId, name, creatorRequestId, created, versionId, deletionDate,
                lastExecutionDate, value);
    }
}
