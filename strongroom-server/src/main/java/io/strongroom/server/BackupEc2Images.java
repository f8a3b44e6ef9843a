package io.strongroom.server;

import io.strongroom.ec2.BackupImages;
import io.strongroom.ec2.Image;
import io.strongroom.ec2.codec.RestoreMetadataJson;
import io.strongroom.ec2.codec.RestoreMetadataJson.DeviceOverride;
import io.strongroom.engine.backup.RecoveryPoint;
import io.strongroom.engine.backup.RecoveryPointService;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * EC2's view of AWS Backup's recovery points of instances: each is an AMI of the vault's account, named and described
 * as AWS Backup names and describes its images, its block device mappings those of the instance as backed up (the
 * point's restore metadata), carrying the instance's and the point's tags (D113). A point that has expired, or that
 * AWS Backup is deleting, has no image.
 */
final class BackupEc2Images implements BackupImages {
    static final String DESCRIPTION = "This image is created by the AWS Backup service.";
    private static final DateTimeFormatter CREATION_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final RecoveryPointService points;

    BackupEc2Images(RecoveryPointService points) {
        this.points = points;
    }

    @Override
    public List<Image> list(Tx tx, String account, String region) {
        String imageArn = "arn:aws:ec2:" + region + "::image/";
        return points.servicePoints(tx, account, region, "arn:aws:ec2:", imageArn).stream()
                .filter(p -> !RecoveryPoint.DELETING.equals(p.status())) // deregistered as the point is deleted
                .map(BackupEc2Images::image).toList();
    }

    @Override
    public Optional<Image> find(Tx tx, String account, String region, String id) {
        return points.servicePoint(tx, account, region, "arn:aws:ec2:", "arn:aws:ec2:" + region + "::image/" + id)
                .filter(p -> !RecoveryPoint.DELETING.equals(p.status()))
                .map(BackupEc2Images::image);
    }

    static Image image(RecoveryPoint p) {
        String id = p.arn().substring(p.arn().lastIndexOf('/') + 1);
        String instanceId = p.resourceArn().substring(p.resourceArn().lastIndexOf('/') + 1);
        Map<String, String> m = p.restoreMetadata();
        List<Image.BlockDevice> devices = new ArrayList<>();
        for (DeviceOverride d : mappings(m.get("BlockDeviceMappings"))) {
            if (d.noDevice()) {
                continue;
            }
            String type = d.volumeType() == null ? "gp3" : d.volumeType();
            Integer iops = d.iops() != null ? d.iops() : type.equals("gp3") ? Integer.valueOf(3000) : null;
            devices.add(new Image.BlockDevice(d.deviceName(), snapshotId(id, d.deviceName()),
                    d.volumeSize() == null ? 1 : d.volumeSize(), type, iops, type.equals("gp3") ? 125 : null,
                    Boolean.TRUE.equals(d.encrypted()), !Boolean.FALSE.equals(d.deleteOnTermination()),
                    Boolean.TRUE.equals(d.encrypted()) ? d.kmsKeyId() : null));
        }
        // The instance's root volume is its first device (RunInstances and restores list it first).
        String rootDevice = devices.isEmpty() ? null : devices.get(0).deviceName();
        Map<String, String> tags = new LinkedHashMap<>(p.resourceTags());
        tags.putAll(p.tags());
        tags.put(BackupEbsSnapshots.SOURCE_TAG, instanceId);
        return new Image(id, "AwsBackup_" + instanceId + "_" + p.storageId().toLowerCase(Locale.ROOT), DESCRIPTION,
                p.accountId(), null, m.get("Architecture"), rootDevice, devices, "Linux/UNIX",
                CREATION_DATE.format(p.creationDate()),
                RecoveryPoint.CREATING.equals(p.status()) ? Image.PENDING : Image.AVAILABLE, false, instanceId, tags);
    }

    private static List<DeviceOverride> mappings(String json) {
        if (json == null || json.isEmpty()) {
            return List.of(); // the point's data is not in the vault yet
        }
        try {
            return List.copyOf(RestoreMetadataJson.deviceOverrides(json).values());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * The id of the EBS snapshot behind one device of the image: stable, derived from the image's id and the device.
     * EC2 lists these snapshots beside the image's (D118).
     */
    static String snapshotId(String imageId, String deviceName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((imageId + "/" + deviceName)
                    .getBytes(StandardCharsets.UTF_8));
            return "snap-0" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
