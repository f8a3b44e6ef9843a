package io.strongroom.api;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * One served operation: its access declaration (asked of the Authorizer before dispatch), whether it
 * only reads (CloudTrail's readOnly, and a read-only transaction), and its handler.
 */
public record OperationSpec<Q extends SdkRequest, R extends SdkResponse>(
        String name, Class<Q> requestType, String iamAction, boolean readOnly, AccessDeclaration<Q> access,
        OperationHandler<Q, R> handler) {

    public AccessRequirement requirement(CallContext context, SdkRequest request) {
        return access.requirement(context, requestType.cast(request));
    }

    public SdkResponse handle(CallContext context, SdkRequest request) {
        return handler.handle(context, requestType.cast(request));
    }
}
