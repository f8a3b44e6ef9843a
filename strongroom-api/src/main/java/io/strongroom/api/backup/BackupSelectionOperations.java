package io.strongroom.api.backup;

import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.BackupSelection;
import io.strongroom.engine.backup.Page;
import io.strongroom.engine.backup.SelectionService;
import software.amazon.awssdk.services.backup.model.*;

/** Backup selections: create (iam:PassRole asked of the Authorizer), get, list, delete. */
final class BackupSelectionOperations {
    private BackupSelectionOperations() {
    }

    static void register(ServiceApi.Builder api, SelectionService selections) {
        api.write("CreateBackupSelection", CreateBackupSelectionRequest.class, "backup:CreateBackupSelection",
                (ctx, q) -> BackupAccess.passRole(BackupAccess.onPlan(ctx, "CreateBackupSelection",
                        q.backupPlanId()), q.backupSelection() == null ? null : q.backupSelection().iamRoleArn()),
                (ctx, q) -> {
                    software.amazon.awssdk.services.backup.model.BackupSelection s = q.backupSelection();
                    SelectionService.CreateSelection in = s == null ? null : new SelectionService.CreateSelection(
                            s.selectionName(), s.iamRoleArn(), BackupShapes.given(s.resources()),
                            BackupShapes.given(s.notResources()), BackupShapes.tags(s.listOfTags()),
                            BackupShapes.conditions(s.conditions()));
                    BackupSelection created = selections.createBackupSelection(ctx.tx(), ctx.accountId(),
                            ctx.region(), q.backupPlanId(), in, q.creatorRequestId());
                    return CreateBackupSelectionResponse.builder().selectionId(created.selectionId())
                            .backupPlanId(created.planId()).creationDate(created.created()).build();
                });
        api.read("GetBackupSelection", GetBackupSelectionRequest.class, "backup:GetBackupSelection",
                (ctx, q) -> BackupAccess.onPlan(ctx, "GetBackupSelection", q.backupPlanId()),
                (ctx, q) -> {
                    BackupSelection s = selections.backupSelection(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.backupPlanId(), q.selectionId());
                    return GetBackupSelectionResponse.builder().backupSelection(BackupShapes.selection(s))
                            .selectionId(s.selectionId()).backupPlanId(s.planId()).creationDate(s.created())
                            .creatorRequestId(s.creatorRequestId()).build();
                });
        api.write("DeleteBackupSelection", DeleteBackupSelectionRequest.class, "backup:DeleteBackupSelection",
                (ctx, q) -> BackupAccess.onPlan(ctx, "DeleteBackupSelection", q.backupPlanId()),
                (ctx, q) -> {
                    selections.deleteBackupSelection(ctx.tx(), ctx.accountId(), ctx.region(), q.backupPlanId(),
                            q.selectionId());
                    return DeleteBackupSelectionResponse.builder().build();
                });
        api.read("ListBackupSelections", ListBackupSelectionsRequest.class, "backup:ListBackupSelections",
                (ctx, q) -> BackupAccess.onPlan(ctx, "ListBackupSelections", q.backupPlanId()),
                (ctx, q) -> {
                    Page<BackupSelection> page = selections.listBackupSelections(ctx.tx(), ctx.accountId(),
                            ctx.region(), q.backupPlanId(), q.maxResults(), q.nextToken());
                    return ListBackupSelectionsResponse.builder().backupSelectionsList(page.items().stream()
                                    .map(s -> BackupSelectionsListMember.builder().selectionId(s.selectionId())
                                            .selectionName(s.name()).backupPlanId(s.planId())
                                            .creationDate(s.created()).creatorRequestId(s.creatorRequestId())
                                            .iamRoleArn(s.iamRoleArn()).build()).toList())
                            .nextToken(page.nextToken()).build();
                });
    }
}
