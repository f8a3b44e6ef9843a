package io.strongroom.api.backup;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.Page;
import io.strongroom.engine.backup.ReportPlan;
import io.strongroom.engine.backup.ReportService;
import software.amazon.awssdk.services.backup.model.*;

/** Backup Audit Manager report plans and report jobs (spec audit 1.5-1.7). */
final class ReportOperations {
    private ReportOperations() {
    }

    private static String planArn(CallContext ctx, ReportService reports, String name) {
        return reports.list(ctx.tx(), ctx.accountId(), ctx.region(), 1000, null).items().stream()
                .filter(p -> p.name().equals(name)).map(ReportPlan::arn).findFirst()
                .orElse("arn:aws:backup:" + ctx.region() + ":" + ctx.accountId() + ":report-plan:*");
    }

    private static ReportService.PlanInput input(String description, ReportSetting s, ReportDeliveryChannel d) {
        return new ReportService.PlanInput(description, s == null ? null : s.reportTemplate(),
                s == null || !s.hasFrameworkArns() ? null : s.frameworkArns(),
                s == null || !s.hasAccounts() ? null : s.accounts(),
                s == null || !s.hasOrganizationUnits() ? null : s.organizationUnits(),
                s == null || !s.hasRegions() ? null : s.regions(), d == null ? null : d.s3BucketName(),
                d == null ? null : d.s3KeyPrefix(), d == null || !d.hasFormats() ? null : d.formats());
    }

    static void register(ServiceApi.Builder api, ReportService reports) {
        api.write("CreateReportPlan", CreateReportPlanRequest.class, "backup:CreateReportPlan",
                (ctx, q) -> BackupAccess.tagging("CreateReportPlan", "arn:aws:backup:" + ctx.region() + ":"
                        + ctx.accountId() + ":report-plan:*", BackupShapes.given(q.reportPlanTags())),
                (ctx, q) -> {
                    if (q.reportSetting() == null) {
                        throw io.strongroom.engine.backup.BackupErrors.missingParameter("ReportSetting");
                    }
                    if (q.reportDeliveryChannel() == null) {
                        throw io.strongroom.engine.backup.BackupErrors.missingParameter("ReportDeliveryChannel");
                    }
                    ReportPlan p = reports.create(ctx.tx(), ctx.accountId(), ctx.region(), q.reportPlanName(),
                            input(q.reportPlanDescription(), q.reportSetting(), q.reportDeliveryChannel()),
                            q.idempotencyToken(), BackupShapes.given(q.reportPlanTags()));
                    return CreateReportPlanResponse.builder().reportPlanName(p.name()).reportPlanArn(p.arn())
                            .creationTime(p.creationTime()).build();
                });
        api.read("DescribeReportPlan", DescribeReportPlanRequest.class, "backup:DescribeReportPlan",
                (ctx, q) -> AccessRequirement.of("backup:DescribeReportPlan", planArn(ctx, reports,
                        q.reportPlanName())),
                (ctx, q) -> DescribeReportPlanResponse.builder().reportPlan(shape(reports.describe(ctx.tx(),
                        ctx.accountId(), ctx.region(), q.reportPlanName()))).build());
        api.read("ListReportPlans", ListReportPlansRequest.class, "backup:ListReportPlans",
                (ctx, q) -> BackupAccess.onAccount("ListReportPlans"),
                (ctx, q) -> {
                    Page<ReportPlan> page = reports.list(ctx.tx(), ctx.accountId(), ctx.region(), q.maxResults(),
                            q.nextToken());
                    return ListReportPlansResponse.builder().reportPlans(page.items().stream()
                            .map(ReportOperations::shape).toList()).nextToken(page.nextToken()).build();
                });
        api.write("UpdateReportPlan", UpdateReportPlanRequest.class, "backup:UpdateReportPlan",
                (ctx, q) -> AccessRequirement.of("backup:UpdateReportPlan", planArn(ctx, reports,
                        q.reportPlanName())),
                (ctx, q) -> {
                    ReportPlan p = reports.update(ctx.tx(), ctx.accountId(), ctx.region(), q.reportPlanName(),
                            input(q.reportPlanDescription(), q.reportSetting(), q.reportDeliveryChannel()));
                    return UpdateReportPlanResponse.builder().reportPlanName(p.name()).reportPlanArn(p.arn())
                            .creationTime(p.creationTime()).build();
                });
        api.write("DeleteReportPlan", DeleteReportPlanRequest.class, "backup:DeleteReportPlan",
                (ctx, q) -> AccessRequirement.of("backup:DeleteReportPlan", planArn(ctx, reports,
                        q.reportPlanName())),
                (ctx, q) -> {
                    reports.delete(ctx.tx(), ctx.accountId(), ctx.region(), q.reportPlanName());
                    return DeleteReportPlanResponse.builder().build();
                });
        api.write("StartReportJob", StartReportJobRequest.class, "backup:StartReportJob",
                (ctx, q) -> AccessRequirement.of("backup:StartReportJob", planArn(ctx, reports,
                        q.reportPlanName())),
                (ctx, q) -> StartReportJobResponse.builder().reportJobId(reports.start(ctx.tx(), ctx.accountId(),
                        ctx.region(), q.reportPlanName()).jobId()).build());
        api.read("DescribeReportJob", DescribeReportJobRequest.class, "backup:DescribeReportJob",
                (ctx, q) -> BackupAccess.onAccount("DescribeReportJob"),
                (ctx, q) -> DescribeReportJobResponse.builder().reportJob(job(reports.describeJob(ctx.tx(),
                        ctx.accountId(), ctx.region(), q.reportJobId()))).build());
        api.read("ListReportJobs", ListReportJobsRequest.class, "backup:ListReportJobs",
                (ctx, q) -> BackupAccess.onAccount("ListReportJobs"),
                (ctx, q) -> {
                    Page<io.strongroom.engine.backup.ReportJob> page = reports.listJobs(ctx.tx(), ctx.accountId(),
                            ctx.region(), q.byReportPlanName(), q.byCreationBefore(), q.byCreationAfter(),
                            q.byStatus(), q.maxResults(), q.nextToken());
                    return ListReportJobsResponse.builder().reportJobs(page.items().stream()
                            .map(ReportOperations::job).toList()).nextToken(page.nextToken()).build();
                });
        api.note("CreateReportPlan", "Compliance is evaluated on Strongroom's own state (D51)");
        api.note("StartReportJob", "Runs at once, COMPLETED or FAILED when the call returns (D51)");
    }

