package io.strongroom.ec2;

import java.util.List;
import java.util.Map;

/** Operation inputs as the engine takes them, independent of SDK shapes. */
public final class Inputs {
    private Inputs() {
    }

    public record CreateVolume(String availabilityZone, Integer size, String volumeType, Integer iops,
                               Boolean encrypted, String kmsKeyId, String snapshotId, Map<String, String> tags) {
    }

    /** A DescribeVolumes / DescribeInstances / DescribeTags filter: name and accepted values. */
    public record Filter(String name, List<String> values) {
    }

    /**
     * RunInstances. {@code instanceTags} and {@code volumeTags} come from the TagSpecifications of resource
     * types {@code instance} and {@code volume}.
     */
    public record RunInstances(String imageId, String instanceType, Integer minCount, Integer maxCount,
                               String availabilityZone, List<BlockDevice> blockDeviceMappings,
                               Map<String, String> instanceTags, Map<String, String> volumeTags, String clientToken,
                               String keyName, String subnetId, List<String> securityGroupIds,
                               Boolean disableApiTermination) {
    }

    /** One BlockDeviceMapping of RunInstances: an EBS volume, a suppressed device, or an instance store. */
    public record BlockDevice(String deviceName, boolean noDevice, String virtualName, Ebs ebs) {
    }

    public record Ebs(Integer volumeSize, String volumeType, Integer iops, Boolean encrypted, String kmsKeyId,
                      Boolean deleteOnTermination, String snapshotId) {
    }
}
