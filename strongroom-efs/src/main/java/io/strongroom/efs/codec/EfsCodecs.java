package io.strongroom.efs.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.efs.FileSystem;
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
 * The stored shapes of file systems and (as earlier versions kept them) files, each in a versioned envelope
 * {@code {"v":1,"d":...}}, and the snapshot format (configuration, every file and directory) the backup engine keeps.
 */
public final class EfsCodecs {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonCodec.storageFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int VERSION = 1;

    private EfsCodecs() {
    }

    public static final Codec<FileSystem> FILE_SYSTEM = new Codec<>() {
        @Override
        public byte[] encode(FileSystem value) {
            return write(envelope(fileSystem(value)));
        }

        @Override
        public FileSystem decode(byte[] bytes) {
            return fileSystem(open(bytes, "FileSystem"));
        }
    };

    /** A file's content. */
    public static final Codec<byte[]> FILE = new Codec<>() {
        @Override
        public byte[] encode(byte[] value) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("v", VERSION);
            root.put("d", Base64.getEncoder().encodeToString(value));
            return write(root);
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return Base64.getDecoder().decode(open(bytes, "File").asText());
        }
    };

    /**
     * A file system's configuration, its regular files (path to content) and its directories, as one snapshot.
     * Snapshots taken before directories were kept have none (a file's directories come with it).
     */
    public record FileSystemData(FileSystem fileSystem, Map<String, byte[]> files, List<String> directories) {
    }

    public static byte[] snapshot(FileSystemData data) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", VERSION);
        root.set("fileSystem", fileSystem(data.fileSystem()));
        ObjectNode files = root.putObject("files");
        data.files().forEach((path, content) -> files.put(path, Base64.getEncoder().encodeToString(content)));
        data.directories().forEach(root.putArray("directories")::add);
        return write(root);
    }

    public static FileSystemData snapshot(byte[] bytes) {
        JsonNode root = read(bytes);
        if (root.path("v").asInt() != VERSION) {
            throw new IllegalStateException("EFS snapshot of format " + root.path("v").asInt()
                    + ", this server reads format " + VERSION);
        }
        Map<String, byte[]> files = new TreeMap<>();
        root.get("files").fields().forEachRemaining(e ->
                files.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
        List<String> directories = new ArrayList<>();
        root.path("directories").forEach(d -> directories.add(d.asText()));
        return new FileSystemData(fileSystem(root.get("fileSystem")), files, directories);
    }

    private static ObjectNode fileSystem(FileSystem f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("accountId", f.accountId());
        n.put("region", f.region());
        n.put("id", f.id());
        n.put("creationToken", f.creationToken());
        n.put("performanceMode", f.performanceMode());
        n.put("throughputMode", f.throughputMode());
        if (f.provisionedThroughputInMibps() != null) {
            n.put("provisionedThroughputInMibps", f.provisionedThroughputInMibps());
        }
        n.put("encrypted", f.encrypted());
        if (f.kmsKeyId() != null) {
            n.put("kmsKeyId", f.kmsKeyId());
        }
        n.put("created", f.created().toString());
        ObjectNode tags = n.putObject("tags");
        f.tags().forEach(tags::put);
        if (f.restoredFrom() != null) {
            n.put("restoredFrom", f.restoredFrom());
        }
        return n;
    }

    private static FileSystem fileSystem(JsonNode n) {
        Map<String, String> tags = new TreeMap<>();
        n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new FileSystem(n.get("accountId").asText(), n.get("region").asText(), n.get("id").asText(),
                n.get("creationToken").asText(), n.get("performanceMode").asText(), n.get("throughputMode").asText(),
                n.hasNonNull("provisionedThroughputInMibps") ? n.get("provisionedThroughputInMibps").asDouble() : null,
                n.path("encrypted").asBoolean(), n.hasNonNull("kmsKeyId") ? n.get("kmsKeyId").asText() : null,
                Instant.parse(n.get("created").asText()), tags,
                n.hasNonNull("restoredFrom") ? n.get("restoredFrom").asText() : null);
    }

    private static ObjectNode envelope(JsonNode data) {
        return JsonTrees.envelope(VERSION, data);
    }

    private static JsonNode open(byte[] bytes, String what) {
        return JsonTrees.open(bytes, VERSION, "EFS " + what);
    }
}
