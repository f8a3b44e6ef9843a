package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A legal hold (spec 10.1): while ACTIVE, the recovery points its selection covers cannot be deleted, by request or by
 * their lifecycle.
 *
 * @param selection         which recovery points it holds
 * @param idempotencyToken  the IdempotencyToken it was created with, if any
 * @param retainRecordUntil when a cancelled hold's record disappears (null: kept)
 */
public record LegalHold(String id, String accountId, String region, String title, String description, String status,
                        Instant creationDate, Selection selection, String idempotencyToken, Map<String, String> tags,
                        String cancelDescription, Instant cancellationDate, Instant retainRecordUntil) {
    public static final String ACTIVE = "ACTIVE";
    public static final String CANCELED = "CANCELED";

    public LegalHold {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /**
     * RecoveryPointSelection: vault names (or vault ARNs), resource ARNs and an inclusive creation date range; an
     * empty list or null range does not narrow the selection.
     */
    public record Selection(List<String> vaultNames, List<String> resourceIdentifiers, Instant fromDate,
                            Instant toDate) {
        public Selection {
            vaultNames = vaultNames == null ? List.of() : List.copyOf(vaultNames);
            resourceIdentifiers = resourceIdentifiers == null ? List.of() : List.copyOf(resourceIdentifiers);
        }
    }

    public String arn() {
        return arn(region, accountId, id);
    }

    public static String arn(String region, String account, String id) {
        return "arn:aws:backup:" + region + ":" + account + ":legal-hold:" + id;
    }

    /**
     * Whether this hold (whatever its status) selects a recovery point: one of its account and Region that existed
     * before the hold was created (decision D43) and matches every part of the selection.
     */
    boolean selects(RecoveryPoint p) {
        return p.accountId().equals(accountId) && p.region().equals(region)
                && p.creationDate().isBefore(creationDate)
                && (selection.vaultNames().isEmpty() || selection.vaultNames().contains(p.vaultName())
                || selection.vaultNames().contains(p.vaultArn()))
                && (selection.resourceIdentifiers().isEmpty()
                || selection.resourceIdentifiers().contains(p.resourceArn()))
                && (selection.fromDate() == null || !p.creationDate().isBefore(selection.fromDate()))
                && (selection.toDate() == null || !p.creationDate().isAfter(selection.toDate()));
    }

    LegalHold withTags(Map<String, String> value) {
        return new LegalHold(id, accountId, region, title, description, status, creationDate, selection,
                idempotencyToken, value, cancelDescription, cancellationDate, retainRecordUntil);
    }

    LegalHold canceled(String why, Instant at, Instant retainUntil) {
        return new LegalHold(id, accountId, region, title, description, CANCELED, creationDate, selection,
                idempotencyToken, tags, why, at, retainUntil);
    }
}
