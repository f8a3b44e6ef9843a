package io.strongroom.api.backup;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.BackupJobService;
import io.strongroom.engine.backup.BackupJobs;
import io.strongroom.engine.backup.Page;
import io.strongroom.engine.backup.RecoveryPoint;
import io.strongroom.engine.backup.RecoveryPointService;
import io.strongroom.engine.backup.RestoreJob;
import io.strongroom.engine.backup.RestoreJobService;
import software.amazon.awssdk.services.backup.model.*;

import java.util.Map;

/** Backup jobs, recovery points, protected resources and restore jobs (spec 5, 6). */
final class BackupJobOperations {
    private BackupJobOperations() {
    }

    static void register(ServiceApi.Builder api, BackupJobs jobs) {
        backupJobs(api, jobs.backups());
        recoveryPoints(api, jobs.recoveryPoints());
        protectedResources(api, jobs.recoveryPoints());
        restoreJobs(api, jobs.restores());
        CopyJobOperations.register(api, jobs.copies(), jobs.globalSettings());
        JobSummaryOperations.register(api, jobs);
        api.note("StartBackupJob", "Runs when the clock next moves; data moves at 100 MiB/s of simulated time after "
                + "a minute of setup (D41); no continuous backup, Index or logically air-gapped target");
        api.note("ListBackupJobs", "ByParentJobId finds nothing (no composite jobs); older jobs than the listed 30 days "
                + "are kept for DescribeBackupJob (D125)");
        api.note("DeleteRecoveryPoint", "DELETING for a minute of the clock, then gone (D44)");
        api.note("StartRestoreJob", "Restores into a new resource of the recovery point's account; metadata keys as "
                + "decision D37 lists per type");
    }

    private static void backupJobs(ServiceApi.Builder api, BackupJobService backups) {
        api.write("StartBackupJob", StartBackupJobRequest.class, "backup:StartBackupJob",
                (ctx, q) -> BackupAccess.passRole(BackupAccess.onVault(ctx, "StartBackupJob", q.backupVaultName()),
                        q.iamRoleArn()),
                (ctx, q) -> {
                    var job = backups.start(ctx.tx(), ctx.accountId(), ctx.region(), ctx.caller().arn(),
                            new BackupJobService.StartBackup(q.backupVaultName(), q.resourceArn(), q.iamRoleArn(),
                                    q.idempotencyToken(), q.startWindowMinutes(), q.completeWindowMinutes(),
                                    BackupShapes.lifecycle(q.lifecycle()),
                                    q.hasRecoveryPointTags() ? q.recoveryPointTags() : null,
                                    q.hasBackupOptions() ? q.backupOptions() : null), Map.of());
                    return StartBackupJobResponse.builder().backupJobId(job.jobId())
                            .recoveryPointArn(job.recoveryPointArn()).creationDate(job.creationDate())
                            .isParent(false).build();
                });
        api.read("DescribeBackupJob", DescribeBackupJobRequest.class, "backup:DescribeBackupJob",
                (ctx, q) -> BackupAccess.onAccount("DescribeBackupJob"),
                (ctx, q) -> BackupShapes.copy(member(backups.describe(ctx.tx(), ctx.accountId(), ctx.region(),
                        q.backupJobId())), DescribeBackupJobResponse.builder()).numberOfChildJobs(0L).build());
        api.read("ListBackupJobs", ListBackupJobsRequest.class, "backup:ListBackupJobs",
                (ctx, q) -> BackupAccess.onAccount("ListBackupJobs"),
                (ctx, q) -> {
                    if (q.byParentJobId() != null) {
                        return ListBackupJobsResponse.builder().backupJobs(java.util.List.of()).build();
                    }
                    Page<io.strongroom.engine.backup.BackupJob> page = backups.list(ctx.tx(), ctx.accountId(),
                            ctx.region(), new BackupJobService.JobFilter(q.byResourceArn(), q.byStateAsString(),
                                    q.byBackupVaultName(), q.byCreatedBefore(), q.byCreatedAfter(),
                                    q.byResourceType(), q.byAccountId(), q.byCompleteBefore(), q.byCompleteAfter(),
                                    q.byMessageCategory()), q.maxResults(), q.nextToken());
                    return ListBackupJobsResponse.builder().backupJobs(page.items().stream()
                            .map(BackupJobOperations::member).toList()).nextToken(page.nextToken()).build();
                });
        api.write("StopBackupJob", StopBackupJobRequest.class, "backup:StopBackupJob",
                (ctx, q) -> BackupAccess.onAccount("StopBackupJob"),
                (ctx, q) -> {
                    backups.stop(ctx.tx(), ctx.accountId(), ctx.region(), q.backupJobId());
                    return StopBackupJobResponse.builder().build();
                });
    }

