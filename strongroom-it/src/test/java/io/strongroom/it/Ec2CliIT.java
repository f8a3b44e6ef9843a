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

/** The representative EBS path through the AWS CLI: a tagged volume, found by tag; bytes via the admin API. */
class Ec2CliIT {
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
    void createDescribeAndUseData() throws Exception {
        JsonNode created = cli.json("ec2", "create-volume", "--availability-zone", "eu-west-1a", "--size", "8",
                "--tag-specifications", "ResourceType=volume,Tags=[{Key=Backup,Value=daily-prod},{Key=Name,Value=db}]");
        String id = created.get("VolumeId").asText();
        assertThat(id).matches("vol-[0-9a-f]{17}");
        assertThat(created.get("State").asText()).isEqualTo("available");
        assertThat(created.get("VolumeType").asText()).isEqualTo("gp2");

        JsonNode described = cli.json("ec2", "describe-volumes", "--filters", "Name=tag:Backup,Values=daily-prod");
        assertThat(described.at("/Volumes/0/VolumeId").asText()).isEqualTo(id);
        assertThat(described.at("/Volumes/0/Size").asInt()).isEqualTo(8);

        AwsCli.Result missing = cli.run("ec2", "describe-volumes", "--volume-ids", "vol-0123456789abcdef0");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("InvalidVolume.NotFound");

        AdminClient admin = server.endpoint().admin();
        admin.putEbsData(id, "sector".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(admin.getEbsData(id).body(), StandardCharsets.UTF_8)).isEqualTo("sector");
    }
}
