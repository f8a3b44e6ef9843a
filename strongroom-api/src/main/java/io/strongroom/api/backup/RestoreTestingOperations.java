package io.strongroom.api.backup;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.Page;
import io.strongroom.engine.backup.RestoreTestingPlan;
import io.strongroom.engine.backup.RestoreTestingSelection;
import io.strongroom.engine.backup.RestoreTestingService;
import software.amazon.awssdk.services.backup.model.*;

import java.util.List;

/** Restore testing (spec 10.2, D124): plans, selections, validation results and inferred metadata. */
final class RestoreTestingOperations {
    private RestoreTestingOperations() {
    }

    static void register(ServiceApi.Builder api, RestoreTestingService testing) {
        plans(api, testing);
        selections(api, testing);
        api.write("PutRestoreValidationResult", PutRestoreValidationResultRequest.class,
                "backup:PutRestoreValidationResult",
                (ctx, q) -> BackupAccess.onAccount("PutRestoreValidationResult"),
                (ctx, q) -> {
                    testing.putValidationResult(ctx.tx(), ctx.accountId(), ctx.region(), q.restoreJobId(),
                            q.validationStatusAsString(), q.validationStatusMessage());
                    return PutRestoreValidationResultResponse.builder().build();
                });
        api.read("GetRestoreTestingInferredMetadata", GetRestoreTestingInferredMetadataRequest.class,
                "backup:GetRestoreTestingInferredMetadata",
                (ctx, q) -> BackupAccess.onAccount("GetRestoreTestingInferredMetadata"),
                (ctx, q) -> GetRestoreTestingInferredMetadataResponse.builder().inferredMetadata(
                        testing.inferredMetadata(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultAccountId(),
                                q.backupVaultName(), q.recoveryPointArn())).build());
        api.note("CreateRestoreTestingPlan", "Runs on the clock at its cron times, without spreading starts over "
                + "StartWindowHours; no continuous recovery points exist to select (D124)");
        api.note("CreateRestoreTestingSelection", "A restored resource is deleted when its validation window ends "
                + "(D124); S3 is restored into a bucket of its own, and a bucket that existed before is not deleted "
                + "(D129)");
    }

    private static AccessRequirement onPlan(CallContext ctx, RestoreTestingService testing, String operation,
                                            String name) {
        return AccessRequirement.of("backup:" + operation, testing.planArn(ctx.tx(), ctx.accountId(), ctx.region(),
                name == null ? "*" : name));
    }

