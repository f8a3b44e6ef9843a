package io.strongroom.ec2;

import java.time.Instant;
import java.util.Map;

/**
 * An EBS snapshot as DescribeSnapshots reports it.
 *
 * @param state       pending, completed or error
 * @param storageTier standard or archive
 */
public record Snapshot(String id, String volumeId, String state, Instant startTime, String ownerId,
                       String description, int volumeSize, boolean encrypted, String kmsKeyId,
                       String storageTier, Map<String, String> tags) {
    public Snapshot {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static String arn(String region, String id) {
        return "arn:aws:ec2:" + region + "::snapshot/" + id;
    }

    public Snapshot withTags(Map<String, String> value) {
        return new Snapshot(id, volumeId, state, startTime, ownerId, description, volumeSize, encrypted, kmsKeyId,
                storageTier, value);
    }

    public String progress() {
        return "pending".equals(state) ? "0%" : "100%";
    }
}
