package io.strongroom.server.http;

import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The only place Jetty's types meet ours: an HTTP exchange in, a WireRequest out, and back.
 *
 * <p>The body is gathered without blocking, on whichever of Jetty's threads finds it readable (the selector's, as
 * a non-blocking handler), and the call then runs once on a pool thread. A blocking read instead would park a pool
 * thread through the client's {@code Expect: 100-continue} round trip and wake it for every piece of the body: a
 * PutObject cost about six thread switches, which on a small machine is a large share of its CPU.
 */
public final class JettyAdapter extends Handler.Abstract {

    /** Answers to requests whose body could not be read whole. */
    public interface BodyProblems {
        /** The body stopped arriving for the connection's idle time; the request holds what did arrive. */
        WireResponse timedOut(WireRequest request);

        /** The declared length is more than a body can hold; the request holds no body. */
        WireResponse tooLarge(WireRequest request, long declaredLength, long maxLength);
    }

    private final Function<WireRequest, WireResponse> handler;
    private final BodyProblems problems;

    /** @param handler answers a request whose body arrived whole */
    public JettyAdapter(Function<WireRequest, WireResponse> handler, BodyProblems problems) {
        super(Invocable.InvocationType.NON_BLOCKING);
        this.handler = handler;
        this.problems = problems;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        long declared = request.getLength();
        if (declared > Body.MAX_SIZE) {
            request.getComponents().getExecutor().execute(() -> exchange.serve(
                    r -> problems.tooLarge(r, declared, Body.MAX_SIZE)));
        } else {
            exchange.readAvailable();
        }
        return true;
    }

    /** One request: its body as it arrives, then the call and its answer. */
    private final class Exchange {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Body body;
        /** Runs {@link #readAvailable} again when more of the body has arrived; it never blocks. */
        private final Runnable onContent;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.body = new Body(request.getLength());
            this.onContent = Invocable.from(Invocable.InvocationType.NON_BLOCKING, this::readAvailable);
        }

        void readAvailable() {
            try {
                readUntilWaiting();
            } catch (RuntimeException e) {
                // A body too large to hold, or a pool that takes no more work: the exchange fails, Jetty goes on.
                callback.failed(e);
            }
        }

        private void readUntilWaiting() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(onContent);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (!chunk.isLast() && chunk.getFailure() instanceof TimeoutException) {
                        // Idle with the body unfinished: an answer, as AWS gives, not a dropped connection.
                        request.getComponents().getExecutor().execute(() -> serve(problems::timedOut));
                    } else {
                        callback.failed(chunk.getFailure());
                    }
                    return;
                }
                body.append(chunk.getByteBuffer());
                chunk.release();
                if (chunk.isLast()) {
                    request.getComponents().getExecutor().execute(() -> serve(handler));
                    return;
                }
            }
        }

        /** On a pool thread: the call may wait for the store. */
        private void serve(Function<WireRequest, WireResponse> answering) {
            try {
                answer(answering.apply(wireRequest()));
            } catch (Throwable e) {
                callback.failed(e);
            }
        }

        private WireRequest wireRequest() {
            Headers headers = new Headers();
            for (HttpField field : request.getHeaders()) {
                headers.add(field.getName(), field.getValue());
            }
            return new WireRequest(request.getMethod(), request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery(), headers, body.bytes(), Request.getRemoteAddr(request));
        }

        private void answer(WireResponse answer) {
            response.setStatus(answer.status());
            for (String name : answer.headers().names()) {
                for (String value : answer.headers().all(name)) {
                    response.getHeaders().add(answer.headers().originalName(name), value);
                }
            }
            if (!answer.headers().contains("Content-Length")) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            }
            boolean head = "HEAD".equals(request.getMethod());
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body()), callback);
        }
    }
}