    private static void plans(ServiceApi.Builder api, RestoreTestingService testing) {
        api.write("CreateRestoreTestingPlan", CreateRestoreTestingPlanRequest.class, "backup:CreateRestoreTestingPlan",
                (ctx, q) -> BackupAccess.tagging("CreateRestoreTestingPlan", "*", BackupShapes.given(q.tags())),
                (ctx, q) -> {
                    RestoreTestingPlanForCreate p = q.restoreTestingPlan();
                    RestoreTestingPlan plan = testing.createPlan(ctx.tx(), ctx.accountId(), ctx.region(),
                            p == null ? null : new RestoreTestingService.PlanInput(p.restoreTestingPlanName(),
                                    p.scheduleExpression(), p.scheduleExpressionTimezone(), p.startWindowHours(),
                                    selection(p.recoveryPointSelection())),
                            BackupShapes.given(q.tags()), q.creatorRequestId());
                    return CreateRestoreTestingPlanResponse.builder().restoreTestingPlanName(plan.name())
                            .restoreTestingPlanArn(plan.arn()).creationTime(plan.creationTime()).build();
                });
        api.read("GetRestoreTestingPlan", GetRestoreTestingPlanRequest.class, "backup:GetRestoreTestingPlan",
                (ctx, q) -> onPlan(ctx, testing, "GetRestoreTestingPlan", q.restoreTestingPlanName()),
                (ctx, q) -> {
                    RestoreTestingPlan p = testing.plan(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.restoreTestingPlanName());
                    return GetRestoreTestingPlanResponse.builder().restoreTestingPlan(RestoreTestingPlanForGet
                            .builder().restoreTestingPlanName(p.name()).restoreTestingPlanArn(p.arn())
                            .creationTime(p.creationTime()).creatorRequestId(p.creatorRequestId())
                            .lastExecutionTime(p.lastExecutionTime()).lastUpdateTime(p.lastUpdateTime())
                            .scheduleExpression(p.scheduleExpression())
                            .scheduleExpressionTimezone(p.scheduleExpressionTimezone())
                            .startWindowHours(p.startWindowHours()).recoveryPointSelection(shape(p.pointSelection()))
                            .build()).build();
                });
        api.read("ListRestoreTestingPlans", ListRestoreTestingPlansRequest.class, "backup:ListRestoreTestingPlans",
                (ctx, q) -> BackupAccess.onAccount("ListRestoreTestingPlans"),
                (ctx, q) -> {
                    Page<RestoreTestingPlan> page = testing.plans(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.maxResults(), q.nextToken());
                    return ListRestoreTestingPlansResponse.builder().restoreTestingPlans(page.items().stream()
                            .map(p -> RestoreTestingPlanForList.builder().restoreTestingPlanName(p.name())
                                    .restoreTestingPlanArn(p.arn()).creationTime(p.creationTime())
                                    .lastExecutionTime(p.lastExecutionTime()).lastUpdateTime(p.lastUpdateTime())
                                    .scheduleExpression(p.scheduleExpression())
                                    .scheduleExpressionTimezone(p.scheduleExpressionTimezone())
                                    .startWindowHours(p.startWindowHours()).build()).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.write("UpdateRestoreTestingPlan", UpdateRestoreTestingPlanRequest.class, "backup:UpdateRestoreTestingPlan",
                (ctx, q) -> onPlan(ctx, testing, "UpdateRestoreTestingPlan", q.restoreTestingPlanName()),
                (ctx, q) -> {
                    RestoreTestingPlanForUpdate p = q.restoreTestingPlan();
                    RestoreTestingPlan plan = testing.updatePlan(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.restoreTestingPlanName(), p == null ? null : new RestoreTestingService.PlanInput(
                                    null, p.scheduleExpression(), p.scheduleExpressionTimezone(),
                                    p.startWindowHours(), selection(p.recoveryPointSelection())));
                    return UpdateRestoreTestingPlanResponse.builder().restoreTestingPlanName(plan.name())
                            .restoreTestingPlanArn(plan.arn()).creationTime(plan.creationTime())
                            .updateTime(plan.lastUpdateTime()).build();
                });
        api.write("DeleteRestoreTestingPlan", DeleteRestoreTestingPlanRequest.class, "backup:DeleteRestoreTestingPlan",
                (ctx, q) -> onPlan(ctx, testing, "DeleteRestoreTestingPlan", q.restoreTestingPlanName()),
                (ctx, q) -> {
                    testing.deletePlan(ctx.tx(), ctx.accountId(), ctx.region(), q.restoreTestingPlanName());
                    return DeleteRestoreTestingPlanResponse.builder().build();
                });
    }

    private static void selections(ServiceApi.Builder api, RestoreTestingService testing) {
        api.write("CreateRestoreTestingSelection", CreateRestoreTestingSelectionRequest.class,
                "backup:CreateRestoreTestingSelection",
                (ctx, q) -> BackupAccess.passRole(onPlan(ctx, testing, "CreateRestoreTestingSelection",
                        q.restoreTestingPlanName()), q.restoreTestingSelection() == null ? null
                        : q.restoreTestingSelection().iamRoleArn()),
                (ctx, q) -> {
                    RestoreTestingSelectionForCreate s = q.restoreTestingSelection();
                    RestoreTestingSelection created = testing.createSelection(ctx.tx(), ctx.accountId(),
                            ctx.region(), q.restoreTestingPlanName(), s == null ? null
                                    : new RestoreTestingService.SelectionInput(s.restoreTestingSelectionName(),
                                    s.protectedResourceType(), s.iamRoleArn(),
                                    BackupShapes.given(s.protectedResourceArns()),
                                    equals(s.protectedResourceConditions()),
                                    notEquals(s.protectedResourceConditions()),
                                    BackupShapes.given(s.restoreMetadataOverrides()), s.validationWindowHours()),
                            q.creatorRequestId());
                    return CreateRestoreTestingSelectionResponse.builder()
                            .restoreTestingPlanName(created.planName())
                            .restoreTestingPlanArn(testing.plan(ctx.tx(), ctx.accountId(), ctx.region(),
                                    created.planName()).arn())
                            .restoreTestingSelectionName(created.name()).creationTime(created.creationTime()).build();
                });
        api.read("GetRestoreTestingSelection", GetRestoreTestingSelectionRequest.class,
                "backup:GetRestoreTestingSelection",
                (ctx, q) -> onPlan(ctx, testing, "GetRestoreTestingSelection", q.restoreTestingPlanName()),
                (ctx, q) -> {
                    RestoreTestingSelection s = testing.selection(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.restoreTestingPlanName(), q.restoreTestingSelectionName());
                    return GetRestoreTestingSelectionResponse.builder().restoreTestingSelection(
                            RestoreTestingSelectionForGet.builder().restoreTestingPlanName(s.planName())
                                    .restoreTestingSelectionName(s.name()).creationTime(s.creationTime())
                                    .creatorRequestId(s.creatorRequestId()).iamRoleArn(s.iamRoleArn())
                                    .protectedResourceType(s.protectedResourceType())
                                    .protectedResourceArns(s.protectedResourceArns())
                                    .protectedResourceConditions(conditions(s))
                                    .restoreMetadataOverrides(s.metadataOverrides().isEmpty() ? null
                                            : s.metadataOverrides())
                                    .validationWindowHours(s.validationWindowHours()).build()).build();
                });
        api.read("ListRestoreTestingSelections", ListRestoreTestingSelectionsRequest.class,
                "backup:ListRestoreTestingSelections",
                (ctx, q) -> onPlan(ctx, testing, "ListRestoreTestingSelections", q.restoreTestingPlanName()),
                (ctx, q) -> {
                    Page<RestoreTestingSelection> page = testing.selections(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.restoreTestingPlanName(), q.maxResults(), q.nextToken());
                    return ListRestoreTestingSelectionsResponse.builder().restoreTestingSelections(page.items()
                            .stream().map(s -> RestoreTestingSelectionForList.builder()
                                    .restoreTestingPlanName(s.planName()).restoreTestingSelectionName(s.name())
                                    .creationTime(s.creationTime()).iamRoleArn(s.iamRoleArn())
                                    .protectedResourceType(s.protectedResourceType())
                                    .validationWindowHours(s.validationWindowHours()).build()).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.write("UpdateRestoreTestingSelection", UpdateRestoreTestingSelectionRequest.class,
                "backup:UpdateRestoreTestingSelection",
                (ctx, q) -> BackupAccess.passRole(onPlan(ctx, testing, "UpdateRestoreTestingSelection",
                        q.restoreTestingPlanName()), q.restoreTestingSelection() == null ? null
                        : q.restoreTestingSelection().iamRoleArn()),
                (ctx, q) -> {
                    RestoreTestingSelectionForUpdate s = q.restoreTestingSelection();
                    RestoreTestingSelection updated = testing.updateSelection(ctx.tx(), ctx.accountId(),
                            ctx.region(), q.restoreTestingPlanName(), q.restoreTestingSelectionName(), s == null
                                    ? null : new RestoreTestingService.SelectionInput(null, null, s.iamRoleArn(),
                                    BackupShapes.given(s.protectedResourceArns()),
                                    equals(s.protectedResourceConditions()),
                                    notEquals(s.protectedResourceConditions()),
                                    BackupShapes.given(s.restoreMetadataOverrides()), s.validationWindowHours()));
                    return UpdateRestoreTestingSelectionResponse.builder()
                            .restoreTestingPlanName(updated.planName())
                            .restoreTestingPlanArn(testing.plan(ctx.tx(), ctx.accountId(), ctx.region(),
                                    updated.planName()).arn())
                            .restoreTestingSelectionName(updated.name()).creationTime(updated.creationTime())
                            .updateTime(updated.updateTime()).build();
                });
        api.write("DeleteRestoreTestingSelection", DeleteRestoreTestingSelectionRequest.class,
                "backup:DeleteRestoreTestingSelection",
                (ctx, q) -> onPlan(ctx, testing, "DeleteRestoreTestingSelection", q.restoreTestingPlanName()),
                (ctx, q) -> {
                    testing.deleteSelection(ctx.tx(), ctx.accountId(), ctx.region(), q.restoreTestingPlanName(),
                            q.restoreTestingSelectionName());
                    return DeleteRestoreTestingSelectionResponse.builder().build();
                });
    }

    private static RestoreTestingService.PointSelectionInput selection(RestoreTestingRecoveryPointSelection s) {
        return s == null ? null : new RestoreTestingService.PointSelectionInput(s.algorithmAsString(),
                BackupShapes.given(s.includeVaults()), BackupShapes.given(s.excludeVaults()),
                BackupShapes.given(s.recoveryPointTypesAsStrings()), s.selectionWindowDays());
    }

    private static RestoreTestingRecoveryPointSelection shape(RestoreTestingPlan.PointSelection s) {
        return RestoreTestingRecoveryPointSelection.builder().algorithm(s.algorithm())
                .includeVaults(s.includeVaults()).excludeVaults(s.excludeVaults().isEmpty() ? null : s.excludeVaults())
                .recoveryPointTypesWithStrings(s.recoveryPointTypes()).selectionWindowDays(s.selectionWindowDays())
                .build();
    }

    private static List<RestoreTestingSelection.KeyValue> equals(ProtectedResourceConditions c) {
        return c == null ? null : BackupShapes.map(BackupShapes.given(c.stringEquals()),
                kv -> new RestoreTestingSelection.KeyValue(kv.key(), kv.value()));
    }

    private static List<RestoreTestingSelection.KeyValue> notEquals(ProtectedResourceConditions c) {
        return c == null ? null : BackupShapes.map(BackupShapes.given(c.stringNotEquals()),
                kv -> new RestoreTestingSelection.KeyValue(kv.key(), kv.value()));
    }

    private static ProtectedResourceConditions conditions(RestoreTestingSelection s) {
        if (s.stringEquals().isEmpty() && s.stringNotEquals().isEmpty()) {
            return null;
        }
        return ProtectedResourceConditions.builder()
                .stringEquals(s.stringEquals().isEmpty() ? null : s.stringEquals().stream()
                        .map(kv -> KeyValue.builder().key(kv.key()).value(kv.value()).build()).toList())
                .stringNotEquals(s.stringNotEquals().isEmpty() ? null : s.stringNotEquals().stream()
                        .map(kv -> KeyValue.builder().key(kv.key()).value(kv.value()).build()).toList())
                .build();
    }
}