    private static software.amazon.awssdk.services.backup.model.ReportPlan shape(ReportPlan p) {
        return software.amazon.awssdk.services.backup.model.ReportPlan.builder().reportPlanArn(p.arn())
                .reportPlanName(p.name()).reportPlanDescription(p.description())
                .reportSetting(ReportSetting.builder().reportTemplate(p.template())
                        .frameworkArns(p.frameworkArns().isEmpty() ? null : p.frameworkArns())
                        .numberOfFrameworks(p.frameworkArns().isEmpty() ? null : p.frameworkArns().size())
                        .accounts(p.accounts().isEmpty() ? null : p.accounts())
                        .organizationUnits(p.organizationUnits().isEmpty() ? null : p.organizationUnits())
                        .regions(p.regions().isEmpty() ? null : p.regions()).build())
                .reportDeliveryChannel(ReportDeliveryChannel.builder().s3BucketName(p.bucket())
                        .s3KeyPrefix(p.keyPrefix()).formats(p.formats()).build())
                .deploymentStatus("COMPLETED").creationTime(p.creationTime())
                .lastAttemptedExecutionTime(p.lastAttempted()).lastSuccessfulExecutionTime(p.lastSuccessful())
                .build();
    }

    private static ReportJob job(io.strongroom.engine.backup.ReportJob j) {
        return ReportJob.builder().reportJobId(j.jobId()).reportPlanArn(j.planArn()).reportTemplate(j.template())
                .creationTime(j.creationTime()).completionTime(j.completionTime()).status(j.status())
                .statusMessage(j.statusMessage()).reportDestination(ReportDestination.builder()
                        .s3BucketName(j.bucket()).s3Keys(j.keys()).build()).build();
    }
}
