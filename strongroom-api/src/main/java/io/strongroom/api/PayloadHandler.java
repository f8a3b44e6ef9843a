package io.strongroom.api;

/**
 * Serves an operation whose model streams a payload (S3 PutObject and UploadPart in, GetObject out): the
 * SDK request with the request's payload bytes beside it (already decoded from aws-chunked), and an SDK
 * response with the payload to send. Still no HTTP: the pipeline reads and writes the bytes.
 */
@FunctionalInterface
public interface PayloadHandler<Q, R> {
    Served handle(CallContext context, Q request, byte[] payload);
}
