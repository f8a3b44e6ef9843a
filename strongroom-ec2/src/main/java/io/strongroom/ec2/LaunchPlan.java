package io.strongroom.ec2;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The EBS volumes a launch creates for each instance: the image's root volume, changed by a mapping of the root
 * device name, and one volume for every other mapping with {@code Ebs}. Instance-store mappings
 * ({@code VirtualName}) are ignored, as on instance types without instance storage; {@code NoDevice} drops a
 * device. Volumes made at launch are deleted on termination unless the mapping says otherwise.
 */
final class LaunchPlan {
    private LaunchPlan() {
    }

    static List<InstanceService.PlannedVolume> volumes(Image image, List<Inputs.BlockDevice> mappings) {
        InstanceService.PlannedVolume root = new InstanceService.PlannedVolume(image.rootDeviceName(),
                image.rootVolumeSize(), image.rootVolumeType(), null, null, null, true);
        List<InstanceService.PlannedVolume> others = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Inputs.BlockDevice m : mappings == null ? List.<Inputs.BlockDevice>of() : mappings) {
            String device = m.deviceName();
            if (device == null || device.isEmpty()) {
                throw Ec2Errors.missingParameter("BlockDeviceMapping.DeviceName");
            }
            if (!seen.add(device)) {
                throw Ec2Errors.invalidBlockDeviceMapping("The device '" + device + "' is used in more than one "
                        + "block-device mapping");
            }
            boolean isRoot = device.equals(image.rootDeviceName());
            if (m.noDevice()) {
                if (isRoot) {
                    throw Ec2Errors.invalidBlockDeviceMapping("The device '" + device + "' is the root device and "
                            + "cannot be suppressed");
                }
                continue;
            }
            Inputs.Ebs ebs = m.ebs();
            if (ebs == null) {
                continue; // an instance-store (VirtualName) mapping
            }
            if (ebs.snapshotId() != null && !(isRoot && ebs.snapshotId().equals(image.rootSnapshotId()))) {
                throw Ec2Errors.snapshotNotFound(ebs.snapshotId());
            }
            boolean deleteOnTermination = ebs.deleteOnTermination() == null || ebs.deleteOnTermination();
            if (isRoot) {
                int size = ebs.volumeSize() == null ? image.rootVolumeSize() : ebs.volumeSize();
                if (size < image.rootVolumeSize()) {
                    throw Ec2Errors.invalidBlockDeviceMapping("Volume of size " + size + "GB is smaller than "
                            + "snapshot '" + image.rootSnapshotId() + "', expect size >= " + image.rootVolumeSize()
                            + "GB");
                }
                root = new InstanceService.PlannedVolume(device, size,
                        ebs.volumeType() == null ? image.rootVolumeType() : ebs.volumeType(), ebs.iops(),
                        ebs.encrypted(), ebs.kmsKeyId(), deleteOnTermination);
            } else {
                if (ebs.volumeSize() == null) {
                    throw Ec2Errors.invalidBlockDeviceMapping("The device '" + device + "' has neither a snapshot "
                            + "nor a volume size");
                }
                others.add(new InstanceService.PlannedVolume(device, ebs.volumeSize(), ebs.volumeType(), ebs.iops(),
                        ebs.encrypted(), ebs.kmsKeyId(), deleteOnTermination));
            }
        }
        List<InstanceService.PlannedVolume> all = new ArrayList<>();
        all.add(root);
        all.addAll(others);
        return all;
    }
}
