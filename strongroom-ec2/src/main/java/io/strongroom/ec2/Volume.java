package io.strongroom.ec2;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An EBS volume's configuration as stored. A volume is {@code available} once created and {@code in-use} while
 * attached to an instance (see docs/decisions.md).
 *
 * @param size         the size in GiB
 * @param kmsKeyId     the key ARN (or the default key's alias ARN) when encrypted; null otherwise
 * @param restoredFrom for a volume an AWS Backup restore created, the source volume's ARN
 * @param attachment   the instance the volume is attached to, or null
 * @param snapshotId   the EC2 snapshot CreateVolume made the volume from (D127), or null
 */
public record Volume(String accountId, String region, String id, String availabilityZone, int size,
                     String volumeType, Integer iops, boolean encrypted, String kmsKeyId, Instant created,
                     Map<String, String> tags, String restoredFrom, Attachment attachment, String snapshotId) {
    public Volume(String accountId, String region, String id, String availabilityZone, int size, String volumeType,
                  Integer iops, boolean encrypted, String kmsKeyId, Instant created, Map<String, String> tags,
                  String restoredFrom, Attachment attachment) {
        this(accountId, region, id, availabilityZone, size, volumeType, iops, encrypted, kmsKeyId, created, tags,
                restoredFrom, attachment, null);
    }

    public Volume {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    /** A volume's attachment to an instance: always {@code attached} here (attaching is instantaneous). */
    public record Attachment(String instanceId, String device, Instant attachTime, boolean deleteOnTermination) {
    }

    public String arn() {
        return arn(region, accountId, id);
    }

    public static String arn(String region, String accountId, String id) {
        return "arn:aws:ec2:" + region + ":" + accountId + ":volume/" + id;
    }

    public String state() {
        return attachment == null ? "available" : "in-use";
    }

    public long sizeBytes() {
        return size * 1024L * 1024L * 1024L;
    }

    public Volume withTags(Map<String, String> newTags) {
        return new Volume(accountId, region, id, availabilityZone, size, volumeType, iops, encrypted, kmsKeyId,
                created, newTags, restoredFrom, attachment, snapshotId);
    }

    public Volume withAttachment(Attachment newAttachment) {
        return new Volume(accountId, region, id, availabilityZone, size, volumeType, iops, encrypted, kmsKeyId,
                created, tags, restoredFrom, newAttachment, snapshotId);
    }
}
