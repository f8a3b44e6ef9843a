package io.strongroom.rds;

import io.strongroom.storage.Tx;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DescribeDBSnapshots over the snapshots an account has in a Region: those AWS Backup keeps for DB instances
 * ({@link BackupDbSnapshots}, type {@code awsbackup}); CreateDBSnapshot is not served, so there are no manual or
 * automated ones (D108).
 */
public final class DbSnapshotService {
    private static final Set<String> FILTERS = Set.of("db-instance-id", "db-snapshot-id", "dbi-resource-id",
            "snapshot-type", "engine");

    private final BackupDbSnapshots backupSnapshots;

    public DbSnapshotService(BackupDbSnapshots backupSnapshots) {
        this.backupSnapshots = backupSnapshots;
    }

    public record SnapshotPage(List<DbSnapshot> snapshots, String marker) {
    }

    /**
     * As RDS answers: without SnapshotType, automated and manual snapshots (none here) unless a snapshot identifier
     * names one; with {@code awsbackup}, AWS Backup's. An identifier that names no snapshot is DBSnapshotNotFound.
     */
    public SnapshotPage describe(Tx tx, String account, String region, String instanceIdentifier,
                                 String snapshotIdentifier, String snapshotType, String resourceId,
                                 List<Inputs.Filter> filters, Integer maxRecords, String marker) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> RdsService.checkFilter(f, FILTERS));
        SnapshotTypes.check(snapshotType);
        String snapshotId = snapshotIdentifier == null || snapshotIdentifier.isEmpty() ? null
                : RdsService.idOf(snapshotIdentifier, ":snapshot:");
        String instanceId = instanceIdentifier == null || instanceIdentifier.isEmpty() ? null
                : RdsService.idOf(instanceIdentifier, ":db:");
        List<DbSnapshot> candidates = snapshotId == null ? backupSnapshots.list(tx, account, region)
                : backupSnapshots.find(tx, account, region, snapshotId).stream().toList();
        List<DbSnapshot> matching = candidates.stream()
                .filter(s -> SnapshotTypes.listed(snapshotId, snapshotType, s.identifier(), s.snapshotType()))
                .filter(s -> instanceId == null || instanceId.equals(s.instanceIdentifier()))
                .filter(s -> resourceId == null || resourceId.equals(s.resourceId()))
                .filter(s -> fs.stream().allMatch(f -> switch (f.name()) {
                    case "db-instance-id" -> RdsService.anyId(f.values(), s.instanceIdentifier(), ":db:");
                    case "db-snapshot-id" -> RdsService.anyId(f.values(), s.identifier(), ":snapshot:");
                    case "dbi-resource-id" -> f.values().contains(s.resourceId());
                    case "snapshot-type" -> f.values().contains(s.snapshotType());
                    case "engine" -> f.values().contains(s.engine());
                    default -> false;
                }))
                .sorted(Comparator.comparing(DbSnapshot::identifier)).toList();
        if (snapshotId != null && matching.isEmpty()) {
            throw RdsErrors.snapshotNotFound(snapshotIdentifier.toLowerCase(Locale.ROOT));
        }
        RdsService.Page<DbSnapshot> page = RdsService.page(matching, DbSnapshot::identifier, maxRecords, marker);
        return new SnapshotPage(page.items(), page.marker());
    }
}
