package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The representative EFS path through the AWS CLI: a tagged file system, described; files via the admin API. */
class EfsCliIT {
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

    @Test
    void createDescribeAndUseFiles() throws Exception {
        JsonNode created = cli.json("efs", "create-file-system", "--creation-token", "shared-home",
                "--tags", "Key=Backup,Value=daily-prod", "Key=Name,Value=home");
        String id = created.get("FileSystemId").asText();
        assertThat(created.get("LifeCycleState").asText()).isEqualTo("available");
        assertThat(created.get("Name").asText()).isEqualTo("home");
        assertThat(created.get("FileSystemArn").asText())
                .isEqualTo("arn:aws:elasticfilesystem:eu-west-1:111111111111:file-system/" + id);

        JsonNode described = cli.json("efs", "describe-file-systems", "--file-system-id", id);
        assertThat(described.at("/FileSystems/0/CreationToken").asText()).isEqualTo("shared-home");
        assertThat(described.at("/FileSystems/0/PerformanceMode").asText()).isEqualTo("generalPurpose");

        JsonNode tags = cli.json("efs", "list-tags-for-resource", "--resource-id", id);
        assertThat(tags.get("Tags").toString()).contains("daily-prod");

        AwsCli.Result again = cli.run("efs", "create-file-system", "--creation-token", "shared-home");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("FileSystemAlreadyExists");

        AdminClient admin = server.endpoint().admin();
        admin.putEfsFile(id, "users/ada/notes.txt", "remember".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(admin.getEfsFile(id, "users/ada/notes.txt").body(), StandardCharsets.UTF_8))
                .isEqualTo("remember");
        assertThat(cli.json("efs", "describe-file-systems", "--creation-token", "shared-home")
                .at("/FileSystems/0/SizeInBytes/Value").asLong()).isEqualTo(8);
    }
}
