package io.strongroom.api.backup;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.CopyJobService;
import io.strongroom.engine.backup.GlobalSettings;
import io.strongroom.engine.backup.GlobalSettingsService;
import io.strongroom.engine.backup.Page;
import software.amazon.awssdk.services.backup.model.*;

import java.util.List;
import java.util.Map;

/** Copy jobs (spec 5.5, 7) and the organization's global settings that gate cross-account copies (spec 8.2). */
final class CopyJobOperations {
    private CopyJobOperations() {
    }

    static void register(ServiceApi.Builder api, CopyJobService copies, GlobalSettingsService settings) {
        copyJobs(api, copies);
        globalSettings(api, settings);
        api.note("StartCopyJob", "Prerequisites are checked when the job runs (FAILED with a message, D46); every "
                + "copy is re-encrypted under the destination vault's key (D48); no continuous or composite copies");
        api.note("ListCopyJobs", "ByParentJobId finds nothing (no composite jobs)");
        api.note("UpdateGlobalSettings", "isMpaEnabled and isDelegatedAdministratorEnabled are stored only");
    }

    private static void copyJobs(ServiceApi.Builder api, CopyJobService copies) {
        api.write("StartCopyJob", StartCopyJobRequest.class, "backup:StartCopyJob",
                (ctx, q) -> BackupAccess.passRole(AccessRequirement.of("backup:StartCopyJob",
                        q.recoveryPointArn()), q.iamRoleArn()),
                (ctx, q) -> {
                    var job = copies.start(ctx.tx(), ctx.accountId(), ctx.region(),
                            new CopyJobService.StartCopy(q.recoveryPointArn(), q.sourceBackupVaultName(),
                                    q.destinationBackupVaultArn(), q.iamRoleArn(), q.idempotencyToken(),
                                    BackupShapes.lifecycle(q.lifecycle())), Map.of(), null);
                    return StartCopyJobResponse.builder().copyJobId(job.jobId()).creationDate(job.creationDate())
                            .isParent(false).build();
                });
        api.read("DescribeCopyJob", DescribeCopyJobRequest.class, "backup:DescribeCopyJob",
                (ctx, q) -> BackupAccess.onAccount("DescribeCopyJob"),
                (ctx, q) -> DescribeCopyJobResponse.builder().copyJob(member(copies.describe(ctx.tx(),
                        ctx.accountId(), ctx.region(), q.copyJobId()))).build());
        api.read("ListCopyJobs", ListCopyJobsRequest.class, "backup:ListCopyJobs",
                (ctx, q) -> BackupAccess.onAccount("ListCopyJobs"),
                (ctx, q) -> {
                    if (q.byParentJobId() != null) {
                        return ListCopyJobsResponse.builder().copyJobs(List.of()).build();
                    }
                    Page<io.strongroom.engine.backup.CopyJob> page = copies.list(ctx.tx(), ctx.accountId(),
                            ctx.region(), new CopyJobService.CopyFilter(q.byResourceArn(), q.byStateAsString(),
                                    q.byCreatedBefore(), q.byCreatedAfter(), q.byResourceType(),
                                    q.byDestinationVaultArn(), q.byAccountId(), q.byCompleteBefore(),
                                    q.byCompleteAfter(), q.byMessageCategory(), q.bySourceRecoveryPointArn()),
                            q.maxResults(), q.nextToken());
                    return ListCopyJobsResponse.builder().copyJobs(page.items().stream()
                            .map(CopyJobOperations::member).toList()).nextToken(page.nextToken()).build();
                });
    }

    private static CopyJob member(io.strongroom.engine.backup.CopyJob j) {
        return CopyJob.builder().accountId(j.accountId()).copyJobId(j.jobId())
                .sourceBackupVaultArn(j.sourceVaultArn()).sourceRecoveryPointArn(j.sourceRecoveryPointArn())
                .destinationBackupVaultArn(j.destinationVaultArn()).destinationVaultType(j.destinationVaultType())
                .destinationVaultLockState(j.destinationVaultLockState())
                .destinationRecoveryPointArn(j.destinationRecoveryPointArn())
                .destinationEncryptionKeyArn(j.destinationEncryptionKeyArn())
                .destinationRecoveryPointLifecycle(BackupShapes.lifecycle(j.destinationLifecycle()))
                .resourceArn(j.resourceArn()).resourceType(j.resourceType()).resourceName(j.resourceName())
                .creationDate(j.creationDate()).completionDate(j.completionDate()).state(j.state())
                .statusMessage(j.statusMessage()).backupSizeInBytes(j.backupSizeInBytes()).iamRoleArn(j.iamRoleArn())
                .createdBy(BackupShapes.creator(j.createdBy())).createdByBackupJobId(j.createdByBackupJobId())
                .isParent(false).messageCategory(j.messageCategory()).build();
    }

    private static void globalSettings(ServiceApi.Builder api, GlobalSettingsService settings) {
        api.read("DescribeGlobalSettings", DescribeGlobalSettingsRequest.class, "backup:DescribeGlobalSettings",
                (ctx, q) -> BackupAccess.onAccount("DescribeGlobalSettings"),
                (ctx, q) -> {
                    GlobalSettings s = settings.describe(ctx.tx(), ctx.accountId());
                    return DescribeGlobalSettingsResponse.builder().globalSettings(s.values())
                            .lastUpdateTime(s.lastUpdateTime()).build();
                });
        api.write("UpdateGlobalSettings", UpdateGlobalSettingsRequest.class, "backup:UpdateGlobalSettings",
                (ctx, q) -> BackupAccess.onAccount("UpdateGlobalSettings"),
                (ctx, q) -> {
                    settings.update(ctx.tx(), ctx.accountId(), BackupShapes.given(q.globalSettings()));
                    return UpdateGlobalSettingsResponse.builder().build();
                });
    }
}
