package io.strongroom.ec2;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An EBS volume's configuration as stored. State is always {@code available} once created (see
 * docs/decisions.md); volumes are never attached here.
 *
 * @param size         the size in GiB
 * @param kmsKeyId     the key ARN (or the default key's alias ARN) when encrypted; null otherwise
 * @param restoredFrom for a volume an AWS Backup restore created, the source volume's ARN
 */
public record Volume(String accountId, String region, String id, String availabilityZone, int size,
                     String volumeType, Integer iops, boolean encrypted, String kmsKeyId, Instant created,
                     Map<String, String> tags, String restoredFrom) {
    public Volume {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public String arn() {
        return arn(region, accountId, id);
    }

    public static String arn(String region, String accountId, String id) {
        return "arn:aws:ec2:" + region + ":" + accountId + ":volume/" + id;
    }

    public long sizeBytes() {
        return size * 1024L * 1024L * 1024L;
    }

    public Volume withTags(Map<String, String> newTags) {
        return new Volume(accountId, region, id, availabilityZone, size, volumeType, iops, encrypted, kmsKeyId,
                created, newTags, restoredFrom);
    }
}
