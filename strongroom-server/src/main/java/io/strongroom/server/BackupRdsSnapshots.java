package io.strongroom.server;

import io.strongroom.engine.backup.RecoveryPoint;
import io.strongroom.engine.backup.RecoveryPointService;
import io.strongroom.rds.BackupDbSnapshots;
import io.strongroom.rds.DbSnapshot;
import io.strongroom.storage.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RDS's view of AWS Backup's recovery points of DB instances: each is a DB snapshot {@code awsbackup:job-<id>} of
 * the vault's account, of type {@code awsbackup}, described from the point's restore metadata (D108). A point that
 * has expired, or that AWS Backup is deleting, has no snapshot (D120).
 */
final class BackupRdsSnapshots implements BackupDbSnapshots {
    private final RecoveryPointService points;

    BackupRdsSnapshots(RecoveryPointService points) {
        this.points = points;
    }

    @Override
    public List<DbSnapshot> list(Tx tx, String account, String region) {
        String snapshotArn = "arn:aws:rds:" + region + ":" + account + ":snapshot:";
        return points.servicePoints(tx, account, region, "arn:aws:rds:", snapshotArn).stream()
                .filter(p -> !RecoveryPoint.DELETING.equals(p.status())) // deleted with the point
                .map(p -> snapshot(p, snapshotArn)).toList();
    }

    @Override
    public Optional<DbSnapshot> find(Tx tx, String account, String region, String identifier) {
        String snapshotArn = "arn:aws:rds:" + region + ":" + account + ":snapshot:";
        return points.servicePoint(tx, account, region, "arn:aws:rds:", snapshotArn + identifier)
                .filter(p -> !RecoveryPoint.DELETING.equals(p.status()))
                .map(p -> snapshot(p, snapshotArn));
    }

    private static DbSnapshot snapshot(RecoveryPoint p, String snapshotArn) {
        Map<String, String> m = p.restoreMetadata();
        String instance = m.getOrDefault("DBInstanceIdentifier",
                p.resourceArn().substring(p.resourceArn().lastIndexOf(':') + 1));
        Map<String, String> tags = new LinkedHashMap<>(p.resourceTags());
        tags.putAll(p.tags());
        return new DbSnapshot(p.arn().substring(snapshotArn.length()), p.arn(), instance, m.get("DbiResourceId"),
                p.creationDate(), m.get("Engine"), m.get("EngineVersion"), number(m.get("AllocatedStorage")),
                number(m.get("Port")), m.get("AvailabilityZone"), m.get("StorageType"), true,
                p.encryptionKeyArn(), "awsbackup", RecoveryPoint.CREATING.equals(p.status()) ? "creating"
                : "available", tags);
    }

    private static int number(String value) {
        return value != null && value.matches("\\d{1,9}") ? Integer.parseInt(value) : 0;
    }
}
