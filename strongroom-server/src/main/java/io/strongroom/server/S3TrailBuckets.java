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
        if (bucket(tx, trail).isEmpty()) {
            throw CloudTrailErrors.bucketDoesNotExist(trail.bucket());
        }
        if (!allowed(tx, trail, key)) {
            throw CloudTrailErrors.insufficientBucketPolicy(trail.bucket());
        }
    }

    @Override
    public Optional<String> put(Tx tx, Trail trail, String key, byte[] content) {
        Optional<Bucket> bucket = bucket(tx, trail);
        if (bucket.isEmpty()) {
            return Optional.of("NoSuchBucket");
        }
        if (!allowed(tx, trail, key)) {
            return Optional.of("AccessDenied");
        }
        try {
            s3.putObject(tx, bucket.get().accountId(), bucket.get().name(), key, content, "application/json",
                    Map.of(), Map.of());
            return Optional.empty();
        } catch (ServiceException e) {
            return Optional.of(e.code());
        }
    }

    private Optional<Bucket> bucket(Tx tx, Trail trail) {
        try {
            return Optional.of(s3.headBucket(tx, trail.homeAccount(), trail.bucket()));
        } catch (ServiceException e) {
            return Optional.empty(); // S3 answers NoSuchBucket whoever asks
        }
    }

    /** Whether the bucket's policy lets CloudTrail read its ACL and put {@code key}. */
    private boolean allowed(Tx tx, Trail trail, String key) {
        Map<String, List<String>> context = Map.of("aws:SourceArn", List.of(trail.arn()),
                "aws:SourceAccount", List.of(trail.homeAccount()), "s3:x-amz-acl", List.of("bucket-owner-full-control"));
        String bucketArn = "arn:aws:s3:::" + trail.bucket();
        return authorizer.authorizeService(tx, CLOUDTRAIL, "s3:GetBucketAcl", bucketArn, context).allowed()
                && authorizer.authorizeService(tx, CLOUDTRAIL, "s3:PutObject", bucketArn + "/" + key, context)
                .allowed();
    }
}
