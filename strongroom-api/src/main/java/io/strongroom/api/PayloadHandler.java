package io.strongroom.api;

import java.util.function.BiFunction;

/**
 * Serves an operation whose model streams a payload (S3 PutObject and UploadPart in, GetObject out): the
 * SDK request with the request's payload bytes beside it (already decoded from aws-chunked), and an SDK
 * response with the payload to send. Still no HTTP: the pipeline reads and writes the bytes.
 */
@FunctionalInterface
public interface PayloadHandler<Q, R> {
    Served handle(CallContext context, Q request, byte[] payload);

    /**
     * Called before the call's transaction, the answer run in it. By default nothing is done before: only a
     * handler made by {@link #preparing} does work there.
     */
    default PreparedCall prepare(Q request, byte[] payload) {
        return context -> handle(context, request, payload);
    }

    /** What a {@link #preparing} handler does in the call's transaction with what was prepared. */
    @FunctionalInterface
    interface WithPrepared<Q, P> {
        Served handle(CallContext context, Q request, P prepared);
    }

    /**
     * A handler that works on the payload before the call's transaction ({@code before}: digests of every byte,
     * say), then runs {@code in} with the result inside it. Write calls share one writer, so per-byte work done
     * before it is done by concurrent calls side by side instead of one after another. {@code before} must not
     * fail on any input: the call is not yet authorised when it runs.
     */
    static <Q, R, P> PayloadHandler<Q, R> preparing(BiFunction<Q, byte[], P> before, WithPrepared<Q, P> in) {
        return new PayloadHandler<>() {
            @Override
            public Served handle(CallContext context, Q request, byte[] payload) {
                return prepare(request, payload).run(context);
            }

            @Override
            public PreparedCall prepare(Q request, byte[] payload) {
                P prepared = before.apply(request, payload);
                return context -> in.handle(context, request, prepared);
            }
        };
    }
}
