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

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;

/** The only place Jetty's types meet ours: an HTTP exchange in, a WireRequest out, and back. */
public final class JettyAdapter extends Handler.Abstract {
    private static final long PRESIZE_LIMIT = 64L * 1024 * 1024;

    private final Function<WireRequest, WireResponse> handler;

    public JettyAdapter(Function<WireRequest, WireResponse> handler) {
        this.handler = handler;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        byte[] body = readBody(request);
        Headers headers = new Headers();
        for (HttpField field : request.getHeaders()) {
            headers.add(field.getName(), field.getValue());
        }
        String remote = Request.getRemoteAddr(request);
        WireRequest wire = new WireRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers, body, remote);
        WireResponse answer = handler.apply(wire);
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
        return true;
    }

    /**
     * The whole body. With a Content-Length the bytes go straight into an array of that size (readAllBytes
     * would gather them in buffers and copy them again); a length beyond {@link #PRESIZE_LIMIT} is not
     * trusted for an up-front allocation.
     */
    private static byte[] readBody(Request request) throws IOException {
        long declared = request.getLength();
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared <= 0 || declared > PRESIZE_LIMIT) {
                return in.readAllBytes();
            }
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            byte[] rest = in.readAllBytes();
            if (read == body.length && rest.length == 0) {
                return body;
            }
            // Fewer or more bytes than declared: hand on exactly what arrived, as readAllBytes would.
            byte[] all = Arrays.copyOf(body, read + rest.length);
            System.arraycopy(rest, 0, all, read, rest.length);
            return all;
        }
    }
}