    private static BackupJob member(io.strongroom.engine.backup.BackupJob j) {
        boolean done = io.strongroom.engine.backup.BackupJob.COMPLETED.equals(j.state());
        return BackupJob.builder().accountId(j.accountId()).backupJobId(j.jobId()).backupVaultName(j.vaultName())
                .backupVaultArn(j.vaultArn()).recoveryPointArn(j.recoveryPointArn()).resourceArn(j.resourceArn())
                .resourceType(j.resourceType()).resourceName(j.resourceName()).creationDate(j.creationDate())
                .initiationDate(j.initiationDate()).completionDate(j.completionDate()).state(j.state())
                .statusMessage(j.statusMessage()).percentDone(done ? "100.0" : "0.0")
                .backupSizeInBytes(j.backupSizeInBytes()).bytesTransferred(j.backupSizeInBytes())
                .iamRoleArn(j.iamRoleArn()).createdBy(BackupShapes.creator(j.createdBy()))
                .expectedCompletionDate(j.expectedCompletionDate()).startBy(j.startBy())
                .backupOptions(j.backupOptions().isEmpty() ? null : j.backupOptions())
                .backupType(j.backupOptions().isEmpty() ? null : "WindowsVSS")
                .recoveryPointLifecycle(BackupShapes.lifecycle(j.lifecycle())).isParent(false)
                .messageCategory(j.messageCategory()).build();
    }

