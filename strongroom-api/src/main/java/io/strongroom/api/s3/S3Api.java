package io.strongroom.api.s3;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.PayloadHandler;
import io.strongroom.api.ServiceApi;
import io.strongroom.s3.BucketSettings;
import io.strongroom.s3.ObjectBody;
import io.strongroom.s3.S3Listing;
import io.strongroom.s3.S3Multipart;
import io.strongroom.s3.S3Service;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAccelerateConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketCorsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLoggingRequest;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketRequestPaymentRequest;
import software.amazon.awssdk.services.s3.model.GetBucketWebsiteRequest;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.util.List;
import java.util.Map;

/**
 * S3 operations and what each needs from IAM: {@code s3:<Action>} on {@code arn:aws:s3:::bucket} or
 * {@code arn:aws:s3:::bucket/key}, with the action names of AWS's service authorization reference
 * (HeadObject is s3:GetObject, HeadBucket s3:ListBucket, a versioned read s3:GetObjectVersion...).
 */
public final class S3Api {
    private S3Api() {
    }

    static String bucketArn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    static String objectArn(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    private static AccessRequirement onBucket(String action, String bucket) {
        return AccessRequirement.of(action, bucketArn(bucket));
    }

    private static AccessRequirement onObject(String action, String bucket, String key) {
        return AccessRequirement.of(action, objectArn(bucket, key));
    }

    /** s3:x-amz-acl carries the canned ACL a write asks for, so a bucket policy can require bucket-owner-full-control. */
    private static AccessRequirement putObject(String bucket, String key, String cannedAcl) {
        return new AccessRequirement(List.of("s3:PutObject"), List.of(objectArn(bucket, key)),
                cannedAcl == null ? Map.of() : Map.of("s3:x-amz-acl", List.of(cannedAcl)), false);
    }

    public static ServiceApi create(S3Service s3) {
        S3BucketOperations buckets = new S3BucketOperations(s3);
        S3ObjectOperations objects = new S3ObjectOperations(s3, new S3Listing(s3), new S3Multipart(s3));
        S3BucketSettingsOperations settings = new S3BucketSettingsOperations(new BucketSettings(s3));
        ServiceApi.Builder api = ServiceApi.builder("s3").checkingEachRequest((ctx, q) -> q.getValueForField(
                "ExpectedBucketOwner", String.class).ifPresent(expected -> q.getValueForField("Bucket", String.class)
                .ifPresent(bucket -> s3.checkBucketOwner(ctx.tx(), bucket, expected))));
        bucketSettings(api, settings);
        return api
                .read("ListBuckets", ListBucketsRequest.class, "s3:ListAllMyBuckets",
                        (ctx, q) -> AccessRequirement.of("s3:ListAllMyBuckets", "*"), buckets::listBuckets)
                .write("CreateBucket", CreateBucketRequest.class, "s3:CreateBucket",
                        (ctx, q) -> onBucket("s3:CreateBucket", q.bucket()), buckets::createBucket)
                .write("DeleteBucket", DeleteBucketRequest.class, "s3:DeleteBucket",
                        (ctx, q) -> onBucket("s3:DeleteBucket", q.bucket()), buckets::deleteBucket)
                .read("HeadBucket", HeadBucketRequest.class, "s3:ListBucket",
                        (ctx, q) -> onBucket("s3:ListBucket", q.bucket()), buckets::headBucket)
                .read("GetBucketLocation", GetBucketLocationRequest.class, "s3:GetBucketLocation",
                        (ctx, q) -> onBucket("s3:GetBucketLocation", q.bucket()), buckets::getBucketLocation)
                .write("PutBucketVersioning", PutBucketVersioningRequest.class, "s3:PutBucketVersioning",
                        (ctx, q) -> onBucket("s3:PutBucketVersioning", q.bucket()), buckets::putBucketVersioning)
                .read("GetBucketVersioning", GetBucketVersioningRequest.class, "s3:GetBucketVersioning",
                        (ctx, q) -> onBucket("s3:GetBucketVersioning", q.bucket()), buckets::getBucketVersioning)
                .write("PutBucketTagging", PutBucketTaggingRequest.class, "s3:PutBucketTagging",
                        (ctx, q) -> onBucket("s3:PutBucketTagging", q.bucket()), buckets::putBucketTagging)
                .read("GetBucketTagging", GetBucketTaggingRequest.class, "s3:GetBucketTagging",
                        (ctx, q) -> onBucket("s3:GetBucketTagging", q.bucket()), buckets::getBucketTagging)
                .write("DeleteBucketTagging", DeleteBucketTaggingRequest.class, "s3:PutBucketTagging",
                        (ctx, q) -> onBucket("s3:PutBucketTagging", q.bucket()), buckets::deleteBucketTagging)
                .write("PutBucketPolicy", PutBucketPolicyRequest.class, "s3:PutBucketPolicy",
                        (ctx, q) -> onBucket("s3:PutBucketPolicy", q.bucket()), buckets::putBucketPolicy)
                .read("GetBucketPolicy", GetBucketPolicyRequest.class, "s3:GetBucketPolicy",
                        (ctx, q) -> onBucket("s3:GetBucketPolicy", q.bucket()), buckets::getBucketPolicy)
                .write("DeleteBucketPolicy", DeleteBucketPolicyRequest.class, "s3:DeleteBucketPolicy",
                        (ctx, q) -> onBucket("s3:DeleteBucketPolicy", q.bucket()), buckets::deleteBucketPolicy)
                .writePayload("PutObject", PutObjectRequest.class, "s3:PutObject",
                        (ctx, q) -> putObject(q.bucket(), q.key(), q.aclAsString()),
                        PayloadHandler.preparing((q, payload) -> ObjectBody.of(payload), objects::putObject))
                .readPayload("GetObject", GetObjectRequest.class, "s3:GetObject",
                        (ctx, q) -> onObject(q.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion",
                                q.bucket(), q.key()), objects::getObject)
                .read("HeadObject", HeadObjectRequest.class, "s3:GetObject",
                        (ctx, q) -> onObject(q.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion",
                                q.bucket(), q.key()), objects::headObject)
                .write("DeleteObject", DeleteObjectRequest.class, "s3:DeleteObject",
                        (ctx, q) -> onObject(q.versionId() == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion",
                                q.bucket(), q.key()), objects::deleteObject)
                .write("DeleteObjects", DeleteObjectsRequest.class, "s3:DeleteObject",
                        (ctx, q) -> new AccessRequirement(List.of("s3:DeleteObject"),
                                q.delete().objects().isEmpty() ? List.of(bucketArn(q.bucket()))
                                        : q.delete().objects().stream().map(o -> objectArn(q.bucket(), o.key())).toList(),
                                Map.of(), false), objects::deleteObjects)
                .write("CopyObject", CopyObjectRequest.class, "s3:PutObject",
                        (ctx, q) -> {
                            CopySource source = CopySource.parse(q.copySource());
                            return putObject(q.destinationBucket(), q.destinationKey(), q.aclAsString())
                                    .and(onObject(source.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion",
                                            source.bucket(), source.key()));
                        }, objects::copyObject)
                .read("ListObjectsV2", ListObjectsV2Request.class, "s3:ListBucket",
                        (ctx, q) -> onBucket("s3:ListBucket", q.bucket()), objects::listObjectsV2)
                .read("ListObjects", ListObjectsRequest.class, "s3:ListBucket",
                        (ctx, q) -> onBucket("s3:ListBucket", q.bucket()), objects::listObjects)
                .read("ListObjectVersions", ListObjectVersionsRequest.class, "s3:ListBucketVersions",
                        (ctx, q) -> onBucket("s3:ListBucketVersions", q.bucket()), objects::listObjectVersions)
                .write("PutObjectTagging", PutObjectTaggingRequest.class, "s3:PutObjectTagging",
                        (ctx, q) -> onObject("s3:PutObjectTagging", q.bucket(), q.key()), objects::putObjectTagging)
                .read("GetObjectTagging", GetObjectTaggingRequest.class, "s3:GetObjectTagging",
                        (ctx, q) -> onObject("s3:GetObjectTagging", q.bucket(), q.key()), objects::getObjectTagging)
                .write("DeleteObjectTagging", DeleteObjectTaggingRequest.class, "s3:DeleteObjectTagging",
                        (ctx, q) -> onObject("s3:DeleteObjectTagging", q.bucket(), q.key()),
                        objects::deleteObjectTagging)
                .write("CreateMultipartUpload", CreateMultipartUploadRequest.class, "s3:PutObject",
                        (ctx, q) -> onObject("s3:PutObject", q.bucket(), q.key()), objects::createMultipartUpload)
                .writePayload("UploadPart", UploadPartRequest.class, "s3:PutObject",
                        (ctx, q) -> onObject("s3:PutObject", q.bucket(), q.key()),
                        PayloadHandler.preparing((q, payload) -> ObjectBody.of(payload), objects::uploadPart))
                .write("CompleteMultipartUpload", CompleteMultipartUploadRequest.class, "s3:PutObject",
                        (ctx, q) -> onObject("s3:PutObject", q.bucket(), q.key()), objects::completeMultipartUpload)
                .write("AbortMultipartUpload", AbortMultipartUploadRequest.class, "s3:AbortMultipartUpload",
                        (ctx, q) -> onObject("s3:AbortMultipartUpload", q.bucket(), q.key()),
                        objects::abortMultipartUpload)
                .read("ListParts", ListPartsRequest.class, "s3:ListMultipartUploadParts",
                        (ctx, q) -> onObject("s3:ListMultipartUploadParts", q.bucket(), q.key()), objects::listParts)
                .read("ListMultipartUploads", ListMultipartUploadsRequest.class, "s3:ListBucketMultipartUploads",
                        (ctx, q) -> onBucket("s3:ListBucketMultipartUploads", q.bucket()),
                        objects::listMultipartUploads)
                // AWS's object-level calls, and the bucket-level ones CloudTrail logs as object-level (D75).
                .dataEvents("PutObject", "GetObject", "HeadObject", "DeleteObject", "DeleteObjects", "CopyObject",
                        "PutObjectTagging", "GetObjectTagging", "DeleteObjectTagging", "CreateMultipartUpload",
                        "UploadPart", "CompleteMultipartUpload", "AbortMultipartUpload", "ListParts",
                        "ListMultipartUploads", "ListObjects", "ListObjectsV2", "ListObjectVersions", "HeadBucket")
                .note("PutBucketPolicy", "Validated as a resource policy and evaluated by the Authorizer for every"
                        + " call on the bucket, from its own and from other accounts (D28)")
                .note("ListObjects", "Contents carry no Owner")
                .build();
    }

    /** Reads of what cannot be configured here; each answers AWS's state for a bucket where it never was (D59). */
    private static void bucketSettings(ServiceApi.Builder api, S3BucketSettingsOperations settings) {
        String unset = "not configurable here (no Put call served): answers AWS's error for a bucket without one";
        api.read("GetBucketAcl", GetBucketAclRequest.class, "s3:GetBucketAcl",
                        (ctx, q) -> onBucket("s3:GetBucketAcl", q.bucket()), settings::getBucketAcl)
                .read("GetBucketCors", GetBucketCorsRequest.class, "s3:GetBucketCORS",
                        (ctx, q) -> onBucket("s3:GetBucketCORS", q.bucket()), settings::getBucketCors)
                .read("GetBucketWebsite", GetBucketWebsiteRequest.class, "s3:GetBucketWebsite",
                        (ctx, q) -> onBucket("s3:GetBucketWebsite", q.bucket()), settings::getBucketWebsite)
                .read("GetBucketLifecycleConfiguration", GetBucketLifecycleConfigurationRequest.class,
                        "s3:GetLifecycleConfiguration",
                        (ctx, q) -> onBucket("s3:GetLifecycleConfiguration", q.bucket()),
                        settings::getBucketLifecycleConfiguration)
                .read("GetBucketReplication", GetBucketReplicationRequest.class, "s3:GetReplicationConfiguration",
                        (ctx, q) -> onBucket("s3:GetReplicationConfiguration", q.bucket()),
                        settings::getBucketReplication)
                .read("GetBucketEncryption", GetBucketEncryptionRequest.class, "s3:GetEncryptionConfiguration",
                        (ctx, q) -> onBucket("s3:GetEncryptionConfiguration", q.bucket()),
                        settings::getBucketEncryption)
                .read("GetObjectLockConfiguration", GetObjectLockConfigurationRequest.class,
                        "s3:GetBucketObjectLockConfiguration",
                        (ctx, q) -> onBucket("s3:GetBucketObjectLockConfiguration", q.bucket()),
                        settings::getObjectLockConfiguration)
                .read("GetBucketAccelerateConfiguration", GetBucketAccelerateConfigurationRequest.class,
                        "s3:GetAccelerateConfiguration",
                        (ctx, q) -> onBucket("s3:GetAccelerateConfiguration", q.bucket()),
                        settings::getBucketAccelerateConfiguration)
                .read("GetBucketLogging", GetBucketLoggingRequest.class, "s3:GetBucketLogging",
                        (ctx, q) -> onBucket("s3:GetBucketLogging", q.bucket()), settings::getBucketLogging)
                .read("GetBucketRequestPayment", GetBucketRequestPaymentRequest.class, "s3:GetBucketRequestPayment",
                        (ctx, q) -> onBucket("s3:GetBucketRequestPayment", q.bucket()),
                        settings::getBucketRequestPayment)
                .note("GetBucketAcl", "ACLs are not served (no PutBucketAcl): every bucket has the owner-only ACL "
                        + "of AWS's default \"bucket owner enforced\" buckets")
                .note("GetBucketCors", unset)
                .note("GetBucketWebsite", unset)
                .note("GetBucketLifecycleConfiguration", unset)
                .note("GetBucketReplication", unset)
                .note("GetBucketEncryption", "not configurable here: ServerSideEncryptionConfigurationNotFoundError, "
                        + "where AWS gives every bucket SSE-S3 since 2023 (D59)")
                .note("GetObjectLockConfiguration", unset)
                .note("GetBucketAccelerateConfiguration", "not configurable here: never-set answer (no Status)")
                .note("GetBucketLogging", "not configurable here: never-set answer (logging disabled)")
                .note("GetBucketRequestPayment", "not configurable here: always BucketOwner");
    }
}
