package io.strongroom.s3;

import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * ListObjectsV2 and ListObjectVersions over the key-ordered records. A common prefix counts as one entry
 * towards max-keys and its keys are skipped in one jump. The continuation token is the last key or
 * common prefix returned, encoded: opaque to callers, and stable while keys come and go.
 */
public final class S3Listing {
    private static final String AFTER_ALL = "\uFFFF";
    private static final io.strongroom.storage.Codec<ObjectVersion> VERSION_CODEC =
            io.strongroom.s3.codec.S3Json.of(ObjectVersion.class);
    private final S3Service s3;

    public S3Listing(S3Service s3) {
        this.s3 = s3;
    }

    /** {@code nextMarker}: the last key or common prefix of a truncated page (ListObjects' NextMarker). */
    public record Page(List<ObjectVersion> contents, List<String> commonPrefixes, boolean truncated,
                       String nextMarker) {
        public int keyCount() {
            return contents.size() + commonPrefixes.size();
        }

        /** ListObjectsV2's token: the next marker, opaque. */
        public String nextContinuationToken() {
            return token(nextMarker);
        }
    }

    public Page listObjectsV2(Tx tx, String accountId, String bucket, String prefix, String delimiter, int maxKeys,
                              String continuationToken, String startAfter) {
        if (continuationToken == null) {
            return list(tx, accountId, bucket, prefix, delimiter, maxKeys, startAfter);
        }
        String marker;
        try {
            marker = new String(Base64.getUrlDecoder().decode(continuationToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token",
                    continuationToken);
        }
        return listAfterMarker(tx, accountId, bucket, prefix, delimiter, maxKeys, marker);
    }

    /**
     * ListObjects after {@code marker} (and ListObjectsV2 after its token's marker): a marker that is a common prefix
     * continues after everything under it.
     */
    public Page listAfterMarker(Tx tx, String accountId, String bucket, String prefix, String delimiter, int maxKeys,
                                String marker) {
        String after = marker;
        if (after != null && delimiter != null && !delimiter.isEmpty() && after.endsWith(delimiter)) {
            after = after + AFTER_ALL;
        }
        return list(tx, accountId, bucket, prefix, delimiter, maxKeys, after);
    }

    private Page list(Tx tx, String accountId, String bucket, String prefix, String delimiter, int maxKeys,
                      String after) {
        s3.ownedBucket(tx, accountId, bucket);
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        String base = bucket + "/";
        String cursor = after == null || after.compareTo(p) < 0 ? null : base + after;
        List<ObjectVersion> contents = new ArrayList<>();
        TreeSet<String> prefixes = new TreeSet<>();
        String last = null;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(S3Service.CURRENT.name(), base + p, cursor, 200, false));
            boolean jumped = false;
            for (StoredRecord r : page.records()) {
                ObjectVersion v = VERSION_CODEC.decode(r.value());
                cursor = r.key();
                if (v.deleteMarker()) {
                    continue;
                }
                if (contents.size() + prefixes.size() >= maxKeys) {
                    return new Page(contents, List.copyOf(prefixes), true, last);
                }
                String rest = v.key().substring(p.length());
                int at = d == null ? -1 : rest.indexOf(d);
                if (at >= 0) {
                    String common = p + rest.substring(0, at + d.length());
                    prefixes.add(common);
                    last = common;
                    cursor = base + common + AFTER_ALL;
                    jumped = true;
                    break;
                }
                contents.add(v);
                last = v.key();
            }
            if (!jumped && page.lastKey() == null) {
                return new Page(contents, List.copyOf(prefixes), false, null);
            }
        }
    }

    public record VersionPage(List<ObjectVersion> versions, boolean truncated, String nextKeyMarker,
                              String nextVersionIdMarker) {
    }

    /**
     * Versions and delete markers by key, newest first within a key, after ({@code keyMarker},
     * {@code versionIdMarker}): without a version marker, after every version of the key marker.
     */
    public VersionPage listObjectVersions(Tx tx, String accountId, String bucket, String prefix, int maxKeys,
                                          String keyMarker, String versionIdMarker) {
        s3.ownedBucket(tx, accountId, bucket);
        List<ObjectVersion> out = new ArrayList<>();
        boolean wholeKey = versionIdMarker == null || versionIdMarker.isEmpty();
        boolean markerSeen = false;
        for (ObjectVersion v : S3Service.allVersions(tx, bucket, prefix)) {
            if (keyMarker != null) {
                int c = v.key().compareTo(keyMarker);
                if (c < 0 || (c == 0 && (wholeKey || !markerSeen))) {
                    markerSeen |= c == 0 && v.versionId().equals(versionIdMarker);
                    continue;
                }
            }
            if (out.size() >= maxKeys) {
                if (out.isEmpty()) {
                    // MaxKeys 0: nothing listed, more to list, and no marker to go on from (as ListObjectsV2).
                    return new VersionPage(out, true, null, null);
                }
                ObjectVersion lastOut = out.get(out.size() - 1);
                return new VersionPage(out, true, lastOut.key(), lastOut.versionId());
            }
            out.add(v);
        }
        return new VersionPage(out, false, null, null);
    }

    /** Whether a version is its key's current one (IsLatest). */
    public boolean isLatest(Tx tx, ObjectVersion v) {
        return S3Service.CURRENT.get(tx, S3Service.currentKey(v.bucket(), v.key()))
                .map(c -> c.versionId().equals(v.versionId())).orElse(false);
    }

    private static String token(String last) {
        return last == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }
}