    private static void recoveryPoints(ServiceApi.Builder api, RecoveryPointService points) {
        api.read("DescribeRecoveryPoint", DescribeRecoveryPointRequest.class, "backup:DescribeRecoveryPoint",
                (ctx, q) -> AccessRequirement.of("backup:DescribeRecoveryPoint", q.recoveryPointArn()),
                (ctx, q) -> {
                    RecoveryPoint p = points.describe(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName(),
                            q.recoveryPointArn());
                    return BackupShapes.copy(byVault(p), DescribeRecoveryPointResponse.builder())
                            .storageClass(p.storageClass()).build();
                });
        api.read("ListRecoveryPointsByBackupVault", ListRecoveryPointsByBackupVaultRequest.class,
                "backup:ListRecoveryPointsByBackupVault",
                (ctx, q) -> BackupAccess.onVault(ctx, "ListRecoveryPointsByBackupVault", q.backupVaultName()),
                (ctx, q) -> {
                    Page<RecoveryPoint> page = points.listByVault(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.backupVaultName(), new RecoveryPointService.PointFilter(q.byResourceArn(),
                                    q.byResourceType(), q.byBackupPlanId(), q.byCreatedBefore(), q.byCreatedAfter()),
                            q.maxResults(), q.nextToken());
                    return ListRecoveryPointsByBackupVaultResponse.builder().recoveryPoints(page.items().stream()
                            .map(BackupJobOperations::byVault).toList()).nextToken(page.nextToken()).build();
                });
        api.read("ListRecoveryPointsByResource", ListRecoveryPointsByResourceRequest.class,
                "backup:ListRecoveryPointsByResource",
                (ctx, q) -> BackupAccess.onAccount("ListRecoveryPointsByResource"),
                (ctx, q) -> {
                    Page<RecoveryPoint> page = points.listByResource(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.resourceArn(), q.maxResults(), q.nextToken());
                    return ListRecoveryPointsByResourceResponse.builder().recoveryPoints(page.items().stream()
                            .map(p -> RecoveryPointByResource.builder().recoveryPointArn(p.arn())
                                    .creationDate(p.creationDate()).status(p.status())
                                    .statusMessage(p.statusMessage()).encryptionKeyArn(p.encryptionKeyArn())
                                    .backupSizeBytes(p.backupSizeInBytes()).backupVaultName(p.vaultName())
                                    .resourceName(p.resourceName()).isParent(false).vaultType(p.vaultType())
                                    .build()).toList()).nextToken(page.nextToken()).build();
                });
        api.read("GetRecoveryPointRestoreMetadata", GetRecoveryPointRestoreMetadataRequest.class,
                "backup:GetRecoveryPointRestoreMetadata",
                (ctx, q) -> AccessRequirement.of("backup:GetRecoveryPointRestoreMetadata", q.recoveryPointArn()),
                (ctx, q) -> {
                    RecoveryPoint p = points.describe(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName(),
                            q.recoveryPointArn());
                    return GetRecoveryPointRestoreMetadataResponse.builder().backupVaultArn(p.vaultArn())
                            .recoveryPointArn(p.arn()).restoreMetadata(p.restoreMetadata())
                            .resourceType(p.resourceType()).build();
                });
        api.write("DeleteRecoveryPoint", DeleteRecoveryPointRequest.class, "backup:DeleteRecoveryPoint",
                (ctx, q) -> AccessRequirement.of("backup:DeleteRecoveryPoint", q.recoveryPointArn()),
                (ctx, q) -> {
                    points.delete(ctx.tx(), ctx.accountId(), ctx.region(), q.backupVaultName(),
                            q.recoveryPointArn());
                    return DeleteRecoveryPointResponse.builder().build();
                });
        api.write("UpdateRecoveryPointLifecycle", UpdateRecoveryPointLifecycleRequest.class,
                "backup:UpdateRecoveryPointLifecycle",
                (ctx, q) -> AccessRequirement.of("backup:UpdateRecoveryPointLifecycle", q.recoveryPointArn()),
                (ctx, q) -> {
                    RecoveryPoint p = points.updateLifecycle(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.backupVaultName(), q.recoveryPointArn(), BackupShapes.lifecycle(q.lifecycle()));
                    return UpdateRecoveryPointLifecycleResponse.builder().backupVaultArn(p.vaultArn())
                            .recoveryPointArn(p.arn()).lifecycle(BackupShapes.lifecycle(p.lifecycle()))
                            .calculatedLifecycle(BackupShapes.calculated(p.moveToColdStorageAt(), p.deleteAt()))
                            .build();
                });
    }

    private static RecoveryPointByBackupVault byVault(RecoveryPoint p) {
        return RecoveryPointByBackupVault.builder().recoveryPointArn(p.arn()).backupVaultName(p.vaultName())
                .backupVaultArn(p.vaultArn()).sourceBackupVaultArn(p.sourceVaultArn()).resourceArn(p.resourceArn())
                .resourceType(p.resourceType()).resourceName(p.resourceName())
                .createdBy(BackupShapes.creator(p.createdBy())).iamRoleArn(p.iamRoleArn()).status(p.status())
                .statusMessage(p.statusMessage()).creationDate(p.creationDate()).initiationDate(p.creationDate())
                .completionDate(p.completionDate()).backupSizeInBytes(p.backupSizeInBytes())
                .calculatedLifecycle(BackupShapes.calculated(p.moveToColdStorageAt(), p.deleteAt()))
                .lifecycle(BackupShapes.lifecycle(p.lifecycle())).encryptionKeyArn(p.encryptionKeyArn())
                .isEncrypted(true).encryptionKeyType(p.encryptionKeyArn() == null ? "AWS_OWNED_KMS_KEY"
                        : "CUSTOMER_MANAGED_KMS_KEY").lastRestoreTime(p.lastRestoreTime()).isParent(false)
                .vaultType(p.vaultType()).build();
    }

