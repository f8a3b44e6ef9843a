package io.strongroom.api.backup;

import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.LegalHold;
import io.strongroom.engine.backup.LegalHoldService;
import io.strongroom.engine.backup.Page;
import io.strongroom.engine.backup.RecoveryPoint;
import software.amazon.awssdk.services.backup.model.*;

/** Legal holds (spec 10.1): create, get, list, cancel and the recovery points a hold keeps. */
final class LegalHoldOperations {
    private LegalHoldOperations() {
    }

    static void register(ServiceApi.Builder api, LegalHoldService holds) {
        api.write("CreateLegalHold", CreateLegalHoldRequest.class, "backup:CreateLegalHold",
                (ctx, q) -> BackupAccess.tagging("CreateLegalHold", "*", BackupShapes.given(q.tags())),
                (ctx, q) -> {
                    LegalHold h = holds.create(ctx.tx(), ctx.accountId(), ctx.region(), new LegalHoldService.NewHold(
                            q.title(), q.description(), q.idempotencyToken(), selection(q.recoveryPointSelection()),
                            BackupShapes.given(q.tags())));
                    return CreateLegalHoldResponse.builder().legalHoldId(h.id()).legalHoldArn(h.arn())
                            .title(h.title()).description(h.description()).status(h.status())
                            .creationDate(h.creationDate()).recoveryPointSelection(shape(h.selection())).build();
                });
        api.read("GetLegalHold", GetLegalHoldRequest.class, "backup:GetLegalHold",
                (ctx, q) -> BackupAccess.onLegalHold(ctx, "GetLegalHold", q.legalHoldId()),
                (ctx, q) -> {
                    LegalHold h = holds.get(ctx.tx(), ctx.accountId(), ctx.region(), q.legalHoldId());
                    return GetLegalHoldResponse.builder().legalHoldId(h.id()).legalHoldArn(h.arn()).title(h.title())
                            .description(h.description()).status(h.status()).creationDate(h.creationDate())
                            .cancelDescription(h.cancelDescription()).cancellationDate(h.cancellationDate())
                            .retainRecordUntil(h.retainRecordUntil()).recoveryPointSelection(shape(h.selection()))
                            .build();
                });
        api.read("ListLegalHolds", ListLegalHoldsRequest.class, "backup:ListLegalHolds",
                (ctx, q) -> BackupAccess.onAccount("ListLegalHolds"),
                (ctx, q) -> {
                    Page<LegalHold> page = holds.list(ctx.tx(), ctx.accountId(), ctx.region(), q.maxResults(),
                            q.nextToken());
                    return ListLegalHoldsResponse.builder().legalHolds(page.items().stream()
                            .map(h -> software.amazon.awssdk.services.backup.model.LegalHold.builder()
                                    .legalHoldId(h.id()).legalHoldArn(h.arn()).title(h.title())
                                    .description(h.description()).status(h.status()).creationDate(h.creationDate())
                                    .cancellationDate(h.cancellationDate()).build()).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.write("CancelLegalHold", CancelLegalHoldRequest.class, "backup:CancelLegalHold",
                (ctx, q) -> BackupAccess.onLegalHold(ctx, "CancelLegalHold", q.legalHoldId()),
                (ctx, q) -> {
                    holds.cancel(ctx.tx(), ctx.accountId(), ctx.region(), q.legalHoldId(), q.cancelDescription(),
                            q.retainRecordInDays());
                    return CancelLegalHoldResponse.builder().build();
                });
        api.read("ListRecoveryPointsByLegalHold", ListRecoveryPointsByLegalHoldRequest.class,
                "backup:ListRecoveryPointsByLegalHold",
                (ctx, q) -> BackupAccess.onLegalHold(ctx, "ListRecoveryPointsByLegalHold", q.legalHoldId()),
                (ctx, q) -> {
                    Page<RecoveryPoint> page = holds.recoveryPoints(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.legalHoldId(), q.maxResults(), q.nextToken());
                    return ListRecoveryPointsByLegalHoldResponse.builder().recoveryPoints(page.items().stream()
                            .map(p -> RecoveryPointMember.builder().recoveryPointArn(p.arn())
                                    .resourceArn(p.resourceArn()).resourceType(p.resourceType())
                                    .backupVaultName(p.vaultName()).build()).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.note("CreateLegalHold", "ACTIVE at once; holds the selected recovery points made before it (D43)");
        api.note("CancelLegalHold", "CANCELED at once, without a CANCELING phase (D43)");
    }

    private static LegalHold.Selection selection(RecoveryPointSelection s) {
        if (s == null) {
            return null;
        }
        DateRange range = s.dateRange();
        return new LegalHold.Selection(BackupShapes.given(s.vaultNames()), BackupShapes.given(s.resourceIdentifiers()),
                range == null ? null : range.fromDate(), range == null ? null : range.toDate());
    }

    private static RecoveryPointSelection shape(LegalHold.Selection s) {
        return RecoveryPointSelection.builder()
                .vaultNames(s.vaultNames().isEmpty() ? null : s.vaultNames())
                .resourceIdentifiers(s.resourceIdentifiers().isEmpty() ? null : s.resourceIdentifiers())
                .dateRange(s.fromDate() == null ? null : DateRange.builder().fromDate(s.fromDate())
                        .toDate(s.toDate()).build()).build();
    }
}
