package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws accessanalyzer validate-policy} on the seed's SCP: the AWS CLI's own codec reads our findings. */
class ValidatePolicyCliIT {
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

    @Test
    void theSeedScpThroughTheCli() throws Exception {
        Path file = Files.createTempFile("protect-backups", ".json");
        Files.writeString(file, OrganizationsIT.resource("protect-backups-scp.json"));
        AwsCli.Result result = cli.run("accessanalyzer", "validate-policy", "--policy-type", "SERVICE_CONTROL_POLICY",
                "--policy-document", "file://" + file);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode findings = JSON.readTree(result.stdout()).get("findings");
        assertThat(findings).hasSize(2);
        JsonNode key = findings.get(1);
        assertThat(key.get("findingType").asText()).isEqualTo("ERROR");
        assertThat(key.get("issueCode").asText()).isEqualTo("INVALID_GLOBAL_CONDITION_KEY");
        assertThat(key.get("findingDetails").asText()).contains("Did you mean aws:PrincipalOrgPaths?");
        assertThat(key.get("locations").get(0).get("path")).isEqualTo(JSON.readTree("""
                [{"value": "Statement"}, {"index": 1}, {"value": "Condition"}, {"value": "StringEquals"},
                 {"key": "aws:PrincipalOrgPath"}]"""));
        assertThat(key.get("locations").get(0).get("span").get("start")).isEqualTo(JSON.readTree("""
                {"line": 34, "column": 26, "offset": 913}"""));
    }
}
