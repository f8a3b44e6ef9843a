package io.strongroom.ec2.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.ec2.Instance;
import io.strongroom.ec2.Volume;
import io.strongroom.json.JsonCodec;
import io.strongroom.json.JsonTrees;
import io.strongroom.storage.Codec;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.strongroom.json.JsonTrees.read;
import static io.strongroom.json.JsonTrees.write;

/**
 * The stored shapes of volumes, their bytes and instances, each in a versioned envelope {@code {"v":1,"d":...}}, and the
 * snapshot format (configuration plus bytes) the backup engine keeps.
 */
public final class Ec2Codecs {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonCodec.storageFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int VERSION = 1;

    private Ec2Codecs() {
    }

    public static final Codec<Volume> VOLUME = new Codec<>() {
        @Override
        public byte[] encode(Volume value) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("v", VERSION);
            root.set("d", volume(value));
            return write(root);
        }

        @Override
        public Volume decode(byte[] bytes) {
            return volume(open(bytes, "Volume"));
        }
    };

    public static final Codec<Instance> INSTANCE = new Codec<>() {
        @Override
        public byte[] encode(Instance value) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("v", VERSION);
            root.set("d", instance(value));
            return write(root);
        }

        @Override
        public Instance decode(byte[] bytes) {
            return instance(open(bytes, "Instance"));
        }
    };

    /** A volume's bytes. */
    public static final Codec<byte[]> DATA = new Codec<>() {
        @Override
        public byte[] encode(byte[] value) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("v", VERSION);
            root.put("d", Base64.getEncoder().encodeToString(value));
            return write(root);
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return Base64.getDecoder().decode(open(bytes, "VolumeData").asText());
        }
    };

    /** A volume's configuration and its bytes, as one snapshot. */
    public record VolumeData(Volume volume, byte[] data) {
    }

    public static byte[] snapshot(VolumeData d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", VERSION);
        root.set("volume", volume(d.volume()));
        root.put("data", Base64.getEncoder().encodeToString(d.data()));
        return write(root);
    }

    public static VolumeData snapshot(byte[] bytes) {
        JsonNode root = read(bytes);
        if (root.path("v").asInt() != VERSION) {
            throw new IllegalStateException("EBS snapshot of format " + root.path("v").asInt()
                    + ", this server reads format " + VERSION);
        }
        return new VolumeData(volume(root.get("volume")), Base64.getDecoder().decode(root.get("data").asText()));
    }

    /** One attached volume of an instance snapshot: its device and its EBS snapshot (as {@link #snapshot}). */
    public record DeviceSnapshot(String deviceName, boolean deleteOnTermination, byte[] volumeSnapshot) {
    }

    /** An instance's configuration and tags, and a snapshot of every volume attached to it. */
    public record InstanceSnapshot(Instance instance, List<DeviceSnapshot> devices) {
    }

    public static byte[] instanceSnapshot(InstanceSnapshot s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", VERSION);
        root.set("instance", instance(s.instance()));
        var devices = root.putArray("devices");
        for (DeviceSnapshot d : s.devices()) {
            ObjectNode dn = devices.addObject();
            dn.put("deviceName", d.deviceName());
            dn.put("deleteOnTermination", d.deleteOnTermination());
            dn.put("volume", Base64.getEncoder().encodeToString(d.volumeSnapshot()));
        }
        return write(root);
    }

    public static InstanceSnapshot instanceSnapshot(byte[] bytes) {
        JsonNode root = read(bytes);
        if (root.path("v").asInt() != VERSION) {
            throw new IllegalStateException("EC2 snapshot of format " + root.path("v").asInt()
                    + ", this server reads format " + VERSION);
        }
        List<DeviceSnapshot> devices = new ArrayList<>();
        root.path("devices").forEach(d -> devices.add(new DeviceSnapshot(d.get("deviceName").asText(),
                d.path("deleteOnTermination").asBoolean(), Base64.getDecoder().decode(d.get("volume").asText()))));
        return new InstanceSnapshot(instance(root.get("instance")), devices);
    }

    private static ObjectNode volume(Volume v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("accountId", v.accountId());
        n.put("region", v.region());
        n.put("id", v.id());
        n.put("availabilityZone", v.availabilityZone());
        n.put("size", v.size());
        n.put("volumeType", v.volumeType());
        if (v.iops() != null) {
            n.put("iops", v.iops());
        }
        n.put("encrypted", v.encrypted());
        if (v.kmsKeyId() != null) {
            n.put("kmsKeyId", v.kmsKeyId());
        }
        n.put("created", v.created().toString());
        ObjectNode tags = n.putObject("tags");
        v.tags().forEach(tags::put);
        if (v.restoredFrom() != null) {
            n.put("restoredFrom", v.restoredFrom());
        }
        if (v.attachment() != null) {
            ObjectNode a = n.putObject("attachment");
            a.put("instanceId", v.attachment().instanceId());
            a.put("device", v.attachment().device());
            a.put("attachTime", v.attachment().attachTime().toString());
            a.put("deleteOnTermination", v.attachment().deleteOnTermination());
        }
        return n;
    }

    private static ObjectNode instance(Instance i) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("accountId", i.accountId());
        n.put("region", i.region());
        n.put("id", i.id());
        n.put("reservationId", i.reservationId());
        n.put("imageId", i.imageId());
        n.put("instanceType", i.instanceType());
        n.put("availabilityZone", i.availabilityZone());
        n.put("architecture", i.architecture());
        n.put("rootDeviceName", i.rootDeviceName());
        n.put("launchIndex", i.launchIndex());
        n.put("state", i.state());
        n.put("launchTime", i.launchTime().toString());
        n.put("stateChanged", i.stateChanged().toString());
        var devices = n.putArray("devices");
        for (Instance.Device d : i.devices()) {
            ObjectNode dn = devices.addObject();
            dn.put("deviceName", d.deviceName());
            dn.put("volumeId", d.volumeId());
            dn.put("attachTime", d.attachTime().toString());
            dn.put("deleteOnTermination", d.deleteOnTermination());
        }
        ObjectNode tags = n.putObject("tags");
        i.tags().forEach(tags::put);
        if (i.clientToken() != null) {
            n.put("clientToken", i.clientToken());
        }
        n.put("disableApiTermination", i.disableApiTermination());
        if (i.restoredFrom() != null) {
            n.put("restoredFrom", i.restoredFrom());
        }
        return n;
    }

    private static Instance instance(JsonNode n) {
        List<Instance.Device> devices = new ArrayList<>();
        n.path("devices").forEach(d -> devices.add(new Instance.Device(d.get("deviceName").asText(),
                d.get("volumeId").asText(), Instant.parse(d.get("attachTime").asText()),
                d.path("deleteOnTermination").asBoolean())));
        return new Instance(n.get("accountId").asText(), n.get("region").asText(), n.get("id").asText(),
                n.get("reservationId").asText(), n.get("imageId").asText(), n.get("instanceType").asText(),
                n.get("availabilityZone").asText(), n.get("architecture").asText(), n.get("rootDeviceName").asText(),
                n.path("launchIndex").asInt(), n.get("state").asText(), Instant.parse(n.get("launchTime").asText()),
                Instant.parse(n.get("stateChanged").asText()), devices, tags(n),
                n.hasNonNull("clientToken") ? n.get("clientToken").asText() : null,
                n.path("disableApiTermination").asBoolean(),
                n.hasNonNull("restoredFrom") ? n.get("restoredFrom").asText() : null);
    }

    private static Map<String, String> tags(JsonNode n) {
        Map<String, String> tags = new TreeMap<>();
        n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }

    private static Volume volume(JsonNode n) {
        JsonNode a = n.get("attachment");
        Volume.Attachment attachment = a == null || a.isNull() ? null : new Volume.Attachment(
                a.get("instanceId").asText(), a.get("device").asText(), Instant.parse(a.get("attachTime").asText()),
                a.path("deleteOnTermination").asBoolean());
        return new Volume(n.get("accountId").asText(), n.get("region").asText(), n.get("id").asText(),
                n.get("availabilityZone").asText(), n.get("size").asInt(), n.get("volumeType").asText(),
                n.hasNonNull("iops") ? n.get("iops").asInt() : null, n.path("encrypted").asBoolean(),
                n.hasNonNull("kmsKeyId") ? n.get("kmsKeyId").asText() : null,
                Instant.parse(n.get("created").asText()), tags(n),
                n.hasNonNull("restoredFrom") ? n.get("restoredFrom").asText() : null, attachment);
    }

    private static JsonNode open(byte[] bytes, String what) {
        return JsonTrees.open(bytes, VERSION, "EBS " + what);
    }
}
