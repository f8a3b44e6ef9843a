package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3's version-2 Authorization header (D131) as boto3 sends it with {@code signature_version='s3'}: a real boto3 in
 * python3 puts, reads, tags and lists objects as an IAM user, its policy's Deny still applies, a wrong secret is
 * SignatureDoesNotMatch with the string to sign, and a session from GetSessionToken signs with its token.
 */
class S3SigV2IT {
    private static final String BUCKET = "legacy-backups";
    private static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static Endpoint endpoint;
    static AwsCredentials legacy;
    static Path script;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        endpoint = server.endpoint();
        try (S3Client s3 = endpoint.client(S3Client.builder().forcePathStyle(true));
             IamClient iam = endpoint.client(IamClient.builder())) {
            s3.createBucket(b -> b.bucket(BUCKET).createBucketConfiguration(CreateBucketConfiguration.builder()
                    .locationConstraint(BucketLocationConstraint.EU_WEST_1).build()));
            s3.putObject(b -> b.bucket(BUCKET).key("private/keys.txt"), RequestBody.fromString("secret"));
            iam.createUser(r -> r.userName("legacy-script"));
            iam.putUserPolicy(r -> r.userName("legacy-script").policyName("backups").policyDocument("""
                    {"Version":"2012-10-17","Statement":[
                     {"Effect":"Allow","Action":["s3:*","sts:GetSessionToken"],"Resource":"*"},
                     {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::legacy-backups/private/*"}]}
                    """));
            var key = iam.createAccessKey(r -> r.userName("legacy-script")).accessKey();
            legacy = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        script = Files.createTempFile("boto3_calls", ".py");
        try (InputStream in = S3SigV2IT.class.getResourceAsStream("/sigv2/boto3_calls.py")) {
            Files.write(script, in.readAllBytes());
        }
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        Files.deleteIfExists(script);
    }

    /** The first python3 that imports boto3: the one on PATH, else Debian's (.ci/prerequisites installs boto3). */
    private static final String PYTHON = java.util.stream.Stream.of("python3", "/usr/bin/python3")
            .filter(S3SigV2IT::importsBoto3).findFirst().orElse("python3");

    private static boolean importsBoto3(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import boto3").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static ObjectNode call(String op, Object... params) {
        ObjectNode call = JSON.createObjectNode().put("op", op);
        for (int i = 0; i < params.length; i += 2) {
            call.set((String) params[i], JSON.valueToTree(params[i + 1]));
        }
        return call;
    }

    /** Runs the calls in one boto3 client signing with version 2, and returns their outcomes in order. */
    private static List<JsonNode> boto3(String keyId, String secret, String token, ObjectNode... calls)
            throws Exception {
        ObjectNode args = JSON.createObjectNode().put("endpoint", endpoint.uri().toString()).put("key", keyId)
                .put("secret", secret);
        if (token != null) {
            args.put("token", token);
        }
        ArrayNode list = args.putArray("calls");
        for (ObjectNode c : calls) {
            list.add(c);
        }
        Process process = new ProcessBuilder(PYTHON, script.toString(), JSON.writeValueAsString(args))
                .redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("python3 with boto3: %s", err).isZero();
        List<JsonNode> results = new ArrayList<>();
        JSON.readTree(out).forEach(results::add);
        assertThat(results).hasSize(calls.length)
                .allSatisfy(r -> assertThat(r.get("authorization").asText()).isEqualTo("AWS " + keyId));
        return results;
    }

    @Test
    void boto3SigningWithVersion2PutsReadsAndListsObjects() throws Exception {
        List<JsonNode> results = boto3(legacy.accessKeyId(), legacy.secretAccessKey(), null,
                call("put_object", "Bucket", BUCKET, "Key", "nightly/db dump.sql", "Body", "CREATE TABLE t;",
                        "ContentType", "application/sql", "Metadata", Map.of("Owner", "cron")),
                call("get_object", "Bucket", BUCKET, "Key", "nightly/db dump.sql"),
                call("put_object_tagging", "Bucket", BUCKET, "Key", "nightly/db dump.sql", "Tagging",
                        Map.of("TagSet", List.of(Map.of("Key", "tier", "Value", "cold")))),
                call("get_object_tagging", "Bucket", BUCKET, "Key", "nightly/db dump.sql"),
                call("list_objects_v2", "Bucket", BUCKET, "Prefix", "nightly/"),
                call("list_objects", "Bucket", BUCKET, "Prefix", "nightly/"));
        assertThat(results).allSatisfy(r -> assertThat(r.get("ok").asBoolean()).as(r.toString()).isTrue());
        assertThat(results.get(1).get("body").asText()).isEqualTo("CREATE TABLE t;");
        assertThat(results.get(3).get("tags")).isEqualTo(JSON.valueToTree(Map.of("tier", "cold")));
        assertThat(results.get(4).get("keys")).isEqualTo(JSON.valueToTree(List.of("nightly/db dump.sql")));
        assertThat(results.get(5).get("keys")).isEqualTo(JSON.valueToTree(List.of("nightly/db dump.sql")));
        try (S3Client s3 = endpoint.client(S3Client.builder().forcePathStyle(true))) {
            var head = s3.headObject(b -> b.bucket(BUCKET).key("nightly/db dump.sql"));
            assertThat(head.contentType()).isEqualTo("application/sql");
            assertThat(head.metadata()).containsEntry("owner", "cron");
        }
    }

