package io.strongroom.engine.cloudtrail;

import io.strongroom.storage.Tx;

import java.util.Optional;

/** What trails need from other contexts, wired by the server. */
public final class TrailPorts {
    private TrailPorts() {
    }

    /** An account's organization as CloudTrail sees it. */
    public record OrganizationFacts(String organizationId, String managementAccountId, boolean allFeatures,
                                    boolean cloudTrailAccessEnabled) {
    }

    /** Organizations, for organization trails. */
    public interface Organizations {
        /** The account's organization; empty outside any. */
        Optional<OrganizationFacts> of(Tx tx, String accountId);

        /** The id of the account's organization, asked for every event while an organization trail logs: cached. */
        Optional<String> organizationId(Tx tx, String accountId);
    }

    /** The S3 buckets trails write into, as the service principal cloudtrail.amazonaws.com. */
    public interface Buckets {
        /**
         * Throws CloudTrail's error when the trail could not deliver into its bucket: S3BucketDoesNotExistException,
         * or InsufficientS3BucketPolicyException when the bucket policy does not let CloudTrail read the bucket's ACL
         * or put {@code key} with the bucket-owner-full-control ACL.
         */
        void checkWritable(Tx tx, Trail trail, String key);

        /** Puts one log file; empty when it was written, else the error S3 answered (its code). */
        Optional<String> put(Tx tx, Trail trail, String key, byte[] content);
    }
}
