package io.strongroom.ec2.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.ec2.Volume;
import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored shapes of volumes and their bytes, each in a versioned envelope {@code {"v":1,"d":...}}, and the
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
        return n;
    }

    private static Volume volume(JsonNode n) {
        Map<String, String> tags = new TreeMap<>();
        n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new Volume(n.get("accountId").asText(), n.get("region").asText(), n.get("id").asText(),
                n.get("availabilityZone").asText(), n.get("size").asInt(), n.get("volumeType").asText(),
                n.hasNonNull("iops") ? n.get("iops").asInt() : null, n.path("encrypted").asBoolean(),
                n.hasNonNull("kmsKeyId") ? n.get("kmsKeyId").asText() : null,
                Instant.parse(n.get("created").asText()), tags,
                n.hasNonNull("restoredFrom") ? n.get("restoredFrom").asText() : null);
    }

    private static JsonNode open(byte[] bytes, String what) {
        JsonNode root = read(bytes);
        if (root.path("v").asInt() != VERSION) {
            throw new IllegalStateException("Stored EBS " + what + " of format " + root.path("v").asInt()
                    + ", this server reads format " + VERSION);
        }
        return root.get("d");
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
