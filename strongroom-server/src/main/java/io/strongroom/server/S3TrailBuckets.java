package io.strongroom.server;

import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.cloudtrail.CloudTrailErrors;
import io.strongroom.engine.cloudtrail.Trail;
import io.strongroom.engine.cloudtrail.TrailPorts;
import io.strongroom.kernel.ServiceException;
import io.strongroom.s3.Bucket;
import io.strongroom.s3.S3Service;
import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trails' log files into S3 as the service principal cloudtrail.amazonaws.com (D133): the bucket's policy alone lets
 * it read the bucket's ACL and put each file with the bucket-owner-full-control ACL, with the trail's ARN and account
 * as aws:SourceArn and aws:SourceAccount, as AWS's documented bucket policy for CloudTrail expects.
 */
final class S3TrailBuckets implements TrailPorts.Buckets {
    private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
    private final S3Service s3;
    private final Authorizer authorizer;

    S3TrailBuckets(S3Service s3, Authorizer authorizer) {
        this.s3 = s3;
        this.authorizer = authorizer;
    }

    @Override
    public void checkWritable(Tx tx, Trail trail, String key) {
        Optional<String> refusal = refusal(tx, trail, key);
        if (refusal.isPresent()) {
            throw "NoSuchBucket".equals(refusal.get()) ? CloudTrailErrors.bucketDoesNotExist(trail.bucket())
                    : CloudTrailErrors.insufficientBucketPolicy(trail.bucket());
        }
    }

    @Override
    public Optional<String> put(Tx tx, Trail trail, String key, byte[] content) {
        Optional<String> refusal = refusal(tx, trail, key);
        if (refusal.isPresent()) {
            return refusal;
        }
        try {
            Bucket bucket = s3.headBucket(tx, trail.homeAccount(), trail.bucket());
            s3.putObject(tx, bucket.accountId(), bucket.name(), key, content, "application/json", Map.of(), Map.of());
            return Optional.empty();
        } catch (ServiceException e) {
            return Optional.of(e.code());
        }
    }

    /** Why CloudTrail could not write {@code key}: S3's error code, or empty when it can. */
    private Optional<String> refusal(Tx tx, Trail trail, String key) {
        try {
            s3.headBucket(tx, trail.homeAccount(), trail.bucket());
        } catch (ServiceException e) {
            return Optional.of(e.code());
        }
        Map<String, List<String>> context = Map.of("aws:SourceArn", List.of(trail.arn()),
                "aws:SourceAccount", List.of(trail.homeAccount()), "s3:x-amz-acl", List.of("bucket-owner-full-control"));
        String bucketArn = "arn:aws:s3:::" + trail.bucket();
        if (!authorizer.authorizeService(tx, CLOUDTRAIL, "s3:GetBucketAcl", bucketArn, context).allowed()
                || !authorizer.authorizeService(tx, CLOUDTRAIL, "s3:PutObject", bucketArn + "/" + key, context)
                .allowed()) {
            return Optional.of("AccessDenied");
        }
        return Optional.empty();
    }
}
