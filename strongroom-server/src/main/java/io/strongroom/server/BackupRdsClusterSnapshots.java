package io.strongroom.server;

import io.strongroom.engine.backup.RecoveryPoint;
import io.strongroom.engine.backup.RecoveryPointService;
import io.strongroom.rds.BackupDbClusterSnapshots;
import io.strongroom.rds.DbClusterSnapshot;
import io.strongroom.storage.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RDS's view of AWS Backup's recovery points of Aurora DB clusters: each is a DB cluster snapshot
 * {@code awsbackup:job-<id>} of the vault's account, of type {@code awsbackup}, described from the point's restore
 * metadata (D114). A point that has expired, or that AWS Backup is deleting, has no snapshot.
 */
final class BackupRdsClusterSnapshots implements BackupDbClusterSnapshots {
    private static final Pattern ZONE = Pattern.compile("\"([a-z0-9-]+)\"");

    private final RecoveryPointService points;

    BackupRdsClusterSnapshots(RecoveryPointService points) {
        this.points = points;
    }

    @Override
    public List<DbClusterSnapshot> list(Tx tx, String account, String region) {
        String snapshotArn = "arn:aws:rds:" + region + ":" + account + ":cluster-snapshot:";
        return points.servicePoints(tx, account, region, "arn:aws:rds:", snapshotArn).stream()
                .filter(p -> !RecoveryPoint.DELETING.equals(p.status())) // deleted as the point is deleted
                .map(p -> snapshot(p, snapshotArn)).toList();
    }

    @Override
    public Optional<DbClusterSnapshot> find(Tx tx, String account, String region, String identifier) {
        String snapshotArn = "arn:aws:rds:" + region + ":" + account + ":cluster-snapshot:";
        return points.servicePoint(tx, account, region, "arn:aws:rds:", snapshotArn + identifier)
                .filter(p -> !RecoveryPoint.DELETING.equals(p.status()))
                .map(p -> snapshot(p, snapshotArn));
    }

    static DbClusterSnapshot snapshot(RecoveryPoint p, String snapshotArn) {
        Map<String, String> m = p.restoreMetadata();
        String cluster = m.getOrDefault("DBClusterIdentifier",
                p.resourceArn().substring(p.resourceArn().lastIndexOf(':') + 1));
        Map<String, String> tags = new LinkedHashMap<>(p.resourceTags());
        tags.putAll(p.tags());
        return new DbClusterSnapshot(p.arn().substring(snapshotArn.length()), p.arn(), cluster, p.creationDate(),
                null, m.get("Engine"), m.get("EngineVersion"), number(m.get("Port")), zones(m.get("AvailabilityZones")),
                true, p.encryptionKeyArn(), "awsbackup", RecoveryPoint.CREATING.equals(p.status()) ? "creating"
                : "available", tags);
    }

    private static int number(String value) {
        return value != null && value.matches("\\d{1,9}") ? Integer.parseInt(value) : 0;
    }

    /** The zones as the provider wrote them (a JSON array of names); a point whose metadata has none lists none. */
    static List<String> zones(String json) {
        return json == null ? List.of() : ZONE.matcher(json).results().map(r -> r.group(1)).toList();
    }
}
