package io.strongroom.s3;

import io.strongroom.resource.ResourcePolicySource;
import io.strongroom.storage.Tx;

import java.util.Optional;

/** Bucket owners and bucket policies, for the Authorizer: a bucket's objects share the bucket's policy. */
public final class S3BucketPolicies implements ResourcePolicySource {
    private static final String PREFIX = "arn:aws:s3:::";

    @Override
    public boolean owns(String arn) {
        return arn != null && arn.startsWith(PREFIX) && arn.length() > PREFIX.length();
    }

    @Override
    public Optional<ResourceAccess> access(Tx tx, String arn, String action) {
        if ("s3:CreateBucket".equalsIgnoreCase(action)) {
            // A name taken by another account answers BucketAlreadyExists, from S3 itself.
            return Optional.empty();
        }
        String rest = arn.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        return S3Service.BUCKETS.get(tx, bucket).map(b -> new ResourceAccess(b.accountId(), b.policy()));
    }
}
