package io.strongroom.server;

import io.strongroom.ec2.BackupSnapshots;
import io.strongroom.ec2.Snapshot;
import io.strongroom.engine.backup.RecoveryPoint;
import io.strongroom.engine.backup.RecoveryPointService;
import io.strongroom.storage.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EC2's view of AWS Backup's EBS recovery points: each is a snapshot of the vault's account, tagged as AWS Backup
 * tags its snapshots, carrying the volume's and the point's tags (D106). A point that has expired, or that AWS Backup is deleting, has no
 * snapshot (D120).
 */
final class BackupEbsSnapshots implements BackupSnapshots {
    static final String DESCRIPTION = "This snapshot is created by the AWS Backup service.";
    static final String SOURCE_TAG = "aws:backup:source-resource";
    private static final long GIB = 1L << 30;

    private final RecoveryPointService points;

    BackupEbsSnapshots(RecoveryPointService points) {
        this.points = points;
    }

    @Override
    public List<Snapshot> list(Tx tx, String account, String region) {
        String snapshotArn = "arn:aws:ec2:" + region + "::snapshot/";
        return points.servicePoints(tx, account, region, "arn:aws:ec2:", snapshotArn).stream()
                .filter(p -> !RecoveryPoint.DELETING.equals(p.status())) // deleted with the point
                .map(BackupEbsSnapshots::snapshot).toList();
    }

    @Override
    public Optional<Snapshot> find(Tx tx, String account, String region, String id) {
        return points.servicePoint(tx, account, region, "arn:aws:ec2:", "arn:aws:ec2:" + region + "::snapshot/" + id)
                .filter(p -> !RecoveryPoint.DELETING.equals(p.status()))
                .map(BackupEbsSnapshots::snapshot);
    }

    static Snapshot snapshot(RecoveryPoint p) {
        String id = p.arn().substring(p.arn().lastIndexOf('/') + 1);
        String volumeId = p.restoreMetadata().getOrDefault("volumeId",
                p.resourceArn().substring(p.resourceArn().lastIndexOf('/') + 1));
        Map<String, String> tags = new LinkedHashMap<>(p.resourceTags());
        tags.putAll(p.tags());
        tags.put(SOURCE_TAG, volumeId);
        return new Snapshot(id, volumeId, RecoveryPoint.CREATING.equals(p.status()) ? "pending" : "completed",
                p.creationDate(), p.accountId(), DESCRIPTION, volumeSize(p), true, p.encryptionKeyArn(),
                RecoveryPoint.COLD.equals(p.storageClass()) ? "archive" : "standard", tags);
    }

    private static int volumeSize(RecoveryPoint p) {
        String size = p.restoreMetadata().get("volumeSize");
        if (size != null && size.matches("\\d{1,9}")) {
            return Integer.parseInt(size);
        }
        return (int) Math.max(1, (p.backupSizeInBytes() + GIB - 1) / GIB);
    }
}
