package io.strongroom.api;

import software.amazon.awssdk.core.SdkRequest;

/**
 * A check every operation of a service makes of its request in the call's transaction, before its handler
 * (S3's {@code ExpectedBucketOwner}); it throws the service's error when the request fails it.
 */
@FunctionalInterface
public interface RequestCheck {
    void check(CallContext context, SdkRequest request);
}
