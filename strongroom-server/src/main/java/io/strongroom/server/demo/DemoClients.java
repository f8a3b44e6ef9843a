package io.strongroom.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * How the demo reaches the server: SDK v2 clients against its public endpoint, and the admin API for what AWS does
 * outside its APIs (a member account's root key, the clock).
 */
final class DemoClients {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final String adminToken;
    private final HttpClient http = HttpClient.newHttpClient();

    DemoClients(URI endpoint, String adminToken) {
        this.endpoint = endpoint;
        this.adminToken = adminToken;
    }

    <B extends AwsClientBuilder<B, C>, C> C client(B builder, AwsCredentials credentials) {
        return builder.endpointOverride(endpoint).region(Region.of(DemoPolicies.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    /** A fresh root access key of an account (AWS: sign in as root and create one; here the admin API). */
    AwsBasicCredentials rootKey(String accountId) {
        JsonNode key = admin("POST", "accounts/" + accountId + "/root-access-key", "");
        return AwsBasicCredentials.create(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());
    }

    Instant now() {
        return Instant.parse(admin("GET", "clock", null).get("now").asText());
    }

    /** Writes an EBS volume's bytes (a Strongroom extension: AWS has no API for a volume's content). */
    void writeVolume(String volumeId, byte[] bytes) {
        send(HttpRequest.newBuilder(endpoint.resolve("/_strongroom/ebs/" + volumeId + "/data"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** Writes a file into an EFS file system's directory (a Strongroom extension: AWS serves files over NFS). */
    void writeFile(String fileSystemId, String path, byte[] bytes) {
        send(HttpRequest.newBuilder(endpoint.resolve("/_strongroom/efs/" + fileSystemId + "/files/" + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private JsonNode admin(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/_strongroom/" + path));
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            return JSON.readTree(send(request));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + adminToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("admin API answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
