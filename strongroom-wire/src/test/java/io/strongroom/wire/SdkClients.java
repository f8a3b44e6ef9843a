package io.strongroom.wire;

import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.regions.Region;

/** Real SDK clients and their own marshallers, pointed at a local endpoint. */
final class SdkClients {
    private SdkClients() {
    }

    static <B extends AwsClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .build();
    }

    /** The protocol factory the generated client built for itself. */
    static Object protocolFactory(SdkClient client) {
        try {
            Field f = client.getClass().getDeclaredField("protocolFactory");
            f.setAccessible(true);
            return f.get(client);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marshals with the SDK's generated {@code transform.<Op>RequestMarshaller}. */
    static SdkHttpFullRequest marshal(SdkClient client, SdkRequest request) {
        try {
            String pkg = request.getClass().getPackageName().replaceFirst("\\.model$", ".transform");
            Class<?> m = Class.forName(pkg + "." + request.getClass().getSimpleName() + "Marshaller");
            Object factory = protocolFactory(client);
            for (Constructor<?> c : m.getConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0].isInstance(factory)) {
                    Object marshaller = c.newInstance(factory);
                    return (SdkHttpFullRequest) m.getMethod("marshall", Object.class).invoke(marshaller, request);
                }
            }
            throw new IllegalStateException("no marshaller constructor for " + m);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The marshalled request as it would reach us: query parameters moved to a form body for query protocols
     * (the SDK does that in an interceptor), and the bucket put in front of S3 paths (endpoint resolution does).
     */
    static WireRequest toWire(SdkHttpFullRequest r, String host, boolean formBody, String pathBucket) {
        Headers h = new Headers();
        r.headers().forEach((k, vs) -> vs.forEach(v -> h.add(k, v)));
        h.set("Host", host);
        byte[] body = r.contentStreamProvider().map(p -> readAll(p.newStream())).orElse(new byte[0]);
        String query = encode(r.rawQueryParameters());
        if (formBody && body.length == 0) {
            body = query == null ? new byte[0] : query.getBytes(StandardCharsets.UTF_8);
            query = null;
            h.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        }
        String path = r.encodedPath().isEmpty() ? "/" : r.encodedPath();
        if (pathBucket != null) {
            path = "/" + pathBucket + (path.equals("/") ? "" : path);
        }
        return new WireRequest(r.method().name(), path, query, h, body, "127.0.0.1");
    }

    private static String encode(Map<String, List<String>> params) {
        if (params.isEmpty()) {
            return null;
        }
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, vs) -> {
            for (String v : vs) {
                j.add(v == null ? url(k) : url(k) + "=" + url(v));
            }
        });
        return j.toString();
    }

    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
