package io.strongroom.api.s3;

import io.strongroom.api.CallContext;
import io.strongroom.s3.BucketSettings;
import io.strongroom.s3.BucketSettings.Unconfigured;
import software.amazon.awssdk.services.s3.model.GetBucketAccelerateConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAccelerateConfigurationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketCorsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLoggingRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLoggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketRequestPaymentRequest;
import software.amazon.awssdk.services.s3.model.GetBucketRequestPaymentResponse;
import software.amazon.awssdk.services.s3.model.GetBucketWebsiteRequest;
import software.amazon.awssdk.services.s3.model.GetBucketWebsiteResponse;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Owner;

/** The read calls of bucket sub-resources that cannot be configured here: SDK shapes to {@link BucketSettings}. */
final class S3BucketSettingsOperations {
    private final BucketSettings settings;

    S3BucketSettingsOperations(BucketSettings settings) {
        this.settings = settings;
    }

    GetBucketAclResponse getBucketAcl(CallContext ctx, GetBucketAclRequest q) {
        BucketSettings.BucketAcl acl = settings.acl(ctx.tx(), ctx.accountId(), q.bucket());
        Owner owner = S3BucketOperations.owner(acl.ownerId());
        return GetBucketAclResponse.builder().owner(owner).grants(Grant.builder()
                .grantee(Grantee.builder().type("CanonicalUser").id(owner.id()).build())
                .permission(acl.permission()).build()).build();
    }

    GetBucketCorsResponse getBucketCors(CallContext ctx, GetBucketCorsRequest q) {
        throw settings.missing(ctx.tx(), ctx.accountId(), q.bucket(), Unconfigured.CORS);
    }

    GetBucketWebsiteResponse getBucketWebsite(CallContext ctx, GetBucketWebsiteRequest q) {
        throw settings.missing(ctx.tx(), ctx.accountId(), q.bucket(), Unconfigured.WEBSITE);
    }

    GetBucketLifecycleConfigurationResponse getBucketLifecycleConfiguration(CallContext ctx,
            GetBucketLifecycleConfigurationRequest q) {
        throw settings.missing(ctx.tx(), ctx.accountId(), q.bucket(), Unconfigured.LIFECYCLE);
    }

    GetBucketReplicationResponse getBucketReplication(CallContext ctx, GetBucketReplicationRequest q) {
        throw settings.missing(ctx.tx(), ctx.accountId(), q.bucket(), Unconfigured.REPLICATION);
    }

    GetBucketEncryptionResponse getBucketEncryption(CallContext ctx, GetBucketEncryptionRequest q) {
        throw settings.missing(ctx.tx(), ctx.accountId(), q.bucket(), Unconfigured.ENCRYPTION);
    }

    GetObjectLockConfigurationResponse getObjectLockConfiguration(CallContext ctx,
            GetObjectLockConfigurationRequest q) {
        throw settings.missing(ctx.tx(), ctx.accountId(), q.bucket(), Unconfigured.OBJECT_LOCK);
    }

    GetBucketAccelerateConfigurationResponse getBucketAccelerateConfiguration(CallContext ctx,
            GetBucketAccelerateConfigurationRequest q) {
        settings.requireBucket(ctx.tx(), ctx.accountId(), q.bucket());
        return GetBucketAccelerateConfigurationResponse.builder().build();
    }

    GetBucketLoggingResponse getBucketLogging(CallContext ctx, GetBucketLoggingRequest q) {
        settings.requireBucket(ctx.tx(), ctx.accountId(), q.bucket());
        return GetBucketLoggingResponse.builder().build();
    }

    GetBucketRequestPaymentResponse getBucketRequestPayment(CallContext ctx, GetBucketRequestPaymentRequest q) {
        return GetBucketRequestPaymentResponse.builder()
                .payer(settings.payer(ctx.tx(), ctx.accountId(), q.bucket())).build();
    }
}
