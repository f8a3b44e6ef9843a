package io.strongroom.wire.sdk;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * What the SDK's generated marshaller knows about one operation.
 *
 * @param target        the operation identifier: the full X-Amz-Target for awsJson, the Action for query
 * @param explicitPayload true when one member is the whole body (S3 PutObject, PutBucketTagging)
 */
public record OperationBinding(String name, String httpMethod, String requestUri, String target, String apiVersion,
                               boolean hasPayloadMembers, boolean explicitPayload, boolean streamingInput,
                               Class<? extends SdkRequest> requestType, Class<? extends SdkResponse> responseType) {
    public Shape requestShape() {
        return Shape.of(requestType);
    }

    public Shape responseShape() {
        return Shape.of(responseType);
    }
}
