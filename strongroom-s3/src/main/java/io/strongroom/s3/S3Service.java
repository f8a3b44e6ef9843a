package io.strongroom.s3;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;
import io.strongroom.resource.Inventories;
import io.strongroom.s3.codec.S3Json;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Codec;
import io.strongroom.storage.RememberingCodec;
import io.strongroom.storage.Tx;
import io.strongroom.storage.WatchedCollection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3's engine: buckets and their versioned objects. Every object write is a new version record (sorted newest
 * first under its key) plus the key's current record, which ListObjectsV2 and GetObject read; content lives in
 * {@link ObjectContent}. Buckets are owned by one account: calls of another account are refused here,
 * since bucket policies do not yet grant cross-account access.
 */
public final class S3Service {
    /** Every write of a bucket moves its account's inventory generation (D71); objects move nothing. */
    /** Read by every object call (owner, policy): decoded once while its bytes stay the same. */
    static final WatchedCollection<Bucket> BUCKETS = Inventories.collection("s3-buckets",
            new RememberingCodec<>(S3Json.of(Bucket.class), 4_096), Bucket::accountId, Bucket::region);
    /** An overwrite reads the version it replaces, usually the one the last write of that key encoded. */
    private static final Codec<ObjectVersion> VERSION_CODEC = new RememberingCodec<>(S3Json.of(ObjectVersion.class),
            16_384);
    static final Collection<ObjectVersion> CURRENT = new Collection<>("s3-objects", VERSION_CODEC);
    static final int MAX_KEY_BYTES = 1024;
    private static final Pattern VERSION_ID = Pattern.compile("[0-9a-f]{32}");
    static final Collection<ObjectVersion> VERSIONS = new Collection<>("s3-versions", VERSION_CODEC);
    private static final String US_EAST_1 = "us-east-1";
    private static final Pattern BUCKET_NAME = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");

    private final Clock clock;

    public S3Service(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return Instant.now(clock);
    }

    // ---- buckets

    public Bucket createBucket(Tx tx, String accountId, String region, String name, String locationConstraint) {
        if (name == null || !BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw S3Errors.invalidBucketName(name);
        }
        String constraint = locationConstraint == null || locationConstraint.isEmpty() ? null : locationConstraint;
        String bucketRegion;
        if (US_EAST_1.equals(region)) {
            if (US_EAST_1.equals(constraint)) {
                throw S3Errors.invalidLocationConstraint(constraint);
            }
            bucketRegion = constraint == null ? US_EAST_1 : constraint;
        } else if (constraint == null) {
            throw S3Errors.unspecifiedLocation();
        } else if (!constraint.equals(region)) {
            throw S3Errors.incompatibleLocation(constraint);
        } else {
            bucketRegion = constraint;
        }
        Optional<Bucket> existing = BUCKETS.get(tx, name);
        if (existing.isPresent()) {
            if (!existing.get().accountId().equals(accountId)) {
                throw S3Errors.bucketAlreadyExists(name);
            }
            if (US_EAST_1.equals(region) && US_EAST_1.equals(existing.get().region())) {
                return existing.get(); // us-east-1's legacy answer: 200 for your own bucket
            }
            throw S3Errors.bucketAlreadyOwnedByYou(name);
        }
        Bucket bucket = new Bucket(name, accountId, bucketRegion, now(), null, null, null, null);
        BUCKETS.put(tx, name, bucket, Tx.ABSENT);
        return bucket;
    }

    /** Creates a bucket for a restore (no location rules: the provider names the region). */
    Bucket createBucketForRestore(Tx tx, String accountId, String region, String name) {
        Bucket bucket = new Bucket(name, accountId, region, now(), "Enabled", null, null, true);
        BUCKETS.put(tx, name, bucket, Tx.ABSENT);
        return bucket;
    }

    /**
     * Deletes a bucket with every version of every object, its uploads in progress and its settings (a restore
     * test's bucket once its validation window ends, D129), in pages of the store's scans.
     */
    void deleteWithContents(Tx tx, Bucket bucket) {
        String prefix = bucket.name() + "/";
        while (true) {
            List<io.strongroom.storage.StoredRecord> page = tx.scan(io.strongroom.storage.ScanQuery.prefix(
                    VERSIONS.name(), prefix, 500)).records();
            if (page.isEmpty()) {
                break;
            }
            for (io.strongroom.storage.StoredRecord r : page) {
                VERSIONS.get(tx, r.key()).ifPresent(v -> ObjectContent.delete(tx, v.segments()));
                VERSIONS.delete(tx, r.key());
            }
        }
        tx.deleteAll(CURRENT.name(), prefix);
        S3Multipart.abortAll(tx, bucket.name());
        BUCKETS.delete(tx, bucket.name());
        BucketSizes.forget(tx, bucket.name());
    }

