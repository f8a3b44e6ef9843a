package io.strongroom.ec2;

import io.strongroom.ec2.codec.Ec2Codecs;
import io.strongroom.ec2.codec.RestoreMetadataJson;
import io.strongroom.ec2.codec.RestoreMetadataJson.DeviceOverride;
import io.strongroom.kernel.ServiceException;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.resource.SnapshotData;
import io.strongroom.resource.SnapshotStreams;
import io.strongroom.storage.Tx;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * EC2 instances as AWS Backup protects them (resource type {@code EC2}). A snapshot is the instance's
 * configuration and tags and an EBS snapshot ({@link EbsProvider}) of every attached volume. A restore always
 * launches a new instance with new volumes holding the snapshot's bytes: {@code InstanceType}, {@code Placement},
 * {@code DisableApiTermination} and per-device {@code BlockDeviceMappings} override the source's configuration.
 * The new instance carries the source's tags; the Strongroom key {@code Name} replaces its Name tag and must not
 * be the Name of another instance in the account and Region (the contract's "existing name").
 */
public final class Ec2InstanceProvider implements ResourceProvider {
    private final InstanceService instances;
    private final Ec2Service volumes;
    private final EbsProvider ebs;

    public Ec2InstanceProvider(InstanceService instances, Ec2Service volumes) {
        this.instances = instances;
        this.volumes = volumes;
        this.ebs = new EbsProvider(volumes);
    }

    @Override
    public String resourceType() {
        return "EC2";
    }

    @Override
    public boolean owns(String arn) {
        return arn != null && arn.startsWith("arn:aws:ec2:") && arn.contains(":instance/");
    }

    @Override
    public List<ProtectedResource> list(Tx tx, String accountId, String region) {
        return instances.live(tx, accountId, region).stream().map(i -> resource(tx, i)).toList();
    }

    /** Without the size, which is its volumes' files: the inventory reads only the instance records (D71). */
    @Override
    public List<ProtectedResource> inventory(Tx tx, String accountId, String region) {
        return instances.live(tx, accountId, region).stream().map(this::withoutSize).toList();
    }

    @Override
    public Optional<ProtectedResource> describe(Tx tx, String arn) {
        return instance(tx, arn).map(i -> resource(tx, i));
    }

    /** A restore test's instance: terminated as TerminateInstances does. */
    @Override
    public boolean deleteRestored(Tx tx, String arn) {
        instance(tx, arn).ifPresent(i -> instances.terminate(tx, i.accountId(), i.region(), List.of(i.id())));
        return true;
    }

    @Override
    public Optional<ProtectedResource> find(Tx tx, String arn) {
        return instance(tx, arn).map(this::withoutSize);
    }

    private ProtectedResource withoutSize(Instance i) {
        return new ProtectedResource(i.arn(), resourceType(), i.accountId(), i.region(), i.id(), i.tags(),
                i.launchTime(), 0);
    }

    @Override
    public Snapshot snapshot(Tx tx, String arn) {
        Instance i = instance(tx, arn).orElseThrow(() -> Ec2Errors.instanceNotFound(List.of(Ec2Service.idOf(arn))));
        List<Ec2Codecs.DeviceSnapshot> devices = new ArrayList<>();
        List<SnapshotData> parts = new ArrayList<>();
        List<DeviceOverride> mappings = new ArrayList<>();
        for (Instance.Device d : i.devices()) {
            Volume v = volumes.find(tx, d.volumeId()).orElseThrow(() -> Ec2Errors.volumeNotFound(d.volumeId()));
            EbsProvider.Part part = ebs.part(v);
            devices.add(new Ec2Codecs.DeviceSnapshot(d.deviceName(), d.deleteOnTermination(), v.tags(),
                    part.length()));
            parts.add(part.data());
            mappings.add(new DeviceOverride(d.deviceName(), false, v.size(), v.volumeType(),
                    v.volumeType().equals("gp2") ? null : v.iops(), v.encrypted(), null, d.deleteOnTermination()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("InstanceType", i.instanceType());
        metadata.put("Placement", RestoreMetadataJson.placement(i.availabilityZone()));
        metadata.put("DisableApiTermination", Boolean.toString(i.disableApiTermination()));
        metadata.put("EbsOptimized", "false");
        metadata.put("InstanceInitiatedShutdownBehavior", "stop");
        metadata.put("Monitoring", "{\"State\":\"disabled\"}");
        metadata.put("Architecture", i.architecture());
        metadata.put("RootDeviceType", "ebs");
        metadata.put("VirtualizationType", "hvm");
        metadata.put("EnaSupport", "true");
        metadata.put("BlockDeviceMappings", RestoreMetadataJson.blockDeviceMappings(mappings));
        byte[] header = Ec2Codecs.instanceHeader(i, devices);
        List<SnapshotData> all = new ArrayList<>();
        all.add(SnapshotData.of(header));
        all.addAll(parts);
        return new Snapshot(() -> SnapshotStreams.concat(all.iterator()), metadata, i.tags());
    }

    @Override
    public ProtectedResource restore(Tx tx, String accountId, String region, Snapshot snapshot,
                                     Map<String, String> metadata) {
        return SnapshotStreams.read(snapshot, "EC2", in -> {
            Ec2Codecs.InstanceStream data = Ec2Codecs.readInstance(in);
            ProtectedResource restored = restore(tx, accountId, region, data, metadata);
            data.finish();
            return restored;
        });
    }

    private ProtectedResource restore(Tx tx, String accountId, String region, Ec2Codecs.InstanceStream data,
                                      Map<String, String> metadata) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        metadata.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        Instance source = data.instance();
        refuseUnserved(m);
        String type = m.getOrDefault("instancetype", source.instanceType());
        if (!InstanceTypes.exists(type)) {
            throw new RestoreRejected("Invalid value '" + type + "' for InstanceType.");
        }
        if (!InstanceTypes.architecture(type).equals(source.architecture())) {
            throw new RestoreRejected("The instance type " + type + " does not match the architecture of the "
                    + "backed-up instance (" + source.architecture() + ").");
        }
        String zone = zone(m.get("placement"), source, region);
        Map<String, DeviceOverride> overrides = deviceOverrides(m.get("blockdevicemappings"));
        Map<String, String> tags = new LinkedHashMap<>(source.tags());
        String name = m.get("name");
        if (name != null && !name.isEmpty()) {
            if (instances.live(tx, accountId, region).stream().anyMatch(i -> name.equals(i.tags().get("Name")))) {
                throw new RestoreRejected("An instance named '" + name + "' already exists.");
            }
            tags.put("Name", name);
        }
        List<Instance.Device> devices = new ArrayList<>();
        for (Ec2Codecs.DeviceSnapshot d : data.devices()) {
            DeviceOverride o = overrides.get(d.deviceName());
            InputStream volumeSnapshot = SnapshotStreams.exactly(data.volumes(), d.length(), "EC2");
            if (o != null && o.noDevice()) {
                if (d.deviceName().equals(source.rootDeviceName())) {
                    throw new RestoreRejected("The root device " + d.deviceName() + " cannot be suppressed.");
                }
                SnapshotStreams.drain(volumeSnapshot);
                continue;
            }
            Snapshot volume = new Snapshot(() -> volumeSnapshot, Map.of(), Map.of());
            String volumeId = ebs.restore(tx, accountId, region, volume, volumeMetadata(zone, o)).name();
            volumes.replaceTags(tx, accountId, region, volumeId, d.volumeTags());
            boolean deleteOnTermination = o != null && o.deleteOnTermination() != null ? o.deleteOnTermination()
                    : d.deleteOnTermination();
            devices.add(new Instance.Device(d.deviceName(), volumeId, null, deleteOnTermination));
        }
        boolean protect = m.containsKey("disableapitermination") ? "true".equalsIgnoreCase(
                m.get("disableapitermination")) : source.disableApiTermination();
        Instance restored = instances.launchRestored(tx, accountId, region, source.imageId(), type, zone,
                source.architecture(), source.rootDeviceName(), tags, protect, devices, source.arn());
        return resource(tx, restored);
    }

    /** Key pairs, subnets and security groups are not served: naming one cannot be honoured. */
    private static void refuseUnserved(Map<String, String> m) {
        for (String key : List.of("keyname", "subnetid", "securitygroupids", "networkinterfaces")) {
            String value = m.get(key);
            if (value != null && !value.isEmpty() && !value.equals("[]") && !value.equals("null")) {
                throw new RestoreRejected("Restore metadata is invalid: " + key + " names a resource that does not "
                        + "exist here (" + value + ").");
            }
        }
    }

    private static String zone(String placement, Instance source, String region) {
        String zone = source.availabilityZone();
        if (placement != null && !placement.isEmpty()) {
            try {
                zone = RestoreMetadataJson.availabilityZone(placement).orElse(zone);
            } catch (IllegalArgumentException e) {
                throw new RestoreRejected("Restore metadata is invalid: Placement is not JSON.");
            }
        }
        if (!zone.startsWith(region)) {
            zone = region + "a"; // a copy restored in another Region
        }
        try {
            Ec2Service.checkZone(region, zone);
        } catch (ServiceException e) {
            throw new RestoreRejected(e.getMessage());
        }
        return zone;
    }

    private static Map<String, DeviceOverride> deviceOverrides(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return RestoreMetadataJson.deviceOverrides(json);
        } catch (IllegalArgumentException e) {
            throw new RestoreRejected("Restore metadata is invalid: " + e.getMessage());
        }
    }

    /** The EBS restore metadata of one device: the instance's zone, and what the mapping changes. */
    private static Map<String, String> volumeMetadata(String zone, DeviceOverride o) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("availabilityZone", zone);
        if (o != null) {
            if (o.volumeSize() != null) {
                out.put("volumeSize", Integer.toString(o.volumeSize()));
            }
            if (o.volumeType() != null) {
                out.put("volumeType", o.volumeType());
            }
            if (o.iops() != null) {
                out.put("iops", Integer.toString(o.iops()));
            }
            if (o.encrypted() != null) {
                out.put("encrypted", Boolean.toString(o.encrypted()));
            }
            if (o.kmsKeyId() != null) {
                out.put("kmsKeyId", o.kmsKeyId());
            }
        }
        return out;
    }

    @Override
    public void tag(Tx tx, String arn, Map<String, String> tags) {
        String[] parts = arn.split(":", 6);
        instances.tag(tx, parts[4], parts[3], arn, tags);
    }

    @Override
    public void untag(Tx tx, String arn, List<String> keys) {
        String[] parts = arn.split(":", 6);
        instances.untag(tx, parts[4], parts[3], arn, keys);
    }

    private Optional<Instance> instance(Tx tx, String arn) {
        if (!owns(arn)) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6) {
            return Optional.empty();
        }
        return instances.find(tx, parts[4], parts[3], arn).filter(Instance::live);
    }

    private ProtectedResource resource(Tx tx, Instance i) {
        long bytes = i.devices().stream().flatMap(d -> volumes.find(tx, d.volumeId()).stream())
                .mapToLong(volumes::dataLength).sum();
        return new ProtectedResource(i.arn(), resourceType(), i.accountId(), i.region(), i.id(), i.tags(),
                i.launchTime(), bytes);
    }
}