    private static void protectedResources(ServiceApi.Builder api, RecoveryPointService points) {
        api.read("ListProtectedResources", ListProtectedResourcesRequest.class, "backup:ListProtectedResources",
                (ctx, q) -> BackupAccess.onAccount("ListProtectedResources"),
                (ctx, q) -> {
                    Page<RecoveryPointService.Protected> page = points.protectedResources(ctx.tx(),
                            ctx.accountId(), ctx.region(), null, q.maxResults(), q.nextToken());
                    return ListProtectedResourcesResponse.builder().results(page.items().stream()
                            .map(BackupJobOperations::protectedMember).toList()).nextToken(page.nextToken()).build();
                });
        api.read("ListProtectedResourcesByBackupVault", ListProtectedResourcesByBackupVaultRequest.class,
                "backup:ListProtectedResourcesByBackupVault",
                (ctx, q) -> BackupAccess.onVault(ctx, "ListProtectedResourcesByBackupVault", q.backupVaultName()),
                (ctx, q) -> {
                    Page<RecoveryPointService.Protected> page = points.protectedResources(ctx.tx(),
                            ctx.accountId(), ctx.region(), q.backupVaultName(), q.maxResults(), q.nextToken());
                    return ListProtectedResourcesByBackupVaultResponse.builder().results(page.items().stream()
                            .map(BackupJobOperations::protectedMember).toList()).nextToken(page.nextToken()).build();
                });
        api.read("DescribeProtectedResource", DescribeProtectedResourceRequest.class,
                "backup:DescribeProtectedResource",
                (ctx, q) -> BackupAccess.onAccount("DescribeProtectedResource"),
                (ctx, q) -> BackupShapes.copy(protectedMember(points.protectedResource(ctx.tx(), ctx.accountId(),
                        ctx.region(), q.resourceArn())), DescribeProtectedResourceResponse.builder()).build());
    }

    private static ProtectedResource protectedMember(RecoveryPointService.Protected p) {
        return ProtectedResource.builder().resourceArn(p.resourceArn()).resourceType(p.resourceType())
                .resourceName(p.resourceName()).lastBackupTime(p.lastBackupTime())
                .lastBackupVaultArn(p.lastBackupVaultArn()).lastRecoveryPointArn(p.lastRecoveryPointArn()).build();
    }

