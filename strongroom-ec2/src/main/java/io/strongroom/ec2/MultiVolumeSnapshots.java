package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CreateSnapshots (D142): one snapshot of the account's own kind (D127) for each EBS volume attached to an instance,
 * crash-consistent across the instance because the call copies every volume's bytes in one transaction, while no other
 * call writes them.
 */
public final class MultiVolumeSnapshots {
    /** EC2: "You can specify up to 40 volume IDs per request." */
    static final int MAX_EXCLUDED = 40;

    private final InstanceService instances;
    private final Ec2Service volumes;
    private final OwnSnapshotService own;

    public MultiVolumeSnapshots(InstanceService instances, Ec2Service volumes, OwnSnapshotService own) {
        this.instances = instances;
        this.volumes = volumes;
        this.own = own;
    }

    /**
     * What CreateSnapshots takes.
     *
     * @param copyTagsFromSource {@code volume} to give each snapshot its volume's tags, or null
     */
    public record Request(String instanceId, Boolean excludeBootVolume, List<String> excludeDataVolumeIds,
                          String description, Map<String, String> tags, String copyTagsFromSource) {
    }

    /**
     * The snapshots of the instance's volumes in the order of its devices, but the root volume's when
     * {@code ExcludeBootVolume} and the data volumes named in {@code ExcludeDataVolumeIds}; none when nothing is left.
     */
    public List<OwnSnapshot> create(Tx tx, String account, String region, Request in) {
        if (in.instanceId() == null || in.instanceId().isEmpty()) {
            throw Ec2Errors.missingParameter("InstanceSpecification.InstanceId");
        }
        Instance instance = instances.instance(tx, account, region, in.instanceId());
        if (!instance.live()) {
            throw Ec2Errors.incorrectInstanceState(instance.id(), "snapshotted");
        }
        Set<String> excluded = excludedDataVolumes(instance, in.excludeDataVolumeIds());
        boolean copyVolumeTags = copyVolumeTags(in.copyTagsFromSource());
        Map<String, String> given = TagRules.nonNull(in.tags());
        TagRules.validate(given);
        List<Volume> chosen = new ArrayList<>();
        for (Instance.Device d : instance.devices()) {
            boolean root = d.deviceName().equals(instance.rootDeviceName());
            if (!(root && Boolean.TRUE.equals(in.excludeBootVolume())) && !excluded.contains(d.volumeId())) {
                chosen.add(volumes.volume(tx, account, region, d.volumeId()));
            }
        }
        Map<String, Map<String, String>> tagsByVolume = new LinkedHashMap<>();
        for (Volume v : chosen) {
            Map<String, String> tags = new LinkedHashMap<>(copyVolumeTags ? v.tags() : Map.of());
            tags.putAll(given); // the call's tags win over the volume's of the same key
            if (tags.size() > TagRules.MAX_TAGS) {
                throw TagRules.tagLimitExceeded();
            }
            tagsByVolume.put(v.id(), tags);
        }
        return own.createAll(tx, chosen, in.description() == null ? "" : in.description(),
                v -> tagsByVolume.get(v.id()));
    }

    /** The data volumes to leave out: well-formed ids, at most 40, never the root volume's. */
    private static Set<String> excludedDataVolumes(Instance instance, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        if (ids.size() > MAX_EXCLUDED) {
            throw Ec2Errors.invalidParameterValue("Value (" + ids.size() + ") for parameter ExcludeDataVolumeIds is "
                    + "invalid. Expecting at most " + MAX_EXCLUDED + " volume IDs.");
        }
        ids.forEach(Ec2Service::checkVolumeId);
        instance.devices().stream().filter(d -> d.deviceName().equals(instance.rootDeviceName())
                && ids.contains(d.volumeId())).findFirst().ifPresent(d -> {
                    throw Ec2Errors.invalidParameterValue("The root volume " + d.volumeId() + " of instance "
                            + instance.id() + " cannot be excluded with ExcludeDataVolumeIds; use ExcludeBootVolume.");
                });
        return Set.copyOf(ids);
    }

    private static boolean copyVolumeTags(String copyTagsFromSource) {
        if (copyTagsFromSource == null) {
            return false;
        }
        if (!copyTagsFromSource.equals("volume")) {
            throw Ec2Errors.invalidParameterValue("Value (" + copyTagsFromSource + ") for parameter "
                    + "CopyTagsFromSource is invalid. Expecting 'volume'.");
        }
        return true;
    }
}
