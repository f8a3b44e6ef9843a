package io.strongroom.api.backup;

import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.BackupJobs;
import io.strongroom.engine.backup.JobSummaries;
import io.strongroom.engine.backup.Page;
import software.amazon.awssdk.services.backup.model.*;

/** The job dashboard's counts: ListBackupJobSummaries, ListCopyJobSummaries, ListRestoreJobSummaries (D107). */
final class JobSummaryOperations {
    private JobSummaryOperations() {
    }

    static void register(ServiceApi.Builder api, BackupJobs jobs) {
        api.read("ListBackupJobSummaries", ListBackupJobSummariesRequest.class, "backup:ListBackupJobSummaries",
                (ctx, q) -> BackupAccess.onAccount("ListBackupJobSummaries"),
                (ctx, q) -> {
                    Page<JobSummaries.Summary> page = jobs.backups().summaries(ctx.tx(), ctx.accountId(),
                            ctx.region(), query(q.accountId(), q.stateAsString(), q.resourceType(),
                                    q.messageCategory(), q.aggregationPeriodAsString()),
                            q.maxResults(), q.nextToken());
                    return ListBackupJobSummariesResponse.builder().backupJobSummaries(page.items().stream()
                                    .map(s -> BackupJobSummary.builder().region(s.region()).accountId(s.accountId())
                                            .state(s.state()).resourceType(s.resourceType())
                                            .messageCategory(s.messageCategory()).count((int) s.count())
                                            .startTime(s.startTime()).endTime(s.endTime()).build()).toList())
                            .aggregationPeriod(period(q.aggregationPeriodAsString())).nextToken(page.nextToken())
                            .build();
                });
        api.read("ListCopyJobSummaries", ListCopyJobSummariesRequest.class, "backup:ListCopyJobSummaries",
                (ctx, q) -> BackupAccess.onAccount("ListCopyJobSummaries"),
                (ctx, q) -> {
                    Page<JobSummaries.Summary> page = jobs.copies().summaries(ctx.tx(), ctx.accountId(),
                            ctx.region(), query(q.accountId(), q.stateAsString(), q.resourceType(),
                                    q.messageCategory(), q.aggregationPeriodAsString()),
                            q.maxResults(), q.nextToken());
                    return ListCopyJobSummariesResponse.builder().copyJobSummaries(page.items().stream()
                                    .map(s -> CopyJobSummary.builder().region(s.region()).accountId(s.accountId())
                                            .state(s.state()).resourceType(s.resourceType())
                                            .messageCategory(s.messageCategory()).count((int) s.count())
                                            .startTime(s.startTime()).endTime(s.endTime()).build()).toList())
                            .aggregationPeriod(period(q.aggregationPeriodAsString())).nextToken(page.nextToken())
                            .build();
                });
        api.read("ListRestoreJobSummaries", ListRestoreJobSummariesRequest.class, "backup:ListRestoreJobSummaries",
                (ctx, q) -> BackupAccess.onAccount("ListRestoreJobSummaries"),
                (ctx, q) -> {
                    Page<JobSummaries.Summary> page = jobs.restores().summaries(ctx.tx(), ctx.accountId(),
                            ctx.region(), new JobSummaries.Query(q.accountId(), q.stateAsString(), q.resourceType(), null,
                                    JobSummaries.Period.of(q.aggregationPeriodAsString())),
                            q.maxResults(), q.nextToken());
                    return ListRestoreJobSummariesResponse.builder().restoreJobSummaries(page.items().stream()
                                    .map(s -> RestoreJobSummary.builder().region(s.region()).accountId(s.accountId())
                                            .state(s.state()).resourceType(s.resourceType()).count((int) s.count())
                                            .startTime(s.startTime()).endTime(s.endTime()).build()).toList())
                            .aggregationPeriod(period(q.aggregationPeriodAsString())).nextToken(page.nextToken())
                            .build();
                });
        String note = "Counted from the jobs when asked, not refreshed on a schedule; a job counts on the UTC day of "
                + "its creation; AccountId, ResourceType, State and MessageCategory ANY or absent count value by "
                + "value, AGGREGATE_ALL sums (D107)";
        api.note("ListBackupJobSummaries", note);
        api.note("ListCopyJobSummaries", note);
        api.note("ListRestoreJobSummaries", note);
    }

    /** Backup and copy jobs' query: a message category not asked for is counted value by value. */
    private static JobSummaries.Query query(String account, String state, String type, String category,
                                            String period) {
        return new JobSummaries.Query(account, state, type, category == null ? JobSummaries.ANY : category,
                JobSummaries.Period.of(period));
    }

    private static String period(String asked) {
        return JobSummaries.Period.of(asked).name();
    }
}
