package io.strongroom.ec2;

import java.util.Map;

/** Operation inputs as the engine takes them, independent of SDK shapes. */
public final class Inputs {
    private Inputs() {
    }

    public record CreateVolume(String availabilityZone, Integer size, String volumeType, Integer iops,
                               Boolean encrypted, String kmsKeyId, String snapshotId, Map<String, String> tags) {
    }

    /** A DescribeVolumes / DescribeTags filter: name and accepted values. */
    public record Filter(String name, java.util.List<String> values) {
    }
}
