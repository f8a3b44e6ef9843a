package io.strongroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Strongroom's {@code /_strongroom/} admin API, as a test or a script calls it. */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOCK_TIMEOUT = Duration.ofMinutes(30);
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    public AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public record Answer(int status, JsonNode body) {
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve("/_strongroom/" + path)).GET(), token);
    }

    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve("/_strongroom/" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    /** A raw answer (the EFS file extension's file contents). */
    public record RawAnswer(int status, byte[] body) {
    }

    /** Writes a file of an EFS file system (Strongroom extension, not an AWS API). */
    public Answer putEfsFile(String fileSystemId, String path, byte[] content) {
        return send(HttpRequest.newBuilder(base.resolve("/_strongroom/efs/" + fileSystemId + "/files/" + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)), token);
    }

    /** Reads a file of an EFS file system (Strongroom extension, not an AWS API). */
    public RawAnswer getEfsFile(String fileSystemId, String path) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                            base.resolve("/_strongroom/efs/" + fileSystemId + "/files/" + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new RawAnswer(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the bytes of an EBS volume (Strongroom extension, not an AWS API). */
    public Answer putEbsData(String volumeId, byte[] content) {
        return send(HttpRequest.newBuilder(base.resolve("/_strongroom/ebs/" + volumeId + "/data"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)), token);
    }

    /** Reads the bytes of an EBS volume (Strongroom extension, not an AWS API). */
    public RawAnswer getEbsData(String volumeId) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                            base.resolve("/_strongroom/ebs/" + volumeId + "/data"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new RawAnswer(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer getWithToken(String path, String otherToken) {
        return send(HttpRequest.newBuilder(base.resolve("/_strongroom/" + path)).GET(), otherToken);
    }

    public Instant now() {
        return Instant.parse(get("clock").body().get("now").asText());
    }

    public Instant advance(Duration duration) {
        // A clock move runs all the work that falls due: its time grows with that work, not with the request.
        Answer answer = send(HttpRequest.newBuilder(base.resolve("/_strongroom/clock/advance"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"duration\":\"" + duration + "\"}"))
                .timeout(CLOCK_TIMEOUT), token);
        if (answer.status() != 200) {
            throw new IllegalStateException("clock/advance answered " + answer);
        }
        return Instant.parse(answer.body().get("now").asText());
    }

    /** Moves the clock to {@code time} (not before now). */
    public Instant set(Instant time) {
        Answer answer = post("clock/set", "{\"time\":\"" + time + "\"}");
        if (answer.status() != 200) {
            throw new IllegalStateException("clock/set answered " + answer);
        }
        return Instant.parse(answer.body().get("now").asText());
    }

    /** A standalone account (outside any organization) and its root credentials: [accountId, keyId, secret]. */
    public String[] createAccount(String name) {
        Answer answer = post("accounts", "{\"name\":\"" + name + "\"}");
        return keyOf(answer);
    }

    /** A fresh root access key of an existing account: [accountId, keyId, secret]. */
    public String[] rootAccessKey(String accountId) {
        return keyOf(post("accounts/" + accountId + "/root-access-key", ""));
    }

    private static String[] keyOf(Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("admin API answered " + answer);
        }
        return new String[]{answer.body().get("accountId").asText(), answer.body().get("accessKeyId").asText(),
                answer.body().get("secretAccessKey").asText()};
    }

    public boolean healthy() {
        try {
            return get("health").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Answer send(HttpRequest.Builder request, String bearer) {
        if (request.build().timeout().isEmpty()) {
            request.timeout(Duration.ofSeconds(60));
        }
        try {
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<byte[]> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