    private static void restoreJobs(ServiceApi.Builder api, RestoreJobService restores) {
        api.write("StartRestoreJob", StartRestoreJobRequest.class, "backup:StartRestoreJob",
                (ctx, q) -> BackupAccess.passRole(AccessRequirement.of("backup:StartRestoreJob",
                        q.recoveryPointArn()), q.iamRoleArn()),
                (ctx, q) -> {
                    RestoreJob job = restores.start(ctx.tx(), ctx.accountId(), ctx.region(),
                            new RestoreJobService.StartRestore(q.recoveryPointArn(),
                                    q.hasMetadata() ? q.metadata() : null, q.iamRoleArn(), q.idempotencyToken(),
                                    q.resourceType(), Boolean.TRUE.equals(q.copySourceTagsToRestoredResource())));
                    return StartRestoreJobResponse.builder().restoreJobId(job.jobId()).build();
                });
        api.read("DescribeRestoreJob", DescribeRestoreJobRequest.class, "backup:DescribeRestoreJob",
                (ctx, q) -> BackupAccess.onAccount("DescribeRestoreJob"),
                (ctx, q) -> BackupShapes.copy(restoreMember(restores.describe(ctx.tx(), ctx.accountId(),
                        ctx.region(), q.restoreJobId())), DescribeRestoreJobResponse.builder()).build());
        api.read("GetRestoreJobMetadata", GetRestoreJobMetadataRequest.class, "backup:GetRestoreJobMetadata",
                (ctx, q) -> BackupAccess.onAccount("GetRestoreJobMetadata"),
                (ctx, q) -> {
                    RestoreJob job = restores.describe(ctx.tx(), ctx.accountId(), ctx.region(), q.restoreJobId());
                    return GetRestoreJobMetadataResponse.builder().restoreJobId(job.jobId())
                            .metadata(job.metadata()).build();
                });
        api.read("ListRestoreJobs", ListRestoreJobsRequest.class, "backup:ListRestoreJobs",
                (ctx, q) -> BackupAccess.onAccount("ListRestoreJobs"),
                (ctx, q) -> {
                    if (q.byParentJobId() != null) { // no composite restores, so no child jobs
                        return ListRestoreJobsResponse.builder().restoreJobs(java.util.List.of()).build();
                    }
                    Page<RestoreJob> page = restores.list(ctx.tx(), ctx.accountId(), ctx.region(),
                            new RestoreJobService.RestoreFilter(q.byAccountId(), q.byResourceType(),
                                    q.byCreatedBefore(), q.byCreatedAfter(), q.byStatusAsString(),
                                    q.byCompleteBefore(), q.byCompleteAfter(), null, q.byRestoreTestingPlanArn()),
                            q.maxResults(), q.nextToken());
                    return ListRestoreJobsResponse.builder().restoreJobs(page.items().stream()
                            .map(BackupJobOperations::restoreMember).toList()).nextToken(page.nextToken()).build();
                });
        api.read("ListRestoreJobsByProtectedResource", ListRestoreJobsByProtectedResourceRequest.class,
                "backup:ListRestoreJobsByProtectedResource",
                (ctx, q) -> BackupAccess.onAccount("ListRestoreJobsByProtectedResource"),
                (ctx, q) -> {
                    if (q.resourceArn() == null || q.resourceArn().isEmpty()) {
                        throw io.strongroom.engine.backup.BackupErrors.missingParameter("ResourceArn");
                    }
                    Page<RestoreJob> page = restores.list(ctx.tx(), ctx.accountId(), ctx.region(),
                            new RestoreJobService.RestoreFilter(null, null, null, null, q.byStatusAsString(), null,
                                    null, q.resourceArn(), null), q.maxResults(), q.nextToken());
                    return ListRestoreJobsByProtectedResourceResponse.builder().restoreJobs(page.items().stream()
                            .filter(j -> (q.byRecoveryPointCreationDateAfter() == null
                                    || j.recoveryPointCreationDate().isAfter(q.byRecoveryPointCreationDateAfter()))
                                    && (q.byRecoveryPointCreationDateBefore() == null || j.recoveryPointCreationDate()
                                    .isBefore(q.byRecoveryPointCreationDateBefore())))
                            .map(BackupJobOperations::restoreMember).toList()).nextToken(page.nextToken()).build();
                });
    }

    private static RestoreJobsListMember restoreMember(RestoreJob j) {
        return RestoreJobsListMember.builder().accountId(j.accountId()).restoreJobId(j.jobId())
                .recoveryPointArn(j.recoveryPointArn()).sourceResourceArn(j.sourceResourceArn())
                .backupVaultArn(j.vaultArn()).creationDate(j.creationDate()).completionDate(j.completionDate())
                .status(j.status()).statusMessage(j.statusMessage())
                .percentDone(RestoreJob.COMPLETED.equals(j.status()) ? "100.0" : "0.0")
                .backupSizeInBytes(j.backupSizeInBytes()).iamRoleArn(j.iamRoleArn())
                .createdResourceArn(RestoreJob.COMPLETED.equals(j.status()) ? j.createdResourceArn() : null)
                .resourceType(j.resourceType()).recoveryPointCreationDate(j.recoveryPointCreationDate())
                .isParent(false)
                .createdBy(j.testing() == null ? null : RestoreJobCreator.builder()
                        .restoreTestingPlanArn(j.testing().planArn()).build())
                .validationStatus(j.testing() == null ? null : j.testing().validationStatus())
                .validationStatusMessage(j.testing() == null ? null : j.testing().validationStatusMessage())
                .deletionStatus(j.testing() == null ? null : j.testing().deletionStatus())
                .deletionStatusMessage(j.testing() == null ? null : j.testing().deletionStatusMessage()).build();
    }
}
