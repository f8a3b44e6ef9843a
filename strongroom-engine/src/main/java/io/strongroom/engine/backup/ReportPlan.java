package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Backup Audit Manager report plan (spec audit 1.5): what to report (a template, frameworks for the compliance
 * templates, accounts, OUs and Regions for wider reports) and where to deliver it (an S3 bucket of the plan's
 * account, a key prefix, CSV and/or JSON).
 */
public record ReportPlan(String accountId, String region, String name, String arn, String description,
                         String template, List<String> frameworkArns, List<String> accounts,
                         List<String> organizationUnits, List<String> regions, String bucket, String keyPrefix,
                         List<String> formats, Instant creationTime, Instant lastAttempted, Instant lastSuccessful,
                         String idempotencyToken, Map<String, String> tags) {
    public ReportPlan {
        frameworkArns = frameworkArns == null ? List.of() : List.copyOf(frameworkArns);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        organizationUnits = organizationUnits == null ? List.of() : List.copyOf(organizationUnits);
        regions = regions == null ? List.of() : List.copyOf(regions);
        formats = formats == null || formats.isEmpty() ? List.of("CSV") : List.copyOf(formats);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    ReportPlan withTags(Map<String, String> value) {
        return new ReportPlan(accountId, region, name, arn, description, template, frameworkArns, accounts,
                organizationUnits, regions, bucket, keyPrefix, formats, creationTime, lastAttempted, lastSuccessful,
                idempotencyToken, value);
    }

    ReportPlan attempted(Instant at, boolean succeeded) {
        return new ReportPlan(accountId, region, name, arn, description, template, frameworkArns, accounts,
                organizationUnits, regions, bucket, keyPrefix, formats, creationTime, at,
                succeeded ? at : lastSuccessful, idempotencyToken, tags);
    }

    ReportPlan updated(String newDescription, String newTemplate, List<String> newFrameworks,
                       List<String> newAccounts, List<String> newOus, List<String> newRegions, String newBucket,
                       String newPrefix, List<String> newFormats) {
        return new ReportPlan(accountId, region, name, arn, newDescription, newTemplate, newFrameworks, newAccounts,
                newOus, newRegions, newBucket, newPrefix, newFormats, creationTime, lastAttempted, lastSuccessful,
                idempotencyToken, tags);
    }
}
