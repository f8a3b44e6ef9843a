package io.strongroom.rds;

import io.strongroom.storage.Tx;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The DB snapshots an account has in a Region: its manual ones ({@link ManualDbSnapshots}, D128) and those AWS Backup
 * keeps for DB instances ({@link BackupDbSnapshots}, type {@code awsbackup}, D108), which RDS neither deletes nor
 * restores here; there are no automated ones.
 */
public final class DbSnapshotService {
    private static final Set<String> FILTERS = Set.of("db-instance-id", "db-snapshot-id", "dbi-resource-id",
            "snapshot-type", "engine");

    private final ManualDbSnapshots manual;
    private final BackupDbSnapshots backupSnapshots;

    public DbSnapshotService(ManualDbSnapshots manual, BackupDbSnapshots backupSnapshots) {
        this.manual = manual;
        this.backupSnapshots = backupSnapshots;
    }

    public DbSnapshot create(Tx tx, String account, String region, String snapshotIdentifier,
                             String instanceIdentifier, java.util.Map<String, String> tags) {
        return manual.create(tx, account, region, snapshotIdentifier, instanceIdentifier, tags).describe("available");
    }

    /** DeleteDBSnapshot: a manual snapshot goes; AWS Backup's stay AWS Backup's to delete. */
    public DbSnapshot delete(Tx tx, String account, String region, String snapshotIdentifier) {
        return manual.delete(tx, own(tx, account, region, snapshotIdentifier, "DBSnapshotIdentifier",
                "delete it with AWS Backup's DeleteRecoveryPoint")).describe("deleted");
    }

    /**
     * RestoreDBInstanceFromDBSnapshot from a manual snapshot of the caller's or, by ARN, one shared with it (D144)
     * unless encrypted, as RDS documents; AWS Backup's are restored by AWS Backup (D128).
     */
    public DbInstance restore(Tx tx, String account, String region, String snapshotIdentifier,
                              ManualDbSnapshots.Restore in) {
        ManualDbSnapshot s = ownOrShared(tx, account, region, snapshotIdentifier, "DBSnapshotIdentifier",
                "restore it with AWS Backup's StartRestoreJob");
        if (!s.accountId().equals(account) && s.encrypted()) {
            throw RdsErrors.invalidSnapshotState("DB snapshot " + s.arn() + " is shared and encrypted: it cannot be "
                    + "restored directly. Copy it with CopyDBSnapshot and restore the copy.");
        }
        return manual.restore(tx, account, s, in);
    }

    /**
     * CopyDBSnapshot within the Region (D137): a manual snapshot of the caller's, or one shared with it named by ARN
     * (D144), becomes a manual snapshot of the caller's; AWS Backup's are copied with AWS Backup's StartCopyJob.
     */
    public DbSnapshot copy(Tx tx, String account, String region, String source, String sourceRegion,
                           String preSignedUrl, Inputs.CopySnapshot in) {
        SnapshotCopies.checkSource(source, sourceRegion, preSignedUrl, region);
        ManualDbSnapshot s = ownOrShared(tx, account, region, source, "SourceDBSnapshotIdentifier",
                "copy it with AWS Backup's StartCopyJob");
        SnapshotCopies.checkSharedKey(s, account, in);
        return manual.copy(tx, account, s, in).describe("available");
    }

    /** ModifyDBSnapshotAttribute (D144): who else may copy and restore a manual snapshot of the caller's. */
    public List<String> modifyAttribute(Tx tx, String account, String region, String snapshotIdentifier,
                                        String attributeName, List<String> add, List<String> remove) {
        return manual.modifyAttribute(tx, own(tx, account, region, snapshotIdentifier, "DBSnapshotIdentifier",
                "only manual snapshots can be shared; share a copy made with CopyDBSnapshot"), attributeName, add,
                remove);
    }

