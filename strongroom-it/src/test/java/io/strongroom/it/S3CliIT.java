package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 through the AWS CLI, an independent codec: its high-level {@code aws s3} commands upload a 20 MiB file
 * as a multipart upload with aws-chunked parts and download it again in ranges.
 */
class S3CliIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static AwsCli cli;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        cli = new AwsCli(server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String ok(String... args) {
        AwsCli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.stderr()).isZero();
        return result.stdout();
    }

    static JsonNode json(String... args) throws Exception {
        String out = ok(args);
        return out.isBlank() ? null : JSON.readTree(out);
    }

    @Test
    void bucketSubResourcesNeverConfiguredReadAsOnAws() throws Exception {
        ok("s3", "mb", "s3://cli-settings");
        JsonNode acl = json("s3api", "get-bucket-acl", "--bucket", "cli-settings");
        assertThat(acl.at("/Owner/ID").asText()).isEqualTo("111111111111");
        assertThat(acl.at("/Grants/0/Permission").asText()).isEqualTo("FULL_CONTROL");
        assertThat(acl.at("/Grants/0/Grantee/Type").asText()).isEqualTo("CanonicalUser");
        assertThat(json("s3api", "get-bucket-request-payment", "--bucket", "cli-settings").get("Payer").asText())
                .isEqualTo("BucketOwner");
        AwsCli.Result cors = cli.run("s3api", "get-bucket-cors", "--bucket", "cli-settings");
        assertThat(cors.exitCode()).isNotZero();
        assertThat(cors.stderr()).contains("(NoSuchCORSConfiguration)", "The CORS configuration does not exist");
    }

    @Test
    void makeBucketCopyTwentyMebibytesUpAndDownAndList(@TempDir Path dir) throws Exception {
        ok("s3", "mb", "s3://cli-bucket");
        byte[] data = new byte[20 * 1024 * 1024 + 12345];
        new Random(42).nextBytes(data);
        Path up = dir.resolve("up.bin");
        Files.write(up, data);

        ok("s3", "cp", up.toString(), "s3://cli-bucket/backups/up.bin");
        JsonNode head = json("s3api", "head-object", "--bucket", "cli-bucket", "--key", "backups/up.bin");
        assertThat(head.get("ContentLength").asLong()).isEqualTo(data.length);
        assertThat(head.get("ETag").asText()).matches("\"[0-9a-f]{32}-\\d+\"");

        Path down = dir.resolve("down.bin");
        ok("s3", "cp", "s3://cli-bucket/backups/up.bin", down.toString());
        assertThat(Files.readAllBytes(down)).isEqualTo(data);

        assertThat(ok("s3", "ls", "s3://cli-bucket/")).contains("PRE backups/");
        assertThat(ok("s3", "ls", "s3://cli-bucket/backups/")).contains(Integer.toString(data.length), "up.bin");
        assertThat(ok("s3", "ls")).contains("cli-bucket");
    }

    @Test
    void versioningThroughS3Api(@TempDir Path dir) throws Exception {
        ok("s3", "mb", "s3://cli-versions");
        assertThat(ok("s3api", "get-bucket-versioning", "--bucket", "cli-versions")).isBlank();
        ok("s3api", "put-bucket-versioning", "--bucket", "cli-versions",
                "--versioning-configuration", "Status=Enabled");
        assertThat(json("s3api", "get-bucket-versioning", "--bucket", "cli-versions").get("Status").asText())
                .isEqualTo("Enabled");
        Path small = dir.resolve("small.txt");
        Files.writeString(small, "first");
        String v1 = json("s3api", "put-object", "--bucket", "cli-versions", "--key", "k", "--body", small.toString())
                .get("VersionId").asText();
        Files.writeString(small, "second");
        ok("s3", "cp", small.toString(), "s3://cli-versions/k");
        JsonNode versions = json("s3api", "list-object-versions", "--bucket", "cli-versions");
        assertThat(versions.get("Versions")).hasSize(2);
        assertThat(versions.get("Versions").get(1).get("VersionId").asText()).isEqualTo(v1);

        Path old = dir.resolve("old.txt");
        ok("s3api", "get-object", "--bucket", "cli-versions", "--key", "k", "--version-id", v1, old.toString());
        assertThat(Files.readString(old)).isEqualTo("first");

        AwsCli.Result missing = cli.run("s3api", "get-object", "--bucket", "cli-versions", "--key", "nope",
                dir.resolve("x").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("NoSuchKey");
    }
}