    @Test
    void theUsersPolicyStillDecides() throws Exception {
        List<JsonNode> results = boto3(legacy.accessKeyId(), legacy.secretAccessKey(), null,
                call("get_object", "Bucket", BUCKET, "Key", "private/keys.txt"),
                call("head_bucket", "Bucket", BUCKET));
        assertThat(results.get(0).get("ok").asBoolean()).isFalse();
        assertThat(results.get(0).get("code").asText()).isEqualTo("AccessDenied");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(403);
        assertThat(results.get(1).get("ok").asBoolean()).isTrue();
    }

    @Test
    void aWrongSecretOrAnUnknownKeyIsRefused() throws Exception {
        JsonNode wrong = boto3(legacy.accessKeyId(), "not-the-secret", null,
                call("list_objects_v2", "Bucket", BUCKET)).get(0);
        assertThat(wrong.get("code").asText()).isEqualTo("SignatureDoesNotMatch");
        assertThat(wrong.get("status").asInt()).isEqualTo(403);
        assertThat(wrong.get("message").asText()).isEqualTo("The request signature we calculated does not match the"
                + " signature you provided. Check your key and signing method.");
        assertThat(wrong.get("stringToSign").asText()).startsWith("GET\n\n\n").endsWith("\n/" + BUCKET + "/");
        JsonNode unknown = boto3("AKIAUNKNOWNKEY000000", "whatever", null,
                call("list_objects_v2", "Bucket", BUCKET)).get(0);
        assertThat(unknown.get("code").asText()).isEqualTo("InvalidAccessKeyId");
        assertThat(unknown.get("status").asInt()).isEqualTo(403);
    }

    @Test
    void aSessionSignsWithItsToken() throws Exception {
        Credentials session;
        try (StsClient sts = endpoint.client(StsClient.builder(), legacy)) {
            session = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
        }
        List<JsonNode> results = boto3(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(),
                call("put_object", "Bucket", BUCKET, "Key", "session/note.txt", "Body", "from a session"),
                call("get_object", "Bucket", BUCKET, "Key", "session/note.txt"),
                call("get_object", "Bucket", BUCKET, "Key", "private/keys.txt"));
        assertThat(results.get(1).get("body").asText()).isEqualTo("from a session");
        assertThat(results.get(2).get("code").asText()).isEqualTo("AccessDenied");
        JsonNode forged = boto3(session.accessKeyId(), session.secretAccessKey(), "not-the-token",
                call("list_objects_v2", "Bucket", BUCKET)).get(0);
        assertThat(forged.get("code").asText()).isEqualTo("InvalidToken");
    }

    @Test
    void aDateOutsideFifteenMinutesIsTooSkewedAndOtherServicesRefuseTheHeader() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(16));
        String stringToSign = "GET\n\n\n" + date + "\n/" + BUCKET + "/";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(legacy.secretAccessKey().getBytes(StandardCharsets.UTF_8),
                "HmacSHA1"));
        String signature = java.util.Base64.getEncoder().encodeToString(
                mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> skewed = http.send(HttpRequest.newBuilder(URI.create(endpoint.uri() + "/" + BUCKET))
                .header("Date", date).header("Authorization", "AWS " + legacy.accessKeyId() + ":" + signature)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(skewed.statusCode()).isEqualTo(403);
        assertThat(skewed.body()).contains("<Code>RequestTimeTooSkewed</Code>")
                .contains("<Message>The difference between the request time and the current time is too large."
                        + "</Message>");
        // STS (a query request) answers the header as it always did: not a mechanism it supports.
        HttpResponse<String> sts = http.send(HttpRequest.newBuilder(URI.create(endpoint.uri() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Date", date)
                .header("Authorization", "AWS " + legacy.accessKeyId() + ":" + signature)
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sts.statusCode()).isEqualTo(400);
        assertThat(sts.body()).contains("<Code>IncompleteSignature</Code>").contains("The authorization mechanism you"
                + " have provided is not supported. Please use AWS4-HMAC-SHA256.");
    }
}