    /** DescribeDBSnapshotAttributes (D144). */
    public List<String> attributes(Tx tx, String account, String region, String snapshotIdentifier) {
        return manual.attributes(tx, account, region, snapshotIdentifier, "DBSnapshotIdentifier",
                id -> backupSnapshots.find(tx, account, region, id).isPresent(), RdsErrors::snapshotNotFound);
    }

    private ManualDbSnapshot ownOrShared(Tx tx, String account, String region, String snapshotIdentifier,
                                         String parameter, String instead) {
        return manual.ownOrShared(tx, account, region, snapshotIdentifier,
                () -> own(tx, account, region, snapshotIdentifier, parameter, instead), RdsErrors::snapshotNotFound);
    }

    private ManualDbSnapshot own(Tx tx, String account, String region, String snapshotIdentifier,
                                 String parameter, String instead) {
        return ManualSnapshots.manualOnly(snapshotIdentifier, parameter, ":snapshot:",
                id -> manual.find(tx, account, region, id),
                id -> backupSnapshots.find(tx, account, region, id).isPresent(),
                id -> RdsErrors.invalidSnapshotState("DB snapshot " + id + " is kept by AWS Backup as a recovery "
                        + "point: " + instead + "."), RdsErrors::snapshotNotFound);
    }

    public record SnapshotPage(List<DbSnapshot> snapshots, String marker) {
    }

    /**
     * As RDS answers: without SnapshotType, automated and manual snapshots (none here) unless a snapshot identifier
     * names one, and those shared with the caller with IncludeShared and IncludePublic (D144); with {@code awsbackup},
     * AWS Backup's. An identifier that names no snapshot is DBSnapshotNotFound.
     */
    public SnapshotPage describe(Tx tx, String account, String region, String instanceIdentifier,
                                 String snapshotIdentifier, SnapshotTypes.Asked asked, String resourceId,
                                 List<Inputs.Filter> filters, Integer maxRecords, String marker) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> DescribeRequests.checkFilter(f, FILTERS));
        String snapshotId = snapshotIdentifier == null || snapshotIdentifier.isEmpty() ? null
                : DescribeRequests.idOf(snapshotIdentifier, ":snapshot:");
        String instanceId = instanceIdentifier == null || instanceIdentifier.isEmpty() ? null
                : DescribeRequests.idOf(instanceIdentifier, ":db:");
        List<DbSnapshot> candidates = manual.candidates(tx, account, region, snapshotIdentifier, asked,
                s -> s.describe("available"), ManualDbSnapshot::describeShared,
                () -> backupSnapshots.list(tx, account, region), id -> backupSnapshots.find(tx, account, region, id));
        List<DbSnapshot> matching = candidates.stream()
                .filter(s -> asked.listed(snapshotId, s.identifier(), s.snapshotType()))
                .filter(s -> instanceId == null || instanceId.equals(s.instanceIdentifier()))
                .filter(s -> resourceId == null || resourceId.equals(s.resourceId()))
                .filter(s -> fs.stream().allMatch(f -> switch (f.name()) {
                    case "db-instance-id" -> DescribeRequests.anyId(f.values(), s.instanceIdentifier(), ":db:");
                    case "db-snapshot-id" -> DescribeRequests.anyId(f.values(), s.identifier(), ":snapshot:");
                    case "dbi-resource-id" -> f.values().contains(s.resourceId());
                    case "snapshot-type" -> f.values().contains(s.snapshotType());
                    case "engine" -> f.values().contains(s.engine());
                    default -> false;
                }))
                .sorted(Comparator.comparing(DbSnapshotService::order)).toList();
        if (snapshotId != null && matching.isEmpty()) {
            throw RdsErrors.snapshotNotFound(snapshotIdentifier.toLowerCase(Locale.ROOT));
        }
        DescribeRequests.Page<DbSnapshot> page = DescribeRequests.page(matching, DbSnapshotService::order,
                maxRecords, marker);
        return new SnapshotPage(page.items(), page.marker());
    }

    private static String order(DbSnapshot s) {
        return SnapshotTypes.order(s.identifier(), s.arn());
    }
}
