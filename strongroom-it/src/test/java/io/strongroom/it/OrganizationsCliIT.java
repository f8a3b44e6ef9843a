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

/** The representative Organizations path through the AWS CLI: a tree, an account, a backup policy, its effect. */
class OrganizationsCliIT {
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
    void backupPolicyAttachedToAnOuReachesTheAccountsInIt() throws Exception {
        cli.json("organizations", "create-organization", "--feature-set", "ALL");
        String rootId = cli.json("organizations", "list-roots").get("Roots").get(0).get("Id").asText();
        String production = cli.json("organizations", "create-organizational-unit", "--parent-id", rootId,
                "--name", "Production").get("OrganizationalUnit").get("Id").asText();
        String request = cli.json("organizations", "create-account", "--email", "payments@example.com",
                "--account-name", "payments").get("CreateAccountStatus").get("Id").asText();
        JsonNode status = cli.json("organizations", "describe-create-account-status", "--create-account-request-id", request)
                .get("CreateAccountStatus");
        assertThat(status.get("State").asText()).isEqualTo("SUCCEEDED");
        String payments = status.get("AccountId").asText();
        cli.json("organizations", "move-account", "--account-id", payments, "--source-parent-id", rootId,
                "--destination-parent-id", production);
        cli.json("organizations", "enable-policy-type", "--root-id", rootId, "--policy-type", "BACKUP_POLICY");

        Path policyFile = Files.createTempFile("backup-policy", ".json");
        Files.writeString(policyFile, OrganizationsIT.resource("daily-prod-backup-policy.json"));
        String policyId = cli.json("organizations", "create-policy", "--name", "org-backup", "--description", "daily",
                "--type", "BACKUP_POLICY", "--content", "file://" + policyFile).get("Policy").get("PolicySummary")
                .get("Id").asText();
        cli.json("organizations", "attach-policy", "--policy-id", policyId, "--target-id", production);

        JsonNode effective = cli.json("organizations", "describe-effective-policy", "--policy-type", "BACKUP_POLICY",
                "--target-id", payments).get("EffectivePolicy");
        assertThat(JSON.readTree(effective.get("PolicyContent").asText()))
                .isEqualTo(JSON.readTree(OrganizationsIT.resource("daily-prod-effective.json")));

        AwsCli.Result denied = cli.run("organizations", "delete-policy", "--policy-id", policyId);
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.stderr()).contains("PolicyInUseException");
    }
}
