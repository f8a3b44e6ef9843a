package io.strongroom.efs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.efs.codec.EfsCodecs;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.resource.SnapshotStreams;
import io.strongroom.storage.Tx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * EFS file systems as AWS Backup protects them. A snapshot is the configuration and every regular file and
 * directory of the file system's directory (symbolic links are neither followed nor kept). A restore
 * is never destructive: with {@code newFileSystem} "true" it creates a file system (CreationToken from the
 * metadata, which must not be in use), else it restores into the existing {@code file-system-id}; either
 * way the files land under a new directory {@code aws-backup-restore_<yyyyMMddHHmmss>} at the root.
 * {@code ItemsToRestore} (a JSON array of paths) limits the restore to those files and directories.
 */
public final class EfsProvider implements ResourceProvider {
    public static final String RESTORE_DIRECTORY_PREFIX = "aws-backup-restore_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EfsService efs;

    public EfsProvider(EfsService efs) {
        this.efs = efs;
    }

    @Override
    public String resourceType() {
        return "EFS";
    }

    @Override
    public boolean owns(String arn) {
        return arn != null && arn.startsWith("arn:aws:elasticfilesystem:") && arn.contains(":file-system/");
    }

    @Override
    public List<ProtectedResource> list(Tx tx, String accountId, String region) {
        return efs.listAll(tx, accountId, region).stream().map(f -> resource(tx, f)).toList();
    }

    /** Without the size, which is a walk of the file system's directory. */
    @Override
    public List<ProtectedResource> inventory(Tx tx, String accountId, String region) {
        return efs.listAll(tx, accountId, region).stream().map(this::withoutSize).toList();
    }

    @Override
    public Optional<ProtectedResource> describe(Tx tx, String arn) {
        return fileSystem(tx, arn).map(f -> resource(tx, f));
    }

    /** A restore test's file system: deleted with its files, as DeleteFileSystem does. */
    @Override
    public boolean deleteRestored(Tx tx, String arn) {
        fileSystem(tx, arn).ifPresent(f -> efs.deleteFileSystem(tx, f.accountId(), f.region(), f.id()));
        return true;
    }

    @Override
    public Optional<ProtectedResource> find(Tx tx, String arn) {
        return fileSystem(tx, arn).map(this::withoutSize);
    }

    private ProtectedResource withoutSize(FileSystem f) {
        return new ProtectedResource(f.arn(), resourceType(), f.accountId(), f.region(), f.id(), f.tags(),
                f.created(), 0);
    }

    @Override
    public Snapshot snapshot(Tx tx, String arn) {
        FileSystem fs = fileSystem(tx, arn).orElseThrow(() -> EfsErrors.fileSystemNotFound(EfsService.idOf(arn)));
        FileTrees.Tree outline = efs.outline(fs.id());
        byte[] header = EfsCodecs.fileSystemHeader(fs, outline.directories());
        List<String> paths = List.copyOf(outline.files().keySet());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("file-system-id", fs.id());
        return new Snapshot(() -> new SequenceInputStream(new ByteArrayInputStream(header),
                efs.snapshotEntries(fs.id(), paths)), metadata, fs.tags());
    }

    @Override
    public ProtectedResource restore(Tx tx, String accountId, String region, Snapshot snapshot,
                                     Map<String, String> metadata) {
        return SnapshotStreams.read(snapshot, "EFS", in -> restore(tx, accountId, region,
                EfsCodecs.readFileSystem(in), metadata));
    }

    private ProtectedResource restore(Tx tx, String accountId, String region, EfsCodecs.FileSystemStream data,
                                      Map<String, String> metadata) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        metadata.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        FileSystem source = data.fileSystem();
        FileSystem target;
        boolean created = "true".equalsIgnoreCase(m.get("newfilesystem"));
        if (created) {
            String token = m.getOrDefault("creationtoken", UUID.nameUUIDFromBytes(
                    (source.arn() + efs.now()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            if (efs.findByToken(tx, accountId, region, token).isPresent()) {
                throw new RestoreRejected("A file system with creation token '" + token + "' already exists.");
            }
            String performance = m.getOrDefault("performancemode", source.performanceMode());
            if (!performance.equals("generalPurpose") && !performance.equals("maxIO")) {
                throw new RestoreRejected("Invalid PerformanceMode: " + performance);
            }
            String kmsKeyId = m.get("kmskeyid");
            boolean encrypted = m.containsKey("encrypted") ? "true".equalsIgnoreCase(m.get("encrypted"))
                    : source.encrypted();
            if (kmsKeyId != null && !encrypted) {
                throw new RestoreRejected("Encrypted must be true when KmsKeyId is specified.");
            }
            target = efs.createRestored(tx, accountId, region, token, performance, encrypted,
                    kmsKeyId != null ? kmsKeyId : source.encrypted() ? source.kmsKeyId() : null, source);
        } else {
            String id = m.get("file-system-id");
            if (id == null || id.isBlank()) {
                throw new RestoreRejected("Restore metadata is missing the required key file-system-id "
                        + "(or newFileSystem=true).");
            }
            target = efs.find(tx, accountId, region, id).orElseThrow(() ->
                    new RestoreRejected("File system '" + id + "' does not exist."));
        }
        List<String> items = itemsToRestore(m.get("itemstorestore"));
        efs.restoreInto(tx, target.id(), created, RESTORE_DIRECTORY_PREFIX + STAMP.format(efs.now()),
                data, path -> selected(path, items));
        return resource(tx, efs.find(tx, target.id()).orElseThrow());
    }

    private static List<String> itemsToRestore(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isArray()) {
                throw new RestoreRejected("ItemsToRestore must be a JSON array of paths.");
            }
            List<String> out = new ArrayList<>();
            node.forEach(p -> out.add(EfsService.normalize(p.asText())));
            return out;
        } catch (IOException | io.strongroom.kernel.ServiceException e) {
            throw new RestoreRejected("ItemsToRestore must be a JSON array of paths.");
        }
    }

    private static boolean selected(String path, List<String> items) {
        return items.isEmpty() || items.stream().anyMatch(i -> path.equals(i) || path.startsWith(i + "/"));
    }

    @Override
    public void tag(Tx tx, String arn, Map<String, String> tags) {
        String[] parts = arn.split(":", 6);
        efs.tag(tx, parts[4], parts[3], arn, tags);
    }

    @Override
    public void untag(Tx tx, String arn, List<String> keys) {
        String[] parts = arn.split(":", 6);
        efs.untag(tx, parts[4], parts[3], arn, keys);
    }

    private Optional<FileSystem> fileSystem(Tx tx, String arn) {
        if (!owns(arn)) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6) {
            return Optional.empty();
        }
        return efs.find(tx, parts[4], parts[3], arn);
    }

    private ProtectedResource resource(Tx tx, FileSystem f) {
        return new ProtectedResource(f.arn(), resourceType(), f.accountId(), f.region(), f.id(), f.tags(),
                f.created(), efs.sizeBytes(tx, f.id()));
    }
}
