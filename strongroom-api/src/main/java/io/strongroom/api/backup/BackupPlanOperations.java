package io.strongroom.api.backup;

import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.BackupPlan;
import io.strongroom.engine.backup.Page;
import io.strongroom.engine.backup.PlanService;
import io.strongroom.engine.backup.PlanTemplates;
import io.strongroom.engine.backup.PlanVersion;
import software.amazon.awssdk.services.backup.model.*;

/** Backup plans: create, versions, update, delete, list, templates, scheduled-runs preview. */
final class BackupPlanOperations {
    private BackupPlanOperations() {
    }

    static void register(ServiceApi.Builder api, PlanService plans) {
        api.write("CreateBackupPlan", CreateBackupPlanRequest.class, "backup:CreateBackupPlan",
                (ctx, q) -> BackupAccess.tagging("CreateBackupPlan", BackupAccess.planArn(ctx, null),
                        BackupShapes.given(q.backupPlanTags())),
                (ctx, q) -> {
                    PlanService.PlanView v = plans.createBackupPlan(ctx.tx(), ctx.accountId(), ctx.region(),
                            BackupShapes.document(q.backupPlan()), BackupShapes.given(q.backupPlanTags()),
                            q.creatorRequestId());
                    return CreateBackupPlanResponse.builder().backupPlanId(v.plan().planId())
                            .backupPlanArn(v.plan().arn()).creationDate(v.version().created())
                            .versionId(v.version().versionId())
                            .advancedBackupSettings(BackupShapes.advanced(v.version().document().advancedSettings()))
                            .build();
                });
        api.read("GetBackupPlan", GetBackupPlanRequest.class, "backup:GetBackupPlan",
                (ctx, q) -> BackupAccess.onPlan(ctx, "GetBackupPlan", q.backupPlanId()),
                (ctx, q) -> {
                    PlanService.PlanView v = plans.backupPlan(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.backupPlanId(), q.versionId());
                    BackupPlan p = v.plan();
                    return GetBackupPlanResponse.builder().backupPlan(BackupShapes.plan(v.version().document()))
                            .backupPlanId(p.planId()).backupPlanArn(p.arn()).versionId(v.version().versionId())
                            .creatorRequestId(p.creatorRequestId()).creationDate(v.version().created())
                            .deletionDate(v.version().deleted()).lastExecutionDate(p.lastExecutionDate())
                            .advancedBackupSettings(BackupShapes.advanced(v.version().document().advancedSettings()))
                            .scheduledRunsPreview(plans.scheduledRuns(v.version(), q.maxScheduledRunsPreview())
                                    .stream().map(r -> ScheduledPlanExecutionMember.builder()
                                            .executionTime(r.executionTime()).ruleId(r.ruleId())
                                            .ruleExecutionType(r.executionType()).build()).toList())
                            .build();
                });
        api.write("UpdateBackupPlan", UpdateBackupPlanRequest.class, "backup:UpdateBackupPlan",
                (ctx, q) -> BackupAccess.onPlan(ctx, "UpdateBackupPlan", q.backupPlanId()),
                (ctx, q) -> {
                    PlanService.PlanView v = plans.updateBackupPlan(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.backupPlanId(), BackupShapes.document(q.backupPlan()));
                    return UpdateBackupPlanResponse.builder().backupPlanId(v.plan().planId())
                            .backupPlanArn(v.plan().arn()).creationDate(v.version().created())
                            .versionId(v.version().versionId())
                            .advancedBackupSettings(BackupShapes.advanced(v.version().document().advancedSettings()))
                            .build();
                });
        api.write("DeleteBackupPlan", DeleteBackupPlanRequest.class, "backup:DeleteBackupPlan",
                (ctx, q) -> BackupAccess.onPlan(ctx, "DeleteBackupPlan", q.backupPlanId()),
                (ctx, q) -> {
                    PlanService.PlanView v = plans.deleteBackupPlan(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.backupPlanId());
                    return DeleteBackupPlanResponse.builder().backupPlanId(v.plan().planId())
                            .backupPlanArn(v.plan().arn()).deletionDate(v.plan().deletionDate())
                            .versionId(v.version().versionId()).build();
                });
        api.read("ListBackupPlans", ListBackupPlansRequest.class, "backup:ListBackupPlans",
                (ctx, q) -> BackupAccess.onAccount("ListBackupPlans"),
                (ctx, q) -> {
                    Page<PlanService.PlanView> page = plans.listBackupPlans(ctx.tx(), ctx.accountId(), ctx.region(),
                            Boolean.TRUE.equals(q.includeDeleted()), q.maxResults(), q.nextToken());
                    return ListBackupPlansResponse.builder().backupPlansList(page.items().stream()
                            .map(v -> member(v.plan(), v.version(), v.plan().created())).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.read("ListBackupPlanVersions", ListBackupPlanVersionsRequest.class, "backup:ListBackupPlanVersions",
                (ctx, q) -> BackupAccess.onPlan(ctx, "ListBackupPlanVersions", q.backupPlanId()),
                (ctx, q) -> {
                    BackupPlan plan = plans.backupPlan(ctx.tx(), ctx.accountId(), ctx.region(), q.backupPlanId(),
                            null).plan();
                    Page<PlanVersion> page = plans.listBackupPlanVersions(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.backupPlanId(), q.maxResults(), q.nextToken());
                    return ListBackupPlanVersionsResponse.builder().backupPlanVersionsList(page.items().stream()
                                    .map(v -> member(plan, v, v.created())).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.read("ListBackupPlanTemplates", ListBackupPlanTemplatesRequest.class, "backup:ListBackupPlanTemplates",
                (ctx, q) -> BackupAccess.onAccount("ListBackupPlanTemplates"),
                (ctx, q) -> {
                    Page<PlanTemplates.Template> page = plans.listTemplates(q.maxResults(), q.nextToken());
                    return ListBackupPlanTemplatesResponse.builder().backupPlanTemplatesList(page.items().stream()
                                    .map(t -> BackupPlanTemplatesListMember.builder().backupPlanTemplateId(t.id())
                                            .backupPlanTemplateName(t.name()).build()).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.read("GetBackupPlanFromTemplate", GetBackupPlanFromTemplateRequest.class,
                "backup:GetBackupPlanFromTemplate",
                (ctx, q) -> BackupAccess.onAccount("GetBackupPlanFromTemplate"),
                (ctx, q) -> GetBackupPlanFromTemplateResponse.builder().backupPlanDocument(
                        BackupShapes.plan(plans.template(q.backupPlanTemplateId()))).build());
        api.read("ExportBackupPlanTemplate", ExportBackupPlanTemplateRequest.class,
                "backup:ExportBackupPlanTemplate",
                (ctx, q) -> BackupAccess.onPlan(ctx, "ExportBackupPlanTemplate", q.backupPlanId()),
                (ctx, q) -> ExportBackupPlanTemplateResponse.builder().backupPlanTemplateJson(PlanTemplateJson.write(
                        plans.backupPlan(ctx.tx(), ctx.accountId(), ctx.region(), q.backupPlanId(), null)
                                .version().document())).build());
        api.read("GetBackupPlanFromJSON", GetBackupPlanFromJsonRequest.class, "backup:GetBackupPlanFromJSON",
                (ctx, q) -> BackupAccess.onAccount("GetBackupPlanFromJSON"),
                (ctx, q) -> GetBackupPlanFromJsonResponse.builder().backupPlan(BackupShapes.plan(
                        plans.planFromDocument(ctx.accountId(), ctx.region(),
                                PlanTemplateJson.read(q.backupPlanTemplateJson())))).build());
        api.note("ExportBackupPlanTemplate", "The template is the plan's current document as JSON, without "
                + "AWS's signature (D123)");
        api.note("GetBackupPlanFromJSON", "Takes a document in CreateBackupPlan's BackupPlan shape, as "
                + "ExportBackupPlanTemplate writes it (D123)");
        api.note("ListBackupPlanTemplates", "Four templates with AWS's names; the template ids are Strongroom's");
    }

    private static BackupPlansListMember member(BackupPlan plan, PlanVersion version, java.time.Instant created) {
        return BackupPlansListMember.builder().backupPlanArn(plan.arn()).backupPlanId(plan.planId())
                .creationDate(created).deletionDate(version.deleted()).versionId(version.versionId())
                .backupPlanName(version.document().name()).creatorRequestId(plan.creatorRequestId())
                .lastExecutionDate(plan.lastExecutionDate())
                .advancedBackupSettings(BackupShapes.advanced(version.document().advancedSettings())).build();
    }
}
