package io.strongroom.efs.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.efs.FileSystem;
import io.strongroom.json.JsonCodec;
import io.strongroom.json.JsonTrees;
import io.strongroom.resource.SnapshotStreams;
import io.strongroom.storage.Codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * {@code {"v":1,"d":...}}, and the snapshot format (configuration and directories, then every file as an entry) the
 * backup engine keeps.
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

    /** The format byte of the streamed snapshots; format 1 was one JSON document with every file in base64. */
    public static final int SNAPSHOT_FORMAT = 2;
    private static final int FILE_ENTRY = 1;
    private static final int END = 0;
    private static final int MAX_PATH = 64 * 1024;

    /**
     * The start of an EFS snapshot: format byte and length-prefixed JSON header {@code {"fileSystem":{..},
     * "directories":[..]}}; then a sequence of entries (see {@link #fileEntry}) and the end byte {@link #end}.
     */
    public static byte[] fileSystemHeader(FileSystem fs, List<String> directories) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("fileSystem", fileSystem(fs));
        directories.forEach(root.putArray("directories")::add);
        return SnapshotStreams.header(SNAPSHOT_FORMAT, write(root));
    }

    /** A file's entry: byte 1, the path's UTF-8 length (4 bytes) and bytes, the content's length (8 bytes), then it. */
    public static byte[] fileEntry(String path, long length) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + name.length + 8);
        b.put((byte) FILE_ENTRY).putInt(name.length).put(name).putLong(length);
        return b.array();
    }

    /** What follows the last entry. */
    public static byte[] end() {
        return new byte[] {END};
    }

    /** One file of a snapshot being read; its content must be read (or drained) before the next entry. */
    public record FileEntry(String path, long length, InputStream content) {
    }

    /** An EFS snapshot being read: the configuration and directories, then the files one {@link #next} at a time. */
    public record FileSystemStream(FileSystem fileSystem, List<String> directories, InputStream rest) {
        /** The next file, or null after the last one (having checked that nothing follows). */
        public FileEntry next() throws IOException {
            int kind = rest.read();
            if (kind == END) {
                SnapshotStreams.expectEnd(rest, "EFS");
                return null;
            }
            if (kind != FILE_ENTRY) {
                throw SnapshotStreams.malformed("EFS", kind < 0 ? "it ends early" : "an entry of kind " + kind);
            }
            byte[] n = SnapshotStreams.readExactly(rest, 4, "EFS");
            int pathLength = ByteBuffer.wrap(n).getInt();
            if (pathLength <= 0 || pathLength > MAX_PATH) {
                throw SnapshotStreams.malformed("EFS", "a path of " + pathLength + " bytes");
            }
            String path = new String(SnapshotStreams.readExactly(rest, pathLength, "EFS"), StandardCharsets.UTF_8);
            long length = SnapshotStreams.readLength(rest, "EFS");
            return new FileEntry(path, length, SnapshotStreams.exactly(rest, length, "EFS"));
        }
    }

    /** Reads an EFS snapshot's header (a format 1 snapshot is read whole: it was small enough to be written so). */
    public static FileSystemStream readFileSystem(InputStream in) throws IOException {
        PushbackInputStream source = new PushbackInputStream(in, 1);
        if (SnapshotStreams.peekFormat(source, "EFS") == '{') {
            return legacy(source.readAllBytes());
        }
        JsonNode header = read(SnapshotStreams.readHeader(source, SNAPSHOT_FORMAT, "EFS"));
        if (!header.path("fileSystem").isObject()) {
            throw SnapshotStreams.malformed("EFS", "no file system in its header");
        }
        List<String> directories = new ArrayList<>();
        header.path("directories").forEach(d -> directories.add(d.asText()));
        return new FileSystemStream(fileSystem(header.get("fileSystem")), directories, source);
    }

    /** A format 1 snapshot, re-framed as format 2 entries in memory. */
    private static FileSystemStream legacy(byte[] bytes) throws IOException {
        JsonNode root = read(bytes);
        if (root.path("v").asInt() != VERSION) {
            throw SnapshotStreams.malformed("EFS", "format " + root.path("v").asInt() + " in a JSON document");
        }
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) root.get("files")::fields) {
            byte[] content = Base64.getDecoder().decode(e.getValue().asText());
            entries.write(fileEntry(e.getKey(), content.length));
            entries.write(content);
        }
        entries.write(end());
        List<String> directories = new ArrayList<>();
        root.path("directories").forEach(d -> directories.add(d.asText()));
        return new FileSystemStream(fileSystem(root.get("fileSystem")), directories,
                new ByteArrayInputStream(entries.toByteArray()));
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