    public void deleteBucket(Tx tx, String accountId, String name) {
        ownedBucket(tx, accountId, name);
        if (!tx.scan(io.strongroom.storage.ScanQuery.prefix(VERSIONS.name(), name + "/", 1)).records().isEmpty()) {
            throw S3Errors.bucketNotEmpty(name);
        }
        S3Multipart.abortAll(tx, name);
        BUCKETS.delete(tx, name);
        BucketSizes.forget(tx, name);
    }

    public Bucket headBucket(Tx tx, String accountId, String name) {
        return ownedBucket(tx, accountId, name);
    }

    public List<Bucket> listBuckets(Tx tx, String accountId) {
        return BUCKETS.list(tx, "").stream().filter(b -> b.accountId().equals(accountId)).toList();
    }

    public void putBucketVersioning(Tx tx, String accountId, String name, String status) {
        Bucket b = ownedBucket(tx, accountId, name);
        if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
            throw S3Errors.malformedXml();
        }
        BUCKETS.put(tx, name, b.withVersioning(status));
    }

    public void putBucketTagging(Tx tx, String accountId, String name, Map<String, String> tags) {
        Bucket b = ownedBucket(tx, accountId, name);
        validateTags(tags);
        BUCKETS.put(tx, name, b.withTags(tags));
    }

    public Map<String, String> getBucketTagging(Tx tx, String accountId, String name) {
        Bucket b = ownedBucket(tx, accountId, name);
        if (b.tags() == null || b.tags().isEmpty()) {
            throw S3Errors.noSuchTagSet(name);
        }
        return b.tags();
    }

    public void deleteBucketTagging(Tx tx, String accountId, String name) {
        BUCKETS.put(tx, name, ownedBucket(tx, accountId, name).withTags(null));
    }

    /** Stores a policy the caller has already validated as a resource policy. */
    public void putBucketPolicy(Tx tx, String accountId, String name, String policy) {
        BUCKETS.put(tx, name, ownedBucket(tx, accountId, name).withPolicy(policy));
    }

    public String getBucketPolicy(Tx tx, String accountId, String name) {
        Bucket b = ownedBucket(tx, accountId, name);
        if (b.policy() == null) {
            throw S3Errors.noSuchBucketPolicy(name);
        }
        return b.policy();
    }

    public void deleteBucketPolicy(Tx tx, String accountId, String name) {
        BUCKETS.put(tx, name, ownedBucket(tx, accountId, name).withPolicy(null));
    }

    /**
     * The bucket a call names. Whether the caller may touch it (its own account, or a bucket policy that
     * grants another account) was decided by the Authorizer before the call got here.
     */
    /**
     * {@code ExpectedBucketOwner}: a request naming an account that does not own the bucket is refused with 403
     * AccessDenied, as S3 does; a bucket that does not exist is left to the operation to report.
     */
    public void checkBucketOwner(Tx tx, String bucket, String expectedOwner) {
        BUCKETS.get(tx, bucket).filter(b -> !b.accountId().equals(expectedOwner)).ifPresent(b -> {
            throw S3Errors.accessDenied();
        });
    }

    Bucket ownedBucket(Tx tx, String accountId, String name) {
        return BUCKETS.get(tx, name).orElseThrow(() -> S3Errors.noSuchBucket(name));
    }

    static void validateTags(Map<String, String> tags) {
        if (tags.size() > 50) {
            throw S3Errors.invalidTag("Object tags cannot be greater than 50");
        }
        tags.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw S3Errors.invalidTag("The TagKey you have provided is invalid");
            }
            if (v != null && v.length() > 256) {
                throw S3Errors.invalidTag("The TagValue you have provided is too long, max length is 256");
            }
        });
    }

    // ---- objects

    public ObjectVersion putObject(Tx tx, String accountId, String bucket, String key, byte[] bytes,
                                   String contentType, Map<String, String> metadata, Map<String, String> tags) {
        return putObject(tx, accountId, bucket, key, ObjectBody.of(bytes), contentType, metadata, tags);
    }

    public ObjectVersion putObject(Tx tx, String accountId, String bucket, String key, ObjectBody body,
                                   String contentType, Map<String, String> metadata, Map<String, String> tags) {
        return putObject(tx, accountId, bucket, key, body, contentType, metadata, tags, Preconditions.NONE);
    }

    /** A write that happens only while {@code conditions} hold for the key's current object (D94). */
    public ObjectVersion putObject(Tx tx, String accountId, String bucket, String key, ObjectBody body,
                                   String contentType, Map<String, String> metadata, Map<String, String> tags,
                                   Preconditions conditions) {
        Bucket b = ownedBucket(tx, accountId, bucket);
        checkKeyLength(key);
        if (!conditions.none()) {
            conditions.checkWrite(key, CURRENT.get(tx, currentKey(b.name(), key)));
        }
        validateTags(tags);
        Segment segment = ObjectContent.write(tx, body.bytes());
        return storeVersion(tx, b, key, false, body.etag(), body.bytes().length, contentType, metadata, tags,
                List.of(segment));
    }

    /** S3 refuses keys longer than 1,024 bytes of UTF-8. */
    static void checkKeyLength(String key) {
        int bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw S3Errors.keyTooLong(bytes);
        }
    }

    /** Writes a new version of {@code key} and makes it current; a "null" version replaces the old one. */
    ObjectVersion storeVersion(Tx tx, Bucket b, String key, boolean deleteMarker, String etag, long size,
                               String contentType, Map<String, String> metadata, Map<String, String> tags,
                               List<Segment> segments) {
        long seq = tx.nextSequence("s3-version");
        String versionId = b.versioningEnabled() ? versionId(seq) : ObjectVersion.NULL_VERSION;
        List<ObjectVersion> replaced = List.of();
        if (versionId.equals(ObjectVersion.NULL_VERSION)) {
            // A bucket that never had versioning holds one version per key, the current one; only one whose
            // versioning is suspended must look among older versions for the "null" one.
            replaced = (b.versioning() == null
                    ? CURRENT.get(tx, currentKey(b.name(), key)).stream()
                    : versions(tx, b.name(), key).stream())
                    .filter(v -> v.versionId().equals(ObjectVersion.NULL_VERSION)).toList();
        }
        ObjectVersion v = new ObjectVersion(b.name(), key, versionId, seq, deleteMarker, etag, size, now(),
                contentType == null && !deleteMarker ? "binary/octet-stream" : contentType, metadata, tags, segments);
        // One change of the total for the replaced version and the new one, made while both are as before.
        BucketSizes.add(tx, b.name(), v.size() - replaced.stream().mapToLong(ObjectVersion::size).sum());
        replaced.forEach(old -> removeVersion(tx, old, false));
        VERSIONS.put(tx, versionKey(v), v, Tx.ABSENT);
        CURRENT.put(tx, currentKey(b.name(), key), v);
        return v;
    }

    public ObjectVersion headObject(Tx tx, String accountId, String bucket, String key, String versionId) {
        ownedBucket(tx, accountId, bucket);
        return find(tx, bucket, key, versionId);
    }

    /**
     * The object's bytes, all of them or one range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}).
     * A range that is not of that form is ignored, as S3 does; one past the end is InvalidRange.
     */
    public ObjectRead getObject(Tx tx, String accountId, String bucket, String key, String versionId, String range,
                                Preconditions conditions) {
        ObjectVersion v = headObject(tx, accountId, bucket, key, versionId);
        conditions.checkRead(v);
        long size = v.size();
        long start = 0;
        long end = size - 1;
        boolean ranged = false;
        java.util.regex.Matcher m = range == null ? null
                : Pattern.compile("^bytes=(\\d*)-(\\d*)$").matcher(range.trim());
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0) {
                    throw S3Errors.invalidRange(size, range);
                }
                start = Math.max(0, size - suffix);
            } else {
                start = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    end = Math.min(end, Long.parseLong(m.group(2)));
                }
                if (start >= size || (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < start)) {
                    throw S3Errors.invalidRange(size, range);
                }
            }
            ranged = true;
        }
        byte[] bytes = size == 0 ? new byte[0] : ObjectContent.read(tx, v.segments(), start, end);
        return new ObjectRead(v, bytes, start, end, ranged);
    }

    /** What DeleteObject did: the version it created or removed, and whether that is a delete marker. */
    public record Deletion(String versionId, boolean deleteMarker) {
    }

    public Deletion deleteObject(Tx tx, String accountId, String bucket, String key, String versionId) {
        Bucket b = ownedBucket(tx, accountId, bucket);
        if (versionId != null) {
            checkVersionId(versionId);
            Optional<ObjectVersion> found = versions(tx, bucket, key).stream()
                    .filter(v -> v.versionId().equals(versionId)).findFirst();
            if (found.isEmpty()) {
                return new Deletion(versionId, false);
            }
            removeVersion(tx, found.get());
            return new Deletion(versionId, found.get().deleteMarker());
        }
        if (b.versioning() == null) {
            CURRENT.get(tx, currentKey(bucket, key)).ifPresent(v -> removeVersion(tx, v));
            return new Deletion(null, false);
        }
        ObjectVersion marker = storeVersion(tx, b, key, true, null, 0, null, Map.of(), Map.of(), List.of());
        return new Deletion(marker.versionId(), true);
    }

    /** Removes one version and its content; the next newest version, if any, becomes current. */
    void removeVersion(Tx tx, ObjectVersion v) {
        removeVersion(tx, v, true);
    }

    /**
     * {@code findNextCurrent} false: the caller makes a new version current right after, and has already counted
     * the removed bytes in the bucket's total.
     */
    private void removeVersion(Tx tx, ObjectVersion v, boolean findNextCurrent) {
        if (findNextCurrent) {
            BucketSizes.add(tx, v.bucket(), -v.size());
        }
        VERSIONS.delete(tx, versionKey(v));
        ObjectContent.delete(tx, v.segments());
        if (!findNextCurrent) {
            return;
        }
        String current = currentKey(v.bucket(), v.key());
        Optional<ObjectVersion> cur = CURRENT.get(tx, current);
        if (cur.isPresent() && cur.get().versionId().equals(v.versionId())) {
            List<ObjectVersion> rest = versions(tx, v.bucket(), v.key());
            if (rest.isEmpty()) {
                CURRENT.delete(tx, current);
            } else {
                CURRENT.put(tx, current, rest.get(0));
            }
        }
    }

    public ObjectVersion copyObject(Tx tx, String accountId, String sourceBucket, String sourceKey,
                                    String sourceVersionId, String bucket, String key, boolean replaceMetadata,
                                    String contentType, Map<String, String> metadata) {
        ObjectVersion source = headObject(tx, accountId, sourceBucket, sourceKey, sourceVersionId);
        Bucket target = ownedBucket(tx, accountId, bucket);
        checkKeyLength(key);
        byte[] bytes = ObjectContent.readAll(tx, source.segments());
        Segment segment = ObjectContent.write(tx, bytes);
        return storeVersion(tx, target, key, false, "\"" + md5Hex(bytes) + "\"", bytes.length,
                replaceMetadata ? contentType : source.contentType(),
                replaceMetadata ? metadata : source.metadata(), source.tags(), List.of(segment));
    }

    public String putObjectTagging(Tx tx, String accountId, String bucket, String key, String versionId,
                                   Map<String, String> tags) {
        ownedBucket(tx, accountId, bucket);
        validateTags(tags);
        ObjectVersion v = find(tx, bucket, key, versionId);
        ObjectVersion tagged = v.withTags(tags);
        VERSIONS.put(tx, versionKey(tagged), tagged);
        CURRENT.get(tx, currentKey(bucket, key)).filter(c -> c.versionId().equals(v.versionId()))
                .ifPresent(c -> CURRENT.put(tx, currentKey(bucket, key), tagged));
        return v.versionId();
    }

    public ObjectVersion getObjectTagging(Tx tx, String accountId, String bucket, String key, String versionId) {
        return headObject(tx, accountId, bucket, key, versionId);
    }

    /** The version asked for, or the current one; a current delete marker reads as no such key. */
    ObjectVersion find(Tx tx, String bucket, String key, String versionId) {
        if (versionId != null) {
            checkVersionId(versionId);
            ObjectVersion v = versions(tx, bucket, key).stream().filter(x -> x.versionId().equals(versionId))
                    .findFirst().orElseThrow(() -> S3Errors.noSuchVersion(key, versionId));
            if (v.deleteMarker()) {
                throw S3Errors.methodNotAllowed();
            }
            return v;
        }
        return CURRENT.get(tx, currentKey(bucket, key)).filter(v -> !v.deleteMarker())
                .orElseThrow(() -> S3Errors.noSuchKey(key));
    }

    /** Every version of one key, newest first. */
    static List<ObjectVersion> versions(Tx tx, String bucket, String key) {
        return VERSIONS.list(tx, bucket + "/" + key + "\u0001");
    }

    /** Every version in a bucket whose key starts with {@code prefix}: by key, newest first within a key. */
    static List<ObjectVersion> allVersions(Tx tx, String bucket, String prefix) {
        List<ObjectVersion> out = new ArrayList<>(VERSIONS.list(tx, bucket + "/" + (prefix == null ? "" : prefix)));
        return out;
    }

    static String currentKey(String bucket, String key) {
        return bucket + "/" + key;
    }

    static String versionKey(ObjectVersion v) {
        return v.bucket() + "/" + v.key() + "\u0001" + Keys.zeroPadded(Long.toString(Long.MAX_VALUE - v.sequence()), 19);
    }

    /** A version id Strongroom cannot have made is S3's InvalidArgument, not a missing version. */
    private static void checkVersionId(String versionId) {
        if (!versionId.equals(ObjectVersion.NULL_VERSION) && !VERSION_ID.matcher(versionId).matches()) {
            throw S3Errors.invalidArgument("Invalid version id specified", "versionId", versionId);
        }
    }

    private static String versionId(long sequence) {
        // Opaque to callers, and ordered like the versions themselves.
        return Keys.zeroPadded(Long.toHexString(sequence), 32);
    }

    static String md5Hex(byte[] bytes) {
        return HexFormat.of().formatHex(md5().digest(bytes));
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
