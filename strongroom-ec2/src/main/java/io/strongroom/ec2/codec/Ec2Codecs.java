package io.strongroom.ec2.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.ec2.TagEdits;
import io.strongroom.ec2.Instance;
import io.strongroom.ec2.OwnSnapshot;
import io.strongroom.ec2.Volume;
import io.strongroom.json.JsonCodec;
import io.strongroom.json.JsonTrees;
import io.strongroom.storage.Codec;

import io.strongroom.resource.SnapshotStreams;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
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

    /** An EBS snapshot the account made with CreateSnapshot (D127); its bytes are a file of the data directory. */
    public static final Codec<OwnSnapshot> OWN_SNAPSHOT = new Codec<>() {
        @Override
        public byte[] encode(OwnSnapshot value) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("v", VERSION);
            ObjectNode n = root.putObject("d");
            n.put("accountId", value.accountId());
            n.put("region", value.region());
            n.put("id", value.id());
            n.put("volumeId", value.volumeId());
            n.put("volumeSize", value.volumeSize());
            n.put("description", value.description());
            n.put("startTime", value.startTime().toString());
            n.put("completeTime", value.completeTime().toString());
            n.put("state", value.state());
            n.put("encrypted", value.encrypted());
            if (value.kmsKeyId() != null) {
                n.put("kmsKeyId", value.kmsKeyId());
            }
            n.put("length", value.length());
            ObjectNode tags = n.putObject("tags");
            value.tags().forEach(tags::put);
            return write(root);
        }

        @Override
        public OwnSnapshot decode(byte[] bytes) {
            JsonNode n = open(bytes, "Snapshot");
            return new OwnSnapshot(n.get("accountId").asText(), n.get("region").asText(), n.get("id").asText(),
                    n.get("volumeId").asText(), n.get("volumeSize").asInt(), n.path("description").asText(""),
                    Instant.parse(n.get("startTime").asText()), Instant.parse(n.get("completeTime").asText()),
                    n.get("state").asText(), n.path("encrypted").asBoolean(),
                    n.hasNonNull("kmsKeyId") ? n.get("kmsKeyId").asText() : null, n.get("length").asLong(),
                    tags(n));
        }
    };

    /**
     * An account's changes to the tags of an image or snapshot EC2 does not own (D118, D122). Records written before
     * D122 name the resource {@code imageId}.
     */
    public static final Codec<TagEdits> TAG_EDITS = new Codec<>() {
        @Override
        public byte[] encode(TagEdits value) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("v", VERSION);
            ObjectNode n = root.putObject("d");
            n.put("accountId", value.accountId());
            n.put("region", value.region());
            n.put("resourceId", value.resourceId());
            ObjectNode set = n.putObject("set");
            new TreeMap<>(value.set()).forEach(set::put);
            value.removed().forEach(n.putArray("removed")::add);
            return write(root);
        }

        @Override
        public TagEdits decode(byte[] bytes) {
            JsonNode n = open(bytes, "TagEdits");
            List<String> removed = new ArrayList<>();
            n.path("removed").forEach(k -> removed.add(k.asText()));
            JsonNode id = n.has("resourceId") ? n.get("resourceId") : n.get("imageId");
            return new TagEdits(n.get("accountId").asText(), n.get("region").asText(), id.asText(),
                    tags(n, "set"), removed);
        }
    };

    /** That an account has edited the tags of some image or snapshot of a Region: its "account/region" (D122). */
    public static final Codec<String> TAG_EDITS_MARK = text("TagEditsMark");

    /** An entry of the index of the account's own snapshots by account and Region: the snapshot's id (D140). */
    public static final Codec<String> OWN_SNAPSHOT_ENTRY = text("OwnSnapshotEntry");

    /** One string in the versioned envelope. */
    private static Codec<String> text(String shape) {
        return new Codec<>() {
            @Override
            public byte[] encode(String value) {
                ObjectNode root = MAPPER.createObjectNode();
                root.put("v", VERSION);
                root.put("d", value);
                return write(root);
            }

            @Override
            public String decode(byte[] bytes) {
                return open(bytes, shape).asText();
            }
        };
    }

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

    /** The format byte of the streamed snapshots; format 1 was one JSON document with the bytes in base64. */
    public static final int SNAPSHOT_FORMAT = 2;
    private static final int LEGACY_START = '{';

    /**
     * The start of an EBS snapshot: format byte, length-prefixed JSON header {@code {"volume":{..},"length":n}},
     * followed by the {@code n} bytes of the volume's data and nothing else.
     */
    public static byte[] volumeHeader(Volume v, long length) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("volume", volume(v));
        root.put("length", length);
        return SnapshotStreams.header(SNAPSHOT_FORMAT, write(root));
    }

    /**
     * An EBS snapshot being read: the volume's configuration, then exactly {@code length} bytes of {@code data};
     * {@link #finish} checks that nothing follows them.
     */
    public record VolumeStream(Volume volume, long length, InputStream data, InputStream rest) {
        public void finish() throws IOException {
            SnapshotStreams.expectEnd(rest, "EBS");
        }
    }

    /** Reads an EBS snapshot's header (a format 1 snapshot is read whole: it was small enough to be written so). */
    public static VolumeStream readVolume(InputStream in) throws IOException {
        PushbackInputStream source = new PushbackInputStream(in, 1);
        if (SnapshotStreams.peekFormat(source, "EBS") == LEGACY_START) {
            JsonNode root = legacy(source.readAllBytes(), "EBS");
            byte[] data = Base64.getDecoder().decode(root.get("data").asText());
            return new VolumeStream(volume(root.get("volume")), data.length, new ByteArrayInputStream(data),
                    InputStream.nullInputStream());
        }
        JsonNode header = read(SnapshotStreams.readHeader(source, SNAPSHOT_FORMAT, "EBS"));
        long length = header.path("length").asLong(-1);
        if (length < 0 || !header.path("volume").isObject()) {
            throw SnapshotStreams.malformed("EBS", "no volume or length in its header");
        }
        return new VolumeStream(volume(header.get("volume")), length, SnapshotStreams.exactly(source, length, "EBS"),
                source);
    }

    /** One attached volume of an instance snapshot: its device, its volume's tags and its EBS snapshot's length. */
    public record DeviceSnapshot(String deviceName, boolean deleteOnTermination, Map<String, String> volumeTags,
                                 long length) {
    }

    /**
     * The start of an EC2 snapshot: format byte, length-prefixed JSON header (the instance and its devices),
     * followed by each device's EBS snapshot in the header's order, each exactly the header's length.
     */
    public static byte[] instanceHeader(Instance instance, List<DeviceSnapshot> devices) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("instance", instance(instance));
        var array = root.putArray("devices");
        for (DeviceSnapshot d : devices) {
            ObjectNode dn = array.addObject();
            dn.put("deviceName", d.deviceName());
            dn.put("deleteOnTermination", d.deleteOnTermination());
            ObjectNode tags = dn.putObject("volumeTags");
            d.volumeTags().forEach(tags::put);
            dn.put("length", d.length());
        }
        return SnapshotStreams.header(SNAPSHOT_FORMAT, write(root));
    }

    /** An EC2 snapshot being read: after the header, {@code volumes} holds the devices' EBS snapshots in order. */
    public record InstanceStream(Instance instance, List<DeviceSnapshot> devices, InputStream volumes) {
        public void finish() throws IOException {
            SnapshotStreams.expectEnd(volumes, "EC2");
        }
    }

    public static InstanceStream readInstance(InputStream in) throws IOException {
        PushbackInputStream source = new PushbackInputStream(in, 1);
        if (SnapshotStreams.peekFormat(source, "EC2") == LEGACY_START) {
            return legacyInstance(legacy(source.readAllBytes(), "EC2"));
        }
        JsonNode header = read(SnapshotStreams.readHeader(source, SNAPSHOT_FORMAT, "EC2"));
        if (!header.path("instance").isObject()) {
            throw SnapshotStreams.malformed("EC2", "no instance in its header");
        }
        List<DeviceSnapshot> devices = new ArrayList<>();
        for (JsonNode d : header.path("devices")) {
            long length = d.path("length").asLong(-1);
            if (length < 0 || !d.hasNonNull("deviceName")) {
                throw SnapshotStreams.malformed("EC2", "a device without a name or length");
            }
            devices.add(new DeviceSnapshot(d.get("deviceName").asText(), d.path("deleteOnTermination").asBoolean(),
                    tags(d, "volumeTags"), length));
        }
        return new InstanceStream(instance(header.get("instance")), devices, source);
    }

    /** A format 1 snapshot: each device's volume snapshot (itself format 1) inline in base64. */
    private static InstanceStream legacyInstance(JsonNode root) throws IOException {
        List<DeviceSnapshot> devices = new ArrayList<>();
        java.io.ByteArrayOutputStream volumes = new java.io.ByteArrayOutputStream();
        for (JsonNode d : root.path("devices")) {
            byte[] volume = Base64.getDecoder().decode(d.get("volume").asText());
            devices.add(new DeviceSnapshot(d.get("deviceName").asText(), d.path("deleteOnTermination").asBoolean(),
                    readVolume(new ByteArrayInputStream(volume)).volume().tags(), volume.length));
            volumes.write(volume);
        }
        return new InstanceStream(instance(root.get("instance")), devices,
                new ByteArrayInputStream(volumes.toByteArray()));
    }

    private static JsonNode legacy(byte[] bytes, String what) {
        JsonNode root = read(bytes);
        if (root.path("v").asInt() != 1) {
            throw SnapshotStreams.malformed(what, "format " + root.path("v").asInt() + " in a JSON document");
        }
        return root;
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
        if (v.snapshotId() != null) {
            n.put("snapshotId", v.snapshotId());
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
        return tags(n, "tags");
    }

    private static Map<String, String> tags(JsonNode n, String field) {
        Map<String, String> tags = new TreeMap<>();
        n.path(field).fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
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
                n.hasNonNull("restoredFrom") ? n.get("restoredFrom").asText() : null, attachment,
                n.hasNonNull("snapshotId") ? n.get("snapshotId").asText() : null);
    }

    private static JsonNode open(byte[] bytes, String what) {
        return JsonTrees.open(bytes, VERSION, "EBS " + what);
    }
}
