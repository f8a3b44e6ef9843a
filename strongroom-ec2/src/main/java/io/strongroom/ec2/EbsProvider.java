package io.strongroom.ec2;

import io.strongroom.ec2.codec.Ec2Codecs;
import io.strongroom.kernel.ServiceException;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.resource.SnapshotData;
import io.strongroom.resource.SnapshotStreams;
import io.strongroom.storage.Tx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * EBS volumes as AWS Backup protects them. A snapshot is the configuration and the bytes of the volume's file up
 * to the volume's size, without trailing zeros (bytes past the file's end read as zeros), streamed from the file as
 * the engine reads it (format in {@link Ec2Codecs#volumeHeader}). A restore
 * always creates a new volume: {@code availabilityZone}, {@code volumeType}, {@code volumeSize}, {@code iops},
 * {@code encrypted} and {@code kmsKeyId} override the source's configuration; {@code volumeSize} may not be
 * smaller than the source volume. The Strongroom key {@code Name} tags the new volume and must not be the
 * Name tag of another volume in the account and Region (the contract's "existing name").
 */
public final class EbsProvider implements ResourceProvider {
    private final Ec2Service ec2;

    public EbsProvider(Ec2Service ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String resourceType() {
        return "EBS";
    }

    @Override
    public boolean owns(String arn) {
        return arn != null && arn.startsWith("arn:aws:ec2:") && arn.contains(":volume/");
    }

    @Override
    public List<ProtectedResource> list(Tx tx, String accountId, String region) {
        return ec2.listAll(tx, accountId, region).stream().map(v -> resource(tx, v)).toList();
    }

    /** Without the size, which is the volume file's length: the inventory reads only the volume records (D71). */
    @Override
    public List<ProtectedResource> inventory(Tx tx, String accountId, String region) {
        return ec2.listAll(tx, accountId, region).stream().map(this::withoutSize).toList();
    }

    @Override
    public Optional<ProtectedResource> describe(Tx tx, String arn) {
        return volume(tx, arn).map(v -> resource(tx, v));
    }

    /** A restore test's volume: deleted as DeleteVolume does (an attached one is refused). */
    @Override
    public boolean deleteRestored(Tx tx, String arn) {
        volume(tx, arn).ifPresent(v -> ec2.deleteVolume(tx, v.accountId(), v.region(), v.id()));
        return true;
    }

    @Override
    public Optional<ProtectedResource> find(Tx tx, String arn) {
        return volume(tx, arn).map(this::withoutSize);
    }

    private ProtectedResource withoutSize(Volume v) {
        return new ProtectedResource(v.arn(), resourceType(), v.accountId(), v.region(), v.id(), v.tags(),
                v.created(), 0);
    }

    @Override
    public Snapshot snapshot(Tx tx, String arn) {
        Volume v = volume(tx, arn).orElseThrow(() -> Ec2Errors.volumeNotFound(Ec2Service.idOf(arn)));
        Part data = part(v);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("volumeId", v.id());
        metadata.put("availabilityZone", v.availabilityZone());
        metadata.put("volumeType", v.volumeType());
        metadata.put("volumeSize", Integer.toString(v.size()));
        metadata.put("encrypted", Boolean.toString(v.encrypted()));
        if (v.kmsKeyId() != null) {
            metadata.put("kmsKeyId", v.kmsKeyId());
        }
        if (v.iops() != null && !v.volumeType().equals("gp2")) {
            metadata.put("iops", Integer.toString(v.iops()));
        }
        return new Snapshot(data.data(), metadata, v.tags());
    }

    /** A volume's EBS snapshot stream and its length in bytes, known before it is read (an instance frames it). */
    record Part(long length, SnapshotData data) {
    }

    Part part(Volume v) {
        long length = ec2.snapshotLength(v);
        byte[] header = Ec2Codecs.volumeHeader(v, length);
        return new Part(header.length + length, () -> new SequenceInputStream(new ByteArrayInputStream(header),
                ec2.snapshotStream(v, length)));
    }

    @Override
    public ProtectedResource restore(Tx tx, String accountId, String region, Snapshot snapshot,
                                     Map<String, String> metadata) {
        return SnapshotStreams.read(snapshot, "EBS", in -> restore(tx, accountId, region,
                Ec2Codecs.readVolume(in), metadata));
    }

    private ProtectedResource restore(Tx tx, String accountId, String region, Ec2Codecs.VolumeStream data,
                                      Map<String, String> metadata) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        metadata.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        Volume source = data.volume();
        String zone = m.getOrDefault("availabilityzone", source.availabilityZone());
        if (zone == null || zone.isEmpty() || zone.equals("null") || !zone.startsWith(region)) {
            zone = region + "a";
        }
        String type = m.getOrDefault("volumetype", source.volumeType());
        int size;
        try {
            size = m.containsKey("volumesize") ? Integer.parseInt(m.get("volumesize")) : source.size();
        } catch (NumberFormatException e) {
            throw new RestoreRejected("volumeSize must be a number of GiB: " + m.get("volumesize"));
        }
        if (size < source.size()) {
            throw new RestoreRejected("volumeSize " + size + " is smaller than the snapshot's volume ("
                    + source.size() + " GiB).");
        }
        Integer iops = null;
        if (m.containsKey("iops")) {
            try {
                iops = Integer.parseInt(m.get("iops"));
            } catch (NumberFormatException e) {
                throw new RestoreRejected("iops must be a number: " + m.get("iops"));
            }
        } else if (type.equals(source.volumeType()) && !type.equals("gp2")) {
            iops = source.iops();
        }
        boolean encrypted = m.containsKey("encrypted") ? "true".equalsIgnoreCase(m.get("encrypted"))
                : source.encrypted();
        String kmsKeyId = m.get("kmskeyid");
        if (kmsKeyId != null && !encrypted) {
            throw new RestoreRejected("encrypted must be true when kmsKeyId is specified.");
        }
        try {
            Ec2Service.checkZone(region, zone);
            if (!Ec2Service.VOLUME_TYPES.contains(type)) {
                throw new RestoreRejected("Invalid volumeType: " + type);
            }
            Ec2Service.checkSize(type, size);
            if ((type.equals("io1") || type.equals("io2")) && iops == null) {
                throw new RestoreRejected("iops is required for " + type + " volumes.");
            }
        } catch (ServiceException e) {
            throw new RestoreRejected(e.getMessage());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        String name = m.get("name");
        if (name != null && !name.isEmpty()) {
            if (ec2.listAll(tx, accountId, region).stream().anyMatch(v -> name.equals(v.tags().get("Name")))) {
                throw new RestoreRejected("A volume named '" + name + "' already exists.");
            }
            tags.put("Name", name);
        }
        Volume target = ec2.createRestored(tx, accountId, region, zone, size, type, iops, encrypted,
                kmsKeyId != null ? kmsKeyId : source.encrypted() ? source.kmsKeyId() : null, tags, source);
        ec2.putData(tx, target.id(), data.data(), data.length());
        data.finish();
        return resource(tx, target);
    }

    @Override
    public void tag(Tx tx, String arn, Map<String, String> tags) {
        String[] parts = arn.split(":", 6);
        ec2.tag(tx, parts[4], parts[3], arn, tags);
    }

    @Override
    public void untag(Tx tx, String arn, List<String> keys) {
        String[] parts = arn.split(":", 6);
        ec2.untag(tx, parts[4], parts[3], arn, keys);
    }

    private Optional<Volume> volume(Tx tx, String arn) {
        if (!owns(arn)) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6) {
            return Optional.empty();
        }
        return ec2.find(tx, parts[4], parts[3], arn);
    }

    private ProtectedResource resource(Tx tx, Volume v) {
        return new ProtectedResource(v.arn(), resourceType(), v.accountId(), v.region(), v.id(), v.tags(),
                v.created(), ec2.dataLength(v));
    }
}
