package io.strongroom.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkResponse;

/**
 * A JDK HTTP server that runs requests through {@link Wire} the way the real server does, so that
 * the SDK's own client marshals our requests and its own handlers parse our responses and errors.
 */
final class LoopbackServer implements AutoCloseable {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");

    private final Wire wire;
    private final HttpServer server;
    final AtomicReference<Call> lastCall = new AtomicReference<>();
    final AtomicReference<WireResponse> lastResponse = new AtomicReference<>();
    volatile Function<Call, SdkResponse> handler = c -> {
        throw new IllegalStateException("no handler");
    };
    volatile byte[] streamingBody;

    LoopbackServer(Wire wire) throws IOException {
        this.wire = wire;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        Headers h = new Headers();
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            e.getValue().forEach(v -> h.add(e.getKey(), v));
        }
        WireRequest req = new WireRequest(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(), h, ex.getRequestBody().readAllBytes(), "127.0.0.1");
        String auth = h.first("Authorization").orElse("");
        Matcher m = SCOPE.matcher(auth);
        String signingName = m.find() ? m.group(1) : null;
        ServiceModel service = wire.resolveService(req, signingName).orElseThrow();
        WireResponse resp;
        try {
            Call call = wire.decode(service, req);
            lastCall.set(call);
            resp = wire.encode(call, handler.apply(call), streamingBody, "req-1234");
        } catch (ServiceException e) {
            resp = wire.encodeError(service, e, "req-1234");
        }
        lastResponse.set(resp);
        for (String name : resp.headers().names()) {
            for (String v : resp.headers().all(name)) {
                ex.getResponseHeaders().add(resp.headers().originalName(name), v);
            }
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(resp.status(), head || resp.body().length == 0 ? -1 : resp.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            if (!head) {
                out.write(resp.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
