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

/** The policy simulator through the AWS CLI (an independent codec): a policy file, actions and a context entry. */
class PolicySimulatorCliIT {
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
    void simulateCustomPolicyFromAFile() throws Exception {
        // The CLI (2.9) reads a file:// value of a list parameter as one string and would send it character by
        // character unless the file holds a JSON list, so the file is the list of policy documents.
        Path policy = Files.createTempFile("policy", ".json");
        Files.writeString(policy, JSON.writeValueAsString(java.util.List.of("""
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Sid": "Read", "Effect": "Allow", "Action": "backup:List*", "Resource": "*"},
                    {"Sid": "DeleteWithMfa", "Effect": "Allow", "Action": "backup:DeleteRecoveryPoint", "Resource": "*",
                     "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
                    {"Sid": "KeepVaults", "Effect": "Deny", "Action": "backup:DeleteBackupVault", "Resource": "*"}
                  ]
                }
                """)));

        AwsCli.Result result = cli.run("iam", "simulate-custom-policy", "--policy-input-list", "file://" + policy,
                "--action-names", "backup:ListBackupVaults", "backup:DeleteRecoveryPoint", "backup:DeleteBackupVault");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode results = JSON.readTree(result.stdout()).get("EvaluationResults");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("EvalActionName").asText()).isEqualTo("backup:ListBackupVaults");
        assertThat(results.get(0).get("EvalResourceName").asText()).isEqualTo("*");
        assertThat(results.get(0).get("EvalDecision").asText()).isEqualTo("allowed");
        assertThat(results.get(0).get("MatchedStatements")).isEqualTo(JSON.readTree("""
                [{"SourcePolicyId": "PolicyInputList.1", "SourcePolicyType": "none",
                  "StartPosition": {"Line": 4, "Column": 5}, "EndPosition": {"Line": 4, "Column": 82}}]"""));
        assertThat(results.get(1).get("EvalDecision").asText()).isEqualTo("implicitDeny");
        assertThat(results.get(1).get("MissingContextValues")).isEqualTo(JSON.readTree("[\"aws:MultiFactorAuthPresent\"]"));
        assertThat(results.get(2).get("EvalDecision").asText()).isEqualTo("explicitDeny");
        assertThat(results.get(2).get("MatchedStatements").get(0).get("StartPosition"))
                .isEqualTo(JSON.readTree("{\"Line\": 7, \"Column\": 5}"));

        AwsCli.Result withMfa = cli.run("iam", "simulate-custom-policy", "--policy-input-list", "file://" + policy,
                "--action-names", "backup:DeleteRecoveryPoint", "--context-entries",
                "ContextKeyName=aws:MultiFactorAuthPresent,ContextKeyValues=true,ContextKeyType=boolean");
        assertThat(withMfa.exitCode()).as(withMfa.stderr()).isZero();
        assertThat(JSON.readTree(withMfa.stdout()).get("EvaluationResults").get(0).get("EvalDecision").asText())
                .isEqualTo("allowed");

        AwsCli.Result malformed = cli.run("iam", "simulate-custom-policy", "--policy-input-list", "{\"Statement\":",
                "--action-names", "backup:ListBackupVaults");
        assertThat(malformed.exitCode()).isNotZero();
        assertThat(malformed.stderr()).contains("MalformedPolicyDocument", "Syntax errors in policy.");
    }
}
