package io.strongroom.ec2.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nested values of EC2 restore metadata, which AWS Backup carries as JSON strings: {@code Placement} and
 * {@code BlockDeviceMappings} (in the shapes of RunInstances).
 */
public final class RestoreMetadataJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RestoreMetadataJson() {
    }

    /** A mapped EBS volume: the fields a restore may change (null = as the source). */
    public record DeviceOverride(String deviceName, boolean noDevice, Integer volumeSize, String volumeType,
                                 Integer iops, Boolean encrypted, String kmsKeyId, Boolean deleteOnTermination) {
    }

    public static String placement(String availabilityZone) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("AvailabilityZone", availabilityZone);
        n.put("GroupName", "");
        n.put("Tenancy", "default");
        return n.toString();
    }

    /** The {@code AvailabilityZone} of a Placement value; empty when absent; IllegalArgumentException when not JSON. */
    public static Optional<String> availabilityZone(String placement) {
        JsonNode zone = parse(placement).path("AvailabilityZone");
        return zone.isTextual() && !zone.asText().isEmpty() ? Optional.of(zone.asText()) : Optional.empty();
    }

    public static String blockDeviceMappings(List<DeviceOverride> devices) {
        ArrayNode a = MAPPER.createArrayNode();
        for (DeviceOverride d : devices) {
            ObjectNode n = a.addObject();
            n.put("DeviceName", d.deviceName());
            ObjectNode ebs = n.putObject("Ebs");
            ebs.put("DeleteOnTermination", Boolean.TRUE.equals(d.deleteOnTermination()));
            ebs.put("VolumeSize", d.volumeSize());
            ebs.put("VolumeType", d.volumeType());
            if (d.iops() != null) {
                ebs.put("Iops", d.iops());
            }
            ebs.put("Encrypted", Boolean.TRUE.equals(d.encrypted()));
        }
        return a.toString();
    }

    /** BlockDeviceMappings by device name; IllegalArgumentException when not a JSON array of mappings. */
    public static Map<String, DeviceOverride> deviceOverrides(String json) {
        JsonNode root = parse(json);
        if (!root.isArray()) {
            throw new IllegalArgumentException("BlockDeviceMappings must be a JSON array");
        }
        Map<String, DeviceOverride> out = new LinkedHashMap<>();
        for (JsonNode n : root) {
            String device = n.path("DeviceName").asText(null);
            if (device == null) {
                throw new IllegalArgumentException("every block device mapping needs a DeviceName");
            }
            JsonNode ebs = n.path("Ebs");
            out.put(device, new DeviceOverride(device, n.has("NoDevice"),
                    ebs.hasNonNull("VolumeSize") ? ebs.get("VolumeSize").asInt() : null,
                    ebs.hasNonNull("VolumeType") ? ebs.get("VolumeType").asText() : null,
                    ebs.hasNonNull("Iops") ? ebs.get("Iops").asInt() : null,
                    ebs.hasNonNull("Encrypted") ? ebs.get("Encrypted").asBoolean() : null,
                    ebs.hasNonNull("KmsKeyId") ? ebs.get("KmsKeyId").asText() : null,
                    ebs.hasNonNull("DeleteOnTermination") ? ebs.get("DeleteOnTermination").asBoolean() : null));
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
