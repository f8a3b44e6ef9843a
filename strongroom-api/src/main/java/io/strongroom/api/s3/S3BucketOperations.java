package io.strongroom.api.s3;

import io.strongroom.api.CallContext;
import io.strongroom.iampolicy.MalformedPolicyDocument;
import io.strongroom.iampolicy.PolicyDocument;
import io.strongroom.iampolicy.PolicyKind;
import io.strongroom.s3.Bucket;
import io.strongroom.s3.S3Errors;
import io.strongroom.s3.S3Service;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bucket operations: SDK shapes to S3's engine and back. */
final class S3BucketOperations {
    private final S3Service s3;

    S3BucketOperations(S3Service s3) {
        this.s3 = s3;
    }

    ListBucketsResponse listBuckets(CallContext ctx, ListBucketsRequest q) {
        return ListBucketsResponse.builder()
                .buckets(s3.listBuckets(ctx.tx(), ctx.accountId()).stream()
                        .map(b -> software.amazon.awssdk.services.s3.model.Bucket.builder().name(b.name())
                                .creationDate(b.created()).bucketRegion(b.region()).build()).toList())
                .owner(owner(ctx.accountId())).build();
    }

    CreateBucketResponse createBucket(CallContext ctx, CreateBucketRequest q) {
        String constraint = q.createBucketConfiguration() == null ? null
                : q.createBucketConfiguration().locationConstraintAsString();
        Bucket b = s3.createBucket(ctx.tx(), ctx.accountId(), ctx.region(), q.bucket(), constraint);
        return CreateBucketResponse.builder().location("/" + b.name()).build();
    }

    DeleteBucketResponse deleteBucket(CallContext ctx, DeleteBucketRequest q) {
        s3.deleteBucket(ctx.tx(), ctx.accountId(), q.bucket());
        return DeleteBucketResponse.builder().build();
    }

    HeadBucketResponse headBucket(CallContext ctx, HeadBucketRequest q) {
        Bucket b = s3.headBucket(ctx.tx(), ctx.accountId(), q.bucket());
        return HeadBucketResponse.builder().bucketRegion(b.region()).build();
    }

    GetBucketLocationResponse getBucketLocation(CallContext ctx, GetBucketLocationRequest q) {
        Bucket b = s3.headBucket(ctx.tx(), ctx.accountId(), q.bucket());
        // us-east-1 is the empty LocationConstraint, as on AWS.
        return GetBucketLocationResponse.builder()
                .locationConstraint(b.region().equals("us-east-1") ? null : b.region()).build();
    }

    PutBucketVersioningResponse putBucketVersioning(CallContext ctx, PutBucketVersioningRequest q) {
        if (q.versioningConfiguration() == null) {
            throw S3Errors.malformedXml();
        }
        s3.putBucketVersioning(ctx.tx(), ctx.accountId(), q.bucket(), q.versioningConfiguration().statusAsString());
        return PutBucketVersioningResponse.builder().build();
    }

    GetBucketVersioningResponse getBucketVersioning(CallContext ctx, GetBucketVersioningRequest q) {
        Bucket b = s3.headBucket(ctx.tx(), ctx.accountId(), q.bucket());
        return GetBucketVersioningResponse.builder().status(b.versioning()).build();
    }

    PutBucketTaggingResponse putBucketTagging(CallContext ctx, PutBucketTaggingRequest q) {
        if (q.tagging() == null) {
            throw S3Errors.malformedXml();
        }
        s3.putBucketTagging(ctx.tx(), ctx.accountId(), q.bucket(), tags(q.tagging().tagSet()));
        return PutBucketTaggingResponse.builder().build();
    }

    GetBucketTaggingResponse getBucketTagging(CallContext ctx, GetBucketTaggingRequest q) {
        return GetBucketTaggingResponse.builder()
                .tagSet(tagSet(s3.getBucketTagging(ctx.tx(), ctx.accountId(), q.bucket()))).build();
    }

    DeleteBucketTaggingResponse deleteBucketTagging(CallContext ctx, DeleteBucketTaggingRequest q) {
        s3.deleteBucketTagging(ctx.tx(), ctx.accountId(), q.bucket());
        return DeleteBucketTaggingResponse.builder().build();
    }

    PutBucketPolicyResponse putBucketPolicy(CallContext ctx, PutBucketPolicyRequest q) {
        String policy = q.policy();
        if (policy == null || policy.isBlank()) {
            throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }
        try {
            PolicyDocument.parse(policy, PolicyKind.RESOURCE);
        } catch (MalformedPolicyDocument e) {
            throw S3Errors.malformedPolicy(e.getMessage());
        }
        s3.putBucketPolicy(ctx.tx(), ctx.accountId(), q.bucket(), policy);
        return PutBucketPolicyResponse.builder().build();
    }

    GetBucketPolicyResponse getBucketPolicy(CallContext ctx, GetBucketPolicyRequest q) {
        return GetBucketPolicyResponse.builder()
                .policy(s3.getBucketPolicy(ctx.tx(), ctx.accountId(), q.bucket())).build();
    }

    DeleteBucketPolicyResponse deleteBucketPolicy(CallContext ctx, DeleteBucketPolicyRequest q) {
        s3.deleteBucketPolicy(ctx.tx(), ctx.accountId(), q.bucket());
        return DeleteBucketPolicyResponse.builder().build();
    }

    static Owner owner(String accountId) {
        return Owner.builder().id(accountId).build();
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    static List<Tag> tagSet(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
