package io.strongroom.efs;

import io.strongroom.efs.codec.EfsCodecs;
import io.strongroom.resource.Inventories;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;
import io.strongroom.storage.WatchedCollection;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * EFS file systems, kept in the store in {@code efs.filesystems} under their id (ids are unique across accounts),
 * and their content, one directory per file system ({@link FileTrees}): the store is the truth about which file
 * systems exist, the directories are the data plane. A new file system's directory is made inside the creating
 * transaction (its id is new, so nobody else looks at it); a deleted one's goes once the deletion has committed;
 * directories of file systems that do not exist (a crash, a rollback) are removed by {@link #reconcile} at start-up.
 */
public final class EfsService {
    /** Where files were kept before they lived in directories; {@link #reconcile} moves them out. */
    private static final String LEGACY_FILES = "efs.files";
    private static final Set<String> PERFORMANCE_MODES = Set.of("generalPurpose", "maxIO");
    private static final Set<String> THROUGHPUT_MODES = Set.of("bursting", "provisioned", "elastic");

    /** Every write of a file system moves its account's inventory generation (D71); files move nothing. */
    private final WatchedCollection<FileSystem> fileSystems = Inventories.collection("efs.filesystems",
            EfsCodecs.FILE_SYSTEM, FileSystem::accountId, FileSystem::region);
    private final Clock clock;
    private final Function<Tx, String> fileSystemIds;
    private final FileTrees trees;

    /**
     * @param fileSystemIds hands out 17 hex digits for {@code fs-} ids from the server's seeded generator
     * @param fileSystemDirectory where each file system's content lives, as {@code <fs-id>/}
     */
    public EfsService(Clock clock, Function<Tx, String> fileSystemIds, Path fileSystemDirectory) {
        this.clock = clock;
        this.fileSystemIds = fileSystemIds;
        this.trees = new FileTrees(fileSystemDirectory);
    }

    // ---- file systems

    public FileSystem createFileSystem(Tx tx, String account, String region, Inputs.CreateFileSystem in) {
        String token = in.creationToken();
        if (token == null || token.isEmpty()) {
            throw EfsErrors.badRequest("1 validation error detected: Value null at 'creationToken' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        if (token.length() > 64 || !token.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw EfsErrors.badRequest("1 validation error detected: Value '" + token + "' at 'creationToken' "
                    + "failed to satisfy constraint: Member must have length less than or equal to 64 and be ASCII");
        }
        String performance = in.performanceMode() == null ? "generalPurpose" : in.performanceMode();
        if (!PERFORMANCE_MODES.contains(performance)) {
            throw EfsErrors.badRequest("1 validation error detected: Value '" + performance + "' at "
                    + "'performanceMode' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[generalPurpose, maxIO]");
        }
        String throughput = in.throughputMode() == null ? "bursting" : in.throughputMode();
        if (!THROUGHPUT_MODES.contains(throughput)) {
            throw EfsErrors.badRequest("1 validation error detected: Value '" + throughput + "' at "
                    + "'throughputMode' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[bursting, provisioned, elastic]");
        }
        Double provisioned = in.provisionedThroughputInMibps();
        if (throughput.equals("provisioned") && provisioned == null) {
            throw EfsErrors.badRequest("ProvisionedThroughputInMibps is required when ThroughputMode is provisioned.");
        }
        if (!throughput.equals("provisioned") && provisioned != null) {
            throw EfsErrors.badRequest("ProvisionedThroughputInMibps can only be set when ThroughputMode is "
                    + "provisioned.");
        }
        boolean encrypted = Boolean.TRUE.equals(in.encrypted());
        if (in.kmsKeyId() != null && !encrypted) {
            throw EfsErrors.badRequest("Encrypted must be true when KmsKeyId is specified.");
        }
        Map<String, String> tags = in.tags() == null ? Map.of() : in.tags();
        validateTags(tags);
        findByToken(tx, account, region, token).ifPresent(existing -> {
            throw EfsErrors.alreadyExists(token, existing.id());
        });
        String kmsKey = encrypted ? kmsKeyArn(account, region, in.kmsKeyId()) : null;
        FileSystem fs = new FileSystem(account, region, "fs-" + fileSystemIds.apply(tx), token, performance,
                throughput, provisioned, encrypted, kmsKey, Instant.now(clock), tags, null);
        fileSystems.put(tx, fs.id(), fs, Tx.ABSENT);
        trees.create(fs.id());
        return fs;
    }

    /** The key ARN EFS reports: given ARNs as they are, key ids and aliases as ARNs, else the default key alias. */
    static String kmsKeyArn(String account, String region, String keyId) {
        String prefix = "arn:aws:kms:" + region + ":" + account + ":";
        if (keyId == null) {
            return prefix + "alias/aws/elasticfilesystem";
        }
        if (keyId.startsWith("arn:")) {
            return keyId;
        }
        return prefix + (keyId.startsWith("alias/") ? keyId : "key/" + keyId);
    }

    public Optional<FileSystem> findByToken(Tx tx, String account, String region, String token) {
        return listAll(tx, account, region).stream().filter(f -> f.creationToken().equals(token)).findFirst();
    }

    /** A file system by id, whatever its account (the admin API's view). */
    public Optional<FileSystem> find(Tx tx, String id) {
        return id == null || id.isEmpty() ? Optional.empty() : fileSystems.get(tx, id);
    }

    /** A file system by id or ARN, in the caller's account and region. */
    public Optional<FileSystem> find(Tx tx, String account, String region, String idOrArn) {
        return find(tx, idOf(idOrArn)).filter(f -> f.accountId().equals(account) && f.region().equals(region));
    }

    public FileSystem fileSystem(Tx tx, String account, String region, String idOrArn) {
        return find(tx, account, region, idOrArn).orElseThrow(() -> EfsErrors.fileSystemNotFound(idOf(idOrArn)));
    }

    static String idOf(String idOrArn) {
        if (idOrArn == null) {
            return null;
        }
        int slash = idOrArn.lastIndexOf('/');
        return idOrArn.startsWith("arn:") && slash >= 0 ? idOrArn.substring(slash + 1) : idOrArn;
    }

    public List<FileSystem> listAll(Tx tx, String account, String region) {
        return fileSystems.list(tx, "").stream()
                .filter(f -> f.accountId().equals(account) && f.region().equals(region)).toList();
    }

    public record Page(List<FileSystem> fileSystems, String nextMarker) {
    }

    /** DescribeFileSystems: one by id, one by creation token, or all in pages of {@code maxItems} (default 100). */
    public Page describe(Tx tx, String account, String region, String id, String token, String marker,
                         Integer maxItems) {
        int max = maxItems == null ? 100 : maxItems;
        if (max < 1) {
            throw EfsErrors.badRequest("1 validation error detected: Value '" + max + "' at 'maxItems' failed to "
                    + "satisfy constraint: Member must have value greater than or equal to 1");
        }
        if (id != null && token != null) {
            throw EfsErrors.badRequest("Only one of FileSystemId or CreationToken may be specified.");
        }
        if (id != null) {
            return new Page(List.of(fileSystem(tx, account, region, id)), null);
        }
        if (token != null) {
            return new Page(findByToken(tx, account, region, token).map(List::of).orElse(List.of()), null);
        }
        List<FileSystem> all = listAll(tx, account, region);
        int start = 0;
        if (marker != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(marker)) {
                    start = i;
                }
            }
            if (start < 0) {
                throw EfsErrors.badRequest("Invalid Marker: " + marker);
            }
        }
        int end = Math.min(all.size(), start + max);
        return new Page(all.subList(start, end), end < all.size() ? all.get(end).id() : null);
    }

    public FileSystem deleteFileSystem(Tx tx, String account, String region, String id) {
        FileSystem fs = fileSystem(tx, account, region, id);
        fileSystems.delete(tx, fs.id());
        tx.afterCommit(() -> trees.delete(fs.id()));
        return fs;
    }

    // ---- tags

    public FileSystem tag(Tx tx, String account, String region, String resourceId, Map<String, String> tags) {
        FileSystem fs = taggable(tx, account, region, resourceId);
        validateTags(tags);
        Map<String, String> merged = new TreeMap<>(fs.tags());
        merged.putAll(tags);
        FileSystem updated = fs.withTags(merged);
        fileSystems.put(tx, fs.id(), updated);
        return updated;
    }

    public FileSystem untag(Tx tx, String account, String region, String resourceId, List<String> keys) {
        FileSystem fs = taggable(tx, account, region, resourceId);
        Map<String, String> remaining = new TreeMap<>(fs.tags());
        (keys == null ? List.<String>of() : keys).forEach(remaining::remove);
        FileSystem updated = fs.withTags(remaining);
        fileSystems.put(tx, fs.id(), updated);
        return updated;
    }

    public Map<String, String> tags(Tx tx, String account, String region, String resourceId) {
        return taggable(tx, account, region, resourceId).tags();
    }

    private FileSystem taggable(Tx tx, String account, String region, String resourceId) {
        String id = idOf(resourceId);
        if (id != null && id.startsWith("fsap-")) {
            throw EfsErrors.accessPointNotFound(id);
        }
        return fileSystem(tx, account, region, resourceId);
    }

    private static void validateTags(Map<String, String> tags) {
        tags.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw EfsErrors.badRequest("Tag keys must be between 1 and 128 characters long.");
            }
            if (v != null && v.length() > 256) {
                throw EfsErrors.badRequest("Tag values must be at most 256 characters long.");
            }
            if (k.startsWith("aws:")) {
                throw EfsErrors.badRequest("Tag keys starting with 'aws:' are reserved.");
            }
        });
    }

    // ---- files (the file systems' directories; the admin API reaches them too, EFS's NFS is not served)

    /** A normalized path relative to the root: no leading slash, no empty, "." or ".." segments. */
    public static String normalize(String path) {
        if (path == null) {
            throw EfsErrors.badRequest("A file path is required.");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") || segment.indexOf('\0') >= 0) {
                throw EfsErrors.badRequest("Invalid file path: " + path);
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            throw EfsErrors.badRequest("Invalid file path: " + path);
        }
        return String.join("/", segments);
    }

    /** The directory holding a file system's content (whether or not the file system exists). */
    public Path directory(String fsId) {
        return trees.directory(fsId);
    }

    public void putFile(Tx tx, String fsId, String path, byte[] content) {
        trees.write(fsId, normalize(path), content);
    }

    public Optional<byte[]> getFile(Tx tx, String fsId, String path) {
        return trees.read(fsId, normalize(path));
    }

    /** Every regular file's path, in order. */
    public List<String> listFiles(Tx tx, String fsId) {
        return trees.paths(fsId);
    }

    /** Every regular file with its content. */
    public Map<String, byte[]> allFiles(Tx tx, String fsId) {
        return trees.read(fsId).files();
    }

    public long sizeBytes(Tx tx, String fsId) {
        return trees.size(fsId);
    }

    FileTrees.Tree tree(String fsId) {
        return trees.read(fsId);
    }

    /** A file system's directories and files' paths, as a snapshot lists them. */
    FileTrees.Tree outline(String fsId) {
        return trees.outline(fsId);
    }

    /** A snapshot's entries for {@code paths}, each file read as the stream is consumed. */
    java.io.InputStream snapshotEntries(String fsId, java.util.Collection<String> paths) {
        return trees.entries(fsId, paths);
    }

    /**
     * Restores part of a tree under a new top-level directory {@code <prefix>}, {@code <prefix>_1}, ... of the file
     * system, and returns its name. Into a file system this transaction created the files go straight in; into an
     * existing one they are staged and moved into place once the transaction has committed, so a restore that
     * rolls back leaves nothing in the user's tree.
     */
    String restoreInto(Tx tx, String fsId, boolean created, String prefix, EfsCodecs.FileSystemStream snapshot,
                       Predicate<String> selected) throws java.io.IOException {
        String name = prefix;
        for (int n = 1; trees.taken(fsId, name); n++) {
            name = prefix + "_" + n;
        }
        trees.restore(fsId, name, snapshot, selected, !created);
        if (!created) {
            String published = name;
            tx.afterCommit(() -> trees.publish(fsId, published));
        }
        return name;
    }

    /**
     * At start-up: moves files that earlier versions kept in the store into the file systems' directories, and
     * deletes the directories of file systems that do not exist and any staged restore (left by a crash or a
     * rollback).
     */
    public void reconcile(Tx tx) {
        Set<String> ids = new HashSet<>();
        fileSystems.list(tx, "").forEach(f -> ids.add(f.id()));
        String after = null;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(LEGACY_FILES, "", after, 500, false));
            for (StoredRecord r : page.records()) {
                int slash = r.key().indexOf('/');
                String fsId = r.key().substring(0, slash);
                if (ids.contains(fsId)) {
                    trees.write(fsId, normalize(r.key().substring(slash + 1)), EfsCodecs.FILE.decode(r.value()));
                }
                tx.delete(LEGACY_FILES, r.key(), Tx.ANY);
            }
            if (page.lastKey() == null) {
                break;
            }
            after = page.lastKey();
        }
        trees.removeOrphans(ids);
    }

    /** For restores: a file system with a given configuration, and no tags. */
    FileSystem createRestored(Tx tx, String account, String region, String token, String performanceMode,
                              boolean encrypted, String kmsKeyId, FileSystem source) {
        FileSystem fs = new FileSystem(account, region, "fs-" + fileSystemIds.apply(tx), token, performanceMode,
                source.throughputMode(), source.provisionedThroughputInMibps(), encrypted,
                encrypted ? kmsKeyArn(account, region, kmsKeyId) : null, Instant.now(clock), Map.of(), source.arn());
        fileSystems.put(tx, fs.id(), fs, Tx.ABSENT);
        trees.create(fs.id());
        return fs;
    }

    Instant now() {
        return Instant.now(clock);
    }
}
