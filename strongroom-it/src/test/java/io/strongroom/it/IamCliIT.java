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

/** The representative IAM path through the AWS CLI (an independent codec): users, keys, policies, roles. */
class IamCliIT {
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


    static Path file(String name, String content) throws Exception {
        Path path = Files.createTempFile(name, ".json");
        Files.writeString(path, content);
        return path;
    }

    @Test
    void userKeyInlinePolicyAndRoleWithTrustPolicy() throws Exception {
        JsonNode user = cli.json("iam", "create-user", "--user-name", "backup-operator", "--path", "/ops/",
                "--tags", "Key=team,Value=platform").get("User");
        assertThat(user.get("Arn").asText()).isEqualTo("arn:aws:iam::111111111111:user/ops/backup-operator");
        assertThat(user.get("UserId").asText()).startsWith("AIDA");

        JsonNode key = cli.json("iam", "create-access-key", "--user-name", "backup-operator").get("AccessKey");
        assertThat(key.get("AccessKeyId").asText()).startsWith("AKIA");
        assertThat(key.get("SecretAccessKey").asText()).hasSize(40);
        assertThat(key.get("Status").asText()).isEqualTo("Active");
        assertThat(cli.json("iam", "list-access-keys", "--user-name", "backup-operator").get("AccessKeyMetadata"))
                .hasSize(1);

        String policy = """
                {
                  "Version": "2012-10-17",
                  "Statement": [{"Sid": "ReadBackups", "Effect": "Allow", "Action": ["backup:List*"], "Resource": "*"}]
                }""";
        cli.json("iam", "put-user-policy", "--user-name", "backup-operator", "--policy-name", "read-backups",
                "--policy-document", "file://" + file("policy", policy));
        JsonNode stored = cli.json("iam", "get-user-policy", "--user-name", "backup-operator", "--policy-name", "read-backups");
        // The CLI decodes IAM's percent-encoded documents back into JSON.
        assertThat(stored.get("PolicyDocument")).isEqualTo(JSON.readTree(policy));

        String trust = """
                {"Version": "2012-10-17",
                 "Statement": [{"Effect": "Allow", "Principal": {"Service": "backup.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";
        JsonNode role = cli.json("iam", "create-role", "--role-name", "AWSBackupDefaultServiceRole", "--path", "/service-role/",
                "--assume-role-policy-document", "file://" + file("trust", trust), "--max-session-duration", "7200",
                "--description", "Backup's service role").get("Role");
        assertThat(role.get("Arn").asText())
                .isEqualTo("arn:aws:iam::111111111111:role/service-role/AWSBackupDefaultServiceRole");
        assertThat(role.get("RoleId").asText()).startsWith("AROA");
        cli.json("iam", "attach-role-policy", "--role-name", "AWSBackupDefaultServiceRole", "--policy-arn",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup");

        JsonNode roles = cli.json("iam", "list-roles", "--path-prefix", "/service-role/").get("Roles");
        assertThat(roles).hasSize(1);
        assertThat(roles.get(0).get("RoleName").asText()).isEqualTo("AWSBackupDefaultServiceRole");

        JsonNode fetched = cli.json("iam", "get-role", "--role-name", "AWSBackupDefaultServiceRole").get("Role");
        assertThat(fetched.get("AssumeRolePolicyDocument")).isEqualTo(JSON.readTree(trust));
        assertThat(fetched.get("MaxSessionDuration").asInt()).isEqualTo(7200);
        assertThat(fetched.get("Description").asText()).isEqualTo("Backup's service role");
        assertThat(cli.json("iam", "list-attached-role-policies", "--role-name", "AWSBackupDefaultServiceRole")
                .get("AttachedPolicies").get(0).get("PolicyName").asText()).isEqualTo("AWSBackupServiceRolePolicyForBackup");

        AwsCli.Result duplicate = cli.run("iam", "create-role", "--role-name", "awsbackupdefaultservicerole",
                "--assume-role-policy-document", "file://" + file("trust", trust));
        assertThat(duplicate.exitCode()).isNotZero();
        assertThat(duplicate.stderr()).contains("EntityAlreadyExists")
                .contains("Role with name awsbackupdefaultservicerole already exists.");
        AwsCli.Result malformed = cli.run("iam", "put-user-policy", "--user-name", "backup-operator", "--policy-name",
                "broken", "--policy-document", "{not json");
        assertThat(malformed.exitCode()).isNotZero();
        assertThat(malformed.stderr()).contains("MalformedPolicyDocument").contains("Syntax errors in policy.");
    }
}
