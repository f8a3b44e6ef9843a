package io.strongroom.wire;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/** One operation of a served service. */
public interface OperationModel {
    String name();

    ServiceModel service();

    String httpMethod();

    /** The SDK's request URI template (S3's omit the bucket, which the SDK puts in host or path itself). */
    String requestUri();

    Class<? extends SdkRequest> requestType();

    Class<? extends SdkResponse> responseType();
}
