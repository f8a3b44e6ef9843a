package io.strongroom.ec2;

import java.util.List;
import java.util.Map;

/**
 * A machine image as DescribeImages reports it: a public image of the built-in catalogue, or an image AWS Backup
 * keeps as the recovery point of an instance ({@link BackupImages}). Strongroom serves no image registration.
 *
 * @param rootDeviceName   the device of the root volume, the first of {@code blockDevices}
 * @param creationDate     as EC2 writes it, e.g. {@code 2025-01-15T21:14:39.000Z}
 * @param state            pending or available
 * @param sourceInstanceId the instance the image was made from; null for the catalogue's
 */
public record Image(String id, String name, String description, String ownerId, String ownerAlias,
                    String architecture, String rootDeviceName, List<BlockDevice> blockDevices,
                    String platformDetails, String creationDate, String state, boolean isPublic,
                    String sourceInstanceId, Map<String, String> tags) {
    public static final String PENDING = "pending";
    public static final String AVAILABLE = "available";

    public Image {
        blockDevices = List.copyOf(blockDevices);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /**
     * An EBS volume an instance launched from the image gets: from {@code snapshotId}, of at least {@code volumeSize}
     * GiB.
     *
     * @param iops       null where the volume type has none to report (gp2, standard)
     * @param throughput null where the volume type has none to report (all but gp3)
     * @param kmsKeyId   the key the volume's snapshot is encrypted under, when the image says; else null
     */
    public record BlockDevice(String deviceName, String snapshotId, int volumeSize, String volumeType, Integer iops,
                              Integer throughput, boolean encrypted, boolean deleteOnTermination, String kmsKeyId) {
        public BlockDevice(String deviceName, String snapshotId, int volumeSize, String volumeType, Integer iops,
                           Integer throughput, boolean encrypted, boolean deleteOnTermination) {
            this(deviceName, snapshotId, volumeSize, volumeType, iops, throughput, encrypted, deleteOnTermination,
                    null);
        }
    }

    public static String arn(String region, String id) {
        return "arn:aws:ec2:" + region + "::image/" + id;
    }

    public String arn(String region) {
        return arn(region, id);
    }

    private BlockDevice root() {
        return blockDevices.stream().filter(d -> d.deviceName().equals(rootDeviceName)).findFirst()
                .orElse(blockDevices.get(0));
    }

    /** The size in GiB of the root volume an instance gets unless its block device mapping says otherwise. */
    public int rootVolumeSize() {
        return root().volumeSize();
    }

    public String rootVolumeType() {
        return root().volumeType();
    }

    public String rootSnapshotId() {
        return root().snapshotId();
    }

    public Image withTags(Map<String, String> newTags) {
        return new Image(id, name, description, ownerId, ownerAlias, architecture, rootDeviceName, blockDevices,
                platformDetails, creationDate, state, isPublic, sourceInstanceId, newTags);
    }
}
