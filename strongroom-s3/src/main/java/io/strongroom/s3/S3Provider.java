package io.strongroom.s3;

import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.resource.SnapshotData;
import io.strongroom.resource.SnapshotStreams;
import io.strongroom.s3.codec.S3Json;
import io.strongroom.storage.Tx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * S3 buckets for AWS Backup. A snapshot holds every version of every object that is not a delete marker
 * (data, content type, user metadata, tags), newest first per key, and which keys are currently deleted.
 * A restore writes into {@code DestinationBucketName} (spec 5), never destructively: keys whose current
 * version exists in the destination are skipped, keys only in the destination are left alone, and a
 * current delete marker counts as absent. The destination must have versioning enabled; {@code NewBucket}
 * "true" creates it (versioned). {@code RestoreLatestVersionsUpTo} is 1 (default), n or "all".
 */
public final class S3Provider implements ResourceProvider {
    private static final String ARN_PREFIX = "arn:aws:s3:::";
    private final S3Service s3;

    public S3Provider(S3Service s3) {
        this.s3 = s3;
    }

    private static final int FORMAT = 2;
    private static final int ENTRY = 1;
    private static final byte END = 0;

    /** One backed-up version, as format 1 snapshots (one JSON document) kept it. */
    public record SavedVersion(String key, String versionId, Instant lastModified, String contentType,
                               Map<String, String> metadata, Map<String, String> tags, byte[] data) {
    }

    /** A format 1 snapshot: the versions by key (newest first), and the keys whose current version is a marker. */
    public record SavedBucket(String bucket, List<SavedVersion> versions, List<String> deletedKeys) {
    }

    @Override
    public String resourceType() {
        return "S3";
    }

    @Override
    public boolean owns(String arn) {
        return arn != null && arn.startsWith(ARN_PREFIX) && !arn.substring(ARN_PREFIX.length()).contains("/");
    }

    @Override
    public List<ProtectedResource> list(Tx tx, String accountId, String region) {
        return S3Service.BUCKETS.list(tx, "").stream()
                .filter(b -> b.accountId().equals(accountId) && b.region().equals(region))
                .map(b -> describe(tx, b)).toList();
    }

    @Override
    public void tag(Tx tx, String arn, Map<String, String> tags) {
        Bucket bucket = bucketOf(tx, arn);
        Map<String, String> merged = new java.util.TreeMap<>(bucket.tags() == null ? Map.of() : bucket.tags());
        merged.putAll(tags);
        s3.putBucketTagging(tx, bucket.accountId(), bucket.name(), merged);
    }

    @Override
    public void untag(Tx tx, String arn, List<String> keys) {
        Bucket bucket = bucketOf(tx, arn);
        Map<String, String> rest = new java.util.TreeMap<>(bucket.tags() == null ? Map.of() : bucket.tags());
        keys.forEach(rest::remove);
        if (rest.isEmpty()) {
            s3.deleteBucketTagging(tx, bucket.accountId(), bucket.name());
        } else {
            s3.putBucketTagging(tx, bucket.accountId(), bucket.name(), rest);
        }
    }

    private static Bucket bucketOf(Tx tx, String arn) {
        String name = arn.substring(ARN_PREFIX.length());
        return S3Service.BUCKETS.get(tx, name).orElseThrow(() -> S3Errors.noSuchBucket(name));
    }

    @Override
    public Optional<ProtectedResource> describe(Tx tx, String arn) {
        if (!owns(arn)) {
            return Optional.empty();
        }
        return S3Service.BUCKETS.get(tx, arn.substring(ARN_PREFIX.length())).map(b -> describe(tx, b));
    }

    private ProtectedResource describe(Tx tx, Bucket b) {
        long size = BucketSizes.of(tx, b.name());
        return new ProtectedResource(b.arn(), "S3", b.accountId(), b.region(), b.name(),
                b.tags() == null ? Map.of() : b.tags(), b.created(), size);
    }

    /** The start of a format 2 snapshot: the bucket's name. */
    public record BucketHeader(String bucket) {
    }

