package io.strongroom.api;

/** Serves one operation: an SDK request in, an SDK response out; no HTTP, no JSON. */
@FunctionalInterface
public interface OperationHandler<Q, R> {
    R handle(CallContext context, Q request);
}
