package io.strongroom.s3;

import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.resource.SnapshotData;
import io.strongroom.s3.codec.S3Json;
import io.strongroom.storage.Tx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /** One backed-up version. */
    public record SavedVersion(String key, String versionId, Instant lastModified, String contentType,
                               Map<String, String> metadata, Map<String, String> tags, byte[] data) {
    }

    /** A snapshot's data: the versions by key (newest first), and the keys whose current version is a marker. */
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
        long size = S3Service.allVersions(tx, b.name(), "").stream().mapToLong(ObjectVersion::size).sum();
        return new ProtectedResource(b.arn(), "S3", b.accountId(), b.region(), b.name(),
                b.tags() == null ? Map.of() : b.tags(), b.created(), size);
    }

    @Override
    public Snapshot snapshot(Tx tx, String arn) {
        Bucket b = describe(tx, arn).flatMap(r -> S3Service.BUCKETS.get(tx, r.name()))
                .orElseThrow(() -> S3Errors.noSuchBucket(arn));
        List<SavedVersion> versions = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (ObjectVersion v : S3Service.allVersions(tx, b.name(), "")) {
            if (v.deleteMarker()) {
                boolean current = S3Service.CURRENT.get(tx, S3Service.currentKey(b.name(), v.key()))
                        .map(c -> c.versionId().equals(v.versionId())).orElse(false);
                if (current) {
                    deleted.add(v.key());
                }
                continue;
            }
            versions.add(new SavedVersion(v.key(), v.versionId(), v.lastModified(), v.contentType(), v.metadata(),
                    v.tags(), ObjectContent.readAll(tx, v.segments())));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("DestinationBucketName", b.name());
        metadata.put("NewBucket", "false");
        metadata.put("Encrypted", "false");
        metadata.put("CreationToken", b.name() + "-" + b.created().toEpochMilli());
        return new Snapshot(SnapshotData.of(S3Json.write(new SavedBucket(b.name(), versions, deleted))), metadata,
                b.tags() == null ? Map.of() : b.tags());
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
        SavedBucket saved = S3Json.read(snapshot.data().readAllBytes(), SavedBucket.class);
        Map<String, List<SavedVersion>> byKey = new LinkedHashMap<>();
        saved.versions().forEach(v -> byKey.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v));
        for (Map.Entry<String, List<SavedVersion>> e : byKey.entrySet()) {
            if (saved.deletedKeys().contains(e.getKey())) {
                continue;
            }
            boolean present = S3Service.CURRENT.get(tx, S3Service.currentKey(destination, e.getKey()))
                    .filter(c -> !c.deleteMarker()).isPresent();
            if (present) {
                continue;
            }
            List<SavedVersion> chosen = e.getValue().subList(0, Math.min(upTo, e.getValue().size()));
            for (int i = chosen.size() - 1; i >= 0; i--) {
                SavedVersion v = chosen.get(i);
                Segment segment = ObjectContent.write(tx, v.data());
                s3.storeVersion(tx, target, v.key(), false, "\"" + S3Service.md5Hex(v.data()) + "\"",
                        v.data().length, v.contentType(), v.metadata(), v.tags(), List.of(segment));
            }
        }
        return describe(tx, S3Service.BUCKETS.get(tx, destination).orElseThrow());
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
