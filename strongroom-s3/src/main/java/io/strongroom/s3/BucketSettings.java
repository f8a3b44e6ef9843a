package io.strongroom.s3;

import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Tx;

import java.util.function.Function;

/**
 * A bucket's sub-resources that Strongroom does not let anyone configure (ACLs, CORS, website, lifecycle,
 * replication, default encryption, Object Lock, transfer acceleration, requester pays, server access logging).
 * Since none can be set, every bucket is in the state AWS reports for a bucket where nothing was configured, and
 * the read calls answer exactly that: the owner-only ACL, the "no such configuration" errors, Requester Pays off
 * (decision D59). Each call first needs the bucket itself (NoSuchBucket).
 */
public final class BucketSettings {
    public static final String OWNER_PERMISSION = "FULL_CONTROL";
    public static final String PAYER = "BucketOwner";

    /** A configuration that is never set here, and AWS's error for reading it from a bucket without one. */
    public enum Unconfigured {
        CORS(S3Errors::noSuchCorsConfiguration),
        WEBSITE(S3Errors::noSuchWebsiteConfiguration),
        LIFECYCLE(S3Errors::noSuchLifecycleConfiguration),
        REPLICATION(S3Errors::replicationConfigurationNotFound),
        /**
         * Objects are not advertised as server-side encrypted here, so the bucket does not claim SSE-S3 either
         * (AWS has given every bucket SSE-S3 since January 2023; D59).
         */
        ENCRYPTION(S3Errors::encryptionConfigurationNotFound),
        OBJECT_LOCK(S3Errors::objectLockConfigurationNotFound);

        private final Function<String, ServiceException> error;

        Unconfigured(Function<String, ServiceException> error) {
            this.error = error;
        }
    }

    private final S3Service s3;

    public BucketSettings(S3Service s3) {
        this.s3 = s3;
    }

    /** The ACL of a bucket with Object Ownership "bucket owner enforced": its owner, with FULL_CONTROL. */
    public record BucketAcl(String ownerId, String permission) {
    }

    public BucketAcl acl(Tx tx, String accountId, String bucket) {
        return new BucketAcl(s3.ownedBucket(tx, accountId, bucket).accountId(), OWNER_PERMISSION);
    }

    /** The error to answer for reading {@code configuration} of an existing bucket (NoSuchBucket is thrown). */
    public ServiceException missing(Tx tx, String accountId, String bucket, Unconfigured configuration) {
        s3.ownedBucket(tx, accountId, bucket);
        return configuration.error.apply(bucket);
    }

    /**
     * Settings whose "never set" answer is an empty or default document rather than an error: transfer
     * acceleration (no status), server access logging (no LoggingEnabled). Checks the bucket exists.
     */
    public void requireBucket(Tx tx, String accountId, String bucket) {
        s3.ownedBucket(tx, accountId, bucket);
    }

    /** Requester Pays is never turned on: the bucket owner pays. */
    public String payer(Tx tx, String accountId, String bucket) {
        s3.ownedBucket(tx, accountId, bucket);
        return PAYER;
    }
}
