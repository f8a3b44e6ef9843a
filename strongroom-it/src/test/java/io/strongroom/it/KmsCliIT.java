package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The representative KMS path through the AWS CLI (an independent codec): create a key and an alias, encrypt a file
 * with an encryption context, decrypt the blob without naming the key, and AWS's error for the wrong context.
 */
class KmsCliIT {
    static TestServer server;
    static AwsCli cli;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        cli = new AwsCli(server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void keyRotationIsEnabledAndRead() {
        String keyId = cli.json("kms", "create-key").at("/KeyMetadata/KeyId").asText();
        assertThat(cli.json("kms", "get-key-rotation-status", "--key-id", keyId).get("KeyRotationEnabled")
                .asBoolean()).isFalse();
        assertThat(cli.json("kms", "enable-key-rotation", "--key-id", keyId)).isNull();
        assertThat(cli.json("kms", "get-key-rotation-status", "--key-id", keyId).get("KeyRotationEnabled")
                .asBoolean()).isTrue();
    }

    @Test
    void createKeyEncryptAFileAndDecryptIt() throws Exception {
        JsonNode created = cli.json("kms", "create-key", "--description", "cli key",
                "--tags", "TagKey=Backup,TagValue=daily");
        String keyId = created.at("/KeyMetadata/KeyId").asText();
        assertThat(created.at("/KeyMetadata/KeyState").asText()).isEqualTo("Enabled");
        assertThat(created.at("/KeyMetadata/KeyManager").asText()).isEqualTo("CUSTOMER");
        assertThat(cli.json("kms", "create-alias", "--alias-name", "alias/cli-key", "--target-key-id", keyId))
                .isNull();

        byte[] secret = new byte[300];
        new java.util.Random(7).nextBytes(secret);
        Path plaintext = dir.resolve("secret.bin");
        Files.write(plaintext, secret);
        JsonNode encrypted = cli.json("kms", "encrypt", "--key-id", "alias/cli-key",
                "--plaintext", "fileb://" + plaintext, "--encryption-context", "purpose=cli,team=ops");
        assertThat(encrypted.get("KeyId").asText()).isEqualTo(created.at("/KeyMetadata/Arn").asText());
        Path blob = dir.resolve("secret.blob");
        Files.write(blob, Base64.getDecoder().decode(encrypted.get("CiphertextBlob").asText()));

        JsonNode decrypted = cli.json("kms", "decrypt", "--ciphertext-blob", "fileb://" + blob,
                "--encryption-context", "team=ops,purpose=cli");
        assertThat(Base64.getDecoder().decode(decrypted.get("Plaintext").asText())).isEqualTo(secret);
        assertThat(decrypted.get("KeyId").asText()).isEqualTo(created.at("/KeyMetadata/Arn").asText());

        AwsCli.Result wrong = cli.run("kms", "decrypt", "--ciphertext-blob", "fileb://" + blob,
                "--encryption-context", "purpose=other,team=ops");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.stderr()).contains("InvalidCiphertextException");

        cli.json("kms", "disable-key", "--key-id", keyId);
        AwsCli.Result disabled = cli.run("kms", "encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plaintext);
        assertThat(disabled.stderr()).contains("DisabledException").contains("is disabled.");
        JsonNode scheduled = cli.json("kms", "schedule-key-deletion", "--key-id", keyId,
                "--pending-window-in-days", "7");
        assertThat(scheduled.get("KeyState").asText()).isEqualTo("PendingDeletion");
        assertThat(cli.json("kms", "list-aliases", "--key-id", keyId).at("/Aliases/0/AliasName").asText())
                .isEqualTo("alias/cli-key");
    }
}
