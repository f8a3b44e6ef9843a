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

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.function.Function;

/** The only place Jetty's types meet ours: an HTTP exchange in, a WireRequest out, and back. */
public final class JettyAdapter extends Handler.Abstract {
    private final Function<WireRequest, WireResponse> handler;

    public JettyAdapter(Function<WireRequest, WireResponse> handler) {
        this.handler = handler;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readAllBytes();
        }
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
}