    /**
     * One version's entry in a format 2 snapshot, followed by its {@code length} bytes of content. {@code newer} counts
     * the key's newer versions in the snapshot (0: its latest); {@code keyDeleted}: the key's current version is a
     * delete marker.
     */
    public record VersionEntry(String key, String versionId, Instant lastModified, String contentType,
                               Map<String, String> metadata, Map<String, String> tags, long length, int newer,
                               boolean keyDeleted) {
    }

    /**
     * Format 2: format byte and length-prefixed header ({@link BucketHeader}); then per version that is not a delete
     * marker, keys in order and each key's versions oldest first, byte 1, a length-prefixed {@link VersionEntry} and
     * the content (read from the store a chunk at a time as the stream is consumed); then byte 0.
     */
    @Override
    public Snapshot snapshot(Tx tx, String arn) {
        Bucket b = describe(tx, arn).flatMap(r -> S3Service.BUCKETS.get(tx, r.name()))
                .orElseThrow(() -> S3Errors.noSuchBucket(arn));
        Map<String, List<ObjectVersion>> byKey = new LinkedHashMap<>(); // newest first per key
        Set<String> deleted = new HashSet<>();
        for (ObjectVersion v : S3Service.allVersions(tx, b.name(), "")) {
            if (v.deleteMarker()) {
                boolean current = S3Service.CURRENT.get(tx, S3Service.currentKey(b.name(), v.key()))
                        .map(c -> c.versionId().equals(v.versionId())).orElse(false);
                if (current) {
                    deleted.add(v.key());
                }
                continue;
            }
            byKey.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v);
        }
        List<SnapshotData> parts = new ArrayList<>();
        parts.add(SnapshotData.of(SnapshotStreams.header(FORMAT, S3Json.write(new BucketHeader(b.name())))));
        byKey.forEach((key, versions) -> {
            for (int newer = versions.size() - 1; newer >= 0; newer--) {
                ObjectVersion v = versions.get(newer);
                VersionEntry entry = new VersionEntry(key, v.versionId(), v.lastModified(), v.contentType(),
                        v.metadata(), v.tags(), v.size(), newer, deleted.contains(key));
                parts.add(SnapshotData.of(SnapshotStreams.header(ENTRY, S3Json.write(entry))));
                parts.add(() -> ObjectContent.stream(tx, v.segments()));
            }
        });
        parts.add(SnapshotData.of(new byte[] {END}));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("DestinationBucketName", b.name());
        metadata.put("NewBucket", "false");
        metadata.put("Encrypted", "false");
        metadata.put("CreationToken", b.name() + "-" + b.created().toEpochMilli());
        return new Snapshot(() -> SnapshotStreams.concat(parts.iterator()), metadata,
                b.tags() == null ? Map.of() : b.tags());
    }

    /**
     * A restore test's bucket, once its validation window ends: deleted with all it holds, but only when the restore
     * created it (NewBucket, as the test's inferred metadata asks); a bucket that existed before is never deleted
     * (D129).
     */
    @Override
    public boolean deleteRestored(Tx tx, String arn) {
        if (!arn.startsWith(ARN_PREFIX)) {
            return true;
        }
        Optional<Bucket> bucket = S3Service.BUCKETS.get(tx, arn.substring(ARN_PREFIX.length()));
        if (bucket.isEmpty()) {
            return true; // already gone
        }
        if (!Boolean.TRUE.equals(bucket.get().madeByRestore())) {
            throw S3Errors.restoredBucketNotDeleted(bucket.get().name());
        }
        s3.deleteWithContents(tx, bucket.get());
        return true;
    }

    @Override
    public ProtectedResource restore(Tx tx, String accountId, String region, Snapshot snapshot,
                                     Map<String, String> metadata) {
        Map<String, String> m = new LinkedHashMap<>();
        metadata.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        String destination = m.get("destinationbucketname");
        if (destination == null || destination.isBlank()) {
            throw new RestoreRejected("Restore metadata is missing DestinationBucketName.");
        }
        int upTo = latestVersions(m.get("restorelatestversionsupto"));
        Optional<Bucket> existing = S3Service.BUCKETS.get(tx, destination);
        Bucket target;
        if ("true".equalsIgnoreCase(m.get("newbucket"))) {
            if (existing.isPresent()) {
                throw new RestoreRejected("The destination bucket " + destination + " already exists.");
            }
            target = s3.createBucketForRestore(tx, accountId, region, destination);
        } else {
            target = existing.orElseThrow(() -> new RestoreRejected(
                    "The destination bucket " + destination + " does not exist."));
            if (!target.accountId().equals(accountId)) {
                throw new RestoreRejected("Access denied to the destination bucket " + destination + ".");
            }
            if (!target.versioningEnabled()) {
                throw new RestoreRejected("The destination bucket " + destination
                        + " must have versioning enabled to be a restore target.");
            }
        }
        SnapshotStreams.read(snapshot, "S3", raw -> {
            PushbackInputStream in = new PushbackInputStream(raw, 1);
            InputStream entries = SnapshotStreams.peekFormat(in, "S3") == '{' ? legacy(in.readAllBytes()) : in;
            if (entries == in) {
                SnapshotStreams.readHeader(in, FORMAT, "S3");
            }
            restoreVersions(tx, target, new PushbackInputStream(entries, 1), upTo);
            return null;
        });
        return describe(tx, S3Service.BUCKETS.get(tx, destination).orElseThrow());
    }

    /**
     * Writes the chosen versions of each key, oldest first, never destructively: a key whose current version exists
     * in the destination (checked before any of its versions is written), or is deleted in the snapshot, is skipped.
     */
    private void restoreVersions(Tx tx, Bucket target, PushbackInputStream in, int upTo) throws IOException {
        Map<String, Boolean> restoring = new HashMap<>();
        while (SnapshotStreams.peekFormat(in, "S3") != END) {
            VersionEntry v = S3Json.read(SnapshotStreams.readHeader(in, ENTRY, "S3"), VersionEntry.class);
            if (v.key() == null || v.length() < 0) {
                throw SnapshotStreams.malformed("S3", "a version without a key or length");
            }
            InputStream content = SnapshotStreams.exactly(in, v.length(), "S3");
            boolean keyRestored = restoring.computeIfAbsent(v.key(), key -> !v.keyDeleted()
                    && S3Service.CURRENT.get(tx, S3Service.currentKey(target.name(), key))
                    .filter(c -> !c.deleteMarker()).isEmpty());
            if (!keyRestored || v.newer() >= upTo) {
                SnapshotStreams.drain(content);
                continue;
            }
            MessageDigest md5 = S3Service.md5();
            Segment segment = ObjectContent.write(tx, content, v.length(), md5);
            s3.storeVersion(tx, target, v.key(), false, "\"" + HexFormat.of().formatHex(md5.digest()) + "\"",
                    v.length(), v.contentType(), v.metadata(), v.tags(), List.of(segment));
        }
        in.read();
        SnapshotStreams.expectEnd(in, "S3");
    }

    /** A format 1 snapshot (one JSON document, versions newest first per key) re-framed as format 2 entries. */
    private static InputStream legacy(byte[] document) throws IOException {
        SavedBucket saved = S3Json.read(document, SavedBucket.class);
        Map<String, List<SavedVersion>> byKey = new LinkedHashMap<>();
        saved.versions().forEach(v -> byKey.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, List<SavedVersion>> e : byKey.entrySet()) {
            for (int newer = e.getValue().size() - 1; newer >= 0; newer--) {
                SavedVersion v = e.getValue().get(newer);
                out.write(SnapshotStreams.header(ENTRY, S3Json.write(new VersionEntry(v.key(), v.versionId(),
                        v.lastModified(), v.contentType(), v.metadata(), v.tags(), v.data().length, newer,
                        saved.deletedKeys().contains(v.key())))));
                out.write(v.data());
            }
        }
        out.write(END);
        return new ByteArrayInputStream(out.toByteArray());
    }

    private static int latestVersions(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        if (value.equalsIgnoreCase("all")) {
            return Integer.MAX_VALUE;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RestoreRejected("RestoreLatestVersionsUpTo must be 1, a number of versions, or all.");
        }
    }
}
