package io.strongroom.testkit;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Requests signed by the AWS SDK's own SigV4 signer and sent byte for byte as given, so a test can
 * tamper with what was signed, sign at another time, or leave the signature off.
 */
public final class RawRequests {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private final HttpClient http = HttpClient.newHttpClient();

    public record Raw(String method, URI uri, Map<String, List<String>> headers, String body) {
        public Raw withBody(String newBody) {
            return new Raw(method, uri, headers, newBody);
        }

        public Raw withHeader(String name, String value) {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(headers);
            copy.put(name, List.of(value));
            return new Raw(method, uri, copy, body);
        }
    }

    public record Answer(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** A form-encoded POST to a query-protocol service (STS, IAM), signed at {@code signingClock}'s time. */
    public static Raw query(URI endpoint, String service, AwsCredentialsIdentity identity, String form, Clock signingClock) {
        return sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build(),
                service, identity, form, signingClock);
    }

    /** An awsJson 1.1 POST with {@code X-Amz-Target}. */
    public static Raw json(URI endpoint, String service, String target, AwsCredentialsIdentity identity, String body,
                           Clock signingClock) {
        return sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target).build(), service, identity, body, signingClock);
    }

    /** A restJson1 request (AWS Backup, EFS): {@code method} on {@code path}, a JSON body (may be empty). */
    public static Raw rest(URI endpoint, String service, String method, String path, AwsCredentialsIdentity identity,
                           String body, Clock signingClock) {
        return sign(SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(endpoint.resolve(path))
                .putHeader("Content-Type", "application/json").build(), service, identity, body, signingClock);
    }

    /**
     * An S3 PutObject as the SDK streams it without payload signing: aws-chunked with a trailing
     * {@code x-amz-checksum-crc32}, whose value {@code trailerEdit} may then alter (the trailer is unsigned).
     */
    public static Raw s3PutWithCrc32Trailer(URI endpoint, String path, AwsCredentialsIdentity identity, String body,
                                            java.util.function.UnaryOperator<String> trailerEdit) {
        // Signed as for https, where the SDK leaves the payload and its trailer unsigned; sent to the same host.
        URI target = endpoint.resolve(path);
        URI asHttps = URI.create("https" + target.toString().substring(target.getScheme().length()));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(asHttps)
                .putHeader("Content-Type", "text/plain").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM,
                        software.amazon.awssdk.checksums.DefaultChecksumAlgorithm.CRC32));
        String chunked;
        try (java.io.InputStream in = signed.payload().orElseThrow().newStream()) {
            chunked = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signed.request().headers());
        return new Raw("PUT", target, headers, trailerEdit.apply(chunked));
    }

    public static AwsCredentialsIdentity identity(String keyId, String secret, String token) {
        return token == null ? AwsCredentialsIdentity.create(keyId, secret)
                : AwsSessionCredentialsIdentity.create(keyId, secret, token);
    }

    private static Raw sign(SdkHttpRequest request, String service, AwsCredentialsIdentity identity, String body,
                            Clock signingClock) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signingClock));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signed.request().headers());
        return new Raw(request.method().name(), signed.request().getUri(), headers, body);
    }

    public Answer send(Raw raw) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(raw.uri())
                .method(raw.method(), HttpRequest.BodyPublishers.ofString(raw.body(), StandardCharsets.UTF_8));
        raw.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
