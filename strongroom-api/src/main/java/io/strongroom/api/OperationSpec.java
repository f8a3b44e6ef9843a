package io.strongroom.api;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * One served operation: its access declaration (asked of the Authorizer before dispatch), whether it
 * only reads (CloudTrail's readOnly, and a read-only transaction), and its handler. {@code writes} marks the
 * few reads that may create what they read (KMS's AWS managed keys, made on first use): they are recorded as
 * reads but run in a write transaction.
 */
public record OperationSpec<Q extends SdkRequest, R extends SdkResponse>(
        String name, Class<Q> requestType, String iamAction, boolean readOnly, AccessDeclaration<Q> access,
        PayloadHandler<Q, R> handler, boolean writes) {

    public OperationSpec(String name, Class<Q> requestType, String iamAction, boolean readOnly,
                         AccessDeclaration<Q> access, PayloadHandler<Q, R> handler) {
        this(name, requestType, iamAction, readOnly, access, handler, !readOnly);
    }

    public AccessRequirement requirement(CallContext context, SdkRequest request) {
        return access.requirement(context, requestType.cast(request));
    }

    /** Serves an operation that takes and returns no streaming payload. */
    public SdkResponse handle(CallContext context, SdkRequest request) {
        return handle(context, request, new byte[0]).response();
    }

    /** Serves the call with the request's payload; the answer carries the response payload, if any. */
    public Served handle(CallContext context, SdkRequest request, byte[] payload) {
        return handler.handle(context, requestType.cast(request), payload);
    }
}
