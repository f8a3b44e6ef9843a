package io.strongroom.api;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * One served operation: its access declaration (asked of the Authorizer before dispatch), whether it
 * only reads (CloudTrail's readOnly, and a read-only transaction), and its handler. {@code writes} marks the
 * few reads that may create what they read (KMS's AWS managed keys, made on first use): they are recorded as
 * reads but run in a write transaction. {@code dataEvent} marks item- and object-level calls (DynamoDB items, S3
 * objects): CloudTrail counts them as data events, which event history never holds (decision D75).
 */
public record OperationSpec<Q extends SdkRequest, R extends SdkResponse>(
        String name, Class<Q> requestType, String iamAction, boolean readOnly, AccessDeclaration<Q> access,
        PayloadHandler<Q, R> handler, boolean writes, boolean dataEvent) {

    public OperationSpec(String name, Class<Q> requestType, String iamAction, boolean readOnly,
                         AccessDeclaration<Q> access, PayloadHandler<Q, R> handler) {
        this(name, requestType, iamAction, readOnly, access, handler, !readOnly, false);
    }

    public OperationSpec(String name, Class<Q> requestType, String iamAction, boolean readOnly,
                         AccessDeclaration<Q> access, PayloadHandler<Q, R> handler, boolean writes) {
        this(name, requestType, iamAction, readOnly, access, handler, writes, false);
    }

    /** The same operation, recorded by CloudTrail as a data event. */
    public OperationSpec<Q, R> asDataEvent() {
        return new OperationSpec<>(name, requestType, iamAction, readOnly, access, handler, writes, true);
    }

    /** The same operation, making {@code check} of its request in the call's transaction before its handler. */
    public OperationSpec<Q, R> checkedFirst(RequestCheck check) {
        PayloadHandler<Q, R> inner = handler;
        PayloadHandler<Q, R> checked = new PayloadHandler<>() {
            @Override
            public Served handle(CallContext context, Q request, byte[] payload) {
                check.check(context, request);
                return inner.handle(context, request, payload);
            }

            @Override
            public PreparedCall prepare(Q request, byte[] payload) {
                PreparedCall call = inner.prepare(request, payload);
                return context -> {
                    check.check(context, request);
                    return call.run(context);
                };
            }
        };
        return new OperationSpec<>(name, requestType, iamAction, readOnly, access, checked, writes, dataEvent);
    }

    public AccessRequirement requirement(CallContext context, SdkRequest request) {
        return access.requirement(context, requestType.cast(request));
    }

    /** Does what the handler does before the call's transaction; the answer serves the call in it. */
    public PreparedCall prepare(SdkRequest request, byte[] payload) {
        return handler.prepare(requestType.cast(request), payload);
    }
}
