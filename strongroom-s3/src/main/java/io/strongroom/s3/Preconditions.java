package io.strongroom.s3;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * A request's conditional headers ({@code If-Match}, {@code If-None-Match}, {@code If-Modified-Since},
 * {@code If-Unmodified-Since}) as S3 applies them: on reads against the version read, on PutObject against the key's
 * current object (D94).
 */
public record Preconditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {
    public static final Preconditions NONE = new Preconditions(null, null, null, null);

    public static Preconditions ofWrite(String ifMatch, String ifNoneMatch) {
        return new Preconditions(ifMatch, ifNoneMatch, null, null);
    }

    public boolean none() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
    }

    /**
     * GetObject and HeadObject: PreconditionFailed (412) when If-Match does not match, or without If-Match when the
     * object changed after If-Unmodified-Since; NotModified (304) when If-None-Match matches, or without it when the
     * object did not change after If-Modified-Since. If-Match and If-None-Match decide over the dates they come with.
     */
    public void checkRead(ObjectVersion v) {
        if (ifMatch != null) {
            if (!matches(ifMatch, v.etag())) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        } else if (ifUnmodifiedSince != null && changedAfter(v, ifUnmodifiedSince)) {
            throw S3Errors.preconditionFailed("If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, v.etag())) {
                throw S3Errors.notModified();
            }
        } else if (ifModifiedSince != null && !changedAfter(v, ifModifiedSince)) {
            throw S3Errors.notModified();
        }
    }

    /**
     * PutObject: If-None-Match {@code *} writes only where no object is (PreconditionFailed otherwise); If-Match
     * writes only over an object with that ETag (NoSuchKey where there is none, PreconditionFailed when it differs).
     */
    public void checkWrite(String key, Optional<ObjectVersion> current) {
        Optional<ObjectVersion> live = current.filter(v -> !v.deleteMarker());
        if (ifNoneMatch != null && live.isPresent() && matches(ifNoneMatch, live.get().etag())) {
            throw S3Errors.preconditionFailed("If-None-Match");
        }
        if (ifMatch != null) {
            if (live.isEmpty()) {
                throw S3Errors.noSuchKey(key);
            }
            if (!matches(ifMatch, live.get().etag())) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
    }

    /** An entity-tag list ({@code "a", "b"}, quoted or not, weak or not) or {@code *} against an ETag. */
    static boolean matches(String header, String etag) {
        String bare = ETags.bare(etag);
        return Arrays.stream(header.split(",")).map(String::trim).anyMatch(t -> t.equals("*")
                || ETags.bare(t.startsWith("W/") ? t.substring(2) : t).equals(bare));
    }

    /** HTTP dates carry whole seconds: an object changed within the second named has not changed after it. */
    private static boolean changedAfter(ObjectVersion v, Instant when) {
        return v.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(when.truncatedTo(ChronoUnit.SECONDS));
    }
}
